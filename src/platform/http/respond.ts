import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { gzipWith, plainWith, type SplicedPage } from './spliced-gzip.ts';

/** A response body made ready once: its ETag and each encoding we may send. */
export type PreparedBody = {
  etag: string;
  type: string;
  identity: Buffer;
  gzip: Buffer | undefined;
  br: Buffer | undefined;
};

// Below this size compression saves less than its headers cost.
const MIN_COMPRESS_BYTES = 512;

/**
 * Compresses and tags a body. `effort` is high for bodies that are cached
 * and served many times, low for one-off answers such as search results.
 */
export function prepareBody(body: string | Buffer, type: string, effort: 'high' | 'low'): PreparedBody {
  const identity = typeof body === 'string' ? Buffer.from(body) : body;
  const etag = `W/"${createHash('sha1').update(identity).digest('base64url').slice(0, 22)}"`;
  if (identity.length < MIN_COMPRESS_BYTES) return { etag, type, identity, gzip: undefined, br: undefined };
  return {
    etag,
    type,
    identity,
    gzip: gzipSync(identity, { level: effort === 'high' ? 9 : 6 }),
    br: brotliCompressSync(identity, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: effort === 'high' ? 11 : 4,
        [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
      },
    }),
  };
}

/** Which encoding to send, from Accept-Encoding and what we have (`available`); brotli first, as it is smaller. */
export function chooseEncoding(
  acceptEncoding: string | undefined,
  available: readonly ('br' | 'gzip')[] = ['br', 'gzip'],
): 'br' | 'gzip' | 'identity' {
  if (!acceptEncoding) return 'identity';
  const offered = acceptEncoding
    .toLowerCase()
    .split(',')
    .map((p) => p.trim())
    .filter((p) => !/;\s*q=0(\.0*)?\s*$/.test(p))
    .map((p) => p.split(';')[0]!.trim());
  if (available.includes('br') && offered.includes('br')) return 'br';
  if (available.includes('gzip') && offered.includes('gzip')) return 'gzip';
  return 'identity';
}

/**
 * Sends a prepared body, answering 304 when the browser already has it.
 * HTML is revalidated on every visit (no-cache) so edits show at once.
 */
export function sendPrepared(
  c: Context,
  body: PreparedBody,
  options: { status?: number; cacheControl?: string } = {},
): Response {
  const status = options.status ?? 200;
  // Through c.body, so that headers set earlier on the context (cookies) are kept.
  const headers: Record<string, string> = {
    'Content-Type': body.type,
    'Cache-Control': options.cacheControl ?? 'no-cache',
    ETag: body.etag,
    Vary: 'Accept-Encoding',
  };
  if (status === 200 && matchesEtag(c.req.header('if-none-match'), body.etag)) {
    return c.body(null, 304, headers);
  }
  const encoding = chooseEncoding(c.req.header('accept-encoding'));
  let payload = body.identity;
  if (encoding === 'br' && body.br) {
    payload = body.br;
    headers['Content-Encoding'] = 'br';
  } else if (encoding !== 'identity' && body.gzip) {
    payload = body.gzip;
    headers['Content-Encoding'] = 'gzip';
  }
  return sendBytes(c, payload, status, headers);
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === bare;
  });
}

/**
 * Sends HTML rendered for this one request (a form with its token, a
 * confirmation): compressed once, in the one encoding this browser takes,
 * at a fast setting. Preparing every encoding at high effort cost more CPU
 * than rendering the page (1.1 ms for a 27 KB page, against 0.2 ms now).
 * No ETag: such a page is never the same twice.
 */
export function sendHtml(c: Context, html: string, status = 200): Response {
  const identity = Buffer.from(html);
  const headers: Record<string, string> = {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-cache',
    Vary: 'Accept-Encoding',
  };
  let payload = identity;
  if (identity.length >= MIN_COMPRESS_BYTES) {
    const encoding = chooseEncoding(c.req.header('accept-encoding'));
    if (encoding === 'br') {
      payload = brotliCompressSync(identity, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 2, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
      });
      headers['Content-Encoding'] = 'br';
    } else if (encoding === 'gzip') {
      payload = gzipSync(identity, { level: 2 });
      headers['Content-Encoding'] = 'gzip';
    }
  }
  return sendBytes(c, payload, status, headers);
}

/**
 * Sends a page that is the same for everyone but one value (spliced-gzip.ts):
 * gzip when the browser takes it, even when it also takes brotli, as only
 * gzip can be put together without compressing per request.
 */
export function sendSpliced(
  c: Context,
  page: SplicedPage,
  value: string,
  options: { status?: number; cacheControl?: string } = {},
): Response {
  const status = options.status ?? 200;
  const headers: Record<string, string> = {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': options.cacheControl ?? 'no-cache',
    Vary: 'Accept-Encoding',
  };
  const encoding = chooseEncoding(c.req.header('accept-encoding'), ['gzip']);
  const payload = encoding === 'gzip' ? gzipWith(page, value) : plainWith(page, value);
  if (encoding === 'gzip') headers['Content-Encoding'] = 'gzip';
  return sendBytes(c, payload, status, headers);
}

/**
 * The bytes with their length. For HEAD too: Hono answers HEAD by running the GET route and
 * dropping the body, so the length stays what GET sends, and truthfulLength sees a real body.
 * Through c.body, so headers set earlier on the context (cookies) are kept.
 */
function sendBytes(c: Context, payload: Buffer, status: number, headers: Record<string, string>): Response {
  headers['Content-Length'] = String(payload.length);
  return c.body(
    new Uint8Array(payload.buffer as ArrayBuffer, payload.byteOffset, payload.length),
    status as 200,
    headers,
  );
}
