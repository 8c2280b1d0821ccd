import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { rowsOf } from '../../platform/db/client.ts';
import type { SearchSource } from '../../platform/search.ts';
import type { Locale } from '../../platform/web/locale.ts';

type PetitionRow = { slug: string; lang: Locale; title: string; summary: string; rank: number };

/**
 * Petitions' part of site search: the public ones (every one but drafts, as the list at /petitions), by their
 * title, summary and statement in the words the petition's page shows (Spanish when it has a Spanish title, else
 * English: petitionWords), stemmed in that language. Petitions are few: the vector is computed at query time.
 */
export const searchPetitions: SearchSource = async (db: Db, query, locale, limit) => {
  const rows = await rowsOf<PetitionRow>(
    db,
    sql`select p.slug, w.lang, w.words ->> 'title' as title, coalesce(w.words ->> 'summary', '') as summary,
          ts_rank(m.v, m.query) as rank
        from petitions p
        cross join lateral (
          select case when ${locale} = 'es' and coalesce(p.es ->> 'title', '') <> '' then 'es' else 'en' end as lang
        ) l
        cross join lateral (
          select l.lang, case l.lang when 'es' then p.es else p.en end as words,
            case l.lang when 'es' then 'spanish'::regconfig else 'english'::regconfig end as dictionary
        ) w
        cross join lateral (
          select websearch_to_tsquery(w.dictionary, ${query}) as query,
            setweight(to_tsvector(w.dictionary, coalesce(w.words ->> 'title', '')), 'A')
              || setweight(to_tsvector(w.dictionary, coalesce(w.words ->> 'summary', '')), 'B')
              || setweight(to_tsvector(w.dictionary, coalesce(w.words ->> 'statement', '')), 'C') as v
        ) m
        where p.status <> 'draft' and m.v @@ m.query
        order by rank desc, p.id desc
        limit ${limit}`,
  );
  return rows.map((r) => ({
    kind: 'petition',
    title: r.title,
    summary: r.summary,
    path: `/petitions/${r.slug}`,
    lang: r.lang,
    rank: Number(r.rank),
  }));
};
