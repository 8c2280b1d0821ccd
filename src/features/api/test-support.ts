import type { Hono } from 'hono';
import { expect } from 'vitest';
import type { Database } from '../../platform/db/client.ts';
import { Secrets } from '../../platform/crypto.ts';
import { createApiKey } from './keys.ts';
import type { ApiScope } from './schema.ts';

export const TEST_SECRET = 'test-secret-key-that-is-long-enough-0123456789';
export const API_ROOT = 'http://localhost:3000/api/v1';
const staff = { staffId: null, email: 'admin@staff.example', ip: '127.0.0.1' };

export async function makeKey(database: Database, scopes: ApiScope[], name = 'Test sync'): Promise<string> {
  return (await createApiKey(database.db, new Secrets(TEST_SECRET), { name, scopes }, staff)).token;
}

type HalBody = {
  _links: Record<string, { href: string } | { href: string }[]>;
  _embedded?: Record<string, HalBody[]>;
  [field: string]: unknown;
};

/**
 * An OSDI client as another tool would be: it starts at the entry point and follows the links it is
 * given, never building a path itself.
 */
export function osdiClient(app: Hono<any>, token: string) {
  const send = async (href: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('OSDI-API-Token', token);
    if (init.body) headers.set('Content-Type', 'application/json');
    const res = await app.request(href, { ...init, headers });
    expect(res.status, `${init.method ?? 'GET'} ${href}`).toBeLessThan(500);
    return res;
  };
  const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as HalBody });
  const client = {
    send,
    get: async (href: string) => json(await send(href)),
    post: async (href: string, body: unknown) => json(await send(href, { method: 'POST', body: JSON.stringify(body) })),
    put: async (href: string, body: unknown) => json(await send(href, { method: 'PUT', body: JSON.stringify(body) })),
    /** The entry point's link for a relation. */
    async link(rel: string): Promise<string> {
      const { status, body } = await client.get(API_ROOT);
      expect(status).toBe(200);
      const link = body._links[rel] as { href: string } | undefined;
      expect(link, `the entry point links ${rel}`).toBeDefined();
      return link!.href;
    },
    /** Every member of a collection, page after page by its next links. */
    async all(href: string, rel: string): Promise<HalBody[]> {
      const members: HalBody[] = [];
      let next: string | undefined = href;
      for (let pages = 0; next; pages++) {
        expect(pages, 'paging ends').toBeLessThan(10_000);
        const { status, body } = await client.get(next);
        expect(status, next).toBe(200);
        const embedded = body._embedded?.[rel] ?? [];
        const linked = (body._links[rel] as { href: string }[] | undefined) ?? [];
        expect(linked.map((l) => l.href)).toEqual(embedded.map((m) => (m._links.self as { href: string }).href));
        members.push(...embedded);
        next = (body._links.next as { href: string } | undefined)?.href;
      }
      return members;
    },
  };
  return client;
}

export const selfOf = (member: HalBody) => (member._links.self as { href: string }).href;
