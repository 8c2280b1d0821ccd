import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { rowsOf } from '../../platform/db/client.ts';
import { resourceInput, topicInput, type ResourceInput, type TopicInput } from './inputs.ts';
import { resources, resourceTranslations, topics, type Locale } from './schema.ts';
import { bumpContentVersion } from './settings.ts';
import { pickTranslation } from './translations.ts';

export type ResourceSummary = {
  id: number;
  slug: string;
  type: string;
  publishedOn: string;
  topics: string[];
  url: string | null;
  filePath: string | null;
  isDemo: boolean;
  /** The language of title and summary, which may be English on a Spanish page. */
  locale: Locale;
  title: string;
  summary: string;
};
export type Resource = ResourceSummary & { bodyMd: string; isFallback: boolean };

export type ResourceQuery = {
  locale: Locale;
  q?: string | undefined;
  type?: string | undefined;
  topic?: string | undefined;
  page?: number | undefined;
  perPage?: number | undefined;
};

export async function createResource(db: Db, input: ResourceInput): Promise<{ created: boolean }> {
  const { translations, ...facts } = resourceInput.parse(input);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(resources).values(facts).onConflictDoNothing().returning({ id: resources.id });
    if (!row) return { created: false };
    await tx
      .insert(resourceTranslations)
      .values(
        Object.entries(translations).map(([locale, t]) => ({ ...t, locale: locale as Locale, resourceId: row.id })),
      );
    await bumpContentVersion(tx);
    return { created: true };
  });
}

export async function createTopic(db: Db, input: TopicInput): Promise<void> {
  const topic = topicInput.parse(input);
  await db.transaction(async (tx) => {
    await tx.insert(topics).values(topic).onConflictDoNothing();
    await bumpContentVersion(tx);
  });
}

export async function listTopics(db: Db): Promise<(typeof topics.$inferSelect)[]> {
  return db.select().from(topics).orderBy(asc(topics.position), asc(topics.slug));
}

/**
 * Full-text search over the library. Each resource is matched in the language
 * it is shown in (the asked-for one, else English), with that language's
 * stemming. The IN (…) pre-filter lets PostgreSQL use the GIN index before the
 * per-resource check.
 */
// Each translation's own language, as its search vector was stemmed (schema.ts).
const translationDictionary = sql.raw(
  "case t.locale when 'es' then 'spanish'::regconfig else 'english'::regconfig end",
);

export async function searchResources(
  db: Db,
  query: ResourceQuery,
): Promise<{ items: ResourceSummary[]; total: number }> {
  const perPage = query.perPage ?? 10;
  const page = Math.max(1, query.page ?? 1);
  const q = query.q?.trim() || undefined;
  const conditions: SQL[] = [sql`r.published`];
  if (query.type) conditions.push(sql`r.type = ${query.type}`);
  if (query.topic) conditions.push(sql`r.topics @> array[${query.topic}]::text[]`);
  if (q) {
    conditions.push(sql`r.id in (
      select resource_id from resource_translations
      where search @@ websearch_to_tsquery('english', ${q}) or search @@ websearch_to_tsquery('spanish', ${q}))`);
    conditions.push(sql`t.search @@ websearch_to_tsquery(${translationDictionary}, ${q})`);
  }
  const rankFirst = q ? sql`ts_rank(t.search, websearch_to_tsquery(${translationDictionary}, ${q})) desc, ` : sql``;
  const rows = await rowsOf<ResourceSummary & { total: string | number; publishedOn: string | Date }>(
    db,
    sql`select r.id, r.slug, r.type, r.published_on::text as "publishedOn", r.topics, r.url, r.file_path as "filePath",
          r.is_demo as "isDemo", t.locale, t.title, t.summary, count(*) over () as total
        from resources r
        cross join lateral (
          select locale, title, summary, search from resource_translations rt
          where rt.resource_id = r.id and rt.locale in (${query.locale}, 'en')
          order by (rt.locale = ${query.locale}) desc
          limit 1
        ) t
        where ${sql.join(conditions, sql` and `)}
        order by ${rankFirst}r.published_on desc, r.id desc
        limit ${perPage} offset ${(page - 1) * perPage}`,
  );
  return {
    total: rows.length > 0 ? Number(rows[0]!.total) : 0,
    items: rows.map(({ total: _total, ...r }) => ({ ...r, publishedOn: isoDate(r.publishedOn) })),
  };
}

export async function getResource(db: Db, slug: string, locale: Locale): Promise<Resource | undefined> {
  const rows = await db
    .select({ resource: resources, text: resourceTranslations })
    .from(resources)
    .innerJoin(resourceTranslations, eq(resourceTranslations.resourceId, resources.id))
    .where(and(eq(resources.slug, slug), eq(resources.published, true)));
  const text = pickTranslation(
    rows.map((r) => r.text),
    locale,
  );
  if (!text) return undefined;
  const r = rows[0]!.resource;
  return {
    id: r.id,
    slug: r.slug,
    type: r.type,
    publishedOn: isoDate(r.publishedOn),
    topics: r.topics,
    url: r.url,
    filePath: r.filePath,
    isDemo: r.isDemo,
    locale: text.locale,
    title: text.title,
    summary: text.summary,
    bodyMd: text.bodyMd,
    isFallback: text.locale !== locale,
  };
}

export async function listResourceSlugs(db: Db): Promise<{ slug: string; updatedAt: Date }[]> {
  return db
    .select({ slug: resources.slug, updatedAt: resources.updatedAt })
    .from(resources)
    .where(eq(resources.published, true));
}

// node-postgres returns dates as Date objects, PGlite as strings: settle on YYYY-MM-DD.
export function isoDate(value: string | Date): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}
