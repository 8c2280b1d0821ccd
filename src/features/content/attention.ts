import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { locales } from '../../platform/web/locale.ts';
import { pages } from './schema.ts';

export type AttentionItem = { label: string; href: string; reason: string };

/** Pages whose translation is missing or older than the other language's. */
export async function contentNeedingAttention(db: Db): Promise<AttentionItem[]> {
  const rows = await db.select({ slug: pages.slug, locale: pages.locale, title: pages.title, updatedAt: pages.updatedAt }).from(pages).where(eq(pages.published, true));
  const bySlug = new Map<string, typeof rows>();
  for (const r of rows) bySlug.set(r.slug, [...(bySlug.get(r.slug) ?? []), r]);
  const items: AttentionItem[] = [];
  for (const [slug, versions] of bySlug) {
    const title = versions.find((v) => v.locale === 'en')?.title ?? versions[0]!.title;
    for (const locale of locales) {
      const mine = versions.find((v) => v.locale === locale);
      const newest = versions.reduce((a, b) => (a.updatedAt > b.updatedAt ? a : b));
      if (!mine) items.push({ label: title, href: `/admin/content/pages/${slug}`, reason: `No ${locale === 'es' ? 'Spanish' : 'English'} version yet.` });
      else if (newest.locale !== locale && newest.updatedAt.getTime() - mine.updatedAt.getTime() > 1000) {
        items.push({ label: title, href: `/admin/content/pages/${slug}`, reason: `The ${locale === 'es' ? 'Spanish' : 'English'} version is older than the ${newest.locale === 'es' ? 'Spanish' : 'English'} one.` });
      }
    }
  }
  return items;
}
