import type { MiddlewareHandler } from 'hono';

// Answers that never carry a body (RFC 9110 6.4.1); a length on them promises nothing true.
const bodiless = new Set([204, 205, 304]);

/**
 * The last word on Content-Length, run around everything else: a keep-alive
 * client reads exactly that many bytes before the next answer, so a length
 * that is not what is sent hangs it. Hono builds a response after another
 * with the first one's headers, so an answer without a body could keep a
 * page's length. Bodiless statuses lose theirs; a redirect or an error
 * without a body says 0. Only those answers' bodies are looked at: asking a
 * response for its body makes @hono/node-server give up its fast path, and
 * pages are sent through respond.ts, which sets the length from the bytes
 * themselves (for HEAD too: the length GET would send).
 */
export function truthfulLength(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    const status = res.status;
    if (bodiless.has(status)) res.headers.delete('Content-Length');
    else if (status >= 300 && res.body === null) res.headers.set('Content-Length', '0');
  };
}
