import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from './client.ts';

/**
 * Copying a whole site's data from one database to another of the same
 * schema: how a site that began on the embedded PGlite moves to a
 * PostgreSQL server (`npm run cli -- db:copy-to-postgres`). Both sides run
 * the same migrations, so every table is copied as it is, column for
 * column, through PostgreSQL's own JSON conversion (`json_agg` out,
 * `json_populate_recordset` in), which round-trips every type the schema
 * uses (text, numbers, times, arrays, jsonb, bytea) without this code
 * knowing them. One exception: a jsonb value that is JSON `null` would
 * arrive as SQL NULL; the application writes none (its nullable jsonb
 * columns hold objects or SQL NULL). The target is written in one
 * transaction: a copy that fails leaves it without rows (its id sequences
 * may have moved on, which does no harm).
 */

export type TableCopy = { table: string; rows: number };

/** Why a copy was not started or did not finish; its message is meant for the admin who ran it. */
export class CopyRefused extends Error {}

export type Column = { table: string; column: string; generated: boolean; sequence: string | null };

/** 1 MB of a table's rows at a time (plus any large values stored out of line). */
export const BLOCKS_PER_PAGE = 128;

/** The schema's own tables (drizzle keeps its migration journal in a schema of its own, which each side writes). */
export async function tablesOf(db: Db): Promise<string[]> {
  const rows = await rowsOf<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  return rows.map((r) => r.name);
}

/** Tables in an order where each comes after every table it refers to, so foreign keys hold row by row. */
export async function inDependencyOrder(db: Db, tables: string[]): Promise<string[]> {
  const references = await rowsOf<{ child: string; parent: string }>(
    db,
    sql`select c.relname as child, p.relname as parent
        from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
        where k.contype = 'f' and k.connamespace = 'public'::regnamespace and k.conrelid <> k.confrelid`,
  );
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const r of references) parents.get(r.child)?.add(r.parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !placed.has(t) && [...parents.get(t)!].every((p) => placed.has(p)));
    if (ready.length === 0)
      throw new CopyRefused('The tables refer to each other in a circle, so they cannot be copied one after another.');
    for (const t of ready) {
      ordered.push(t);
      placed.add(t);
    }
  }
  return ordered;
}

export async function columnsOf(db: Db): Promise<Column[]> {
  return rowsOf<Column>(
    db,
    sql`select table_name as "table", column_name as "column", is_generated = 'ALWAYS' as generated,
               pg_get_serial_sequence(quote_ident(table_name), column_name) as sequence
        from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`,
  );
}

export async function rowCount(db: Db, table: string): Promise<number> {
  const [row] = await rowsOf<{ n: number | string }>(db, sql`select count(*) as n from ${sql.identifier(table)}`);
  return Number(row!.n);
}

/** Refuses a target whose tables are not `tables` (another version's schema) or that holds any row. */
export async function refuseUnlessEmptyAndAlike(target: Db, tables: string[]): Promise<void> {
  const targetTables = await tablesOf(target);
  const missing = tables.filter((t) => !targetTables.includes(t));
  const extra = targetTables.filter((t) => !tables.includes(t));
  if (missing.length > 0 || extra.length > 0) {
    throw new CopyRefused(
      'The two databases do not have the same tables ' +
        `(only in the source: ${missing.join(', ') || 'none'}; only in the target: ${extra.join(', ') || 'none'}). ` +
        "Run this version's migrations on both.",
    );
  }
  const occupied = [];
  for (const table of tables) if ((await rowCount(target, table)) > 0) occupied.push(table);
  if (occupied.length > 0) {
    throw new CopyRefused(
      `The target database already holds data (in ${occupied.join(', ')}). Copy only into a new, empty database.`,
    );
  }
}

/**
 * Copies every row of `source` into `target`, which must have the same
 * tables (both migrated by this version) and hold no rows yet. Sequences
 * are moved on past the copied ids, and each table's count is checked
 * afterwards. The source must not change meanwhile: stop the site first.
 */
