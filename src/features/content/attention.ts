import type { Db } from '../../platform/db/client.ts';
import { languageName, listPagesForStaff } from './page-editing.ts';
import { listPoliciesForStaff } from './policy-editing.ts';
import { listResourcesForStaff } from './resource-editing.ts';
import { locales, type Locale } from './schema.ts';
import type { TranslationStatus } from './translations.ts';
import { itemTitle } from './versions.ts';

export type AttentionItem = { label: string; href: string; reason: string };

/** One piece of content as the translation checks see it. */
type Tracked = { label: string; href: string; live: boolean; status: Record<Locale, TranslationStatus> };

export type TranslationCounts = { items: number; missing: number; older: number };
export type ContentOverview = Record<'pages' | 'policies' | 'resources', TranslationCounts>;

async function trackedContent(db: Db): Promise<Record<keyof ContentOverview, Tracked[]>> {
  const [pages, policies, resources] = await Promise.all([
    listPagesForStaff(db),
    listPoliciesForStaff(db),
    listResourcesForStaff(db),
  ]);
  return {
    pages: pages.map((p) => ({
      label: p.languages.en?.title ?? p.languages.es?.title ?? p.slug,
      href: `/admin/content/pages/${p.slug}`,
      live: Object.values(p.languages).some((l) => l.published),
      status: p.status,
    })),
    policies: policies.map((p) => ({
      label: itemTitle(p.snapshot),
      href: `/admin/content/policies/${p.snapshot.slug}`,
      live: p.snapshot.published,
      status: p.status,
    })),
    resources: resources.map((r) => ({
      label: itemTitle(r.snapshot),
      href: `/admin/content/resources/${r.snapshot.slug}`,
      live: r.snapshot.published,
      status: r.status,
    })),
  };
}

/** How many pages, policies and resources there are, and how many lack a translation or have one behind. */
export async function contentOverview(db: Db): Promise<ContentOverview> {
  const tracked = await trackedContent(db);
  const count = (items: Tracked[]): TranslationCounts => ({
    items: items.length,
    missing: items.filter((i) => locales.some((l) => i.status[l] === 'missing')).length,
    older: items.filter((i) => locales.some((l) => i.status[l] === 'older')).length,
  });
  return { pages: count(tracked.pages), policies: count(tracked.policies), resources: count(tracked.resources) };
}

/**
 * Published content whose translation is missing or older than the other
 * language's: visitors in that language see English, or out-of-date words.
 */
export async function contentNeedingAttention(db: Db): Promise<AttentionItem[]> {
  const tracked = await trackedContent(db);
  const items: AttentionItem[] = [];
  for (const item of [...tracked.pages, ...tracked.policies, ...tracked.resources]) {
    if (!item.live) continue;
    for (const locale of locales) {
      const status = item.status[locale];
      if (status === 'missing')
        items.push({ label: item.label, href: item.href, reason: `No ${languageName(locale)} version yet.` });
      if (status === 'older')
        items.push({
          label: item.label,
          href: item.href,
          reason: `The ${languageName(locale)} version is older than the other language’s.`,
        });
    }
  }
  return items;
}
