import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { plainText } from '../../platform/plain-text.ts';
import type { Db } from '../../platform/db/client.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import type { PageCache } from '../../platform/http/page-cache.ts';
import { PrivacySignalNotice, sentPrivacySignal, varyOnPrivacySignal } from '../../platform/web/privacy-signal.tsx';
import { sendPrepared } from '../../platform/http/respond.ts';
import { Layout, renderDocument, type PageMeta, type SiteFrame } from '../../platform/web/layout.tsx';
import type { Locale } from '../../platform/web/locale.ts';
import type { ImageLibrary } from '../../platform/web/images.tsx';
import type { LinkTargets } from '../../platform/web/link-targets.ts';
import { contentMessages } from './messages.ts';
import { resourceTypes } from './schema.ts';
import {
  getPolicy,
  getPublishedPage,
  getResource,
  getSiteSettings,
  listPolicies,
  listTopics,
  searchResources,
  type Page,
} from './service.ts';
import { contentSiteMap, SiteMapPage, type SiteMapSection } from './site-map.tsx';
import { fillPlaceholders, loadSectionExtras, sectionSources, type PetitionProgressOf } from './section-extras.ts';
import { PageView, visibleSections } from './views/PageView.tsx';
import { organizationHead } from './views/home-head.tsx';
import { PolicyListPage, PolicyPage } from './views/PolicyPages.tsx';
import { ResourceListPage, ResourcePage } from './views/ResourcePages.tsx';

export type ContentDeps = {
  db: Db;
  cache: PageCache;
  publicUrl: string;
  siteFrame: () => Promise<SiteFrame>;
  notFound: (c: Context<AppEnv>) => Promise<Response>;
  /** Other features' sections of the site map (petitions), handed in by the app. */
  siteMapSections?: (locale: Locale) => Promise<SiteMapSection[]>;
  /** The media library's images, for sections that show one; none when not given. */
  images?: ImageLibrary | undefined;
  /** Everything a section's link may lead to; content's own pages and lists when not given. */
  targets?: LinkTargets | undefined;
  /** A petition's count for a progress section; such sections are left out when not given. */
  petitionProgress?: PetitionProgressOf | undefined;
};

const RESOURCES_PER_PAGE = 10;

// Unknown or malformed filters are dropped rather than refused: a search box
// should always answer with results, never with an error page.
const libraryQuery = z.object({
  // Not plain text (a NUL would reach PostgreSQL): searched as if empty, as any query that does not parse.
  q: plainText({ max: 200, trim: false }).catch('').default(''),
  type: z.enum(resourceTypes).or(z.literal('')).catch('').default(''),
  topic: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .or(z.literal(''))
    .catch('')
    .default(''),
  page: z.coerce.number().int().min(1).max(1000).catch(1).default(1),
});

const editorialPages = { '/tips': 'tips', '/about': 'about', '/privacy': 'privacy' } as const;

