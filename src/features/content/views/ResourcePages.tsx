import { BackLink, formatDate, Notice, Prose } from '../../../platform/web/components.tsx';
import { localizedPath, type Locale } from '../../../platform/web/locale.ts';
import { messagesFor } from '../../../platform/web/messages.ts';
import { contentMessages } from '../messages.ts';
import { resourceTypes } from '../schema.ts';
import type { Resource, ResourceSummary } from '../service.ts';

export type LibraryFilters = { q: string; type: string; topic: string; page: number };
export type TopicOption = { slug: string; names: Record<Locale, string> };

function queryString(filters: LibraryFilters, page: number): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.type) params.set('type', filters.type);
  if (filters.topic) params.set('topic', filters.topic);
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function ResourceListPage(props: {
  locale: Locale;
  filters: LibraryFilters;
  topics: TopicOption[];
  items: ResourceSummary[];
  total: number;
  perPage: number;
}) {
  const { locale, filters, topics, items, total, perPage } = props;
  const t = contentMessages(locale);
  const pages = Math.max(1, Math.ceil(total / perPage));
  const action = localizedPath(locale, '/resources');
  const topicName = new Map(topics.map((tp) => [tp.slug, tp.names[locale]]));
  const filtered = Boolean(filters.q || filters.type || filters.topic);
  return (
    <>
      <h1>{t.resources.title}</h1>
      <p>{t.resources.intro}</p>
      <form class="search" method="get" action={action} role="search">
        <div>
          <label for="q">{t.resources.searchLabel}</label>
          <p class="meta" id="q-hint">
            {t.resources.searchHint}
          </p>
          <input type="search" id="q" name="q" value={filters.q} maxlength={200} aria-describedby="q-hint" />
        </div>
        <div>
          <label for="type">{t.resources.typeLabel}</label>
          <select id="type" name="type">
            <option value="">{t.resources.any}</option>
            {resourceTypes.map((type) => (
              <option value={type} selected={filters.type === type}>
                {t.resourceType[type]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="topic">{t.resources.topicLabel}</label>
          <select id="topic" name="topic">
            <option value="">{t.resources.any}</option>
            {topics.map((tp) => (
              <option value={tp.slug} selected={filters.topic === tp.slug}>
                {tp.names[locale]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button class="button" type="submit">
            {t.resources.submit}
          </button>
        </div>
      </form>
      <h2 id="results">{t.resources.results(total)}</h2>
      {filtered ? (
        <p>
          <a href={action}>{t.resources.clear}</a>
        </p>
      ) : null}
      {items.length === 0 ? <p>{t.resources.none}</p> : null}
      <ul class="list-plain" aria-labelledby="results">
        {items.map((r) => (
          <li>
            <h3 lang={r.locale !== locale ? r.locale : undefined}>
              <a href={localizedPath(locale, `/resources/${r.slug}`)}>{r.title}</a>
            </h3>
            <p class="meta">
              {t.resourceType[r.type as keyof typeof t.resourceType] ?? r.type} ·{' '}
              <time datetime={r.publishedOn}>{formatDate(r.publishedOn, locale)}</time>
              {r.topics.length > 0 ? ` · ${r.topics.map((s) => topicName.get(s) ?? s).join(', ')}` : ''}
              {r.locale !== locale ? ` · ${t.resources.onlyInEnglish}` : ''}
              {r.isDemo ? (
                <>
                  {' '}
                  <span class="badge">{t.resources.demo}</span>
                </>
              ) : null}
            </p>
            <p lang={r.locale !== locale ? r.locale : undefined}>{r.summary}</p>
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <nav class="pagination" aria-label={t.resources.pagination}>
          {filters.page > 1 ? (
            <a rel="prev" href={action + queryString(filters, filters.page - 1)}>
              ← {t.resources.previous}
            </a>
          ) : null}
          <span aria-current="page">{t.resources.page(Math.min(filters.page, pages), pages)}</span>
          {filters.page < pages ? (
            <a rel="next" href={action + queryString(filters, filters.page + 1)}>
              {t.resources.next} →
            </a>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

export function ResourcePage(props: { resource: Resource; locale: Locale; topics: TopicOption[] }) {
  const { resource: r, locale } = props;
  const t = contentMessages(locale);
  const topicName = new Map(props.topics.map((tp) => [tp.slug, tp.names[locale]]));
  const textLang = r.isFallback ? r.locale : undefined;
  return (
    <>
      {r.isFallback ? <Notice>{messagesFor(locale).untranslated}</Notice> : null}
      <BackLink href={localizedPath(locale, '/resources')}>{t.resources.back}</BackLink>
      <article>
        <h1 lang={textLang}>{r.title}</h1>
        <dl class="meta">
          <dt>{t.resources.typeLabel}:</dt>
          <dd>{t.resourceType[r.type as keyof typeof t.resourceType] ?? r.type}</dd>
          <dt>{t.resources.published}:</dt>
          <dd>
            <time datetime={r.publishedOn}>{formatDate(r.publishedOn, locale)}</time>
          </dd>
          {r.topics.length > 0 ? (
            <>
              <dt>{t.resources.topics}:</dt>
              <dd>{r.topics.map((s) => topicName.get(s) ?? s).join(', ')}</dd>
            </>
          ) : null}
          {r.isDemo ? (
            <dd>
              <span class="badge">{t.resources.demo}</span>
            </dd>
          ) : null}
        </dl>
        <p lang={textLang}>
          <strong>{r.summary}</strong>
        </p>
        <Prose markdown={r.bodyMd} locale={locale} lang={r.locale} />
        {r.url ? (
          <p>
            <a class="button" href={r.url} rel="noopener noreferrer">
              {t.resources.open}
            </a>
          </p>
        ) : null}
        {r.filePath ? (
          <p>
            <a class="button" href={`/files/${r.filePath}`}>
              {t.resources.download}
            </a>
          </p>
        ) : null}
      </article>
    </>
  );
}
