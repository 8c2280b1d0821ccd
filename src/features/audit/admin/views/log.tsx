import { Field, Select } from '../../../../platform/web/forms.tsx';
import { DataTable } from '../../../../platform/web/tables.tsx';
import { When } from '../../../../platform/web/when.tsx';
import { zoneName } from '../../../../platform/web/time.ts';
import type { AuditReading, AuditRow } from '../../service.ts';

export type AuditFilterValues = {
  actor?: number | undefined;
  action?: string | undefined;
  subject?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
};

function query(f: AuditFilterValues, page: number): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, page }))
    if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The log, newest first: one sentence an entry, each a link to the entry's detail. */
export function AuditPage(props: {
  rows: AuditRow[];
  total: number;
  perPage: number;
  filters: AuditFilterValues;
  actions: string[];
  staff: { id: number; displayName: string }[];
  reading: AuditReading;
  timeZone: string;
}) {
  const f = props.filters;
  const pages = Math.max(1, Math.ceil(props.total / props.perPage));
  const actions = props.actions
    .map((a) => [a, props.reading.actionLabel(a)] as const)
    .sort((a, b) => a[1].localeCompare(b[1]));
  return (
    <>
      <h1>Audit log</h1>
      <p>Every change staff make, with who, when and from where. Entries cannot be edited or deleted.</p>
      <form method="get" action="/admin/audit" class="search filters">
        <Select
          name="actor"
          label="Who"
          options={[['', 'Anyone'], ...props.staff.map((s) => [String(s.id), s.displayName] as const)]}
          value={f.actor ? String(f.actor) : ''}
        />
        <Select name="action" label="What" options={[['', 'Anything'], ...actions]} value={f.action ?? ''} />
        <Field name="from" label="From" type="date" value={f.from} hint={zoneName(props.timeZone)} />
        <Field name="to" label="To" type="date" value={f.to} hint={zoneName(props.timeZone)} />
        <div>
          <button class="button" type="submit">
            Filter
          </button>
        </div>
      </form>
      <p>{props.total === 1 ? '1 entry' : `${props.total.toLocaleString('en-US')} entries`}</p>
      <DataTable caption="Audit entries, newest first" columns={['When', 'What happened']}>
        {props.rows.map((r) => (
          <tr>
            <td>
              <When at={r.at} timeZone={props.timeZone} />
            </td>
            <td>
              <a href={`/admin/audit/${r.id}`}>{props.reading.sentence(r)}</a>
            </td>
          </tr>
        ))}
      </DataTable>
      {pages > 1 ? (
        <nav class="pagination" aria-label="Pages of entries">
          {f.page > 1 ? <a href={`/admin/audit${query(f, f.page - 1)}`}>← Newer</a> : null}
          <span>
            Page {f.page} of {pages}
          </span>
          {f.page < pages ? <a href={`/admin/audit${query(f, f.page + 1)}`}>Older →</a> : null}
        </nav>
      ) : null}
    </>
  );
}
