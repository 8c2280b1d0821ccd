import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readUrlEncoded } from './form-body.ts';

/** Over a real @hono/node-server, where readUrlEncoded reads Node's request itself. */
describe('readUrlEncoded', () => {
  let server: ServerType;
  let base = '';
  beforeAll(async () => {
    const app = new Hono();
    // A body someone read before: the same fields, through parseBody's cache.
    app.use('/read-first', async (c, next) => {
      await c.req.parseBody();
      await next();
    });
    app.post('*', async (c) => {
      const cache = (c.req as unknown as { bodyCache?: unknown }).bodyCache;
      const emptyBefore = typeof cache === 'object' && cache !== null && Object.keys(cache).length === 0;
      const fields = await readUrlEncoded(c);
      // Read straight from Node's request: Hono's cache of the body is still empty afterwards.
      const direct = emptyBefore && Object.keys(cache as object).length === 0;
      return c.json({ fields, prototype: Object.getPrototypeOf(fields) === null ? 'none' : 'object', direct });
    });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = async (path: string, body: string | FormData, type = 'application/x-www-form-urlencoded') =>
    (await (
      await fetch(base + path, { method: 'POST', body, headers: type ? { 'content-type': type } : {} })
    ).json()) as { fields: Record<string, unknown>; prototype: string; direct: boolean };

  it('decodes as browsers encode, the last of a repeated name winning, into an object with no prototype', async () => {
    const body = 'given=Mar%C3%ADa+Jos%C3%A9&name=Sam&comment=a%26b%3Dc%0D%0Anext&name=Ana&__proto__=x&empty=';
    const { fields, prototype } = await post('/direct', body);
    // A field named __proto__ is a field like any other (fromEntries makes it an own property, as the route sees it).
    expect(fields).toEqual(
      Object.fromEntries([
        ['given', 'María José'],
        ['name', 'Ana'],
        ['comment', 'a&b=c\r\nnext'],
        ['__proto__', 'x'],
        ['empty', ''],
      ]),
    );
    expect(prototype).toBe('none');
  });

  it('gives the same fields when the body was read before, and for other encodings', async () => {
    expect((await post('/read-first', 'a=1&a=2&b=%20')).fields).toEqual({ a: '2', b: ' ' });
    const multipart = new FormData();
    multipart.set('a', 'from multipart');
    expect((await post('/multipart', multipart, '')).fields).toEqual({ a: 'from multipart' });
  });

  // The fast path reads two things Hono and @hono/node-server do not promise (ADR 038): the request's private
  // `bodyCache` (empty until something reads the body) and Node's request as `c.env.incoming`. An upgrade that
  // changes either must fail here rather than quietly send every signature through the slow path.
  it('reads the body from Node behind @hono/node-server, leaving Hono’s private body cache as it was', async () => {
    expect((await post('/direct', 'a=1')).direct).toBe(true);
    expect((await post('/read-first', 'a=1')).direct).toBe(false);
    const app = new Hono();
    let cache: unknown;
    app.post('/', async (c) => {
      await c.req.parseBody();
      cache = (c.req as unknown as { bodyCache?: unknown }).bodyCache;
      return c.text('');
    });
    await app.request('/', {
      method: 'POST',
      body: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(Object.keys(cache as object).length).toBeGreaterThan(0);
  });
});
