import { and, eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { searchConfiguration, type SearchHit, type SearchSource } from '../../platform/search.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { newsPosts, newsPostTranslations, type PostType } from './schema.ts';

/** A published post as the public reads it: in the asked-for language, else English, else the one it has. */
export type PublicPost = {
  id: number;
  slug: string;
  type: PostType;
  /** YYYY-MM-DD: the date the post says. */
  publishedOn: string;
  authorName: string;
  imageId: number | null;
  topics: string[];
  isDemo: boolean;
  updatedAt: Date;
  /** The language the words are in, and whether that is not the one asked for. */
  locale: Locale;
  isFallback: boolean;
  title: string;
  summary: string;
  bodyMd: string;
};

export type PostSummary = Omit<PublicPost, 'bodyMd'>;

// Each post's words in one language: the asked-for one, else English, else whichever it has.
const chosenWords = (locale: Locale) => sql`cross join lateral (
    select locale, title, summary, search, updated_at from news_post_translations t
    where t.post_id = p.id
    order by (t.locale = ${locale}) desc, (t.locale = 'en') desc
    limit 1
  ) t`;

type Row = Omit<PostSummary, 'isFallback' | 'updatedAt' | 'publishedOn'> & {
  publishedOn: string | Date;
  updatedAt: string | Date;
  total?: string | number;
};

function summaryOf(row: Row, locale: Locale): PostSummary {
  const { total: _total, ...rest } = row;
  return {
    ...rest,
    publishedOn: isoDate(row.publishedOn),
    updatedAt: new Date(row.updatedAt),
    isFallback: row.locale !== locale,
  };
}

const summaryColumns = sql`p.id, p.slug, p.type, p.published_on::text as "publishedOn", p.author_name as "authorName",
  p.image_id as "imageId", p.topics, p.is_demo as "isDemo", greatest(p.updated_at, t.updated_at) as "updatedAt",
  t.locale, t.title, t.summary`;

/** Published posts, newest first (by the date each says), one page of them and how many there are in all. */
export async function listPublishedPosts(
  db: Db,
  query: { locale: Locale; page?: number; perPage: number },
): Promise<{ items: PostSummary[]; total: number }> {
  const page = Math.max(1, query.page ?? 1);
  const rows = await rowsOf<Row>(
    db,
    sql`select ${summaryColumns}, count(*) over () as total
        from news_posts p ${chosenWords(query.locale)}
        where p.published
        order by p.published_on desc, p.first_published_at desc nulls last, p.id desc
        limit ${query.perPage} offset ${(page - 1) * query.perPage}`,
  );
  return {
    total: rows.length > 0 ? Number(rows[0]!.total) : 0,
    items: rows.map((row) => summaryOf(row, query.locale)),
  };
}

/** One published post in a language (falling back as the list does); undefined for a draft or an unknown address. */
export async function getPublishedPost(db: Db, slug: string, locale: Locale): Promise<PublicPost | undefined> {
  const rows = await db
    .select({ post: newsPosts, words: newsPostTranslations })
    .from(newsPosts)
    .innerJoin(newsPostTranslations, eq(newsPostTranslations.postId, newsPosts.id))
    .where(and(eq(newsPosts.slug, slug), eq(newsPosts.published, true)));
  const rank = (l: Locale) => (l === locale ? 0 : l === 'en' ? 1 : 2);
  const chosen = rows.sort((a, b) => rank(a.words.locale) - rank(b.words.locale))[0];
  if (!chosen) return undefined;
  const { post, words } = chosen;
  return {
    id: post.id,
    slug: post.slug,
    type: post.type,
    publishedOn: isoDate(post.publishedOn),
    authorName: post.authorName,
    imageId: post.imageId,
    topics: post.topics,
    isDemo: post.isDemo,
    updatedAt: new Date(Math.max(post.updatedAt.getTime(), words.updatedAt.getTime())),
    locale: words.locale,
    isFallback: words.locale !== locale,
    title: words.title,
    summary: words.summary,
    bodyMd: words.bodyMd,
  };
}

/** The addresses of every published post, for sitemap.xml and the site map. */
export async function listPublishedPostPaths(db: Db): Promise<string[]> {
  const rows = await db
    .select({ slug: newsPosts.slug })
    .from(newsPosts)
    .where(eq(newsPosts.published, true))
    .orderBy(sql`${newsPosts.publishedOn} desc`, newsPosts.id);
  return rows.map((r) => `/news/${r.slug}`);
}

// Each translation's own language, as its search vector was stemmed (schema.ts).
const wordsDictionary = sql.raw("case t.locale when 'es' then 'spanish'::regconfig else 'english'::regconfig end");

/**
 * Site search's part for posts: published posts whose words, in the language they are shown in
 * (the asked-for one, else English), match the query with that language's stemming, best first.
 * The IN (…) pre-filter, in the asked-for language's configuration, lets PostgreSQL use the GIN index.
 */
export const searchNews: SearchSource = async (db, query, locale, limit) => {
  const q = query.trim();
  if (!q) return [];
  const asked = searchConfiguration(locale);
  const rows = await rowsOf<Row & { rank: number }>(
    db,
    sql`select ${summaryColumns}, ts_rank(t.search, websearch_to_tsquery(${wordsDictionary}, ${q})) as rank
        from news_posts p ${chosenWords(locale)}
        where p.published
          and p.id in (select post_id from news_post_translations
                       where search @@ websearch_to_tsquery(${asked}::regconfig, ${q})
                          or search @@ websearch_to_tsquery('english', ${q}))
          and t.search @@ websearch_to_tsquery(${wordsDictionary}, ${q})
        order by rank desc, p.published_on desc, p.id desc
        limit ${limit}`,
  );
  return rows.map(
    (row): SearchHit => ({
      kind: 'post',
      title: row.title,
      summary: row.summary,
      path: `/news/${row.slug}`,
      lang: row.locale,
      rank: Number(row.rank),
      date: isoDate(row.publishedOn),
    }),
  );
};

// node-postgres returns dates as Date objects, PGlite as strings: settle on YYYY-MM-DD.
function isoDate(value: string | Date): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}
