import { sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/client.ts';
import { searchConfiguration, type SearchHit, type SearchSource } from '../../platform/search.ts';
import type { Locale } from '../../platform/web/locale.ts';

// Each translation's own language, as its search vector was stemmed (schema.ts).
const wordsDictionary = sql.raw("case t.locale when 'es' then 'spanish'::regconfig else 'english'::regconfig end");

type Row = { slug: string; locale: Locale; title: string; summary: string; startsAt: string | Date; rank: number };

/**
 * Site search's part for events: published and cancelled ones (people look for what they planned to attend), in the
 * asked-for language's words else English's, best match first and, among equals, the soonest. The IN (…)
 * pre-filter, in the asked-for language's configuration, lets PostgreSQL use the GIN index.
 */
export const searchEvents: SearchSource = async (db, query, locale, limit) => {
  const q = query.trim();
  if (!q) return [];
  const asked = searchConfiguration(locale);
  const rows = await rowsOf<Row>(
    db,
    sql`select e.slug, t.locale, t.title, t.summary, e.starts_at as "startsAt",
          ts_rank(t.search, websearch_to_tsquery(${wordsDictionary}, ${q})) as rank
        from events e
        cross join lateral (
          select locale, title, summary, search from event_translations t
          where t.event_id = e.id
          order by (t.locale = ${locale}) desc, (t.locale = 'en') desc
          limit 1
        ) t
        where e.status in ('published', 'cancelled')
          and e.id in (select event_id from event_translations
                       where search @@ websearch_to_tsquery(${asked}::regconfig, ${q})
                          or search @@ websearch_to_tsquery('english', ${q}))
          and t.search @@ websearch_to_tsquery(${wordsDictionary}, ${q})
        order by rank desc, e.starts_at desc, e.id desc
        limit ${limit}`,
  );
  return rows.map(
    (row): SearchHit => ({
      kind: 'event',
      title: row.title,
      summary: row.summary,
      path: `/events/${row.slug}`,
      lang: row.locale,
      rank: Number(row.rank),
      date: (typeof row.startsAt === 'string' ? new Date(row.startsAt) : row.startsAt).toISOString().slice(0, 10),
    }),
  );
};
