import { Field, Select } from '../../../../platform/web/forms.tsx';
import { supporterStatuses, type SupporterListRow } from '../../records.ts';
import { subscriptionTopics } from '../../schema.ts';
import { languageLabel, statusLabel, topicLabel } from './wording.ts';
import { When } from '../../../../platform/web/when.tsx';
import { DataTable } from '../../../../platform/web/tables.tsx';

export type ListFilters = {
  q?: string | undefined;
  topic?: string | undefined;
  language?: string | undefined;
  county?: string | undefined;
  status?: string | undefined;
  tag?: string | undefined;
  page: number;
};

/** The list's address with these filters, so a page link keeps what was searched. */
export function listQuery(f: ListFilters, page: number): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, page }))
    if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function fullName(row: { givenName: string; familyName: string }): string {
  return `${row.givenName} ${row.familyName}`.trim();
}

export function SupporterListPage(props: {
  rows: SupporterListRow[];
  total: number;
  perPage: number;
  filters: ListFilters;
  counties: string[];
  tags: string[];
  timeZone: string;
  canAdd: boolean;
  canImport?: boolean;
  canExport?: boolean;
}) {
  const f = props.filters;
  const pages = Math.max(1, Math.ceil(props.total / props.perPage));
  const any = (label: string) => [['', label] as const];
  return (
    <>
      <h1>Supporters</h1>
      <p>
        People who signed up or were added to the list. Their records hold personal data: look up only what your work
        needs.
      </p>
      {props.canAdd ? (
        <p>
          <a class="button" href="/admin/supporters/new">
            Add a supporter
          </a>{' '}
          {/* Those who add people are those who merge them (permissions.ts). */}
          <a class="button secondary" href="/admin/supporters/duplicates">
            Likely duplicates
          </a>
          {props.canImport ? (
            <>
              {' '}
              <a href="/admin/supporters/import">Import from a CSV file</a>
            </>
          ) : null}
        </p>
      ) : null}
      <form method="get" action="/admin/supporters" class="search filters">
        <Field name="q" label="Name, email or ZIP" type="search" value={f.q} maxlength={200} />
        <Select
          name="topic"
          label="Topic"
          value={f.topic ?? ''}
          options={[...any('Any topic'), ...subscriptionTopics.map((t) => [t, topicLabel[t]] as const)]}
        />
        <Select
          name="status"
          label="Status"
          hint="For the chosen topic, or for any topic"
          value={f.status ?? ''}
          options={[...any('Any status'), ...supporterStatuses.map((s) => [s, statusLabel[s]] as const)]}
        />
        <Select
          name="language"
          label="Language"
          value={f.language ?? ''}
          options={[...any('Any language'), ['en', languageLabel.en], ['es', languageLabel.es]]}
        />
        <Select
          name="county"
          label="County"
          value={f.county ?? ''}
          options={[...any('Any county'), ...props.counties.map((c) => [c, c] as const)]}
        />
        <Select
          name="tag"
          label="Tag"
          value={f.tag ?? ''}
          options={[...any('Any tag'), ...props.tags.map((t) => [t, t] as const)]}
        />
        <div>
          <button class="button" type="submit">
            Search
          </button>
        </div>
      </form>
      <p role="status">{props.total === 1 ? '1 person' : `${props.total} people`}</p>
      {props.canExport && props.total > 0 ? (
        <p>
          <a href={`/admin/supporters/export${listQuery(f, 1)}`}>Download these people as CSV</a>
        </p>
      ) : null}
      {props.rows.length > 0 ? (
        <DataTable
          caption="Supporters, newest first"
          columns={['Name', 'Email', 'ZIP', 'County', 'Language', 'Status', 'Topics', 'Added']}
        >
          {props.rows.map((r) => (
            <tr>
              <td>
                <a href={`/admin/supporters/${r.id}`}>{fullName(r) || '(no name)'}</a>
              </td>
              <td>{r.emailAsTyped}</td>
              <td>{r.zip ?? ''}</td>
              <td>{r.county ?? ''}</td>
              <td>{languageLabel[r.locale]}</td>
              <td>{statusLabel[r.status]}</td>
              <td>
                {subscriptionTopics
                  .filter((t) => r.subscriptions[t] === 'subscribed')
                  .map((t) => topicLabel[t])
                  .join(', ')}
              </td>
              <td>
                <When at={r.createdAt} timeZone={props.timeZone} />
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>Nobody matches. Try fewer filters or a shorter search.</p>
      )}
      {pages > 1 ? (
        <nav class="pagination" aria-label="Pages of supporters">
          {f.page > 1 ? <a href={`/admin/supporters${listQuery(f, f.page - 1)}`}>← Newer</a> : null}
          <span>
            Page {Math.min(f.page, pages)} of {pages}
          </span>
          {f.page < pages ? <a href={`/admin/supporters${listQuery(f, f.page + 1)}`}>Older →</a> : null}
        </nav>
      ) : null}
    </>
  );
}
