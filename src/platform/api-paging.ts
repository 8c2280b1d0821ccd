import { and, asc, sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * How the OSDI API asks a feature for one page of a collection (ADR 073). Pages follow the order of the
 * modified time, then the id, so a client syncing by `modified_date` sees each change once. A `next`
 * link carries the last row's place (`after`), so the following page starts exactly after it, however
 * many rows changed meanwhile and however deep the page; a page asked for by number alone is an offset.
 */
export type ApiPaging = {
  limit: number;
  offset: number;
  /** The last row of the page before: its modified time as PostgreSQL wrote it (microseconds), and its id. */
  after?: { at: string; id: number } | undefined;
  /**
   * The collection's size as the first page counted it, carried by `next` links: the pages after it skip
   * the count, which on 100,000 rows cost more than the page itself. A sync's total is the one it began with.
   */
  total?: number | undefined;
  /** ISO 8601 times as the client gave them, microseconds kept (a JavaScript Date would drop them). */
  modifiedAfter?: string | undefined;
  modifiedBefore?: string | undefined;
};

/** One row of a page with its place, for the `next` link. */
export type Placed<Row> = { row: Row; at: string; id: number };

/**
 * The modified time as text with every microsecond (ISO 8601, UTC), so a place is exact and a client that
 * asks for what changed after the newest time it saw is not given that record again.
 */
export const placeOf = (modified: AnyColumn | SQL): SQL<string> =>
  sql<string>`to_char(${modified} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The WHERE and ORDER BY of a page over `modified` and `id`; the caller adds LIMIT and OFFSET. */
export function pageConditions(
  modified: AnyColumn | SQL,
  id: AnyColumn,
  paging: ApiPaging,
): { where: SQL | undefined; orderBy: SQL[] } {
  const conditions: (SQL | undefined)[] = [];
  if (paging.modifiedAfter) conditions.push(sql`${modified} > ${paging.modifiedAfter}::timestamptz`);
  if (paging.modifiedBefore) conditions.push(sql`${modified} < ${paging.modifiedBefore}::timestamptz`);
  if (paging.after) {
    // A row comparison, which a btree on (modified, id) answers as one range: an OR of the two cases is read
    // as a filter over every row, and page 4,000 of 100,000 people then cost 4,000 times page one.
    conditions.push(sql`(${modified}, ${id}) > (${paging.after.at}::timestamptz, ${paging.after.id})`);
  }
  return { where: and(...conditions), orderBy: [asc(modified), asc(id)] };
}

/** The offset a page takes: none once it starts after a known row. */
export const offsetOf = (paging: ApiPaging): number => (paging.after ? 0 : paging.offset);

/** The collection's size: the one the first page counted, or `count()` now. */
export async function totalOf(paging: ApiPaging, count: () => Promise<number>): Promise<number> {
  return paging.total ?? count();
}
