import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { LinkTarget } from '../../platform/web/link-targets.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { messagesFor } from '../../platform/web/messages.ts';
import { contentMessages } from './messages.ts';
import { listPolicies } from './policies.ts';
import { searchResources } from './resources.ts';
import { pages } from './schema.ts';

const both = (words: (locale: Locale) => string): Record<Locale, string> => ({ en: words('en'), es: words('es') });

/**
 * What a menu or a call to action may link to among content: its lists, every page published in English (a
 * link serves both languages, and a page falls back to English only), and each published policy and resource,
 * titled in each language where it has a translation.
 */
export async function contentLinkTargets(db: Db): Promise<LinkTarget[]> {
  const [published, policiesEn, policiesEs, resourcesEn, resourcesEs] = await Promise.all([
    db
      .select({ slug: pages.slug, locale: pages.locale, title: pages.title })
      .from(pages)
      .where(eq(pages.published, true)),
    listPolicies(db, 'en'),
    listPolicies(db, 'es'),
    searchResources(db, { locale: 'en', perPage: 1000 }),
    searchResources(db, { locale: 'es', perPage: 1000 }),
  ]);
  const lists: LinkTarget[] = [
    { kind: 'list', ref: 'policies', path: '/policies', label: both((l) => contentMessages(l).policies.title) },
    { kind: 'list', ref: 'resources', path: '/resources', label: both((l) => contentMessages(l).resources.title) },
    { kind: 'list', ref: 'join', path: '/join', label: both((l) => messagesFor(l).footer.signupTitle) },
    { kind: 'list', ref: 'site-map', path: '/site-map', label: both((l) => contentMessages(l).siteMap.title) },
  ];
  const english = published.filter((p) => p.locale === 'en');
  const spanishTitle = new Map(published.filter((p) => p.locale === 'es').map((p) => [p.slug, p.title]));
  const pageTargets: LinkTarget[] = english.map((p) => ({
    kind: 'page',
    ref: p.slug,
    path: p.slug === 'home' ? '/' : `/${p.slug}`,
    label: { en: p.title, es: spanishTitle.get(p.slug) ?? p.title },
  }));
  const policyTitles = new Map(policiesEs.map((p) => [p.slug, p.text.title]));
  const resourceTitles = new Map(resourcesEs.items.map((r) => [r.slug, r.title]));
  return [
    ...pageTargets,
    ...lists,
    ...policiesEn.map(
      (p): LinkTarget => ({
        kind: 'policy',
        ref: p.slug,
        path: `/policies/${p.slug}`,
        label: { en: p.text.title, es: policyTitles.get(p.slug) ?? p.text.title },
      }),
    ),
    ...resourcesEn.items.map(
      (r): LinkTarget => ({
        kind: 'resource',
        ref: r.slug,
        path: `/resources/${r.slug}`,
        label: { en: r.title, es: resourceTitles.get(r.slug) ?? r.title },
      }),
    ),
  ];
}
