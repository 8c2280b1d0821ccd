import { Hono, type Context } from 'hono';
import { contentRoutes } from '../features/content/routes.tsx';
import { getSiteSettings, siteFrameOf } from '../features/content/service.ts';
import { ensureMenus, publicMenus } from '../features/navigation/service.ts';
import { sectionSourcesFor } from './section-sources.ts';
import { siteFileRoutes } from '../features/content/site-files.ts';
import { isUploadPath } from '../features/content/admin/routes.tsx';
import { isMediaUploadPath } from '../features/media/admin/routes.tsx';
import { IMPORT_UPLOAD_MAX_BYTES, isSupporterImportUploadPath } from '../features/supporters/admin/import.tsx';
import { mediaFileRoutes } from '../features/media/routes.tsx';
import { mediaLibrary } from '../features/media/service.ts';
import { workspaceApp } from './workspace.tsx';
import { staffSessionKey } from '../features/staff/middleware.ts';
import { EMAIL_WEBHOOK_PATH, emailWebhookRoutes } from '../features/email/webhooks.ts';
import { recordEmailFeedback } from '../features/supporters/email-feedback.ts';
import { signupRoutes } from '../features/supporters/routes.tsx';
import { PetitionPublic, petitionOpenRoutes } from '../features/petitions/public-pages.tsx';
import { isPetitionOriginCheckedPath, petitionRoutes } from '../features/petitions/routes.tsx';
import { censusGeocoder } from '../features/petitions/service.ts';
import { newsRoutes } from '../features/news/routes.tsx';
import { isEventOriginCheckedPath } from '../features/events/routes.tsx';
import { isLetterOriginCheckedPath, letterAssetRoutes } from '../features/letters/routes.tsx';
import { civicRoutes } from './civic-routes.ts';
import { committeeMemberIds } from './committees.ts';
import { supporterActionSources } from './supporter-actions.ts';
import { personalDataParts } from './personal-data.ts';
import { featurePaths, linkTargetsOf, publicVersion, searchSources, siteMapSectionsOf } from './site-index.ts';
import { storyRoutes } from '../features/stories/routes.tsx';
import { isStoryOriginCheckedPath, STORY_FORM_MAX_BYTES } from '../features/stories/share-routes.tsx';
import { quickExitRoutes } from '../platform/web/quick-exit.tsx';
import { FileKeyRing, StoryVault } from '../features/stories/service.ts';
import { searchRoutes } from '../features/search/routes.tsx';
import { isApiPath } from '../features/api/service.ts';
import { composedApi } from './api.ts';
import { isPrivacyOriginCheckedPath, privacyRoutes } from '../features/privacy/routes.tsx';
import { isOneClickUnsubscribe, preferencesRoutes } from '../features/supporters/preferences-routes.tsx';
import { join } from 'node:path';
import { Secrets } from '../platform/crypto.ts';
import { LocalFileStore } from '../platform/storage.ts';
import type { Config } from '../platform/config.ts';
import { favicon, stylesheet, workspaceScript } from '../platform/web/assets.ts';
import { renderNotFound, renderRefusal, renderServerError, renderTooLarge } from '../platform/web/error-pages.tsx';
import type { SiteFrame } from '../platform/web/layout.tsx';
import { splitLocale } from '../platform/web/locale.ts';
import { limitBodySize } from '../platform/http/body-size.ts';
import { clientIp } from '../platform/http/client-ip.ts';
import { csrfProtection } from '../platform/http/csrf.ts';
import { FormGuard } from '../platform/http/form-challenge.ts';
import { formChallengeRoutes } from '../platform/http/form-challenge-widget.tsx';
import type { AppEnv } from '../platform/http/env.ts';
import { pageLanguage } from '../platform/http/language.ts';
import { createHttpMetrics } from '../platform/http/metrics.ts';
import { PageCache } from '../platform/http/page-cache.ts';
import { limitWrites, RateLimiter } from '../platform/http/rate-limit.ts';
import { requestContext } from '../platform/http/request-context.ts';
import { truthfulLength } from '../platform/http/response-length.ts';
import { rememberSource } from '../platform/http/source-code.ts';
import { sendHtml, sendPrepared } from '../platform/http/respond.ts';
import { securityHeaders } from '../platform/http/security-headers.ts';
import { trimTrailingSlash } from '../platform/http/trailing-slash.ts';

import type { AppDeps } from './deps.ts';

export type { AppDeps };

