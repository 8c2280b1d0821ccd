import type { Context } from 'hono';

export * from '../../src/platform/http/form-body.ts';

/** Without the fast path: Hono's public parseBody, through the web Request. */
export function readUrlEncoded(c: Context): Promise<Record<string, string | File | (string | File)[]>> {
  return c.req.parseBody();
}
