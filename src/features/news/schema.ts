import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import type { Locale } from '../../platform/web/locale.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const postTypes = ['news', 'press-release', 'statement'] as const;
export type PostType = (typeof postTypes)[number];

/**
 * A dated post: news, a press release or a statement. Language-neutral facts here; its words in
 * news_post_translations. `published_on` is the date the post says (staff may set it, to back-date a
 * statement); `first_published_at` is when it first went public, kept for the record and the feed.
 */
export const newsPosts = pgTable(
  'news_posts',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    type: text('type').$type<PostType>().notNull().default('news'),
    publishedOn: date('published_on', { mode: 'string' }).notNull(),
    firstPublishedAt: timestamp('first_published_at', { withTimezone: true }),
    /** Free text: a staff member's name, or the organisation's. */
    authorName: text('author_name').notNull().default(''),
    /** An image from the media library (the app's ImageLibrary); no foreign key, as the library is another's. */
    imageId: integer('image_id'),
    /** Content's topic slugs, as resources carry them. */
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    published: boolean('published').notNull().default(false),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('news_posts_published_on_idx').on(t.publishedOn)],
);

// The row's own language's dictionary, for both weights of its search vector (as content's resources do).
const rowDictionary = "case when locale = 'es' then 'spanish'::regconfig else 'english'::regconfig end";

export const newsPostTranslations = pgTable(
  'news_post_translations',
  {
    postId: integer('post_id')
      .notNull()
      .references(() => newsPosts.id, { onDelete: 'cascade' }),
    locale: text('locale').$type<Locale>().notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    bodyMd: text('body_md').notNull().default(''),
    // Stemmed with the language's own dictionary, so "defensores" finds "defensor".
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
    primaryKey({ columns: [t.postId, t.locale] }),
    index('news_post_translations_search_idx').using('gin', t.search),
  ],
);
