import { sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/client.ts';
import type { SearchHit, SearchSource } from '../../platform/search.ts';
import { markdownToText } from '../../platform/web/markdown-text.ts';
import type { Locale } from './schema.ts';
import { isoDate } from './resources.ts';

/*
 * Content's parts of site search. Each thing is matched in the language it would be shown in (the asked-for one,
 * else English, as its page does), with that language's stemming, so "víctimas" finds "víctima" on a Spanish page.
 * Unpublished things are never found. The query reaches PostgreSQL only as a bound parameter, through
 * websearch_to_tsquery, which reads any text without a syntax error.
 */

/** A row's dictionary, by the language of the words it holds. */
const dictionaryOf = (column: string) =>
  sql.raw(`(case ${column} when 'es' then 'spanish'::regconfig else 'english'::regconfig end)`);

// A description is a page's summary; a page without one shows the start of its text.
const SUMMARY_CHARACTERS = 240;

/**
 * A section's words: every string in the row and in its data, whatever the columns and the data's shape (sections
 * are being reworked, and a search should not break when they gain a field), but not its key, kind, times or any
 * address. A section with `hidden` true is left out.
 */
const sectionWords = sql.raw(`select string_agg(v #>> '{}', ' ') as words
  from jsonb_path_query(to_jsonb(s) - 'key' - 'kind' - 'created_at' - 'updated_at', 'strict $.**') v
  where jsonb_typeof(v) = 'string' and v #>> '{}' !~ '^(/|https?:|mailto:)'`);

type PageRow = { slug: string; locale: Locale; title: string; description: string; body: string; rank: number };

/**
 * Published pages: their title, description, body and their sections' words. The vector is computed at query time,
 * not stored: pages are few, a stored one could not follow the sections (a generated column sees one table), and
 * the sections' shape is still moving (docs/decisions, "search": the figures).
 */
export const searchPages: SearchSource = async (db, query, locale, limit) => {
  const dictionary = dictionaryOf('p.locale');
  const rows = await rowsOf<PageRow>(
    db,
    sql`select p.slug, p.locale, p.title, p.description, left(p.body_md, 2000) as body, ts_rank(d.v, q.query) as rank
        from pages p
        cross join lateral (select websearch_to_tsquery(${dictionary}, ${query}) as query) q
        cross join lateral (
          select setweight(to_tsvector(${dictionary}, p.title), 'A')
              || setweight(to_tsvector(${dictionary}, p.description), 'B')
              || setweight(to_tsvector(${dictionary}, p.body_md || ' ' || coalesce(string_agg(t.words, ' '), '')), 'C')
              as v
          from page_sections s
          cross join lateral (${sectionWords}) t
          where s.page_id = p.id and to_jsonb(s) -> 'hidden' is distinct from 'true'::jsonb
        ) d
        where p.published
          and (p.locale = ${locale} or (p.locale = 'en' and not exists (
            select 1 from pages o where o.slug = p.slug and o.locale = ${locale} and o.published)))
          and d.v @@ q.query
        order by rank desc, p.id
        limit ${limit}`,
  );
  return rows.map((r) => ({
    kind: 'page',
    title: r.title,
    summary: r.description || excerpt(r.body),
    path: r.slug === 'home' ? '/' : `/${r.slug}`,
    lang: r.locale,
    rank: Number(r.rank),
  }));
};

type TranslatedRow = { slug: string; locale: Locale; title: string; summary: string; rank: number; date?: string };

/** Published policies, by their words and their bill number ("HB 0000"). */
export const searchPolicies: SearchSource = async (db, query, locale, limit) => {
  const dictionary = dictionaryOf('t.locale');
  const rows = await rowsOf<TranslatedRow>(
    db,
    sql`select p.slug, t.locale, t.title, t.summary, ts_rank(m.v, m.query) as rank
        from policies p
        cross join lateral (
          select locale, title, summary, search from policy_translations pt
          where pt.policy_id = p.id and pt.locale in (${locale}, 'en')
          order by (pt.locale = ${locale}) desc
          limit 1
        ) t
        cross join lateral (
          select websearch_to_tsquery(${dictionary}, ${query}) as query,
            t.search || setweight(to_tsvector('simple', p.bill_number), 'A') as v
        ) m
        where p.published and m.v @@ m.query
        order by rank desc, p.id
        limit ${limit}`,
  );
  return rows.map((r) => hit('policy', `/policies/${r.slug}`, r));
};

/** Published resources of the research library, dated by their publication. */
export const searchLibrary: SearchSource = async (db, query, locale, limit) => {
  const dictionary = dictionaryOf('t.locale');
  const rows = await rowsOf<TranslatedRow & { date: string | Date }>(
    db,
    sql`select r.slug, t.locale, t.title, t.summary, r.published_on as date, ts_rank(t.search, m.query) as rank
        from resources r
        cross join lateral (
          select locale, title, summary, search from resource_translations rt
          where rt.resource_id = r.id and rt.locale in (${locale}, 'en')
          order by (rt.locale = ${locale}) desc
          limit 1
        ) t
        cross join lateral (select websearch_to_tsquery(${dictionary}, ${query}) as query) m
        where r.published and t.search @@ m.query
        order by rank desc, r.published_on desc, r.id
        limit ${limit}`,
  );
  return rows.map((r) => ({ ...hit('resource', `/resources/${r.slug}`, r), date: isoDate(r.date) }));
};

function hit(kind: SearchHit['kind'], path: string, row: TranslatedRow): SearchHit {
  return { kind, title: row.title, summary: row.summary, path, lang: row.locale, rank: Number(row.rank) };
}

/** The start of a page's text, without its Markdown, cut at a word. */
function excerpt(markdown: string): string {
  const text = markdownToText(markdown).replace(/\s+/g, ' ').trim();
  if (text.length <= SUMMARY_CHARACTERS) return text;
  const cut = text.slice(0, SUMMARY_CHARACTERS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), SUMMARY_CHARACTERS / 2))} …`;
}
