import { z } from 'zod';
import { plainText } from '../../platform/plain-text.ts';
import { locales } from '../../platform/web/locale.ts';
import { postTypes } from './schema.ts';

/**
 * The shapes a post must have to be stored: the demo seed and the staff forms go through the same ones.
 * Facts shared by both languages, and one language's words, are checked apart, as the editor shows
 * one language at a time.
 */
export const postSlug = z
  .string()
  .trim()
  .min(1, 'Enter a short address name')
  .max(80, 'Use 80 characters or fewer')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, numbers and single hyphens');

export const postFacts = z.object({
  slug: postSlug,
  type: z.enum(postTypes, 'Choose news, a press release or a statement'),
  publishedOn: z.iso
    .date('Enter a date like 2026-03-01')
    .refine((d) => d >= '1900-01-01' && d <= '2100-12-31', 'Enter a date from 1900 to 2100'),
  authorName: plainText({ max: 120, required: 'Enter who wrote it: a person or the organisation' }),
  imageId: z.number().int().positive().nullable().default(null),
  topics: z.array(postSlug).max(20, 'Choose 20 topics or fewer').default([]),
});
export type PostFacts = z.output<typeof postFacts>;

export const postWords = z.object({
  title: plainText({ max: 200, required: 'Enter a title' }),
  summary: plainText({ max: 500, lines: true, required: 'Enter a summary: a sentence or two for lists and feeds' }),
  // Markdown keeps its leading spaces (they can mean something) and its line breaks.
  bodyMd: plainText({ max: 50_000, lines: true, trim: false }).default(''),
});
export type PostWords = z.output<typeof postWords>;

export const postLocale = z.enum(locales);

/** A whole post, as the seed gives it: facts and at least one language. */
export const postInput = z.object({
  facts: postFacts,
  words: z.partialRecord(postLocale, postWords).refine((w) => Object.keys(w).length > 0, 'Give at least one language'),
  published: z.boolean().default(false),
  isDemo: z.boolean().default(false),
});
export type PostInput = z.input<typeof postInput>;
