import { Feed } from 'feed';
import type { Db } from '../../platform/db/client.ts';
import { localizedPath, type Locale } from '../../platform/web/locale.ts';
import { renderMarkdown } from '../../platform/web/markdown.ts';
import { newsMessages } from './messages.ts';
import { getPublishedPost, listPublishedPosts } from './posts.ts';

/** How many of the newest posts a feed carries: readers poll it, and they have seen the older ones. */
export const FEED_POSTS = 20;

/**
 * The Atom feed of one language's news, built with the `feed` package: every address absolute (a feed
 * reader has no page to resolve against), each post's whole text as HTML, its site links made absolute
 * and kept in the feed's language.
 */
export async function newsFeed(
  db: Db,
  options: { locale: Locale; publicUrl: string; siteName: string },
): Promise<string> {
  const { locale, publicUrl, siteName } = options;
  const t = newsMessages(locale);
  const { items } = await listPublishedPosts(db, { locale, perPage: FEED_POSTS });
  const posts = (await Promise.all(items.map((item) => getPublishedPost(db, item.slug, locale)))).flatMap((p) =>
    p ? [p] : [],
  );
  const list = publicUrl + localizedPath(locale, '/news');
  const feed = new Feed({
    id: list,
    link: list,
    title: t.feedTitle(siteName),
    description: t.description,
    language: locale,
    // A feed that changed nothing says the same time again, so readers see nothing new.
    updated: posts.reduce((latest, p) => (p.updatedAt > latest ? p.updatedAt : latest), new Date(0)),
    generator: 'Groundswell',
    feedLinks: { atom: publicUrl + localizedPath(locale, '/news/feed.xml') },
    favicon: `${publicUrl}/favicon.svg`,
    copyright: siteName,
    author: { name: siteName, link: `${publicUrl}/` },
  });
  const links = { languagePrefix: localizedPath(locale, '/').replace(/\/$/, ''), absoluteBase: publicUrl };
  for (const post of posts) {
    const url = publicUrl + localizedPath(locale, `/news/${post.slug}`);
    feed.addItem({
      id: url,
      link: url,
      title: post.title,
      description: post.summary,
      content: renderMarkdown(post.bodyMd, links) || undefined,
      date: post.updatedAt,
      published: new Date(`${post.publishedOn}T12:00:00Z`),
      author: [{ name: post.authorName || siteName }],
      category: [{ name: t.type[post.type], term: post.type }],
    });
  }
  return feed.atom1();
}
