import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { prepareBody, type PreparedBody } from '../http/respond.ts';

/** A file served from memory, compressed once, under a name that changes with its content. */
export type Asset = PreparedBody & { path: string };

function load(file: string, publicName: (hash: string) => string, type: string): Asset {
  const identity = readFileSync(new URL(file, import.meta.url));
  const hash = createHash('sha256').update(identity).digest('hex').slice(0, 12);
  return { ...prepareBody(identity, type, 'high'), path: publicName(hash) };
}

export const stylesheet = load('./site.css', (h) => `/assets/site.${h}.css`, 'text/css; charset=utf-8');
export const favicon = load('./favicon.svg', () => '/favicon.svg', 'image/svg+xml');
