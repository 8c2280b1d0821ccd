import { Hono, type Context } from 'hono';
import type { Db } from '../../platform/db/client.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { sendHtml } from '../../platform/http/respond.ts';
import type { SearchSource } from '../../platform/search.ts';
import { Layout, renderDocument, type SiteFrame } from '../../platform/web/layout.tsx';
import type { Locale } from '../../platform/web/locale.ts';
import { searchMessages } from './messages.ts';
import { cleanQuery, highlightSummaries, searchSite } from './service.ts';
import { SearchPage, type SearchResults } from './views/SearchPage.tsx';

export type SearchDeps = {
  db: Db;
  publicUrl: string;
  siteFrame: () => Promise<SiteFrame>;
  /** Every feature's part of site search, composed by the app. */
  sources: readonly SearchSource[];
  /**
   * Whether this client may search now. GET requests pass the write limits; a search costs the database a few
   * statements, so the app gives it a bucket of its own.
   */
  mayQuery: (c: Context<AppEnv>) => boolean;
  /** The page that says "too many requests", in the visitor's language. */
  tooMany: (c: Context<AppEnv>) => Promise<Response>;
};

/** The most results shown: ranked together, best first. */
export const RESULTS_SHOWN = 30;

/**
 * `/search?q=…` in one language. Not through the page cache, and never logged: a query can say something about
 * the person who typed it, so it is answered for them alone (`private, no-store`) and kept nowhere.
 */
export function searchRoutes(deps: SearchDeps, locale: Locale): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/search', async (c) => {
    const query = cleanQuery(c.req.query('q'));
    if (query && !deps.mayQuery(c)) return deps.tooMany(c);
    const results = await find(deps, query, locale);
    const t = searchMessages(locale);
    const site = await deps.siteFrame();
    const html = await renderDocument(
      <Layout
        locale={locale}
        path="/search"
        title={query ? t.resultsTitle(query) : t.title}
        description={t.description}
        publicUrl={deps.publicUrl}
        site={site}
        noindex
      >
        <SearchPage locale={locale} query={query} results={results} />
      </Layout>,
    );
    const response = sendHtml(c, html);
    response.headers.set('Cache-Control', 'private, no-store');
    return response;
  });

  return app;
}

async function find(deps: SearchDeps, query: string, locale: Locale): Promise<SearchResults> {
  if (!query) return { hits: [], summaries: [], capped: false };
  // One more than shown, to know whether there were more.
  const found = await searchSite(deps.db, deps.sources, query, locale, RESULTS_SHOWN + 1);
  const hits = found.slice(0, RESULTS_SHOWN);
  return { hits, summaries: await highlightSummaries(deps.db, hits, query), capped: found.length > RESULTS_SHOWN };
}
