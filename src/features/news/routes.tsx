import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import type { PageCache } from '../../platform/http/page-cache.ts';
import { sendPrepared } from '../../platform/http/respond.ts';
import type { ImageLibrary } from '../../platform/web/images.tsx';
import { Layout, renderDocument, type PageMeta, type SiteFrame } from '../../platform/web/layout.tsx';
import type { Locale } from '../../platform/web/locale.ts';
import { listTopics } from '../content/service.ts';
import { newsFeed } from './feed.ts';
import { newsMessages } from './messages.ts';
import { getPublishedPost, listPublishedPosts } from './posts.ts';
import { FeedLink, postHead } from './views/news-head.tsx';
import { NewsListPage, PostPage } from './views/NewsPages.tsx';

export type NewsDeps = {
  db: Db;
  cache: PageCache;
  publicUrl: string;
  siteFrame: () => Promise<SiteFrame>;
  notFound: (c: Context<AppEnv>) => Promise<Response>;
  /** The media library, as the app composes it: pages show only the images it finds placeable. */
  images: ImageLibrary;
};

export const POSTS_PER_PAGE = 20;

// A page number that does not parse is the first page, never an error.
const listQuery = z.object({ page: z.coerce.number().int().min(1).max(1000).catch(1).default(1) });

class PageMissing extends Error {}

/** The news pages of one language, mounted at "/" for English and "/es" for Spanish (before content's catch-all). */
export function newsRoutes(deps: NewsDeps, locale: Locale): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  async function render(meta: Omit<PageMeta, 'locale' | 'publicUrl' | 'site'>, body: unknown): Promise<string> {
    const site = await deps.siteFrame();
    return renderDocument(
      <Layout {...meta} locale={locale} publicUrl={deps.publicUrl} site={site} current="news">
        {body as never}
      </Layout>,
    );
  }

  /** Through the page cache, keyed to the content version that every post write bumps; `null` means 404. */
  async function cached(c: Context<AppEnv>, key: string, build: () => Promise<string | null>, type?: string) {
    const body = await deps.cache
      .get(`${locale}:${key}`, async () => {
        const text = await build();
        // Thrown so that the cache forgets it: a missing page is not kept.
        if (text === null) throw new PageMissing();
        return text;
      })
      .catch((error: unknown) => {
        if (error instanceof PageMissing) return null;
        throw error;
      });
    if (body === null) return deps.notFound(c);
    return sendPrepared(c, type ? { ...body, type } : body);
  }

  const topicNames = () =>
    deps.cache
      .value('topics', () => listTopics(deps.db))
      .then((ts) => new Map(ts.map((t) => [t.slug, t.names[locale]])));

  app.get('/news', (c) => {
    const { page } = listQuery.parse(c.req.query());
    return cached(c, page === 1 ? '/news' : `/news?page=${page}`, async () => {
      const t = newsMessages(locale);
      const [site, result] = await Promise.all([
        deps.siteFrame(),
        listPublishedPosts(deps.db, { locale, page, perPage: POSTS_PER_PAGE }),
      ]);
      const pages = Math.max(1, Math.ceil(result.total / POSTS_PER_PAGE));
      if (page > pages) return null;
      const ids = result.items.flatMap((p) => (p.imageId === null ? [] : [p.imageId]));
      const images = ids.length > 0 ? await deps.images.find(ids, locale) : new Map();
      return render(
        {
          path: '/news',
          title: t.title,
          description: t.description,
          noindex: page > 1,
          head: <FeedLink locale={locale} publicUrl={deps.publicUrl} siteName={site.name} />,
        },
        <NewsListPage locale={locale} items={result.items} images={images} page={page} pages={pages} />,
      );
    });
  });

  app.get('/news/feed.xml', (c) =>
    cached(
      c,
      '/news/feed.xml',
      async () => newsFeed(deps.db, { locale, publicUrl: deps.publicUrl, siteName: (await deps.siteFrame()).name }),
      'application/atom+xml; charset=utf-8',
    ),
  );

  app.get('/news/:slug{[a-z0-9-]{1,80}}', (c) => {
    const slug = c.req.param('slug');
    return cached(c, `/news/${slug}`, async () => {
      const post = await getPublishedPost(deps.db, slug, locale);
      if (!post) return null;
      const [site, topics, images] = await Promise.all([
        deps.siteFrame(),
        topicNames(),
        post.imageId === null ? new Map() : deps.images.find([post.imageId], locale),
      ]);
      const image = post.imageId === null ? undefined : images.get(post.imageId);
      return render(
        {
          path: `/news/${slug}`,
          title: post.title,
          description: post.summary,
          head: postHead({ post, locale, publicUrl: deps.publicUrl, siteName: site.name, image }),
        },
        <PostPage post={post} locale={locale} image={image} topics={topics} />,
      );
    });
  });

  return app;
}
