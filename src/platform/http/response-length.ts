import type { MiddlewareHandler } from 'hono';

// Answers that never carry a body (RFC 9110 6.4.1); a length on them promises nothing true.
const bodiless = new Set([204, 205, 304]);

/**
 * The last word on Content-Length, run around everything else: a keep-alive
 * client reads exactly that many bytes before the next answer, so a length
 * that is not what is sent hangs it. Hono builds a response after another
 * with the first one's headers; an answer without a body can then keep a
 * page's length. Redirects and bodiless statuses are where that can happen
 * (and only their body is looked at: asking a response for its body makes
 * @hono/node-server give up its fast path). Pages sent through respond.ts
 * set their length from the bytes themselves, HEAD included.
 */
export function truthfulLength(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    const status = res.status;
    if (bodiless.has(status)) res.headers.delete('Content-Length');
    else if (status >= 300 && status < 400 && res.body === null) res.headers.set('Content-Length', '0');
  };
}
