import type { Db } from '../../platform/db/client.ts';
import type { LinkTarget } from '../../platform/web/link-targets.ts';
import { newsMessages } from './messages.ts';
import { listPublishedPosts } from './posts.ts';

/** What a menu item or a call to action may lead to in news: the list, and each published post. */
export async function newsLinkTargets(db: Db): Promise<LinkTarget[]> {
  const [english, spanish] = await Promise.all([
    listPublishedPosts(db, { locale: 'en', perPage: 500 }),
    listPublishedPosts(db, { locale: 'es', perPage: 500 }),
  ]);
  const spanishTitle = new Map(spanish.items.map((p) => [p.slug, p.title]));
  return [
    { kind: 'list', ref: 'news', path: '/news', label: { en: newsMessages('en').title, es: newsMessages('es').title } },
    ...english.items.map(
      (p): LinkTarget => ({
        kind: 'post',
        ref: p.slug,
        path: `/news/${p.slug}`,
        label: { en: p.title, es: spanishTitle.get(p.slug) ?? p.title },
      }),
    ),
  ];
}
