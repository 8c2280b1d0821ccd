import { Hono, type Context } from 'hono';
import type { Secrets } from '../../platform/crypto.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { RateLimiter } from '../../platform/http/rate-limit.ts';
import { sendHtml } from '../../platform/http/respond.ts';
import { ApiDocsPage } from './docs-page.tsx';
import { apiError, MAX_PER_PAGE, sendHal } from './hal.ts';
import { authenticate, type ApiEnv } from './http.ts';
import { apiResources, openApiDocument } from './openapi.ts';
import { apiUrl, curiesOf, type ApiDeps } from './resource.ts';

/** Is this a path of the API, which answers JSON and authenticates by key rather than by cookie? */
export const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

/**
 * The API, mounted at /api: /api/v1 (the entry point and every resource, behind a key), its OpenAPI
 * document and its docs page (ADR 073).
 */
export function apiRoutes(
  deps: ApiDeps & { secrets: Secrets; requestsPerMinute: number; clientIp: (c: Context) => string },
): Hono<AppEnv> {
  const { publicUrl } = deps;
  const app = new Hono<AppEnv>();
  let document: ReturnType<typeof openApiDocument> | undefined;
  const documentNow = () => {
    document ??= openApiDocument(publicUrl);
    return document;
  };

  app.get('/openapi.json', (c) =>
    c.body(JSON.stringify(documentNow()), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    }),
  );
  app.get('/docs', (c) =>
    sendHtml(c, `<!doctype html>${<ApiDocsPage document={documentNow()} resources={apiResources} />}`),
  );

  const v1 = new Hono<ApiEnv>();
  v1.use(
    authenticate({
      db: deps.db,
      secrets: deps.secrets,
      perKey: new RateLimiter(deps.requestsPerMinute, deps.requestsPerMinute),
      perAddress: new RateLimiter(30, 30),
      clientIp: deps.clientIp,
    }),
  );
  v1.get('/', (c) => {
    const links: Record<string, unknown> = { self: { href: apiUrl(publicUrl, '') }, curies: curiesOf(publicUrl) };
    for (const resource of apiResources)
      for (const [rel, { path, title }] of Object.entries(resource.entry))
        links[rel] = { href: apiUrl(publicUrl, path), title };
    links.docs = { href: `${publicUrl}/api/docs`, title: 'How to use this API' };
    return sendHal(c, {
      motd: 'Groundswell speaks OSDI: follow the links.',
      vendor_name: 'Groundswell',
      product_name: 'Groundswell',
      osdi_version: '1.1',
      max_pagesize: MAX_PER_PAGE,
      namespace: 'groundswell',
      _links: links,
    });
  });
  for (const resource of apiResources) v1.route('/', resource.routes(deps));
  // Catch-alls rather than notFound handlers: a mounted app's notFound gives way to the site's HTML page.
  v1.all('*', (c) => apiError(c, 404, 'There is nothing at this address: start from /api/v1 and follow its links'));
  app.route('/v1', v1);
  app.all('*', (c) => apiError(c, 404, 'There is nothing at this address: the API starts at /api/v1'));
  return app;
}
