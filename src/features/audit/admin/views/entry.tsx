import type { Child } from 'hono/jsx';
import { BackLink } from '../../../../platform/web/components.tsx';
import { TextDiff } from '../../../../platform/web/diff.tsx';
import { DataTable, SummaryTable } from '../../../../platform/web/tables.tsx';
import { formatInZone } from '../../../../platform/web/time.ts';
import { When } from '../../../../platform/web/when.tsx';
import { flatten, type AuditReading, type AuditRow } from '../../service.ts';

/**
 * One entry in full: the sentence, then who, when and from where as labelled
 * rows, then what changed: short values side by side, text of several lines
 * as a diff. Values are said as a person reads them (Yes, 3,214, a time in the
 * organisation's zone), never as the JSON they are kept in.
 */
export function AuditEntryPage(props: { row: AuditRow; reading: AuditReading; timeZone: string }) {
  const { row, reading, timeZone } = props;
  const { before, after, note } = row.summary;
  const changes = fieldChanges(before, after);
  const texts = changes.filter((c) => isText(c.before) || isText(c.after));
  const facts = changes.filter((c) => !texts.includes(c));
  const label = (name: string) => reading.fieldLabel(row.action, name);
  const value = (v: unknown) => readable(v, timeZone);
  return (
    <>
      <BackLink href="/admin/audit">Audit log</BackLink>
      <h1>{reading.sentence(row)}</h1>
      <SummaryTable
        caption="About this entry"
        rows={[
          ['When', <When at={row.at} timeZone={timeZone} />],
          ['Who', who(row, reading)],
          ['From', row.ip || 'No address: done by the system or from the command line'],
          ['What', reading.actionLabel(row.action)],
          ['About', <About row={row} href={reading.subjectHref(row)} />],
          ...(note ? [['Note', <span class="text">{note}</span>] as const] : []),
        ]}
      />
      {changes.length === 0 ? <p>No fields were recorded for this entry.</p> : null}
      {facts.length > 0 ? (
        <>
          <h2>What changed</h2>
          <DataTable caption="Fields before and after" columns={columnsFor(before, after)}>
            {facts.map((c) => (
              <tr>
                <th scope="row">{label(c.name)}</th>
                {before ? <td class="text">{c.inBefore ? value(c.before) : '—'}</td> : null}
                {after ? <td class="text">{c.inAfter ? value(c.after) : '—'}</td> : null}
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}
      {texts.map((c) => (
        <section aria-labelledby={`field-${c.index}`}>
          <h2 id={`field-${c.index}`}>{label(c.name)}</h2>
          <TextDiff before={textOf(c.before)} after={textOf(c.after)} />
        </section>
      ))}
    </>
  );
}

function About(props: { row: AuditRow; href: string | undefined }) {
  const { subject } = props.row.summary;
  // The id is kept for anyone tracing an entry; a hash (a failed sign-in's address) is long and unbroken.
  const recorded = [props.row.subjectType, props.row.subjectId].filter(Boolean).join(' ') || '—';
  return (
    <>
      {subject ? (
        <>
          {subject}
          <br />
        </>
      ) : null}
      <span class="text hint">{recorded}</span>
      {props.href ? (
        <>
          <br />
          <a href={props.href}>See it as it is now</a>
        </>
      ) : null}
    </>
  );
}

function who(row: AuditRow, reading: AuditReading): string {
  const name = reading.actor(row);
  return row.actorEmail && row.actorEmail !== name ? `${name} (${row.actorEmail})` : name;
}

function columnsFor(before: unknown, after: unknown): string[] {
  return ['Field', ...(before ? ['Before'] : []), ...(after ? ['After'] : [])];
}

type FieldChange = {
  index: number;
  name: string;
  before: unknown;
  after: unknown;
  inBefore: boolean;
  inAfter: boolean;
};

/** Each changed field, nested objects opened out ("filters.status"), in the order they were recorded. */
export function fieldChanges(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): FieldChange[] {
  // Entries from before fields were opened out when recorded may still hold objects.
  const b = flatten(before ?? {});
  const a = flatten(after ?? {});
  const names = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return names
    .filter((name) => JSON.stringify(b[name]) !== JSON.stringify(a[name]) || !(name in b && name in a))
    .map((name, index) => ({
      index,
      name,
      before: b[name],
      after: a[name],
      inBefore: name in b,
      inAfter: name in a,
    }));
}

/** Text kept with Windows line ends reads as the lines it is. */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : value === undefined ? '' : String(value);
}

function isText(value: unknown): boolean {
  return typeof value === 'string' && /[\r\n]/.test(value);
}

const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A value as a person reads it. */
export function readable(value: unknown, timeZone: string): Child {
  if (value === null || value === undefined || value === '') return <span class="hint">(empty)</span>;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return value.toLocaleString('en-US');
  if (typeof value === 'string') {
    if (instant.test(value)) return formatInZone(new Date(value), timeZone);
    // Older entries kept a long object as the start of its JSON: no use to a reader.
    if (/^[[{]".*… \(\d+ characters\)$/s.test(value)) return <span class="hint">(a long value, not kept in full)</span>;
    return textOf(value);
  }
  if (Array.isArray(value))
    return value.length === 0 ? (
      <span class="hint">(none)</span>
    ) : (
      value.map((v) => (typeof v === 'object' && v !== null ? objectWords(v) : String(readablePlain(v)))).join(', ')
    );
  return objectWords(value as object);
}

function readablePlain(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return value.toLocaleString('en-US');
  return String(value);
}

/** An object inside a list ("name: Ana; role: editor"), the rare case flatten cannot open out. */
function objectWords(value: object): string {
  return Object.entries(value)
    .map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? objectWords(v) : readablePlain(v)}`)
    .join('; ');
}