/**
 * The largest body each kind of form may send, judged before anything reads it (ADR 025): an upload
 * its file and fields; the workspace's texts, up to 50,000 characters in each language, with room for
 * what URL-encoding adds; the mail relay's reports, as their route also checks; the public forms a
 * few short fields.
 */
export const PUBLIC_FORM_MAX_BYTES = 64 * 1024;

function bodyLimitFor(config: Config): (path: string) => number {
  const megabyte = 1024 * 1024;
  return (path) => {
    if (isUploadPath(path) || isMediaUploadPath(path)) return config.uploadMaxBytes + megabyte;
    if (isSupporterImportUploadPath(path)) return IMPORT_UPLOAD_MAX_BYTES + megabyte;
    if (path.startsWith('/admin/') || path === EMAIL_WEBHOOK_PATH) return megabyte;
    // A story runs to 20,000 characters, up to three bytes each once a form encodes them.
    if (isStoryOriginCheckedPath(path)) return STORY_FORM_MAX_BYTES;
    return PUBLIC_FORM_MAX_BYTES;
  };
}

const fallbackFrame: SiteFrame = { name: 'Groundswell', contactEmail: '', postalAddress: '', demo: false };

/**
 * The whole HTTP application, composed in one place: middleware in the order
 * it runs, then the platform's own routes, then each feature's routes.
 */