/** The public site's pages for one language; mounted at "/" for English and "/es" for Spanish. */
export function contentRoutes(deps: ContentDeps, locale: Locale): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const sources = sectionSources(deps.db, deps);

  /** A page and what its sections show, for PageView. */
  async function pageView(given: Page) {
    const page = await fillPlaceholders(given, sources, locale);
    const extras = await loadSectionExtras(deps.db, sources, visibleSections(page), locale);
    return <PageView page={page} locale={locale} extras={extras} />;
  }

  async function render(meta: Omit<PageMeta, 'locale' | 'publicUrl' | 'site'>, body: unknown): Promise<string> {
    const site = await deps.siteFrame();
    return renderDocument(
      <Layout {...meta} locale={locale} publicUrl={deps.publicUrl} site={site}>
        {body as never}
      </Layout>,
    );
  }

  /** Serves a page from the cache, rendering it on a miss; `null` from render means 404. */
  async function cached(
    c: Context<AppEnv>,
    key: string,
    build: () => Promise<string | null>,
    effort: 'high' | 'low' = 'high',
  ): Promise<Response> {
    const body = await deps.cache
      .get(
        `${locale}:${key}`,
        async () => {
          const html = await build();
          // Thrown so that the cache forgets it: a missing page is not kept.
          if (html === null) throw new PageMissing();
          return html;
        },
        effort,
      )
      .catch((error: unknown) => {
        if (error instanceof PageMissing) return null;
        throw error;
      });
    if (body === null) return deps.notFound(c);
    return sendPrepared(c, body);
  }

  app.get('/', (c) =>
    cached(c, '/', async () => {
      const page = await getPublishedPage(deps.db, 'home', locale);
      const site = await getSiteSettings(deps.db);
      // "/" always answers: it is where "Page not found" sends people, so a
      // missing home page must not make that link lead back to itself.
      if (!page)
        return render(
          { path: '/', title: site.name, current: 'home' },
          <>
            <h1>{site.name}</h1>
            <p>{contentMessages(locale).homeMissing}</p>
          </>,
        );
      const head = organizationHead({ page, locale, publicUrl: deps.publicUrl, site });
      return render(
        { path: '/', title: page.title, description: page.description, current: 'home', head },
        await pageView(page),
      );
    }),
  );

  for (const [path, slug] of Object.entries(editorialPages)) {
    app.get(path, async (c) => {
      // The privacy page says when the browser sent Global Privacy Control (ADR 068): one cached page per answer.
      const signal = slug === 'privacy' && sentPrivacySignal(c);
      const res = await cached(c, signal ? `${path}#gpc` : path, async () => {
        const page = await getPublishedPage(deps.db, slug, locale);
        if (!page) return null;
        const current = slug === 'privacy' ? undefined : slug;
        const notice = signal ? <PrivacySignalNotice locale={locale} /> : null;
        return render({ path, title: page.title, description: page.description, current }, [
          notice,
          await pageView(page),
        ]);
      });
      return slug === 'privacy' ? varyOnPrivacySignal(res) : res;
    });
  }

  app.get('/policies', (c) =>
    cached(c, '/policies', async () => {
      const t = contentMessages(locale);
      const policies = await listPolicies(deps.db, locale);
      return render(
        { path: '/policies', title: t.policies.title, description: t.policies.description, current: 'policies' },
        <PolicyListPage policies={policies} locale={locale} />,
      );
    }),
  );

  app.get('/policies/:slug{[a-z0-9-]{1,80}}', (c) => {
    const slug = c.req.param('slug');
    return cached(c, `/policies/${slug}`, async () => {
      const policy = await getPolicy(deps.db, slug, locale);
      if (!policy) return null;
      return render(
        { path: `/policies/${slug}`, title: policy.text.title, description: policy.text.summary, current: 'policies' },
        <PolicyPage policy={policy} locale={locale} />,
      );
    });
  });

  app.get('/resources', async (c) => {
    const filters = libraryQuery.parse(c.req.query());
    const t = contentMessages(locale);
    const build = async () => {
      const [topics, result] = await Promise.all([
        deps.cache.value('topics', () => listTopics(deps.db)),
        searchResources(deps.db, { locale, ...filters, perPage: RESOURCES_PER_PAGE }),
      ]);
      return render(
        {
          path: '/resources',
          title: t.resources.title,
          description: t.resources.description,
          current: 'resources',
          noindex: Boolean(filters.q || filters.type || filters.topic || filters.page > 1),
        },
        <ResourceListPage
          locale={locale}
          filters={filters}
          topics={topics}
          items={result.items}
          total={result.total}
          perPage={RESOURCES_PER_PAGE}
        />,
      );
    };
    // Searches are pages too: many people search for the same few words. The
    // cache is bounded (least recently used go first), so odd queries cannot fill memory.
    const unfiltered = !filters.q && !filters.type && !filters.topic && filters.page === 1;
    const key = unfiltered
      ? '/resources'
      : `/resources?${new URLSearchParams({ ...filters, page: String(filters.page) }).toString()}`;
    return cached(c, key, build, unfiltered ? 'high' : 'low');
  });

  app.get('/resources/:slug{[a-z0-9-]{1,80}}', (c) => {
    const slug = c.req.param('slug');
    return cached(c, `/resources/${slug}`, async () => {
      const [resource, topics] = await Promise.all([
        getResource(deps.db, slug, locale),
        deps.cache.value('topics', () => listTopics(deps.db)),
      ]);
      if (!resource) return null;
      return render(
        { path: `/resources/${slug}`, title: resource.title, description: resource.summary, current: 'resources' },
        <ResourcePage resource={resource} locale={locale} topics={topics} />,
      );
    });
  });

  app.get('/site-map', (c) =>
    cached(c, '/site-map', async () => {
      const t = contentMessages(locale).siteMap;
      const [own, more] = await Promise.all([
        contentSiteMap(deps.db, locale),
        deps.siteMapSections?.(locale) ?? Promise.resolve([]),
      ]);
      return render(
        { path: '/site-map', title: t.title, description: t.description },
        <SiteMapPage locale={locale} sections={[...own, ...more]} />,
      );
    }),
  );

  // Pages staff added (a campaign page, a report launch…) live at the top
  // level, like /tips. Registered last, so every route above answers first.
  app.get('/:slug{[a-z0-9]+(?:-[a-z0-9]+)*}', async (c) => {
    const slug = c.req.param('slug');
    // The home page has its own address ("/"); the others are served above.
    if (slug === 'home' || slug.length > 80) return deps.notFound(c);
    const path = `/${slug}`;
    return cached(c, path, async () => {
      const page = await getPublishedPage(deps.db, slug, locale);
      if (!page) return null;
      return render({ path, title: page.title, description: page.description }, await pageView(page));
    });
  });

  return app;
}

class PageMissing extends Error {}
