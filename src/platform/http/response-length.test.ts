import { Hono, type Context } from 'hono';
import { describe, expect, it } from 'vitest';
import { truthfulLength } from './response-length.ts';

/**
 * A page of 3,000 bytes with its length, and middleware that
 * makes another answer after it, as Hono's trimTrailingSlash did.
 */
function app(after: (c: Context) => Response) {
  const a = new Hono();
  a.use(truthfulLength());
  a.use(async (c, next) => {
    await next();
    if (c.req.query('then')) c.res = after(c);
  });
  a.get('/', (c) => c.body('x'.repeat(3000), 404, { 'Content-Length': '3000', 'Content-Type': 'text/html' }));
  return a;
}

describe('truthfulLength', () => {
  it('gives a bodiless redirect made after a page a length of 0, for GET and HEAD', async () => {
    const redirect = app((c) => c.redirect('/elsewhere', 301));
    for (const method of ['GET', 'HEAD']) {
      const res = await redirect.request('/?then=1', { method });
      expect([method, res.status, res.headers.get('content-length'), (await res.arrayBuffer()).byteLength]).toEqual([
        method,
        301,
        '0',
        0,
      ]);
    }
  });

  it('gives a bodiless error made after a page a length of 0', async () => {
    const res = await app((c) => c.body(null, 403)).request('/?then=1');
    expect([res.status, res.headers.get('content-length')]).toEqual([403, '0']);
  });

  it('drops the length of answers that never have a body', async () => {
    for (const status of [204, 304] as const) {
      const res = await app((c) => c.body(null, status)).request('/?then=1');
      expect([status, res.headers.get('content-length')]).toEqual([status, null]);
    }
  });

  it('leaves a page with a body, and its HEAD, as they were', async () => {
    const page = app(() => new Response());
    for (const method of ['GET', 'HEAD']) {
      const res = await page.request('/', { method });
      expect([method, res.status, res.headers.get('content-length')]).toEqual([method, 404, '3000']);
    }
  });
});