export function createApp(deps: AppDeps) {
  const { config, database, logger } = deps;
  const db = database.db;
  const metrics = createHttpMetrics();
  const cache = new PageCache(() => publicVersion(db), config.pageCacheCheckMs);
  const publicUrl = config.publicUrl;

  const linkTargets = linkTargetsOf(db);

  const siteFrame = (): Promise<SiteFrame> =>
    cache.value('site-frame', async () => {
      // A site's first menus are given once, before the first page that shows them.
      await ensureMenus(db);
      const [s, menus] = await Promise.all([getSiteSettings(db), publicMenus(db, linkTargets)]);
      return {
        ...siteFrameOf(s),
        menus,
      };
    });

  const notFound = async (c: Context<AppEnv>) => {
    const { locale, path } = splitLocale(c.req.path);
    const site = await siteFrame().catch(() => fallbackFrame);
    return sendHtml(c, await renderNotFound({ locale, path, publicUrl, site }), 404);
  };

  const secrets = new Secrets(config.secretKey);
  const storyVault = deps.storyVault ?? new StoryVault(new FileKeyRing(config.storiesKeyFile));
  const plainPage = (c: Context, status: 403 | 413 | 429, title: string, body: string) =>
    sendHtml(
      c,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
        `<link rel="stylesheet" href="${stylesheet.path}"></head>` +
        `<body><main id="main"><div class="wrap"><h1>${title}</h1><p>${body}</p></div></main></body></html>`,
      status,
    );

  // The workspace's plain page, or the public site's frame in the visitor's language.
  const refusal = async (
    c: Context,
    status: 403 | 429,
    kind: 'tooMany' | 'formExpired',
    title: string,
    body: string,
  ): Promise<Response> => {
    if (c.req.path.startsWith('/admin')) return plainPage(c, status, title, body);
    const { locale, path } = splitLocale(c.req.path);
    const site = await siteFrame().catch(() => fallbackFrame);
    return sendHtml(c, await renderRefusal({ locale, path, publicUrl, site }, kind), status);
  };

  const app = new Hono<AppEnv>();
  app.use(truthfulLength());
  app.use(requestContext(logger, metrics));
  app.use(securityHeaders({ hsts: config.secure }));
  app.use(trimTrailingSlash());
  // Every state-changing request: size-limited, rate-limited per address, then CSRF-checked.
  app.use(
    limitBodySize(bodyLimitFor(config), async (c) => {
      if (isApiPath(c.req.path)) return c.json({ error: 'The body is larger than the API accepts (64 KB)' }, 413);
      if (c.req.path.startsWith('/admin/')) {
        return plainPage(
          c,
          413,
          'That is too large',
          'The file or form you sent is larger than this site accepts. Go back and try a smaller one.',
        );
      }
      const { locale, path } = splitLocale(c.req.path);
      const site = await siteFrame().catch(() => fallbackFrame);
      return sendHtml(c, await renderTooLarge({ locale, path, publicUrl, site }), 413);
    }),
  );
  const writeLimit = limitWrites(
    new RateLimiter(config.writesPerMinute, config.writesPerMinute),
    (c) => clientIp(c, config.trustProxy),
    (c) => refusal(c, 429, 'tooMany', 'Too many requests', 'Please wait a minute, then go back and try again.'),
  );
  // A relay reports bounces in bursts from a few addresses: a bucket of its own, ten times larger, so that
  // neither starves the other.
  const webhookLimit = limitWrites(
    new RateLimiter(config.writesPerMinute * 10, config.writesPerMinute * 10),
    (c) => clientIp(c, config.trustProxy),
    (c) => c.json({ error: 'too many requests' }, 429, { 'Retry-After': '60' }),
  );
  // The API limits each key on its own (features/api): a tool syncing from one address is not a visitor posting forms.
  app.use((c, next) =>
    c.req.path === EMAIL_WEBHOOK_PATH ? webhookLimit(c, next) : isApiPath(c.req.path) ? next() : writeLimit(c, next),
  );
  app.use(
    csrfProtection({
      secrets,
      secure: config.secure,
      sessionOf: staffSessionKey,
      // Each carries its own authentication: the URL's signed token, the webhook's shared secret, the API's key
      // in a header (no cookie is read there, so no other site can make a browser send it).
      exempt: (path) => isOneClickUnsubscribe(path) || path === EMAIL_WEBHOOK_PATH || isApiPath(path),
      originChecked: {
        paths: (path) =>
          path === '/join' ||
          path === '/es/join' ||
          isPetitionOriginCheckedPath(path) ||
          isEventOriginCheckedPath(path) ||
          isLetterOriginCheckedPath(path) ||
          isStoryOriginCheckedPath(path) ||
          isPrivacyOriginCheckedPath(path),
        publicOrigin: new URL(publicUrl).origin,
      },
      onRejected: (c) =>
        refusal(
          c,
          403,
          'formExpired',
          'This form has expired',
          'For your safety the form could not be sent. Go back, reload the page and try again.',
        ),
    }),
  );

  app.onError(async (error, c) => {
    const requestId = c.get('requestId');
    (c.get('log') ?? logger).error({ err: error }, 'unhandled error');
    const { locale, path } = splitLocale(c.req.path);
    const site = await siteFrame().catch(() => fallbackFrame);
    const html = await renderServerError({ locale, path, publicUrl, site, requestId }).catch(
      () => 'Internal Server Error',
    );
    return sendHtml(c, html, 500);
  });
  app.notFound(notFound);

  app.get('/healthz', async (c) => {
    if (deps.lifecycle?.draining)
      return c.json({ status: 'stopping', database: database.kind }, 503, { 'Cache-Control': 'no-store' });
    try {
      await database.ping();
      return c.json({ status: 'ok', database: database.kind }, 200, { 'Cache-Control': 'no-store' });
    } catch {
      return c.json({ status: 'unavailable', database: database.kind }, 503, { 'Cache-Control': 'no-store' });
    }
  });

  app.get('/metrics', async (c) => {
    // Request counts by route and timings tell a stranger what the site does; in production only a configured token
    // opens them.
    if (!config.metricsToken && config.nodeEnv === 'production') return notFound(c);
    if (config.metricsToken && c.req.header('authorization') !== `Bearer ${config.metricsToken}`) {
      return c.text('Unauthorized\n', 401, { 'WWW-Authenticate': 'Bearer' });
    }
    return c.text(await metrics.registry.metrics(), 200, {
      'Content-Type': metrics.registry.contentType,
      'Cache-Control': 'no-store',
    });
  });

  app.get(stylesheet.path, (c) => sendPrepared(c, stylesheet, { cacheControl: 'public, max-age=31536000, immutable' }));
  app.get(favicon.path, (c) => sendPrepared(c, favicon, { cacheControl: 'public, max-age=86400' }));
  app.get(workspaceScript.path, (c) =>
    sendPrepared(c, workspaceScript, { cacheControl: 'public, max-age=31536000, immutable' }),
  );
  app.get('/favicon.ico', (c) => c.redirect(favicon.path, 301));
  app.route('/', emailWebhookRoutes({ db, secret: config.email.webhookSecret, recordFeedback: recordEmailFeedback }));
  const formGuard = new FormGuard({
    db,
    secrets,
    nodeEnv: config.nodeEnv,
    clientKey: (c) => clientIp(c, config.trustProxy),
  });
  app.route('/', formChallengeRoutes(formGuard));
  // The OSDI API (issue 20, ADR 073): JSON, keys in a header, outside the language middleware.
  app.route('/api', composedApi(deps, { secrets, cache }));
  // One per process: the petitions' caches of moving numbers, their abuse guard and the signatures' group commit.
  const petitionsPublic = new PetitionPublic({
    db,
    databaseKind: database.kind,
    secrets,
    secure: config.secure,
    publicUrl,
    logger,
    siteFrame,
    emailQueued: deps.emailQueued ?? (() => {}),
    formGuard,
    clientIp: (c) => clientIp(c, config.trustProxy),
    geocoder: config.censusGeocoderUrl ? censusGeocoder(config.censusGeocoderUrl) : undefined,
    notFound,
  });
  // The embed, count.json and the petition assets: outside the language middleware, as they set no cookie.
  app.route('/', petitionOpenRoutes(petitionsPublic));
  app.route('/', letterAssetRoutes());
  app.route('/', quickExitRoutes());
  const files = new LocalFileStore(join(config.dataDir, 'uploads'));
  // The media library's images: outside the language middleware too, long-cached, from our own origin.
  app.route('/', mediaFileRoutes({ db, files }));
  app.route('/', siteFileRoutes({ db, cache, publicUrl, files, morePaths: () => featurePaths(db) }));
  // The media library pages and editors place images from (a test may hand in another).
  const images = deps.images ?? mediaLibrary(db);

  app.route(
    '/admin',
    workspaceApp({
      deps,
      cache,
      siteFrame,
      secrets,
      storyVault,
      files,
      petitions: petitionsPublic,
      targets: linkTargets,
      images,
    }),
  );

  // GETs pass the write limit; a search costs a few statements, so it has a bucket of its own, twice as large.
  const searchLimit = new RateLimiter(config.writesPerMinute * 2, config.writesPerMinute * 2);
  const searchDeps = {
    db,
    publicUrl,
    siteFrame,
    sources: searchSources,
    mayQuery: (c: Context) => searchLimit.take(clientIp(c, config.trustProxy)),
    tooMany: (c: Context) =>
      refusal(c, 429, 'tooMany', 'Too many requests', 'Please wait a minute, then go back and try again.'),
  };

  const contentDeps = {
    db,
    cache,
    publicUrl,
    siteFrame,
    notFound,
    siteMapSections: siteMapSectionsOf(db, storyVault),
    ...sectionSourcesFor(db, images, linkTargets),
  };
  const newsDeps = { db, cache, publicUrl, siteFrame, notFound, images };
  for (const [prefix, locale] of [
    ['/es', 'es'],
    ['/', 'en'],
  ] as const) {
    const site = new Hono<AppEnv>();
    site.use(
      pageLanguage(locale, { secure: config.secure, defaultLocale: async () => (await siteFrame()).defaultLocale }),
    );
    site.use(rememberSource({ secure: config.secure }));
    // Before the content routes: those end with a catch-all for staff-made pages.
    const signupDeps = {
      db,
      secrets,
      secure: config.secure,
      publicUrl,
      siteFrame,
      emailQueued: deps.emailQueued ?? (() => {}),
      formGuard,
      // Staff keep one set of block lists, on the petitions' abuse screen; the newsletter form obeys it too.
      isBlocked: (c: Context, email: string) => petitionsPublic.blocks(clientIp(c, config.trustProxy), email),
      personalData: personalDataParts(storyVault),
    };
    site.route('/', signupRoutes(signupDeps, locale));
    site.route('/', preferencesRoutes(signupDeps, locale));
    site.route('/', petitionRoutes(petitionsPublic, locale));
    site.route('/', newsRoutes(newsDeps, locale));
    site.route(
      '/',
      civicRoutes(
        {
          ...newsDeps,
          secrets,
          secure: config.secure,
          formGuard,
          emailQueued: signupDeps.emailQueued,
          isBlocked: signupDeps.isBlocked,
          geocoder: config.censusGeocoderUrl ? censusGeocoder(config.censusGeocoderUrl) : undefined,
        },
        locale,
      ),
    );
    site.route(
      '/',
      storyRoutes(
        {
          ...newsDeps,
          vault: storyVault,
          secrets,
          secure: config.secure,
          formGuard,
          emailQueued: signupDeps.emailQueued,
        },
        locale,
      ),
    );
    // Privacy requests (issue 18): /privacy/request, its emailed confirmation and the copy's download.
    site.route('/', privacyRoutes(signupDeps, locale));
    site.route('/', searchRoutes(searchDeps, locale));
    site.route('/', contentRoutes(contentDeps, locale));
    app.route(prefix, site);
  }

  return { app, cache, metrics, secrets, petitions: petitionsPublic };
}
