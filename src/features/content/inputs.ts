import { z } from 'zod';
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
const markdown = z.string().max(50_000, 'Use 50,000 characters or fewer');

export const sectionInput = z.object({
  key: slugSchema,
  kind: z.string().trim().min(1).max(40),
  heading: z.string().trim().max(300).default(''),
  bodyMd: markdown.default(''),
  data: z.record(z.string(), z.string().max(2000)).default({}),
});
export type SectionInput = z.input<typeof sectionInput>;

export const pageInput = z.object({
  slug: slugSchema,
  locale: localeSchema,
  title: z.string().trim().min(1, 'Enter a title').max(200),
  description: z.string().trim().max(300).default(''),
  bodyMd: markdown.default(''),
  published: z.boolean().default(true),
  sections: z.array(sectionInput).max(100).default([]),
});
export type PageInput = z.input<typeof pageInput>;

const translation = z.object({
  title: z.string().trim().min(1, 'Enter a title').max(300),
  summary: z.string().trim().min(1, 'Enter a summary').max(1000),
  bodyMd: markdown.default(''),
});
export type TranslationInput = z.input<typeof translation>;

const translations = z
  .partialRecord(localeSchema, translation)
  .refine((t) => Object.keys(t).length > 0, 'Give at least one language');

export const policyInput = z.object({
  slug: slugSchema,
  billNumber: z.string().trim().max(40).default(''),
  sessionYear: z.number().int().min(1990).max(2100),
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
  publishedOn: z.iso.date(),
  topics: z.array(slugSchema).max(20).default([]),
  url: z.url({ protocol: /^https?$/ }).nullable().default(null),
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
