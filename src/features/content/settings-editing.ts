import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import { isMailboxAddress } from '../../platform/email-address.ts';
import { plainText } from '../../platform/plain-text.ts';
import { recordAudit } from '../audit/service.ts';
import { checkBrandColour } from './brand.ts';
import { done, type EditOutcome, type Editor } from './editing.ts';
import { siteState } from './schema.ts';
import {
  bumpContentVersion,
  getSiteSettings,
  isTimeZone,
  siteSettingsSchema,
  type SiteFavicon,
  type SiteLogo,
  type SiteSettings,
} from './settings.ts';
import { auditLabel, recordVersion, SETTINGS_KEY, snapshotFields, type SettingsSnapshot } from './versions.ts';

/** At most this many social profiles: a footer with more is a list nobody reads. */
export const MAX_PROFILES = 8;

/** Every zone the runtime knows, for the time-zone select; UTC first among equals. */
export const timeZones: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];

const https = (address: string) => {
  try {
    const url = new URL(address);
    return url.protocol === 'https:' && url.hostname.includes('.') && !url.username && !url.password;
  } catch {
    return false;
  }
};

const colour = (label: string) =>
  plainText({ max: 20 }).transform((typed, ctx) => {
    const checked = checkBrandColour(typed);
    if ('hex' in checked) return checked.hex;
    ctx.addIssue({ code: 'custom', message: `${label}: ${checked.error}` });
    return z.NEVER;
  });

/** The settings form as typed: each field by the name of its control. */
export const settingsFormInput = z.object({
  name: plainText({ max: 120, required: 'Enter the organisation’s name' }),
  shortName: plainText({ max: 40 }),
  legalName: plainText({ max: 200 }),
  'description.en': plainText({ max: 300 }),
  'description.es': plainText({ max: 300 }),
  contactEmail: plainText({ max: 200 }).refine(
    (email) => email === '' || isMailboxAddress(email),
    'Enter an email address in the correct format, like name@example.org',
  ),
  phone: plainText({ max: 40 }).refine(
    (phone) => /^[0-9+().\- ]*$/.test(phone),
    'Enter a phone number using digits, spaces, and + ( ) - only',
  ),
  postalAddress: plainText({ max: 300, lines: true }),
  timeZone: z.string().refine(isTimeZone, 'Choose a time zone from the list'),
  defaultLanguage: z.enum(['en', 'es'], { message: 'Choose English or Spanish' }),
  profiles: plainText({ max: 2000, lines: true }).transform((typed, ctx) => {
    const lines = typed
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    const wrong = lines.find((line) => !https(line));
    if (wrong)
      ctx.addIssue({
        code: 'custom',
        message: `Each profile must be a full address starting https:// (not “${wrong}”)`,
      });
    else if (lines.length > MAX_PROFILES)
      ctx.addIssue({ code: 'custom', message: `List at most ${MAX_PROFILES} profiles` });
    return lines;
  }),
  donateUrl: plainText({ max: 500 }).refine(
    (url) => url === '' || https(url),
    'Enter the full address of the payment page, starting https://',
  ),
  brandColour: colour('Brand colour'),
  brandDarkColour: colour('Brand dark colour'),
});
export type SettingsForm = z.infer<typeof settingsFormInput>;
export const settingsFieldNames = Object.keys(settingsFormInput.shape);

/** What happens to the logo or the favicon: kept, taken off, or replaced by one just stored. */
export type ImageChange<T> = { action: 'keep' } | { action: 'remove' } | { action: 'replace'; image: T };

export type SettingsChange = {
  form: SettingsForm;
  logo: ImageChange<SiteLogo>;
  favicon: ImageChange<SiteFavicon>;
};

/** The settings as the form shows them. */
export function settingsFormValues(settings: SiteSettings): Record<string, string> {
  const { logo: _logo, favicon: _favicon, ...fields } = snapshotFields(settingsSnapshot(settings));
  return fields;
}

export function settingsSnapshot(settings: SiteSettings): SettingsSnapshot {
  const { demo: _demo, ...kept } = settings;
  return { kind: 'settings', ...kept };
}

export async function readSettingsSnapshot(db: Db): Promise<SettingsSnapshot> {
  return settingsSnapshot(await getSiteSettings(db));
}

function applyImage<T>(current: T | null, change: ImageChange<T>): T | null {
  if (change.action === 'keep') return current;
  return change.action === 'remove' ? null : change.image;
}

/**
 * Staff's change to the settings: one transaction that files the state
 * before in the history, writes the new one, bumps the content version (so
 * every cached page, the menu's name and the workspace's time zone refresh)
 * and records the change in the audit log. Saving what is already there
 * writes nothing.
 */
export function saveSettings(db: Db, change: SettingsChange, editor: Editor): Promise<EditOutcome> {
  return db.transaction(async (tx) => {
    const before = await getSiteSettings(tx);
    const { form } = change;
    const next = siteSettingsSchema.parse({
      ...before,
      name: form.name,
      shortName: form.shortName,
      legalName: form.legalName,
      description: { en: form['description.en'], es: form['description.es'] },
      contactEmail: form.contactEmail,
      phone: form.phone,
      postalAddress: form.postalAddress,
      timeZone: form.timeZone,
      defaultLanguage: form.defaultLanguage,
      profiles: form.profiles,
      donateUrl: form.donateUrl,
      brandColour: form.brandColour,
      brandDarkColour: form.brandDarkColour,
      logo: applyImage(before.logo, change.logo),
      favicon: applyImage(before.favicon, change.favicon),
    });
    if (JSON.stringify(next) === JSON.stringify(before)) return done;
    await writeSettings(tx, next, before, editor, 'update');
    return done;
  });
}

/** Puts an earlier version's settings back (restore.ts), keeping whether the site is the demo. */
export async function applySettingsSnapshot(tx: Db, snapshot: SettingsSnapshot): Promise<{ before: SettingsSnapshot }> {
  const before = await getSiteSettings(tx);
  const { kind: _kind, ...settings } = snapshot;
  await storeSettings(tx, siteSettingsSchema.parse({ ...settings, demo: before.demo }));
  return { before: settingsSnapshot(before) };
}

async function writeSettings(tx: Db, next: SiteSettings, before: SiteSettings, editor: Editor, replacedBy: string) {
  await recordVersion(tx, settingsSnapshot(before), editor, replacedBy);
  await storeSettings(tx, next);
  await bumpContentVersion(tx);
  const after = settingsSnapshot(next);
  await recordAudit(tx, editor, {
    action: 'settings.update',
    subjectType: 'settings',
    subjectId: SETTINGS_KEY,
    subjectLabel: auditLabel(after),
    before: snapshotFields(settingsSnapshot(before)),
    after: snapshotFields(after),
  });
}

async function storeSettings(tx: Db, settings: SiteSettings): Promise<void> {
  await tx
    .insert(siteState)
    .values({ id: 1, settings })
    .onConflictDoUpdate({ target: siteState.id, set: { settings: sql`excluded.settings` } });
}
