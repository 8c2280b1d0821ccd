import { sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { rowsOf, type Db } from './client.ts';

/**
 * Deletes the rows `where` picks and returns each whole, as `to_jsonb` writes it: what a merge sets aside so its
 * undo can put the very same rows back (ids, timestamps to the microsecond, arrays and JSON as they were).
 * The caller names its own table; a row's dependants (a cascade) are the caller's to set aside first.
 */
export async function setAsideRows(tx: Db, table: PgTable, where: SQL): Promise<unknown[]> {
  const rows = await rowsOf<{ row: unknown }>(
    tx,
    sql`delete from ${table} where ${where} returning to_jsonb(${table}) as row`,
  );
  return rows.map((r) => r.row);
}

/** Puts rows set aside by setAsideRows back as they were; one that would clash with a row made since is left out. */
export async function putBackRows(tx: Db, table: PgTable, rows: readonly unknown[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(
    sql`insert into ${table} select * from jsonb_populate_recordset(null::${table}, ${JSON.stringify(rows)}::jsonb)
        on conflict do nothing`,
  );
}