export async function copyDatabase(
  source: Db,
  target: Db,
  options: { onTable?: (copied: TableCopy) => void; blocksPerPage?: number } = {},
): Promise<TableCopy[]> {
  const { onTable = () => {}, blocksPerPage = BLOCKS_PER_PAGE } = options;
  const tables = await tablesOf(source);
  await refuseUnlessEmptyAndAlike(target, tables);
  const ordered = await inDependencyOrder(source, tables);
  const columns = await columnsOf(source);
  const copied: TableCopy[] = [];
  await target.transaction(async (tx) => {
    await standDownTriggers(tx);
    for (const table of ordered) {
      const rows = await copyTable(
        source,
        tx,
        table,
        columns.filter((c) => c.table === table),
        blocksPerPage,
      );
      copied.push({ table, rows });
      onTable({ table, rows });
    }
  });
  return copied;
}

/** The ranges of heap blocks a table is read in, `blocksPerPage` at a time, as TID bounds. */
export async function pagesOf(db: Db, table: string, blocksPerPage: number): Promise<{ from: string; to: string }[]> {
  const [size] = await rowsOf<{ blocks: number | string }>(
    db,
    sql`select pg_relation_size(quote_ident(${table})::regclass) / current_setting('block_size')::int as blocks`,
  );
  const pages = [];
  // Each page is read by a TID range scan: it costs what it holds, with no sort and no OFFSET re-reading what came
  // before, and its size is bounded in bytes, not rows.
  for (let block = 0; block < Number(size!.blocks); block += blocksPerPage)
    pages.push({ from: `(${block},0)`, to: `(${block + blocksPerPage},0)` });
  return pages;
}

/**
 * Tells the database's bookkeeping triggers (which note when a row changed, such as person_changes, ADR 073)
 * that rows are being copied as they were: for this transaction they leave the copied times alone.
 */
export async function standDownTriggers(tx: Db): Promise<void> {
  await tx.execute(sql`select set_config('groundswell.copying', 'on', true)`);
}

/** Inserts rows given as a JSON array's text; a generated column is computed again by the target from the others. */
export async function insertRows(tx: Db, table: string, own: Column[], rows: string): Promise<void> {
  const names = sql.join(
    own.filter((c) => !c.generated).map((c) => sql.identifier(c.column)),
    sql`, `,
  );
  try {
    await tx.execute(
      sql`insert into ${sql.identifier(table)} (${names})
          select ${names} from json_populate_recordset(null::${sql.identifier(table)}, ${rows}::json)`,
    );
  } catch (error) {
    // PostgreSQL's own reason, not the driver's message: that one quotes the rows, and they hold personal data.
    const reason = ((error as { cause?: Error }).cause ?? (error as Error)).message;
    throw new CopyRefused(`Table ${table} could not be copied (${reason}). Nothing was written to the target.`);
  }
}

/** The next id the target hands out comes after every copied one (or is 1 for an empty table). */
export async function moveSequencesPast(tx: Db, table: string, own: Column[]): Promise<void> {
  for (const c of own.filter((c) => c.sequence)) {
    await tx.execute(
      sql`select setval(
            ${c.sequence}::regclass,
            coalesce((select max(${sql.identifier(c.column)}) from ${sql.identifier(table)}), 0) + 1,
            false
          )`,
    );
  }
}

/** One table's rows, its sequences moved on, its count checked; returns the number of rows. */
async function copyTable(source: Db, tx: Db, table: string, own: Column[], blocksPerPage: number): Promise<number> {
  let rows = 0;
  for (const { from, to } of await pagesOf(source, table, blocksPerPage)) {
    const [page] = await rowsOf<{ rows: string | null; n: number | string }>(
      source,
      sql`select json_agg(t)::text as rows, count(*) as n from ${sql.identifier(table)} t
          where t.ctid >= ${from}::tid and t.ctid < ${to}::tid`,
    );
    const n = Number(page!.n);
    if (n === 0) continue;
    await insertRows(tx, table, own, page!.rows!);
    rows += n;
  }
  await moveSequencesPast(tx, table, own);
  if ((await rowCount(tx, table)) !== rows || (await rowCount(source, table)) !== rows) {
    throw new CopyRefused(`Table ${table} changed while it was being copied. Stop the site, then copy again.`);
  }
  return rows;
}
