import type { Db } from '../../platform/db/client.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { newsMessages } from './messages.ts';
import { listPublishedPosts } from './posts.ts';

/** The site map's section for news: the list, then every published post, newest first (the app hands it to content). */
export async function newsSiteMapSection(db: Db, locale: Locale) {
  const t = newsMessages(locale);
  const { items } = await listPublishedPosts(db, { locale, perPage: 1000 });
  return {
    title: t.title,
    links: [
      { path: '/news', label: t.allNews },
      ...items.map((p) => ({ path: `/news/${p.slug}`, label: p.title, lang: p.isFallback ? p.locale : undefined })),
    ],
  };
}
