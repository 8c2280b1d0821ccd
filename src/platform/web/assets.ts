import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** A file served from memory, compressed once, under a name that changes with its content. */
export type Asset = {
  path: string;
  type: string;
  etag: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
};

function load(file: string, publicName: (hash: string) => string, type: string): Asset {
  const identity = readFileSync(new URL(file, import.meta.url));
  const hash = createHash('sha256').update(identity).digest('hex').slice(0, 12);
  return {
    path: publicName(hash),
    type,
    etag: `"${hash}"`,
    identity,
    gzip: gzipSync(identity, { level: 9 }),
    br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  };
}

export const stylesheet = load('./site.css', (h) => `/assets/site.${h}.css`, 'text/css; charset=utf-8');
export const favicon = load('./favicon.svg', () => '/favicon.svg', 'image/svg+xml');
