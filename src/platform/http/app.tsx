import { Hono, type Context } from 'hono';
import { trimTrailingSlash } from 'hono/trailing-slash';
import type { Logger } from 'pino';
import { contentRoutes } from '../../features/content/routes.tsx';
import { getContentVersion, getSiteSettings } from '../../features/content/service.ts';
import { siteFileRoutes } from '../../features/content/site-files.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { favicon, stylesheet, type Asset } from '../web/assets.ts';
import { renderNotFound, renderServerError } from '../web/error-pages.tsx';
import type { SiteFrame } from '../web/layout.tsx';
import { splitLocale } from '../web/locale.ts';
import type { AppEnv } from './env.ts';
import { pageLanguage } from './language.ts';
import { createHttpMetrics } from './metrics.ts';
import { PageCache } from './page-cache.ts';
import { requestContext } from './request-context.ts';
import { chooseEncoding, sendHtml } from './respond.ts';
import { securityHeaders } from './security-headers.ts';

export type AppDeps = { config: Config; database: Database; logger: Logger };

const fallbackFrame: SiteFrame = { name: 'Groundswell', contactEmail: '', postalAddress: '', demo: false };

/**
 * The whole HTTP application, composed in one place: middleware in the order
 * it runs, then the platform's own routes, then each feature's routes.
 */
export function createApp(deps: AppDeps) {
  const { config, database, logger } = deps;
  const db = database.db;
  const metrics = createHttpMetrics();
  const cache = new PageCache(() => getContentVersion(db), config.pageCacheCheckMs);
  const publicUrl = config.publicUrl;

  const siteFrame = (): Promise<SiteFrame> =>
    cache.value('site-frame', async () => {
      const s = await getSiteSettings(db);
      return { name: s.name, contactEmail: s.contactEmail, postalAddress: s.postalAddress, demo: s.demo };
    });

  const notFound = async (c: Context<AppEnv>) => {
    const { locale, path } = splitLocale(c.req.path);
    const site = await siteFrame().catch(() => fallbackFrame);
    return sendHtml(c, await renderNotFound({ locale, path, publicUrl, site }), 404);
  };

  const app = new Hono<AppEnv>();
  app.use(requestContext(logger, metrics));
  app.use(securityHeaders({ hsts: config.secure }));
  app.use(trimTrailingSlash());

  app.onError(async (error, c) => {
    const requestId = c.get('requestId');
    (c.get('log') ?? logger).error({ err: error }, 'unhandled error');
    const { locale, path } = splitLocale(c.req.path);
    const site = await siteFrame().catch(() => fallbackFrame);
    const html = await renderServerError({ locale, path, publicUrl, site, requestId }).catch(() => 'Internal Server Error');
    return sendHtml(c, html, 500);
  });
  app.notFound(notFound);

  app.get('/healthz', async (c) => {
    try {
      await database.ping();
      return c.json({ status: 'ok', database: database.kind }, 200, { 'Cache-Control': 'no-store' });
    } catch {
      return c.json({ status: 'unavailable', database: database.kind }, 503, { 'Cache-Control': 'no-store' });
    }
  });

  app.get('/metrics', async (c) => {
    if (config.metricsToken && c.req.header('authorization') !== `Bearer ${config.metricsToken}`) {
      return c.text('Unauthorized\n', 401, { 'WWW-Authenticate': 'Bearer' });
    }
    return c.text(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
  });

  app.get(stylesheet.path, (c) => sendAsset(c, stylesheet, 'public, max-age=31536000, immutable'));
  app.get(favicon.path, (c) => sendAsset(c, favicon, 'public, max-age=86400'));
  app.get('/favicon.ico', (c) => c.redirect(favicon.path, 301));
  app.route('/', siteFileRoutes({ db, cache, publicUrl }));

  const contentDeps = { db, cache, publicUrl, siteFrame, notFound };
  for (const [prefix, locale] of [['/es', 'es'], ['/', 'en']] as const) {
    const site = new Hono<AppEnv>();
    site.use(pageLanguage(locale, { secure: config.secure }));
    site.route('/', contentRoutes(contentDeps, locale));
    app.route(prefix, site);
  }

  return { app, cache, metrics };
}

function sendAsset(c: Context, asset: Asset, cacheControl: string): Response {
  if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304, { ETag: asset.etag, 'Cache-Control': cacheControl });
  const encoding = chooseEncoding(c.req.header('accept-encoding'));
  const body = encoding === 'br' ? asset.br : encoding === 'gzip' ? asset.gzip : asset.identity;
  const headers: Record<string, string> = {
    'Content-Type': asset.type,
    'Cache-Control': cacheControl,
    ETag: asset.etag,
    Vary: 'Accept-Encoding',
  };
  if (encoding !== 'identity') headers['Content-Encoding'] = encoding;
  return c.body(new Uint8Array(body), 200, headers);
}
