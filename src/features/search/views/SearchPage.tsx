import type { SearchHit } from '../../../platform/search.ts';
import { formatDate } from '../../../platform/web/components.tsx';
import { localizedPath, type Locale } from '../../../platform/web/locale.ts';
import { searchMessages } from '../messages.ts';
import { QUERY_MAX_CHARACTERS, type Highlighted } from '../service.ts';

export type SearchResults = { hits: SearchHit[]; summaries: Highlighted[]; capped: boolean };

/** The search form, then (once something was asked) what was found or what to try instead. */
export function SearchPage(props: { locale: Locale; query: string; results: SearchResults }) {
  const { locale, query, results } = props;
  const t = searchMessages(locale);
  return (
    <>
      <h1>{query ? t.resultsTitle(query) : t.title}</h1>
      <form class="search search-page-form" method="get" action={localizedPath(locale, '/search')}>
        <div>
          <label for="search-q">{t.label}</label>
          <p class="meta" id="search-q-hint">
            {t.hint}
          </p>
          <input
            type="search"
            id="search-q"
            name="q"
            value={query}
            maxlength={QUERY_MAX_CHARACTERS}
            aria-describedby="search-q-hint"
          />
        </div>
        <div>
          <button class="button" type="submit">
            {t.submit}
          </button>
        </div>
      </form>
      {query ? <Results locale={locale} query={query} results={results} /> : null}
    </>
  );
}

function Results(props: { locale: Locale; query: string; results: SearchResults }) {
  const { locale, query, results } = props;
  const t = searchMessages(locale);
  return (
    <section aria-labelledby="search-results">
      <h2 id="search-results">{t.results(results.hits.length, query)}</h2>
      {results.hits.length === 0 ? <NoResults locale={locale} query={query} /> : null}
      {results.capped ? <p>{t.capped(results.hits.length)}</p> : null}
      <ol class="list-plain search-results">
        {results.hits.map((hit, i) => {
          const lang = hit.lang !== locale ? hit.lang : undefined;
          return (
            <li>
              <p class="meta">
                <span class="badge">{t.kind[hit.kind]}</span>
                {hit.date ? (
                  <>
                    {' '}
                    <time datetime={hit.date}>{formatDate(hit.date, locale)}</time>
                  </>
                ) : null}
                {lang ? ` · ${t.inLanguage[hit.lang]}` : null}
              </p>
              <h3 lang={lang}>
                <a href={localizedPath(locale, hit.path)}>{hit.title}</a>
              </h3>
              <Summary lang={lang} parts={results.summaries[i] ?? [{ text: hit.summary, matched: false }]} />
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function Summary(props: { lang: Locale | undefined; parts: Highlighted }) {
  if (props.parts.every((p) => !p.text.trim())) return null;
  return <p lang={props.lang}>{props.parts.map((part) => (part.matched ? <mark>{part.text}</mark> : part.text))}</p>;
}

function NoResults(props: { locale: Locale; query: string }) {
  const { locale, query } = props;
  const t = searchMessages(locale);
  const other: Locale = locale === 'en' ? 'es' : 'en';
  const elsewhere = `${localizedPath(other, '/search')}?${new URLSearchParams({ q: query }).toString()}`;
  return (
    <>
      <p>{t.none}</p>
      <p>{t.suggestionsTitle}:</p>
      <ul>
        {t.suggestions.map((s) => (
          <li>{s}</li>
        ))}
        <li>
          <a href={elsewhere} hreflang={other}>
            {t.otherLanguage}
          </a>
        </li>
        <li>
          {t.browse}{' '}
          {t.browseLinks.map(([path, label], i) => (
            <>
              {i === 0 ? '' : i === t.browseLinks.length - 1 ? ` ${t.or} ` : ', '}
              <a href={localizedPath(locale, path)}>{label}</a>
            </>
          ))}
        </li>
      </ul>
    </>
  );
}
