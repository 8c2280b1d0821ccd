import { Field, Select } from '../../../platform/web/forms.tsx';
import { actorLabel, type AuditRow } from '../service.ts';
import { DataTable } from '../../../platform/web/tables.tsx';

type Filters = {
  actor?: number | undefined;
  action?: string | undefined;
  subject?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
};

function query(f: Filters, page: number): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, page }))
    if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

function Change(props: { summary: AuditRow['summary'] }) {
  const { before, after, note } = props.summary;
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return (
    <>
      {note ? <p>{note}</p> : null}
      {keys.length > 0 ? (
        <ul class="changes">
          {keys.map((k) => (
            <li>
              <strong>{k}</strong>: {before && k in before ? <del>{String(JSON.stringify(before[k]))}</del> : null}{' '}
              {after && k in after ? <ins>{String(JSON.stringify(after[k]))}</ins> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

export function AuditPage(props: {
  rows: AuditRow[];
  total: number;
  perPage: number;
  filters: Filters;
  actions: string[];
  staff: { id: number; displayName: string }[];
}) {
  const f = props.filters;
  const pages = Math.max(1, Math.ceil(props.total / props.perPage));
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
        <Select
          name="action"
          label="Action"
          options={[['', 'Any action'], ...props.actions.map((a) => [a, a] as const)]}
          value={f.action ?? ''}
        />
        <Field name="from" label="From" type="date" value={f.from} />
        <Field name="to" label="To" type="date" value={f.to} />
        <div>
          <button class="button" type="submit">
            Filter
          </button>
        </div>
      </form>
      <p>{props.total === 1 ? '1 entry' : `${props.total} entries`}</p>
      <DataTable
        caption="Audit entries, newest first"
        columns={['When (UTC)', 'Who', 'Action', 'What', 'Change', 'From']}
      >
        {props.rows.map((r) => (
          <tr>
            <td>
              <time datetime={r.at.toISOString()}>{r.at.toISOString().replace('T', ' ').slice(0, 19)}</time>
            </td>
            <td>{actorLabel(r)}</td>
            <td>{r.action}</td>
            <td>
              {r.subjectType} {r.subjectId}
            </td>
            <td>
              <Change summary={r.summary} />
            </td>
            <td>{r.ip}</td>
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
