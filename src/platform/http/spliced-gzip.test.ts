import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gzipWith, plainWith, splicePage } from './spliced-gzip.ts';

describe('a gzip page spliced around a per-request value', () => {
  it('decompresses to the page with the value in place, for any page and value', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 3000 }),
        fc.string({ unit: 'grapheme', maxLength: 3000 }),
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        (head, tail, value) => {
          const placeholder = '@value@';
          fc.pre(
            !head.includes(placeholder) &&
              !tail.includes(placeholder) &&
              !`${head}${tail}`.includes('@value') &&
              !`${head}${tail}`.includes('value@'),
          );
          const page = splicePage(`${head}${placeholder}${tail}`, placeholder);
          expect(gunzipSync(gzipWith(page, value)).toString()).toBe(`${head}${value}${tail}`);
          expect(plainWith(page, value).toString()).toBe(`${head}${value}${tail}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('compresses the page, repeating text compressing well on both sides of the value', () => {
    const before = '<p>Healing over handcuffs.</p>'.repeat(200);
    const html = `${before}<input value="@token@">${'<li>Second chances</li>'.repeat(200)}`;
    const page = splicePage(html, '@token@');
    const token = 'A'.repeat(43);
    const gz = gzipWith(page, token);
    expect(gz.length).toBeLessThan(html.length / 10);
    expect(gunzipSync(gz).toString()).toBe(html.replace('@token@', token));
  });

  it('refuses a placeholder that is missing or there twice', () => {
    expect(() => splicePage('no placeholder here', '@x@')).toThrow(/exactly once/);
    expect(() => splicePage('@x@ and @x@', '@x@')).toThrow(/exactly once/);
  });
});
