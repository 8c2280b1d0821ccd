import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';

import type { Locale } from '../../platform/web/locale.ts';

export { locales, type Locale } from '../../platform/web/locale.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** A page of the public site in one language (home, tips, about, privacy…). */
export const pages = pgTable(
  'pages',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull(),
    locale: text('locale').$type<Locale>().notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    bodyMd: text('body_md').notNull().default(''),
    published: boolean('published').notNull().default(true),
    ...timestamps,
  },
  (t) => [unique('pages_slug_locale').on(t.slug, t.locale)],
);

/**
 * A block of a page. `kind` is one of the kinds in sections.ts (hero, text,
 * cards, quote…), which also says what `data` holds for it; `hidden` keeps a
 * section in the page's list, for staff, without showing it to visitors.
 */
export const pageSections = pgTable(
  'page_sections',
  {
    id: serial('id').primaryKey(),
    pageId: integer('page_id')
      .notNull()
      .references(() => pages.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    kind: text('kind').notNull(),
    position: integer('position').notNull().default(0),
    heading: text('heading').notNull().default(''),
    bodyMd: text('body_md').notNull().default(''),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    hidden: boolean('hidden').notNull().default(false),
    ...timestamps,
  },
  (t) => [unique('page_sections_page_key').on(t.pageId, t.key)],
);

export const policyStatuses = [
  'drafting',
  'introduced',
  'in-committee',
  'passed-chamber',
  'passed',
  'signed',
  'failed',
  'vetoed',
] as const;
export const policyPositions = ['support', 'oppose', 'monitor'] as const;

/** A bill or policy on the agenda. Language-neutral facts here; words in policy_translations. */
export const policies = pgTable('policies', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  billNumber: text('bill_number').notNull().default(''),
  sessionYear: integer('session_year').notNull(),
  status: text('status').$type<(typeof policyStatuses)[number]>().notNull(),
  position: text('position').$type<(typeof policyPositions)[number]>().notNull(),
  isDemo: boolean('is_demo').notNull().default(false),
  published: boolean('published').notNull().default(true),
  ...timestamps,
});

// The row's own language's dictionary, for the weights of its search vector.
const rowDictionary = "case when locale = 'es' then 'spanish'::regconfig else 'english'::regconfig end";

export const policyTranslations = pgTable(
  'policy_translations',
  {
    policyId: integer('policy_id')
      .notNull()
      .references(() => policies.id, { onDelete: 'cascade' }),
    locale: text('locale').$type<Locale>().notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    bodyMd: text('body_md').notNull().default(''),
    // For site search, stemmed in the translation's own language like a resource's (below).
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(
        sql.raw(
          `setweight(to_tsvector(${rowDictionary}, coalesce(title, '')), 'A') || ` +
            `setweight(to_tsvector(${rowDictionary}, coalesce(summary, '')), 'B') || ` +
            `setweight(to_tsvector(${rowDictionary}, coalesce(body_md, '')), 'C')`,
        ),
      ),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.policyId, t.locale] }),
    index('policy_translations_search_idx').using('gin', t.search),
  ],
);

export const resourceTypes = ['report', 'guide', 'fact-sheet', 'toolkit', 'testimony', 'video'] as const;

/** A report, guide or fact sheet in the research library. */
export const resources = pgTable(
  'resources',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    type: text('type').$type<(typeof resourceTypes)[number]>().notNull(),
    publishedOn: date('published_on').notNull(),
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    url: text('url'),
    filePath: text('file_path'),
    isDemo: boolean('is_demo').notNull().default(false),
    published: boolean('published').notNull().default(true),
    ...timestamps,
  },
  (t) => [index('resources_topics_idx').using('gin', t.topics)],
);

export const resourceTranslations = pgTable(
  'resource_translations',
  {
    resourceId: integer('resource_id')
      .notNull()
      .references(() => resources.id, { onDelete: 'cascade' }),
    locale: text('locale').$type<Locale>().notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    bodyMd: text('body_md').notNull().default(''),
    // Stemmed with the language's own dictionary, so "víctimas" finds "víctima".
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(
        sql.raw(
          `setweight(to_tsvector(${rowDictionary}, coalesce(title, '')), 'A') || ` +
            `setweight(to_tsvector(${rowDictionary}, coalesce(summary, '') || ' ' || coalesce(body_md, '')), 'B')`,
        ),
      ),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.resourceId, t.locale] }),
    index('resource_translations_search_idx').using('gin', t.search),
  ],
);

/** Topics that tag resources, with their names in each language. */
export const topics = pgTable('topics', {
  slug: text('slug').primaryKey(),
  names: jsonb('names').$type<Record<Locale, string>>().notNull(),
  position: integer('position').notNull().default(0),
});

/**
 * One row of site-wide state: the organisation's settings and a content
 * version that every content write bumps, so page caches know when to refresh.
 */
export const siteState = pgTable('site_state', {
  id: integer('id').primaryKey().default(1),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  contentVersion: bigint('content_version', { mode: 'number' }).notNull().default(1),
  demoSeededAt: timestamp('demo_seeded_at', { withTimezone: true }),
});

export const versionedItemTypes = ['page', 'policy', 'resource', 'settings'] as const;
export type VersionedItemType = (typeof versionedItemTypes)[number];

/**
 * Earlier states of a page (one language), a policy, a resource or the site's settings, taken just
 * before each change so staff can see what changed and put an old state back.
 * Only the last few per item are kept. `item_key` is the slug (and, for a
 * page, ".<locale>"), so history survives a delete and follows the address.
 */
export const contentVersions = pgTable(
  'content_versions',
  {
    id: serial('id').primaryKey(),
    itemType: text('item_type').$type<VersionedItemType>().notNull(),
    itemKey: text('item_key').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    /** The change that replaced this state: update, publish, unpublish, restore, delete. */
    replacedBy: text('replaced_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Plain numbers and the email at the time, like the audit log, so a version outlives the account. */
    createdBy: integer('created_by'),
    createdByEmail: text('created_by_email').notNull().default(''),
  },
  (t) => [index('content_versions_item_idx').on(t.itemType, t.itemKey, t.id)],
);
