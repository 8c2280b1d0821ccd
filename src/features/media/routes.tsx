import { Hono } from 'hono';
import type { Db } from '../../platform/db/client.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { isFileKey, type FileStore } from '../../platform/storage.ts';
import { mediaFile } from './library.ts';

/**
 * The library's images, from our own origin (the CSP allows no other). A key names one file that never
 * changes (a new upload gets new keys), so browsers and proxies may keep it for a year without asking again.
 */
export function mediaFileRoutes(deps: { db: Db; files: FileStore }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/media/:key{[a-f0-9]{32}\\.[a-z0-9]{2,5}}', async (c) => {
    const key = c.req.param('key');
    const stored = isFileKey(key) ? await mediaFile(deps.db, deps.files, key) : undefined;
    if (!stored) return c.notFound();
    const etag = `"${key}"`;
    const headers = {
      'Cache-Control': 'public, max-age=31536000, immutable',
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
    };
    if (
      c.req
        .header('if-none-match')
        ?.split(/\s*,\s*/)
        .includes(etag)
    )
      return c.body(null, 304, headers);
    return c.body(stored.bytes.slice(), 200, { ...headers, 'Content-Type': stored.contentType });
  });
  return app;
}
