import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { done, notFound, refused, type EditOutcome, type Editor } from './editing.ts';
import { newPageInput, pageTextInput, sectionTextInput } from './inputs.ts';
import { pageSections, pages, type Locale } from './schema.ts';
import { upgradeSections } from './legacy-sections.ts';
import { whySectionsCannotBePublished } from './sections.ts';
import { bumpContentVersion } from './settings.ts';
import { translationStatuses, withLineFeeds, type TranslationStatus } from './translations.ts';
import { auditLabel, pageKey, recordVersion, snapshotFields, type PageSnapshot } from './versions.ts';

/** Pages the public site's own routes serve; they can be unpublished but not deleted. */
export const builtInPageSlugs: readonly string[] = ['home', 'tips', 'about', 'privacy'];

/** Addresses other routes answer first (here or in the workspace), so a page there could never be reached. */
const reservedPageSlugs = new Set([
  'new',
  'policies',
  'resources',
  'admin',
  'files',
  'assets',
  'es',
  'en',
  'healthz',
  'metrics',
  'sitemap',
  'robots',
  'favicon',
]);

export type PageLanguageState = { title: string; published: boolean; updatedAt: Date; status: TranslationStatus };
export type PageOverview = {
  slug: string;
  languages: Partial<Record<Locale, PageLanguageState>>;
  status: Record<Locale, TranslationStatus>;
};
export type PageDraft = PageSnapshot & { updatedAt: Date };

export type PageChange = {
  title: string;
  description: string;
  bodyMd: string;
  /** By section key; sections not named here are left as they are. */
  sections: Record<string, { heading: string; bodyMd: string; data: Record<string, string> }>;
};

/**
 * The short words of a section's kind that the page's edit form shows beside its heading and text,
 * so a translator finds every word of a page on one screen; the rest of a kind is the section editor's.
 */
export const sectionWordFields = ['figure', 'caption', 'attribution', 'linkLabel'] as const;

/** A section's word fields that it has, with their values. */
export function sectionWords(data: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    sectionWordFields.filter((name) => typeof data[name] === 'string').map((name) => [name, data[name] as string]),
  );
}

/** Every page, each with the state of each language: for the staff list. */
export async function listPagesForStaff(db: Db, slug?: string): Promise<PageOverview[]> {
  const rows = await db
    .select({
      slug: pages.slug,
      locale: pages.locale,
      title: pages.title,
      published: pages.published,
      updatedAt: pages.updatedAt,
    })
    .from(pages)
    .where(slug === undefined ? undefined : eq(pages.slug, slug))
    .orderBy(asc(pages.slug));
  const bySlug = new Map<string, typeof rows>();
  for (const row of rows) bySlug.set(row.slug, [...(bySlug.get(row.slug) ?? []), row]);
  return [...bySlug].map(([slug, versions]) => {
    const status = translationStatuses(Object.fromEntries(versions.map((v) => [v.locale, v.updatedAt])));
    const languages: PageOverview['languages'] = {};
    for (const v of versions)
      languages[v.locale] = {
        title: v.title,
        published: v.published,
        updatedAt: v.updatedAt,
        status: status[v.locale],
      };
    return { slug, languages, status };
  });
}

/** One language of a page as staff edit it, published or not. */
export async function getPageDraft(db: Db, slug: string, locale: Locale): Promise<PageDraft | undefined> {
  const found = await findPage(db, slug, locale);
  return found ? { ...found.snapshot, updatedAt: found.updatedAt } : undefined;
}

export async function createStaffPage(
  db: Db,
  input: { slug: string; locale: Locale; title: string; description: string; bodyMd: string },
  editor: Editor,
): Promise<EditOutcome> {
  const page = newPageInput.parse(input);
  if (reservedPageSlugs.has(page.slug))
    return refused('slug', 'That address is used by another part of the site. Choose another.');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(pages)
      .values({ ...page, published: false })
      .onConflictDoNothing()
      .returning({ id: pages.id });
    if (!row) return refused('slug', `A page at this address already exists in ${languageName(page.locale)}.`);
    await bumpContentVersion(tx);
    await recordAudit(tx, editor, {
      action: 'page.create',
      subjectType: 'page',
      subjectId: pageKey(page.slug, page.locale),
      subjectLabel: `${page.title} (${languageName(page.locale)})`,
      after: { title: page.title, published: false },
    });
    return done;
  });
}

/**
 * Starts a page's version in another language as a copy of an existing one,
 * sections included, so the translator works over the same layout. It starts
 * as a draft.
 */
