import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Logger } from 'pino';
import { logContext } from '../logger.ts';
import type { AppEnv } from './env.ts';
import type { HttpMetrics } from './metrics.ts';

const incomingIdPattern = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every request an id (kept from a proxy's X-Request-Id when sane)
 * that every log line written on its behalf carries, one log line when it
 * ends, and its metrics.
 * The line names the route's pattern ("/preferences/:token"), never the path
 * that was asked for: paths carry tokens (confirmation and preferences links)
 * and whatever a visitor typed, and a pattern holds for every route, including
 * routes not written yet. A path no route answered is only "unmatched".
 */
export function requestContext(logger: Logger, metrics: HttpMetrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && incomingIdPattern.test(incoming) ? incoming : randomUUID();
    c.set('requestId', requestId);
    c.set('log', logger);
    try {
      await logContext.run({ requestId }, next);
    } finally {
      const status = c.res.status;
      const seconds = (performance.now() - started) / 1000;
      const route = routeLabel(c);
      metrics.observe(c.req.method, route, status, seconds);
      c.res.headers.set('X-Request-Id', requestId);
      logger[status >= 500 ? 'error' : 'info'](
        {
          requestId,
          method: c.req.method,
          route: withoutParameterRules(route),
          status,
          ms: Math.round(seconds * 10_000) / 10,
        },
        'request',
      );
    }
  };
}

/**
 * The route pattern that answered ("/policies/:slug"), never the raw path, to
 * keep metric labels few. A catch-all middleware that answered (CSRF refusal,
 * the public /:slug pages) is labelled by its pattern; nothing matched is "unmatched".
 */
function routeLabel(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string {
  const route = matchedRoutes(c)[c.req.routeIndex];
  if (!route || (c.res.status === 404 && route.method === 'ALL')) return 'unmatched';
  return route.path;
}

/**
 * "/preferences/:token{[0-9]{1,10}\\..+}" as "/preferences/:token": a
 * parameter's rule is for routing, and only its name helps a reader.
 */
export function withoutParameterRules(pattern: string): string {
  let out = '';
  let depth = 0;
  for (const ch of pattern) {
    if (ch === '{') depth += 1;
    else if (ch === '}' && depth > 0) depth -= 1;
    else if (depth === 0) out += ch;
  }
  return out;
}
