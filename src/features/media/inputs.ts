import { z } from 'zod';
import { plainText } from '../../platform/plain-text.ts';

/**
 * An image's words as staff type them. Alt text may be left empty at upload (the image is then kept but
 * cannot be placed, and the library says so); it is short, as screen readers read it whole.
 */
export const imageWordsInput = z.object({
  altEn: plainText({ max: 300 }),
  altEs: plainText({ max: 300 }),
  captionEn: plainText({ max: 500 }),
  captionEs: plainText({ max: 500 }),
  credit: plainText({ max: 200 }),
});

export type ImageWords = z.infer<typeof imageWordsInput>;

export const imageWordFields = ['altEn', 'altEs', 'captionEn', 'captionEs', 'credit'] as const;
