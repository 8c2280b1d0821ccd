import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainText, PLAIN_TEXT_MESSAGE, plainText, typedPassword } from './plain-text.ts';

describe('plain text, as every form field takes it', () => {
  it('refuses NUL, other control characters and half surrogate pairs, each with the message', () => {
    const field = plainText({ max: 100 });
    for (const bad of ['a\u0000b', '\u0007', 'x\u001b[2J', '\u009f', 'a\ud800', '\udfffz', 'line\nbreak']) {
      const result = field.safeParse(bad);
      expect(result.success, JSON.stringify(bad)).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(PLAIN_TEXT_MESSAGE);
    }
    expect(field.parse('  Ana María 👩🏽‍⚖️ <b>&amp;</b> ')).toBe('Ana María 👩🏽‍⚖️ <b>&amp;</b>');
  });

  it('lets a multi-line field keep tabs and line breaks, and Markdown its leading spaces', () => {
    expect(plainText({ max: 100, lines: true }).parse('one\r\ntwo\tthree\n')).toBe('one\r\ntwo\tthree');
    expect(plainText({ max: 100, lines: true, trim: false }).parse('    code\n')).toBe('    code\n');
    expect(plainText({ max: 100, lines: true }).safeParse('a\u0000\n').success).toBe(false);
  });

  it('says how long a field may be, and what is missing', () => {
    expect(plainText({ max: 1000 }).safeParse('a'.repeat(1001)).error?.issues[0]?.message).toBe(
      'Use 1,000 characters or fewer',
    );
    expect(plainText({ max: 10, required: 'Enter a name' }).safeParse('   ').error?.issues[0]?.message).toBe(
      'Enter a name',
    );
    expect(typedPassword().safeParse('p'.repeat(1001)).error?.issues[0]?.message).toBe('Use 1,000 characters or fewer');
    expect(typedPassword().parse(' any thing, spaces kept ')).toBe(' any thing, spaces kept ');
  });

  it('never throws, and accepts exactly the plain text within the limit', () => {
    const field = plainText({ max: 50 });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ maxLength: 60 })), (value) => {
        const result = field.safeParse(value);
        const trimmed = value.trim();
        expect(result.success).toBe(isPlainText(trimmed) && trimmed.length <= 50);
      }),
      { numRuns: 2000 },
    );
  });
});