export async function addPageTranslation(db: Db, slug: string, locale: Locale, editor: Editor): Promise<EditOutcome> {
  return db.transaction(async (tx) => {
    const sourceLocale = locale === 'en' ? 'es' : 'en';
    const source = await findPage(tx, slug, sourceLocale);
    if (!source) return notFound;
    if (await findPage(tx, slug, locale))
      return refused('locale', `This page already has a ${languageName(locale)} version.`);
    // Same "last changed" time as its source: the words are the source's until
    // someone saves a translation, so neither language shows as lagging yet.
    await insertPage(tx, { ...source.snapshot, locale, published: false }, source.updatedAt);
    await bumpContentVersion(tx);
    await recordAudit(tx, editor, {
      action: 'page.create',
      subjectType: 'page',
      subjectId: pageKey(slug, locale),
      subjectLabel: `${source.snapshot.title} (${languageName(locale)})`,
      after: { title: source.snapshot.title, published: false },
      note: `Copied from the ${languageName(sourceLocale)} version to translate.`,
    });
    return done;
  });
}

export async function savePage(
  db: Db,
  slug: string,
  locale: Locale,
  change: PageChange,
  editor: Editor,
): Promise<EditOutcome> {
  const typed = pageTextInput.parse(change);
  const text = {
    title: withLineFeeds(typed.title),
    description: withLineFeeds(typed.description),
    bodyMd: withLineFeeds(typed.bodyMd),
  };
  return db.transaction(async (tx) => {
    const before = await findPage(tx, slug, locale);
    if (!before) return notFound;
    const sections = before.snapshot.sections.map((section) => {
      const typedSection = change.sections[section.key];
      if (!typedSection) return section;
      const words = sectionTextInput.parse(typedSection);
      // Only the word fields the section already has: its kind decides which exist.
      const typedWords = Object.entries(sectionWords(section.data)).map(([name, value]) => [
        name,
        withLineFeeds(words.data[name] ?? value),
      ]);
      const data = { ...section.data, ...Object.fromEntries(typedWords) };
      return { ...section, heading: withLineFeeds(words.heading), bodyMd: withLineFeeds(words.bodyMd), data };
    });
    const after: PageSnapshot = { ...before.snapshot, ...text, sections };
    const unpublishable = before.snapshot.published ? whySectionsCannotBePublished(sections) : undefined;
    if (unpublishable) {
      const quote = sections.find((s) => unpublishable.includes(`“${s.key}”`));
      return refused(quote ? `section.${quote.key}.data.attribution` : 'page', unpublishable);
    }
    const fieldsBefore = snapshotFields(before.snapshot);
    const fieldsAfter = snapshotFields(after);
    // The same words saved again are no edit: the "last changed" time, which
    // tells a translator which language lags, moves only when words do.
    if (Object.keys(fieldsAfter).every((name) => fieldsAfter[name] === fieldsBefore[name])) return done;
    await recordVersion(tx, before.snapshot, editor, 'update');
    await tx
      .update(pages)
      .set({ ...text, updatedAt: new Date() })
      .where(eq(pages.id, before.id));
    for (const s of sections) {
      await tx
        .update(pageSections)
        .set({ heading: s.heading, bodyMd: s.bodyMd, data: s.data, updatedAt: new Date() })
        .where(and(eq(pageSections.pageId, before.id), eq(pageSections.key, s.key)));
    }
    await bumpContentVersion(tx);
    await recordAudit(tx, editor, {
      action: 'page.update',
      subjectType: 'page',
      subjectId: pageKey(slug, locale),
      subjectLabel: auditLabel(after),
      before: fieldsBefore,
      after: fieldsAfter,
    });
    return done;
  });
}

/**
 * Why a language of a page may not be unpublished, or undefined when it may.
 * The home page is the site's front door: without it "/" would answer
 * "Page not found" to everyone.
 */
export function whyPageCannotBeUnpublished(slug: string): string | undefined {
  return slug === 'home' ? homePageStays : undefined;
}

const homePageStays =
  'The home page is the front door of the site, so it cannot be unpublished or deleted: without it, ' +
  'visitors to the site’s address would see “Page not found”. You can edit its words.';

