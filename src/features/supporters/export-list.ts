import { and, count, gt, sql, type SQL } from 'drizzle-orm';
import { csvField } from '../../platform/csv.ts';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { isSuppressedAddress } from '../email/service.ts';
import { listCondition, type SupporterFilters } from './records.ts';
import { subscriptions, supporters, supporterTags } from './schema.ts';

/**
 * A filtered list of supporters as CSV, with the columns staff choose. The
 * headers are Action Network's where it has one (first_name, last_name,
 * email, zip_code, can2_phone, can2_county), and our import reads every one
 * of them back, so a file exported here goes back in, or on to Action
 * Network, matched by name.
 *
 * Streamed: rows are read a page at a time by keyset (id > the last one
 * sent), never all at once, so memory is the same for ten people or a
 * hundred thousand. Every cell a person or staff typed is escaped, and a
 * cell that would run as a formula in a spreadsheet is made text
 * (platform/csv.ts), as in the signature export.
 */

export const exportFields = [
  'email',
  'givenName',
  'familyName',
  'phone',
  'zip',
  'county',
  'language',
  'status',
  'topics',
  'tags',
  'createdAt',
  'id',
] as const;
export type ExportField = (typeof exportFields)[number];

export const exportFieldHeader: Record<ExportField, string> = {
  email: 'email',
  givenName: 'first_name',
  familyName: 'last_name',
  phone: 'can2_phone',
  zip: 'zip_code',
  county: 'can2_county',
  language: 'language',
  // Not Action Network's can2_subscription_status: ours has other values (pending, suppressed).
  status: 'subscription_status',
  topics: 'subscribed_topics',
  tags: 'tags',
  createdAt: 'created_date',
  id: 'supporter_id',
};

export const exportFieldLabel: Record<ExportField, string> = {
  email: 'Email address',
  givenName: 'First name',
  familyName: 'Last name',
  phone: 'Phone',
  zip: 'ZIP code',
  county: 'County',
  language: 'Language',
  status: 'Status (subscribed, waiting to confirm, unsubscribed, suppressed)',
  topics: 'Topics they are subscribed to',
  tags: 'Tags',
  createdAt: 'When they were added (UTC)',
  id: 'Supporter number',
};

/** Rows read per page: a few MB at most, and few round trips. */
export const EXPORT_PAGE_ROWS = 2_000;

const suppressed = isSuppressedAddress(supporters.email);
const subscribedWhere = (state: string) =>
  sql`exists (select 1 from ${subscriptions} sub where sub.supporter_id = ${supporters.id} and sub.status = ${state})`;

/** Each field's value as text, written by the database: one statement per page, no Date objects made. */
const columnSql: Record<ExportField, SQL> = {
  email: sql`${supporters.email}`,
  givenName: sql`${supporters.givenName}`,
  familyName: sql`${supporters.familyName}`,
  phone: sql`${supporters.phone}`,
  zip: sql`${supporters.zip}`,
  county: sql`${supporters.county}`,
  language: sql`${supporters.locale}`,
  status: sql`case when ${suppressed} then 'suppressed' when ${subscribedWhere('subscribed')} then 'subscribed'
    when ${subscribedWhere('pending')} then 'pending' else 'unsubscribed' end`,
  topics: sql`(select string_agg(sub.topic, ';' order by sub.topic) from ${subscriptions} sub
    where sub.supporter_id = ${supporters.id} and sub.status = 'subscribed')`,
  tags: sql`(select string_agg(t.tag, ',' order by t.tag) from ${supporterTags} t where t.supporter_id = ${supporters.id})`,
  createdAt: sql`to_char(${supporters.createdAt} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS')`,
  id: sql`${supporters.id}::text`,
};

/** The fields in the file's order, whatever order they were chosen in. */
export const inFileOrder = (fields: readonly ExportField[]) => exportFields.filter((f) => fields.includes(f));

function page(db: Db, where: SQL | undefined, fields: readonly ExportField[], after: number, size: number) {
  const selected = sql.join(
    fields.map((f, i) => sql`${columnSql[f]} as ${sql.raw(`c${i}`)}`),
    sql`, `,
  );
  return rowsOf<Record<string, string | null> & { key: number }>(
    db,
    sql`select ${supporters.id} as key, ${selected} from ${supporters}
      where ${and(where, gt(supporters.id, after))} order by ${supporters.id} limit ${size}`,
  );
}

/** How many people the filters select: what the audit entry and the form say before the file is written. */
export async function countForExport(db: Db, filters: SupporterFilters): Promise<number> {
  const [row] = await db.select({ n: count() }).from(supporters).where(listCondition(filters));
  return Number(row?.n ?? 0);
}

/**
 * The file as text chunks: the header, then a chunk per page. The next
 * page is read while this one is written; a consumer that stops reading
 * (a download abandoned) stops the reading.
 */
export async function* supporterListCsv(
  db: Db,
  filters: SupporterFilters,
  chosen: readonly ExportField[],
  pageSize = EXPORT_PAGE_ROWS,
): AsyncGenerator<string> {
  const fields = inFileOrder(chosen);
  const where = listCondition(filters);
  yield `${fields.map((f) => exportFieldHeader[f]).join(',')}\r\n`;
  let next: Promise<(Record<string, string | null> & { key: number })[]> | undefined = page(
    db,
    where,
    fields,
    0,
    pageSize,
  );
  try {
    while (next) {
      const rows: (Record<string, string | null> & { key: number })[] = await next;
      next =
        rows.length === pageSize ? page(db, where, fields, Number(rows[rows.length - 1]!.key), pageSize) : undefined;
      let chunk = '';
      for (const row of rows) {
        let line = '';
        for (let i = 0; i < fields.length; i++) line += (i === 0 ? '' : ',') + csvField(row[`c${i}`]);
        chunk += `${line}\r\n`;
      }
      if (chunk) yield chunk;
    }
  } finally {
    next?.catch(() => {});
  }
}

/**
 * The filters as the audit log keeps them: which were set, and the values
 * that say nothing about a person (a topic, a status, a language, a
 * county). A search and a tag are only "set": a search may be a name, and
 * a tag such as "survivor" says something about the people it marks.
 */
export function auditedFilters(f: SupporterFilters) {
  return {
    q: f.q ? 'set' : null,
    topic: f.topic ?? null,
    status: f.status ?? null,
    language: f.locale ?? null,
    county: f.county ?? null,
    tag: f.tag ? 'set' : null,
  };
}

/** Noted before the first byte leaves: once rows are sent, the export has happened, finished or not. */
export async function recordListExport(
  db: Db,
  actor: AuditActor | null,
  export_: { rows: number; filters: SupporterFilters; fields: readonly ExportField[]; segment?: number | undefined },
): Promise<void> {
  await recordAudit(db, actor, {
    action: 'supporter.export-list',
    subjectType: export_.segment === undefined ? 'supporter-list' : 'supporter-segment',
    subjectId: export_.segment,
    after: { rows: export_.rows, fields: inFileOrder(export_.fields), filters: auditedFilters(export_.filters) },
  });
}
