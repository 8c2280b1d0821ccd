import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import { siteState } from './schema.ts';

/** Whether a zone is one the runtime knows (an IANA name such as America/Los_Angeles). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An uploaded logo, made to the header's height: its file key and size, for width and height in the markup. */
const logoSchema = z.object({ key: z.string(), width: z.number().int(), height: z.number().int() });
/** The favicon as 32 px (the tab) and 180 px (a phone's home screen). */
const faviconSchema = z.object({ small: z.string(), large: z.string() });
const hexColour = z.string().regex(/^#[0-9a-f]{6}$/);

/**
 * What makes the site one organisation's rather than another's: name,
 * contact details, address, profiles, colours and logo. Staff edit them on
 * the settings screen (settings-editing.ts); every field has a default, so a
 * stored row from an older version still reads.
 */
export const siteSettingsSchema = z.preprocess(
  // Before the settings screen the short description was called the tagline.
  (stored) => {
    if (!stored || typeof stored !== 'object') return stored;
    const { tagline, ...rest } = stored as Record<string, unknown>;
    return 'description' in rest || tagline === undefined ? rest : { ...rest, description: tagline };
  },
  z.object({
    name: z.string().trim().min(1).max(120).default('Groundswell'),
    shortName: z.string().trim().max(40).default(''),
    legalName: z.string().trim().max(200).default(''),
    description: z
      .object({ en: z.string().max(300).default(''), es: z.string().max(300).default('') })
      .default({ en: '', es: '' }),
    contactEmail: z.string().trim().max(200).default(''),
    phone: z.string().trim().max(40).default(''),
    postalAddress: z.string().trim().max(300).default(''),
    /** Where the organisation is: staff enter and read times (scheduled broadcasts, events) in this zone. */
    timeZone: z
      .string()
      .refine(isTimeZone, 'must be an IANA time zone such as America/Los_Angeles')
      .default('America/Los_Angeles'),
    /** The language a first-time visitor gets when their browser asks for none of ours (ADR: settings). */
    defaultLanguage: z.enum(['en', 'es']).default('en'),
    /** Public profiles: plain links in the footer, and sameAs in the home page's structured data. */
    profiles: z.array(z.url()).max(10).default([]),
    /** The organisation's payment page, linked as a "Donate" button in the header. */
    donateUrl: z.string().default(''),
    /** Colours the stylesheet's --brand and --brand-dark take; empty keeps the built-in ones. */
    brandColour: z.union([hexColour, z.literal('')]).default(''),
    brandDarkColour: z.union([hexColour, z.literal('')]).default(''),
    logo: logoSchema.nullable().default(null),
    favicon: faviconSchema.nullable().default(null),
    /** True while the content is the demo seed, so pages can say so. */
    demo: z.boolean().default(false),
  }),
);
export type SiteSettings = z.infer<typeof siteSettingsSchema>;
export type SiteLogo = z.infer<typeof logoSchema>;
export type SiteFavicon = z.infer<typeof faviconSchema>;

export async function getSiteSettings(db: Db): Promise<SiteSettings> {
  const [row] = await db.select({ settings: siteState.settings }).from(siteState).where(eq(siteState.id, 1));
  return siteSettingsSchema.parse(row?.settings ?? {});
}

/**
 * Writes settings and bumps the content version in one statement. Staff's
 * changes go through saveSettings (settings-editing.ts), which adds the
 * history and the audit entry; this alone is for the demo seed and tests.
 */
export async function updateSiteSettings(db: Db, patch: Partial<SiteSettings>): Promise<SiteSettings> {
  const next = siteSettingsSchema.parse({ ...(await getSiteSettings(db)), ...patch });
  await db
    .insert(siteState)
    .values({ id: 1, settings: next })
    .onConflictDoUpdate({
      target: siteState.id,
      set: { settings: next, contentVersion: sql`${siteState.contentVersion} + 1` },
    });
  return next;
}

/**
 * Rendered pages are cached in memory and keyed to this number; every content
 * write bumps it inside its own transaction, so no cache outlives a change.
 */
export async function getContentVersion(db: Db): Promise<number> {
  const [row] = await db.select({ v: siteState.contentVersion }).from(siteState).where(eq(siteState.id, 1));
  return row?.v ?? 0;
}

export async function bumpContentVersion(db: Db): Promise<void> {
  await db
    .insert(siteState)
    .values({ id: 1 })
    .onConflictDoUpdate({ target: siteState.id, set: { contentVersion: sql`${siteState.contentVersion} + 1` } });
}
