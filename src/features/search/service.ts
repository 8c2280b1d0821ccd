import { sql } from 'drizzle-orm';
import { jsonRows, rowsOf, type Db } from '../../platform/db/client.ts';
import type { SearchHit, SearchSource } from '../../platform/search.ts';
import type { Locale } from '../../platform/web/locale.ts';

/**
 * Site search: asks every feature's source (handed in by the app) and ranks what they found together. Nothing here
 * is stored or logged: a query can say a lot about the person who typed it.
 */

/** The longest query searched: longer ones are cut, a pasted page included. */
export const QUERY_MAX_CHARACTERS = 200;

const controls = /[\u0000-\u001f\u007f-\u009f]/g;
// The marks ts_headline puts around matched words: private-use characters, taken out of the text first.
const MARK_START = '\uE000';
const MARK_END = '\uE001';
const marks = /[\uE000\uE001]/g;

/**
 * What is searched for, from whatever arrived as `?q=`: control characters become spaces, half surrogate pairs
 * become U+FFFD (PostgreSQL refuses NUL, and cannot encode a lone surrogate), and it is cut to
 * QUERY_MAX_CHARACTERS whole characters. Never refuses: a search box always answers.
 */
export function cleanQuery(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  const text = raw
    .slice(0, QUERY_MAX_CHARACTERS * 4)
    .toWellFormed()
    .replace(controls, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return [...text].slice(0, QUERY_MAX_CHARACTERS).join('').trim();
}

/** Every source's hits for a cleaned query, best first, at most `limit`. An empty query finds nothing. */
export async function searchSite(
  db: Db,
  sources: readonly SearchSource[],
  query: string,
  locale: Locale,
  limit: number,
): Promise<SearchHit[]> {
  if (!query) return [];
  const found = await Promise.all(sources.map((search) => search(db, query, locale, limit)));
  // Stable: equal ranks keep the order the sources were handed in.
  return found
    .flat()
    .sort((a, b) => b.rank - a.rank)
    .slice(0, limit);
}

/** A summary in parts, the words the query matched marked. */
export type Highlighted = { text: string; matched: boolean }[];

/**
 * Each hit's summary cut to the part around what matched (ts_headline, in the summary's own language), in one
 * statement for all of them. The marks are private-use characters, never markup, so the view escapes every part
 * like any text.
 */
export async function highlightSummaries(db: Db, hits: readonly SearchHit[], query: string): Promise<Highlighted[]> {
  if (hits.length === 0) return [];
  const items = hits.map((hit, i) => ({ i, summary: hit.summary.replace(marks, ''), lang: hit.lang }));
  const options = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=40, MinWords=20, ShortWord=2`;
  const rows = await rowsOf<{ i: number; headline: string }>(
    db,
    sql`select x.i, ts_headline(d.dictionary, x.summary, websearch_to_tsquery(d.dictionary, ${query}), ${options})
          as headline
        from jsonb_to_recordset(${jsonRows(items)}) as x(i int, summary text, lang text)
        cross join lateral (
          select case x.lang when 'es' then 'spanish'::regconfig else 'english'::regconfig end as dictionary
        ) d
        order by x.i`,
  );
  return rows.map((row) => withEllipses(items[row.i]!.summary, parts(row.headline)));
}

function parts(headline: string): Highlighted {
  const out: Highlighted = [];
  for (const [i, piece] of headline.split(MARK_START).entries()) {
    const [inside, after] = i === 0 ? [undefined, piece] : splitOnce(piece, MARK_END);
    if (inside) out.push({ text: inside, matched: true });
    if (after) out.push({ text: after, matched: false });
  }
  return out;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}

/** "…" where the headline leaves out the start or the end of the summary. */
function withEllipses(summary: string, highlighted: Highlighted): Highlighted {
  const shown = highlighted.map((p) => p.text).join('');
  const trimmed = shown.trim();
  if (!trimmed) return [{ text: summary, matched: false }];
  const out = [...highlighted];
  if (!summary.trimStart().startsWith(trimmed.slice(0, 20))) out.unshift({ text: '… ', matched: false });
  if (!summary.trimEnd().endsWith(trimmed.slice(-20))) out.push({ text: ' …', matched: false });
  return out;
}
