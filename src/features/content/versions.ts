import { and, desc, eq, notInArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { AuditActor } from '../audit/service.ts';
import { contentVersions, locales, type Locale, type VersionedItemType } from './schema.ts';
import type { SiteSettings } from './settings.ts';

/** How many earlier states of one item are kept; older ones are pruned at each change. */
export const VERSIONS_KEPT = 20;

export type TranslationText = { title: string; summary: string; bodyMd: string };
export type SectionSnapshot = {
  key: string;
  kind: string;
  position: number;
  heading: string;
  bodyMd: string;
  /** What the section's kind holds besides its words (sections.ts). */
  data: Record<string, unknown>;
  /** Versions taken before sections could be hidden have no flag: they were all shown. */
  hidden?: boolean;
};

export type PageSnapshot = {
  kind: 'page';
  slug: string;
  locale: Locale;
  title: string;
  description: string;
  bodyMd: string;
  published: boolean;
  sections: SectionSnapshot[];
};
export type PolicySnapshot = {
  kind: 'policy';
  slug: string;
  billNumber: string;
  sessionYear: number;
  status: string;
  position: string;
  published: boolean;
  isDemo: boolean;
  translations: Partial<Record<Locale, TranslationText>>;
};
export type ResourceSnapshot = {
  kind: 'resource';
  slug: string;
  type: string;
  publishedOn: string;
  topics: string[];
  url: string | null;
  filePath: string | null;
  published: boolean;
  isDemo: boolean;
  translations: Partial<Record<Locale, TranslationText>>;
};
/** The organisation's settings, bar the demo flag (which no restore should change). */
export type SettingsSnapshot = { kind: 'settings' } & Omit<SiteSettings, 'demo'>;
export type Snapshot = PageSnapshot | PolicySnapshot | ResourceSnapshot | SettingsSnapshot;

/** The settings are one item, filed under this key. */
export const SETTINGS_KEY = 'site';

export type VersionSummary = { id: number; createdAt: Date; createdByEmail: string; replacedBy: string };
export type Version = VersionSummary & { snapshot: Snapshot };

/** The key an item's history is filed under: its slug, and for a page its language too. */
export function itemKey(snapshot: Snapshot): string {
  if (snapshot.kind === 'settings') return SETTINGS_KEY;
  return snapshot.kind === 'page' ? pageKey(snapshot.slug, snapshot.locale) : snapshot.slug;
}

export function pageKey(slug: string, locale: Locale): string {
  return `${slug}.${locale}`;
}

/**
 * Files the state an item had before a change, then forgets all but the
 * newest VERSIONS_KEPT. Call it inside the transaction that makes the change.
 */
export async function recordVersion(tx: Db, before: Snapshot, actor: AuditActor, replacedBy: string): Promise<void> {
  const key = itemKey(before);
  await tx.insert(contentVersions).values({
    itemType: before.kind,
    itemKey: key,
    snapshot: before as unknown as Record<string, unknown>,
    replacedBy,
    createdBy: actor.staffId,
    createdByEmail: actor.email,
  });
  const kept = tx
    .select({ id: contentVersions.id })
    .from(contentVersions)
    .where(and(eq(contentVersions.itemType, before.kind), eq(contentVersions.itemKey, key)))
    .orderBy(desc(contentVersions.id))
    .limit(VERSIONS_KEPT);
  await tx
    .delete(contentVersions)
    .where(
      and(
        eq(contentVersions.itemType, before.kind),
        eq(contentVersions.itemKey, key),
        notInArray(contentVersions.id, kept),
      ),
    );
}

export async function listVersions(db: Db, type: VersionedItemType, key: string): Promise<VersionSummary[]> {
  return db
    .select({
      id: contentVersions.id,
      createdAt: contentVersions.createdAt,
      createdByEmail: contentVersions.createdByEmail,
      replacedBy: contentVersions.replacedBy,
    })
    .from(contentVersions)
    .where(and(eq(contentVersions.itemType, type), eq(contentVersions.itemKey, key)))
    .orderBy(desc(contentVersions.id));
}

export async function getVersion(
  db: Db,
  type: VersionedItemType,
  key: string,
  id: number,
): Promise<Version | undefined> {
  const [row] = await db
    .select()
    .from(contentVersions)
    .where(and(eq(contentVersions.id, id), eq(contentVersions.itemType, type), eq(contentVersions.itemKey, key)));
  if (!row) return undefined;
  return {
    id: row.id,
    createdAt: row.createdAt,
    createdByEmail: row.createdByEmail,
    replacedBy: row.replacedBy,
    snapshot: row.snapshot as unknown as Snapshot,
  };
}

/** What staff call an item: its title, in English when it has one. */
export function itemTitle(snapshot: Snapshot): string {
  if (snapshot.kind === 'settings') return 'Site settings';
  if (snapshot.kind === 'page') return snapshot.title;
  return snapshot.translations.en?.title ?? snapshot.translations.es?.title ?? snapshot.slug;
}

const languageNames: Record<Locale, string> = { en: 'English', es: 'Spanish' };

/** What the audit log calls an item: "Advocacy Day (English)"; a policy or resource by its title. */
export function auditLabel(snapshot: Snapshot): string {
  return snapshot.kind === 'page' ? `${snapshot.title} (${languageNames[snapshot.locale]})` : itemTitle(snapshot);
}

/**
 * An item as named fields, for audit summaries (which keep only the fields
 * that changed) and for the line diff between two versions. Names match the
 * form fields staff type into, so an audit entry points at what they edited.
 */
export function snapshotFields(snapshot: Snapshot): Record<string, string> {
  const fields: Record<string, string> = {};
  if (snapshot.kind === 'page') {
    Object.assign(fields, {
      title: snapshot.title,
      description: snapshot.description,
      bodyMd: snapshot.bodyMd,
      published: yesNo(snapshot.published),
    });
    // The list itself (order, kinds, which are hidden) is a field too, so a move or a hide shows in the diff.
    fields.sections = snapshot.sections.map((s) => `${s.key} (${s.kind}${s.hidden ? ', hidden' : ''})`).join('\n');
    for (const s of snapshot.sections) {
      fields[`section.${s.key}.heading`] = s.heading;
      fields[`section.${s.key}.bodyMd`] = s.bodyMd;
      flattenInto(fields, `section.${s.key}.data`, s.data);
    }
    return fields;
  }
  if (snapshot.kind === 'settings') return settingsFields(snapshot);
  if (snapshot.kind === 'policy') {
    Object.assign(fields, {
      billNumber: snapshot.billNumber,
      sessionYear: String(snapshot.sessionYear),
      status: snapshot.status,
      position: snapshot.position,
      published: yesNo(snapshot.published),
    });
  } else {
    Object.assign(fields, {
      type: snapshot.type,
      publishedOn: snapshot.publishedOn,
      topics: snapshot.topics.join(', '),
      url: snapshot.url ?? '',
      file: snapshot.filePath ?? '',
      published: yesNo(snapshot.published),
    });
  }
  for (const locale of locales) {
    const t = snapshot.translations[locale];
    fields[`${locale}.title`] = t?.title ?? '';
    fields[`${locale}.summary`] = t?.summary ?? '';
    fields[`${locale}.bodyMd`] = t?.bodyMd ?? '';
  }
  return fields;
}

/** The settings as the form's fields: a profile a line, an image by its file. */
function settingsFields(s: SettingsSnapshot): Record<string, string> {
  return {
    name: s.name,
    shortName: s.shortName,
    legalName: s.legalName,
    'description.en': s.description.en,
    'description.es': s.description.es,
    contactEmail: s.contactEmail,
    phone: s.phone,
    postalAddress: s.postalAddress,
    timeZone: s.timeZone,
    defaultLanguage: s.defaultLanguage,
    profiles: s.profiles.join('\n'),
    donateUrl: s.donateUrl,
    brandColour: s.brandColour,
    brandDarkColour: s.brandDarkColour,
    logo: s.logo?.key ?? '',
    favicon: s.favicon?.large ?? '',
  };
}

/** A field name as staff read it: "section.hero.heading" → "Section “hero”: heading". */
export function fieldLabel(name: string): string {
  const section = /^section\.([^.]+)\.(?:data\.)?(.+)$/.exec(name);
  if (section) return `Section “${section[1]}”: ${words(section[2]!)}`;
  const translated = /^(en|es)\.(.+)$/.exec(name);
  if (translated) return `${languageNames[translated[1] as Locale]}: ${words(translated[2]!)}`;
  const described = /^description\.(en|es)$/.exec(name);
  if (described) return `Short description (${languageNames[described[1] as Locale]})`;
  return capitalise(words(name));
}

/** The whole item as text, one labelled block a field, for diffLines. */
export function snapshotText(snapshot: Snapshot | undefined): string {
  if (!snapshot) return '';
  return Object.entries(snapshotFields(snapshot))
    .map(([name, value]) => `[${fieldLabel(name)}]\n${value.endsWith('\n') ? value : `${value}\n`}`)
    .join('');
}

/** Nested values as one field each ("section.values.data.cards.0.title"), as text; empty ones left out. */
function flattenInto(fields: Record<string, string>, prefix: string, value: unknown): void {
  if (value === null || value === undefined || value === '') return;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) flattenInto(fields, `${prefix}.${index}`, item);
  } else if (typeof value === 'object')
    for (const [name, item] of Object.entries(value)) flattenInto(fields, `${prefix}.${name}`, item);
  else fields[prefix] = String(value);
}

function words(name: string): string {
  const known: Record<string, string> = {
    bodyMd: 'text',
    billNumber: 'bill number',
    sessionYear: 'session year',
    publishedOn: 'date published',
    url: 'web address',
    href: 'link address',
    contactEmail: 'contact email',
    donateUrl: 'donate link',
    brandColour: 'brand colour',
    brandDarkColour: 'brand dark colour',
    profiles: 'social profiles',
    timeZone: 'time zone',
    sections: 'sections, in order',
    linkLabel: 'link text',
    imageId: 'image',
  };
  return known[name] ?? name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}
