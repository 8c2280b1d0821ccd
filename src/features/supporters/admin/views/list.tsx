import { Field, Select } from '../../../../platform/web/forms.tsx';
import { supporterStatuses, type SupporterListRow } from '../../records.ts';
import { filtersQuery, hasFilters, type SegmentFilters } from '../../segment-filters.ts';
import { subscriptionTopics } from '../../schema.ts';
import { languageLabel, statusLabel, topicLabel } from './wording.ts';
import { When } from '../../../../platform/web/when.tsx';
import { DataTable } from '../../../../platform/web/tables.tsx';
import { MoreFilters, TagChoices, type ActionChoices } from './filter-fields.tsx';

/** The list's address for these filters (or this segment) and page, so a page link keeps what was searched. */
export function listQuery(f: SegmentFilters, page: number, segmentId?: number): string {
  const p = segmentId ? new URLSearchParams({ segment: String(segmentId) }) : filtersQuery(f);
  if (page > 1) p.set('page', String(page));
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
  page: number;
  filters: SegmentFilters;
  /** The saved segment shown, when one was chosen. */
  segment?: { id: number; name: string } | undefined;
  /** The segment these filters were changed from, so they can be saved back to it. */
  basedOn?: { id: number; name: string } | undefined;
  segments: { id: number; name: string }[];
  counties: string[];
  tags: string[];
  actions: ActionChoices[];
  timeZone: string;
  canAdd: boolean;
  canImport?: boolean;
  canExport?: boolean;
  canTag: boolean;
  notice?: string | undefined;
}) {
  const f = props.filters;
  const pages = Math.max(1, Math.ceil(props.total / props.perPage));
  const any = (label: string) => [['', label] as const];
  // What the bulk actions, the export and "save as a segment" act on: this segment, or these filters.
  const scope = listQuery(f, 1, props.segment?.id);
  return (
    <>
      <h1>Supporters</h1>
      <p>
        People who signed up or were added to the list. Their records hold personal data: look up only what your work
        needs.
      </p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <p class="button-group">
        {props.canAdd ? (
          <>
            <a class="button" href="/admin/supporters/new">
              Add a supporter
            </a>{' '}
            {/* Those who add people are those who merge them (permissions.ts). */}
            <a class="button secondary" href="/admin/supporters/duplicates">
              Likely duplicates
            </a>{' '}
          </>
        ) : null}
        {props.canImport ? (
          <>
            <a href="/admin/supporters/import">Import from a CSV file</a>{' '}
          </>
        ) : null}
        <a href="/admin/supporters/segments">Saved segments</a>
      </p>
      {props.segments.length > 0 ? (
        <form method="get" action="/admin/supporters" class="search">
          <Select
            name="segment"
            label="Saved segment"
            value={props.segment ? String(props.segment.id) : ''}
            options={[
              ...any('None: use the filters below'),
              ...props.segments.map((s) => [String(s.id), s.name] as const),
            ]}
          />
          <div>
            <button class="button secondary" type="submit">
              Show segment
            </button>
          </div>
        </form>
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
        <TagChoices tags={props.tags} chosen={f.tags ?? []} />
        <MoreFilters filters={f} actions={props.actions} />
        {props.segment || props.basedOn ? (
          <input type="hidden" name="from" value={String((props.segment ?? props.basedOn)!.id)} />
        ) : null}
        <div>
          <button class="button" type="submit">
            Search
          </button>
        </div>
      </form>
      <p role="status">
        {props.segment ? `Segment “${props.segment.name}”: ` : ''}
        {props.total === 1 ? '1 person' : `${props.total} people`}
      </p>
      <ul class="list-inline" aria-label="With these people">
        {props.segment ? (
          <li>
            <a href={`/admin/supporters/segments/${props.segment.id}/edit`}>Rename the segment</a>
          </li>
        ) : null}
        {!props.segment && props.basedOn && hasFilters(f) ? (
          <li>
            <a href={`/admin/supporters/segments/${props.basedOn.id}/edit${scope}`}>
              Save these filters to “{props.basedOn.name}”
            </a>
          </li>
        ) : null}
        {!props.segment && hasFilters(f) ? (
          <li>
            <a href={`/admin/supporters/segments/new${scope}`}>Save these filters as a new segment</a>
          </li>
        ) : null}
        {props.canTag && props.total > 0 ? (
          <>
            <li>
              <a href={`/admin/supporters/bulk/tag${scope}`}>Tag them all</a>
            </li>
            <li>
              <a href={`/admin/supporters/bulk/untag${scope}`}>Remove a tag from them all</a>
            </li>
          </>
        ) : null}
        {props.canExport && props.total > 0 ? (
          <li>
            <a href={`/admin/supporters/export${scope}`}>Export them as CSV</a>
          </li>
        ) : null}
        {props.segment ? (
          <li>
            <a href={`/admin/broadcasts/new?segment=${props.segment.id}`}>Send them a broadcast</a>
          </li>
        ) : null}
      </ul>
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
          {props.page > 1 ? (
            <a href={`/admin/supporters${listQuery(f, props.page - 1, props.segment?.id)}`}>← Newer</a>
          ) : null}
          <span>
            Page {Math.min(props.page, pages)} of {pages}
          </span>
          {props.page < pages ? (
            <a href={`/admin/supporters${listQuery(f, props.page + 1, props.segment?.id)}`}>Older →</a>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
