import type { Db } from './db/client.ts';
import type { Locale } from './web/locale.ts';

/** What site search finds, by the kind of thing it is; the search page names each kind in both languages. */
export const searchKinds = ['page', 'post', 'policy', 'resource', 'petition', 'event'] as const;
export type SearchKind = (typeof searchKinds)[number];

/** One thing a search found. */
export type SearchHit = {
  kind: SearchKind;
  title: string;
  summary: string;
  /** The language-neutral path ("/news/some-post"); the search page puts the language in front. */
  path: string;
  /** The language the title and summary are in (English when the asked-for one has no version). */
  lang: Locale;
  /** ts_rank of the match: hits from every source are sorted by it together. */
  rank: number;
  /** A date worth showing (a post's), as YYYY-MM-DD. */
  date?: string;
};

/**
 * One feature's part of site search: its published things that match the query, in the language
 * asked for. Each feature writes its own (its tables are its own) and exports it from its service;
 * the app hands them all to the search page.
 */
export type SearchSource = (db: Db, query: string, locale: Locale, limit: number) => Promise<SearchHit[]>;

/** The PostgreSQL text-search configuration for a language: the same on PGlite. */
export function searchConfiguration(locale: Locale): 'english' | 'spanish' {
  return locale === 'es' ? 'spanish' : 'english';
}
