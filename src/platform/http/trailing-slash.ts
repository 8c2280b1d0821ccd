import type { MiddlewareHandler } from 'hono';

/**
 * `/tips/` goes to `/tips`, before any route runs. Hono's own middleware
 * turned the 404 page into the redirect afterwards, keeping that page's
 * Content-Length on a redirect without a body (keep-alive clients waited
 * for bytes that never came), and built the Location from the request's
 * Host header, which anyone can set.
 *
 * The Location is a path on this site: leading slashes are collapsed, as
 * `//evil.example` (or `/\evil.example`, which URL parsing turns into it)
 * would send the browser to another host.
 */
export function trimTrailingSlash(): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if ((method !== 'GET' && method !== 'HEAD') || c.req.path === '/' || !c.req.path.endsWith('/')) return next();
    const url = new URL(c.req.url);
    const path = `/${url.pathname.replace(/^\/+|\/+$/g, '')}`;
    return c.redirect(path + url.search, 301);
  };
}
