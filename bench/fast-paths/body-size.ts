import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/** Without the fast path: Hono's bodyLimit, with the size for the path. */
export function limitBodySize(
  maxSizeFor: (path: string) => number,
  onError: (c: Context) => Response | Promise<Response>,
): MiddlewareHandler {
  return (c, next) => bodyLimit({ maxSize: maxSizeFor(c.req.path), onError })(c, next);
}
