import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { pageInput, sectionTextInput, type PageInput } from './inputs.ts';
import { pageSections, pages, type Locale } from './schema.ts';
import { bumpContentVersion } from './settings.ts';

export type Section = typeof pageSections.$inferSelect;
export type Page = typeof pages.$inferSelect & {
  sections: Section[];
  /** True when the page is shown in English because the asked-for language has no version. */
  isFallback: boolean;
};

/** Creates a page with its sections, or does nothing when that slug and language exist. */
export async function createPage(db: Db, input: PageInput): Promise<{ created: boolean }> {
  const page = pageInput.parse(input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(pages)
      .values({
        slug: page.slug,
        locale: page.locale,
        title: page.title,
        description: page.description,
        bodyMd: page.bodyMd,
        published: page.published,
      })
      .onConflictDoNothing()
      .returning({ id: pages.id });
    if (!row) return { created: false };
    if (page.sections.length > 0) {
      await tx.insert(pageSections).values(page.sections.map((s, position) => ({ ...s, pageId: row.id, position })));
    }
    await bumpContentVersion(tx);
    return { created: true };
  });
}

/** Changes one section's words; the page's layout (kind, position) stays. */
export async function updateSection(
  db: Db,
  ref: { slug: string; locale: Locale; key: string },
  change: { heading?: string; bodyMd?: string },
): Promise<boolean> {
  const patch = sectionTextInput.pick({ heading: true, bodyMd: true }).partial().parse(change);
  return db.transaction(async (tx) => {
    const [page] = await tx
      .select({ id: pages.id })
      .from(pages)
      .where(and(eq(pages.slug, ref.slug), eq(pages.locale, ref.locale)));
    if (!page) return false;
    const updated = await tx
      .update(pageSections)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(pageSections.pageId, page.id), eq(pageSections.key, ref.key)))
      .returning({ id: pageSections.id });
    if (updated.length === 0) return false;
    await tx.update(pages).set({ updatedAt: new Date() }).where(eq(pages.id, page.id));
    await bumpContentVersion(tx);
    return true;
  });
}

/**
 * The published page in the asked-for language, else in English (marked as
 * a fallback so the view can say so), else undefined.
 */
export async function getPublishedPage(db: Db, slug: string, locale: Locale): Promise<Page | undefined> {
  const candidates = await db
    .select()
    .from(pages)
    .where(and(eq(pages.slug, slug), eq(pages.published, true), inArray(pages.locale, [locale, 'en'])));
  const page = candidates.find((p) => p.locale === locale) ?? candidates[0];
  if (!page) return undefined;
  const sections = await db
    .select()
    .from(pageSections)
    .where(eq(pageSections.pageId, page.id))
    .orderBy(asc(pageSections.position));
  return { ...page, sections, isFallback: page.locale !== locale };
}

/** Slugs and languages of every published page, for the sitemap. */
export async function listPublishedPages(db: Db): Promise<{ slug: string; locale: Locale; updatedAt: Date }[]> {
  return db
    .select({ slug: pages.slug, locale: pages.locale, updatedAt: pages.updatedAt })
    .from(pages)
    .where(eq(pages.published, true));
}
