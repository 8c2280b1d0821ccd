import { z } from 'zod';
import { plainText } from '../../platform/plain-text.ts';
import { keyedSection } from './sections.ts';
import { locales, policyPositions, policyStatuses, resourceTypes } from './schema.ts';

/**
 * The shapes content must have to be stored. The demo seed goes through them
 * today and the staff forms will tomorrow, so both are held to one standard.
 */
export const slugSchema = z
  .string()
  .trim()
  .min(1, 'Enter a short address name')
  .max(80, 'Use 80 characters or fewer')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, numbers and single hyphens');

export const localeSchema = z.enum(locales);
// Markdown keeps its leading spaces (they can mean something) and its line breaks.
const markdown = plainText({ max: 50_000, lines: true, trim: false });
const upTo = (max: number) => plainText({ max });
const pageTitle = plainText({ max: 200, required: 'Enter a title' });

/**
 * The words of a section the page's edit form changes: its heading, text and the short words its
 * kind has (a figure, an attribution, a link's label). The rest is changed in the section editor.
 */
export const sectionTextInput = z.object({
  heading: upTo(300).default(''),
  bodyMd: markdown.default(''),
  data: z.record(z.string(), plainText({ max: 2000, lines: true, trim: false })).default({}),
});

/** A whole section, of one of the kinds in sections.ts, with its key on the page. */
export const sectionInput = keyedSection;
export type SectionInput = z.input<typeof sectionInput>;

export const pageInput = z.object({
  slug: slugSchema,
  locale: localeSchema,
  title: pageTitle,
  description: upTo(300).default(''),
  bodyMd: markdown.default(''),
  published: z.boolean().default(true),
  sections: z.array(sectionInput).max(100).default([]),
});
export type PageInput = z.input<typeof pageInput>;

const translation = z.object({
  title: plainText({ max: 300, required: 'Enter a title' }),
  summary: plainText({ max: 1000, lines: true, required: 'Enter a summary' }),
  bodyMd: markdown.default(''),
});
export type TranslationInput = z.input<typeof translation>;

const translations = z
  .partialRecord(localeSchema, translation)
  .refine((t) => Object.keys(t).length > 0, 'Give at least one language');

export const policyInput = z.object({
  slug: slugSchema,
  billNumber: upTo(40).default(''),
  sessionYear: z.number().int().min(1990, 'Enter a year from 1990 to 2100').max(2100, 'Enter a year from 1990 to 2100'),
  status: z.enum(policyStatuses),
  position: z.enum(policyPositions),
  isDemo: z.boolean().default(false),
  published: z.boolean().default(true),
  translations,
});
export type PolicyInput = z.input<typeof policyInput>;

export const resourceInput = z.object({
  slug: slugSchema,
  type: z.enum(resourceTypes),
  publishedOn: z.iso
    .date('Enter a date like 2025-03-01')
    .refine((d) => d >= '1900-01-01' && d <= '2100-12-31', 'Enter a date from 1900 to 2100'),
  topics: z.array(slugSchema).max(20, 'Choose 20 topics or fewer').default([]),
  url: z
    .url({ protocol: /^https?$/, error: 'Enter a web address starting with http:// or https://' })
    .max(2000, 'Use 2,000 characters or fewer')
    .nullable()
    .default(null),
  filePath: z.string().max(500).nullable().default(null),
  isDemo: z.boolean().default(false),
  published: z.boolean().default(true),
  translations,
});
export type ResourceInput = z.input<typeof resourceInput>;

export const topicInput = z.object({
  slug: slugSchema,
  names: z.object({ en: z.string().trim().min(1).max(80), es: z.string().trim().min(1).max(80) }),
  position: z.number().int().default(0),
});
export type TopicInput = z.input<typeof topicInput>;

/* The staff forms' shapes: what a browser sends (strings), checked against the rules above. */

/** A page's own words, as the edit form sends them; sections are checked with sectionTextInput. */
export const pageTextInput = pageInput.pick({ title: true, description: true, bodyMd: true });

/** The page edit form: the page's words and, by section key, each section's words. */
export const pageFormInput = pageTextInput.extend({ section: z.record(z.string(), sectionTextInput) });

export const newPageInput = pageInput.pick({ slug: true, locale: true, title: true, description: true, bodyMd: true });

/**
 * One language of a policy or resource in the form. All fields empty means
 * that language is left out; anything typed means it needs a title and summary.
 */
const formTranslation = z
  .object({ title: upTo(300), summary: plainText({ max: 1000, lines: true }), bodyMd: markdown })
  .superRefine((t, ctx) => {
    if (!t.title && !t.summary && !t.bodyMd.trim()) return;
    if (!t.title)
      ctx.addIssue({
        code: 'custom',
        path: ['title'],
        message: 'Enter a title, or clear this language’s summary and text to leave it out',
      });
    if (!t.summary) ctx.addIssue({ code: 'custom', path: ['summary'], message: 'Enter a summary' });
  })
  .transform((t) => (t.title ? t : undefined));

const formTranslations = {
  en: formTranslation,
  es: formTranslation,
};

// Checked even when other fields are wrong, so every problem is listed at once.
const atLeastOneLanguage = z.superRefine<{ en?: unknown; es?: unknown }>(
  (value, ctx) => {
    if (!value.en && !value.es)
      ctx.addIssue({
        code: 'custom',
        path: ['en', 'title'],
        message: 'Give a title and summary in at least one language',
      });
  },
  { when: () => true },
);

const sessionYearField = z
  .string()
  .trim()
  .regex(/^\d{4}$/, 'Enter a year like 2025')
  .transform(Number)
  .pipe(policyInput.shape.sessionYear);

export const policyFormInput = z
  .object({
    billNumber: policyInput.shape.billNumber,
    sessionYear: sessionYearField,
    status: z.enum(policyStatuses, { error: 'Choose a status' }),
    position: z.enum(policyPositions, { error: 'Choose a position' }),
    ...formTranslations,
  })
  .check(atLeastOneLanguage);
export type PolicyForm = z.output<typeof policyFormInput>;

/** The resource form; `topics` must be among those that exist. */
export function resourceFormInput(knownTopics: readonly string[]) {
  return z
    .object({
      type: z.enum(resourceTypes, { error: 'Choose a type' }),
      publishedOn: resourceInput.shape.publishedOn,
      topics: z
        .array(z.string())
        .max(20, 'Choose 20 topics or fewer')
        .refine((list) => list.every((t) => knownTopics.includes(t)), 'Choose topics from the list'),
      url: z
        .string()
        .trim()
        .transform((v) => v || null)
        .pipe(resourceInput.shape.url.unwrap().unwrap().nullable()),
      ...formTranslations,
    })
    .check(atLeastOneLanguage);
}
export type ResourceForm = z.output<ReturnType<typeof resourceFormInput>>;

// "new" is the address of the form that adds one, so nothing else can live there.
export const newItemSlug = z.object({
  slug: slugSchema.refine((slug) => slug !== 'new', 'That address is taken by the workspace. Choose another.'),
});
