import { gt, type SQLWrapper, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/client.ts';
import { rowsOf } from '../../platform/db/client.ts';
import { supporterContact } from '../supporters/service.ts';
import { signatureConditions, type SignatureFilters } from './signature-review.ts';
import { signatures } from './schema.ts';
import { csvField, csvLine, exportColumns } from './csv.ts';

export { csvField, csvLine, exportColumns };

/**
 * The signature export as CSV, in the column names Action Network's own
 * exports use, so a file from here uploads there (and into the tools that
 * read its exports) with the columns matched by name, no mapping by hand.
 *
 *   first_name              given name as signed
 *   last_name               family name as signed
 *   email                   the supporter's address, normalized (the key Action Network de-duplicates on)
 *   zip_code                ZIP as signed
 *   can2_user_address       street address, when they gave one
 *   can2_user_city          city
 *   can2_state_abbreviated  always OR: the form accepts Oregon ZIPs only
 *   can2_county             the supporter's county, when known
 *   comment                 their comment on the petition
 *   created_date            when they signed, UTC, "YYYY-MM-DD HH:MM:SS"
 *
 * Then ours, which Action Network keeps as custom fields when uploaded:
 * signature_id, status, verified_date (UTC), senate_district,
 * house_district, district_source, language. No uuid column: that name is
 * Action Network's own person id, and we have none to give.
 *
 * The file is RFC 4180 (CRLF line ends, fields quoted when they hold a
 * comma, quote or line break, quotes doubled) and UTF-8 without a byte-order
 * mark, which would glue itself to "first_name" in most importers.
 */

/** Rows fetched per query: big enough that round trips do not dominate, small enough to stay a few MB. */
export const EXPORT_PAGE_SIZE = 5_000;

type ExportRow = {
  id: string | number;
  given_name: string;
  family_name: string;
  email: string;
  zip: string;
  street: string | null;
  city: string | null;
  county: string | null;
  comment: string | null;
  created: string;
  status: string;
  verified: string | null;
  senate_district: string | null;
  house_district: string | null;
  district_source: string;
  locale: string;
};

// What we write ourselves (ids, UTC dates, statuses, language codes) never holds a comma, quote, line
// break or leading sign, so it skips the checks; everything a signer typed, or reference data gave, is escaped.
function line(r: ExportRow): string {
  return (
    `${csvField(r.given_name)},${csvField(r.family_name)},${csvField(r.email)},${csvField(r.zip)},` +
    `${csvField(r.street)},${csvField(r.city)},OR,${csvField(r.county)},${csvField(r.comment)},` +
    `${r.created},${r.id},${r.status},${r.verified ?? ''},` +
    `${csvField(r.senate_district)},${csvField(r.house_district)},${r.district_source},${r.locale}\r\n`
  );
}

// Dates formatted by the database: parsing a million timestamps into Date objects only to print them
// costs more than the query.
const utc = (column: typeof signatures.createdAt | typeof signatures.verifiedAt) =>
  sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS')`;

function page(db: Db, petitionId: number, f: SignatureFilters, after: number, size: number): Promise<ExportRow[]> {
  return db.transaction(async (tx) => {
    // Each page is one short walk along an index: starting parallel workers for it costs more than they save
    // (measured: a quarter of the export's time on two cores). Scoped to this page's transaction only.
    await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
    return rowsOf<ExportRow>(
      tx,
      sql`select ${signatures.id} as id, ${signatures.givenName} as given_name,
            ${signatures.familyName} as family_name, ${supporterContact.email} as email,
            ${signatures.zip} as zip, ${signatures.street} as street, ${signatures.city} as city,
            ${supporterContact.county} as county, ${signatures.comment} as comment,
            ${utc(signatures.createdAt)} as created, ${signatures.status} as status,
            ${utc(signatures.verifiedAt)} as verified,
            ${signatures.senateDistrict} as senate_district, ${signatures.houseDistrict} as house_district,
            ${signatures.districtSource} as district_source, ${signatures.locale} as locale
          from ${signatures} ${supporterContact.join(signatures.supporterId)}
          where ${signatureConditions(petitionId, f)} and ${gt(signatures.id, after)}
          order by ${signatures.id}
          limit ${size}`,
    );
  });
}

/**
 * The export as text chunks: the header, then one chunk per page of rows,
 * oldest first. Pages are read by keyset (id > the last one sent), never
 * by offset and never all at once, so memory stays the same for a hundred
 * signatures or a million. The next page is already being read while the
 * consumer writes this one; a consumer that stops reading stops the reading.
 */
export async function* signatureCsv(
  db: Db,
  petitionId: number,
  f: SignatureFilters,
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<string> {
  yield csvLine(exportColumns);
  let next: Promise<ExportRow[]> | undefined = page(db, petitionId, f, 0, pageSize);
  try {
    while (next) {
      const rows: ExportRow[] = await next;
      next =
        rows.length === pageSize ? page(db, petitionId, f, Number(rows[rows.length - 1]!.id), pageSize) : undefined;
      let chunk = '';
      for (const r of rows) chunk += line(r);
      if (chunk) yield chunk;
    }
  } finally {
    // Stopped early (the download was cancelled): the read in flight is no longer wanted, nor its error.
    next?.catch(() => {});
  }
}

// A cell as csvField gives it, before the quoting COPY does itself: the formula guard's apostrophe before
// = + - @ tab CR (by code: 61 43 45 64 9 13), and an empty string as NULL, which COPY writes as nothing.
const cell = (value: SQLWrapper) =>
  sql`case when ascii(${value}) in (61, 43, 45, 64, 9, 13) then '''' || ${value} else nullif(${value}, '') end`;

/**
 * The same rows for the export process (export-process.ts), which has
 * PostgreSQL write them with COPY (copy-csv.ts): the file's columns in
 * order, each as text already as csvField would write it but for the
 * quoting, oldest first. Given to it as SQL text and parameters, so that
 * process needs no query builder. What we write ourselves (the dates, ids,
 * statuses, language codes, "OR") is never empty and never starts with a
 * formula's sign, so only what people typed or reference data gave goes
 * through `cell`.
 */
export function exportStatement(petitionId: number, f: SignatureFilters): { sql: string; params: unknown[] } {
  const query = sql`select ${cell(signatures.givenName)}, ${cell(signatures.familyName)},
        ${cell(supporterContact.email)}, ${cell(signatures.zip)}, ${cell(signatures.street)},
        ${cell(signatures.city)}, 'OR', ${cell(supporterContact.county)}, ${cell(signatures.comment)},
        ${utc(signatures.createdAt)}, ${signatures.id}::text, ${signatures.status}::text,
        ${utc(signatures.verifiedAt)}, ${cell(signatures.senateDistrict)}, ${cell(signatures.houseDistrict)},
        ${signatures.districtSource}::text, ${signatures.locale}::text
      from ${signatures} ${supporterContact.join(signatures.supporterId)}
      where ${signatureConditions(petitionId, f)}
      order by ${signatures.id}`;
  const { sql: text, params } = new PgDialect().sqlToQuery(query);
  return { sql: text, params };
}
