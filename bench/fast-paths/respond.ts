import type { Context } from 'hono';
import { sendHtml } from '../../src/platform/http/respond.ts';
import { plainWith, type SplicedPage } from '../../src/platform/http/spliced-gzip.ts';

export * from '../../src/platform/http/respond.ts';

/** Without the fast path: the page (rendered once, as before) with the value put in, compressed per request. */
export function sendSpliced(c: Context, page: SplicedPage, value: string, options: { status?: number } = {}): Response {
  const response = sendHtml(c, plainWith(page, value).toString(), options.status ?? 200);
  response.headers.set('Cache-Control', 'no-store');
  return response;
}
