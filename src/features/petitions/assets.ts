import { readFileSync } from 'node:fs';
import { assetOf } from '../../platform/web/assets.ts';

const read = (file: string) => readFileSync(new URL(file, import.meta.url));

/** The petition pages' own styles and script, named by content hash and cached for a year, like the site's. */
export const petitionStyles = assetOf(
  read('./public/petition.css'),
  (h) => `/assets/petition.${h}.css`,
  'text/css; charset=utf-8',
);
export const petitionScript = assetOf(
  read('./public/petition.js'),
  (h) => `/assets/petition.${h}.js`,
  'text/javascript; charset=utf-8',
);