/** Publishing changes who can see the words, not the words: the "last changed" time stays. */
export async function setPagePublished(
  db: Db,
  slug: string,
  locale: Locale,
  published: boolean,
  editor: Editor,
): Promise<EditOutcome> {
  const blocked = published ? undefined : whyPageCannotBeUnpublished(slug);
  if (blocked) return refused('page', blocked);
  return db.transaction(async (tx) => {
    const before = await findPage(tx, slug, locale);
    if (!before) return notFound;
    const unpublishable = published ? whySectionsCannotBePublished(before.snapshot.sections) : undefined;
    if (unpublishable) return refused('page', unpublishable);
    const action = published ? 'publish' : 'unpublish';
    await recordVersion(tx, before.snapshot, editor, action);
    await tx.update(pages).set({ published }).where(eq(pages.id, before.id));
    await bumpContentVersion(tx);
    await recordAudit(tx, editor, {
      action: `page.${action}`,
      subjectType: 'page',
      subjectId: pageKey(slug, locale),
      subjectLabel: auditLabel(before.snapshot),
      before: { published: before.snapshot.published },
      after: { published },
    });
    return done;
  });
}

/** Why a page may not be deleted, or undefined when it may. */
export function whyPageCannotBeDeleted(slug: string): string | undefined {
  if (slug === 'home') return homePageStays;
  return builtInPageSlugs.includes(slug)
    ? 'This page is part of the site’s structure, so it cannot be deleted. You can unpublish it instead.'
    : undefined;
}

export async function deletePage(db: Db, slug: string, locale: Locale, editor: Editor): Promise<EditOutcome> {
  const blocked = whyPageCannotBeDeleted(slug);
  if (blocked) return refused('page', blocked);
  return db.transaction(async (tx) => {
    const before = await findPage(tx, slug, locale);
    if (!before) return notFound;
    // Kept in the history, so a page deleted by mistake can be put back.
    await recordVersion(tx, before.snapshot, editor, 'delete');
    await tx.delete(pages).where(eq(pages.id, before.id));
    await bumpContentVersion(tx);
    await recordAudit(tx, editor, {
      action: 'page.delete',
      subjectType: 'page',
      subjectId: pageKey(slug, locale),
      subjectLabel: auditLabel(before.snapshot),
      before: { title: before.snapshot.title, published: before.snapshot.published },
    });
    return done;
  });
}

/**
 * Puts an earlier state back (inside the restore's transaction): words and
 * sections as they were; whether it is published stays as it is now, and a
 * page restored after being deleted comes back as a draft.
 */
export async function applyPageSnapshot(tx: Db, snapshot: PageSnapshot): Promise<{ before: PageSnapshot | undefined }> {
  const current = await findPage(tx, snapshot.slug, snapshot.locale);
  if (current) await tx.delete(pages).where(eq(pages.id, current.id));
  const sections = upgradeSections(snapshot.sections, snapshot.locale);
  await insertPage(tx, { ...snapshot, sections, published: current?.snapshot.published ?? false });
  return { before: current?.snapshot };
}

export async function readPageSnapshot(db: Db, slug: string, locale: Locale): Promise<PageSnapshot | undefined> {
  return (await findPage(db, slug, locale))?.snapshot;
}

export async function findPage(
  db: Db,
  slug: string,
  locale: Locale,
): Promise<{ id: number; updatedAt: Date; snapshot: PageSnapshot } | undefined> {
  const [page] = await db
    .select()
    .from(pages)
    .where(and(eq(pages.slug, slug), eq(pages.locale, locale)));
  if (!page) return undefined;
  const sections = await db
    .select()
    .from(pageSections)
    .where(eq(pageSections.pageId, page.id))
    .orderBy(asc(pageSections.position));
  return {
    id: page.id,
    updatedAt: page.updatedAt,
    snapshot: {
      kind: 'page',
      slug: page.slug,
      locale: page.locale,
      title: page.title,
      description: page.description,
      bodyMd: page.bodyMd,
      published: page.published,
      sections: sections.map((s) => ({
        key: s.key,
        kind: s.kind,
        position: s.position,
        heading: s.heading,
        bodyMd: s.bodyMd,
        data: s.data,
        hidden: s.hidden,
      })),
    },
  };
}

export async function insertPage(tx: Db, page: PageSnapshot, updatedAt = new Date()): Promise<void> {
  const [row] = await tx
    .insert(pages)
    .values({
      slug: page.slug,
      locale: page.locale,
      title: page.title,
      description: page.description,
      bodyMd: page.bodyMd,
      published: page.published,
      updatedAt,
    })
    .returning({ id: pages.id });
  if (page.sections.length > 0) {
    await tx
      .insert(pageSections)
      .values(page.sections.map((s) => ({ ...s, hidden: s.hidden ?? false, pageId: row!.id })));
  }
}

export function languageName(locale: Locale): string {
  return locale === 'es' ? 'Spanish' : 'English';
}
