import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { prepareBody, type PreparedBody } from '../http/respond.ts';

/** A file served from memory, compressed once, under a name that changes with its content. */
export type Asset = PreparedBody & { path: string };

/** Makes an asset of `identity`, named after a hash of its content so it can be cached for a year. */
export function assetOf(identity: Buffer, publicName: (hash: string) => string, type: string): Asset {
  const hash = createHash('sha256').update(identity).digest('hex').slice(0, 12);
  return { ...prepareBody(identity, type, 'high'), path: publicName(hash) };
}

const read = (file: string) => readFileSync(new URL(file, import.meta.url));

/** A file shipped inside an npm package: `exported` is a path the package exports, `file` one relative to it. */
export function packageFile(exported: string, file?: string): Buffer {
  const resolved = createRequire(import.meta.url).resolve(exported);
  return readFileSync(file ? join(dirname(resolved), file) : resolved);
}

// One stylesheet: ours, then the sign-up widget's (loaded as a file, because the CSP forbids the inline styles its
// default build injects).
export const stylesheet = assetOf(
  Buffer.concat([read('./site.css'), Buffer.from('\n'), packageFile('altcha/altcha.css')]),
  (h) => `/assets/site.${h}.css`,
  'text/css; charset=utf-8',
);
export const favicon = assetOf(read('./favicon.svg'), () => '/favicon.svg', 'image/svg+xml');

/** The staff workspace's progressive enhancements (live counts). */
export const workspaceScript = assetOf(
  read('./workspace.js'),
  (h) => `/assets/workspace.${h}.js`,
  'text/javascript; charset=utf-8',
);
