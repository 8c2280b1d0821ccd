import { readFileSync } from 'node:fs';
import { assetOf } from '../../platform/web/assets.ts';

const read = (file: string) => readFileSync(new URL(file, import.meta.url));

/** The letter pages' own styles and their one script (the location button), cached for a year by content hash. */
export const letterStyles = assetOf(
  read('./public/letters.css'),
  (h) => `/assets/letters.${h}.css`,
  'text/css; charset=utf-8',
);
export const letterScript = assetOf(
  read('./public/letters.js'),
  (h) => `/assets/letters.${h}.js`,
  'text/javascript; charset=utf-8',
);
