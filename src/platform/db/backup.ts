import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type Db } from './client.ts';
import {
  BLOCKS_PER_PAGE,
  columnsOf,
  CopyRefused,
  inDependencyOrder,
  insertRows,
  standDownTriggers,
  moveSequencesPast,
  pagesOf,
  refuseUnlessEmptyAndAlike,
  rowCount,
  tablesOf,
  type TableCopy,
} from './copy.ts';

/**
 * A backup is the whole database as gzipped JSON lines, taken in one
 * repeatable-read transaction, so it is one consistent moment however long
 * it takes and whatever the site writes meanwhile: a header, then for each
 * table (in foreign-key order) a line with its name and number of rows and
 * that many lines of `row_to_json`, then an end line. It is read back the
 * way db:copy-to-postgres writes (json_populate_recordset, sequences moved
 * on, counts checked, one transaction), so a backup of either kind of
 * database restores into either kind. A file cut short restores nothing.
 */

const FORMAT = 'groundswell-backup';

const header = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  migrations: z.object({ count: z.number(), last: z.string().nullable() }),
  takenAt: z.string(),
  tables: z.array(z.string()),
});
const tableLine = z.object({ table: z.string(), rows: z.number().int().nonnegative() });
const endLine = z.object({ end: z.literal(true), rows: z.number() });

/** Rows restored per statement, at most: a few hundred kilobytes of JSON. */
const ROWS_PER_INSERT = 500;

async function migrationsOf(db: Db): Promise<{ count: number; last: string | null }> {
  const [row] = await rowsOf<{ count: number | string; last: string | null }>(
    db,
    sql`select count(*) as count,
          (select hash from drizzle.__drizzle_migrations order by created_at desc, id desc limit 1) as last
        from drizzle.__drizzle_migrations`,
  );
  return { count: Number(row!.count), last: row!.last };
}

/** Writes a backup of `db` to `out` (and ends it); returns each table's number of rows. */
export async function writeBackup(
  db: Db,
  out: Writable,
  options: { onTable?: (table: TableCopy) => void } = {},
): Promise<TableCopy[]> {
  const gzip = createGzip();
  const written = pipeline(gzip, out);
  // A failure on the way out (a full disk, a CLI that went away) ends the backup instead of filling memory.
  let failure: unknown;
  written.catch((error: unknown) => (failure ??= error));
  const line = async (text: string) => {
    if (failure) throw failure;
    if (!gzip.write(`${text}\n`)) await Promise.race([once(gzip, 'drain'), written]);
  };
  const copied: TableCopy[] = [];
  await db.transaction(
    async (tx) => {
      // Times written in UTC, whatever the server's zone: the same database gives the same file.
      await tx.execute(sql`set local time zone 'UTC'`);
      const tables = await inDependencyOrder(tx, await tablesOf(tx));
      await line(
        JSON.stringify({
          format: FORMAT,
          version: 1,
          migrations: await migrationsOf(tx),
          takenAt: new Date().toISOString(),
          tables,
        }),
      );
      for (const table of tables) {
        const rows = await rowCount(tx, table);
        await line(JSON.stringify({ table, rows }));
        let seen = 0;
        for (const { from, to } of await pagesOf(tx, table, BLOCKS_PER_PAGE)) {
          const page = await rowsOf<{ row: string }>(
            tx,
            sql`select row_to_json(t)::text as row from ${sql.identifier(table)} t
                where t.ctid >= ${from}::tid and t.ctid < ${to}::tid`,
          );
          for (const { row } of page) await line(row);
          seen += page.length;
        }
        if (seen !== rows)
          throw new CopyRefused(`Table ${table} read ${seen} rows where it counted ${rows}; no backup was written.`);
        copied.push({ table, rows });
        options.onTable?.({ table, rows });
      }
      await line(JSON.stringify({ end: true, rows: copied.reduce((sum, t) => sum + t.rows, 0) }));
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  gzip.end();
  await written;
  return copied;
}

/**
 * Restores a backup into `db`, which must be migrated by the version that
 * made the backup and hold no rows; all of it in one transaction, or nothing.
 */
export async function restoreBackup(
  db: Db,
  input: Readable,
  options: { onTable?: (table: TableCopy) => void } = {},
): Promise<TableCopy[]> {
  const lines = createInterface({ input: input.pipe(createGunzip()), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    let result: IteratorResult<string>;
    try {
      result = await lines.next();
    } catch (error) {
      throw new CopyRefused(`The backup file cannot be read (${(error as Error).message}); nothing was restored.`);
    }
    if (result.done) throw new CopyRefused('The backup file ends early: it is incomplete, and nothing was restored.');
    return result.value;
  };
  const parsed = <T>(shape: z.ZodType<T>, text: string, what: string): T => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    const result = shape.safeParse(value);
    if (!result.success)
      throw new CopyRefused(
        `This is not a Groundswell backup, or it is damaged (${what} expected); nothing was restored.`,
      );
    return result.data;
  };
  const head = parsed(header, await next(), 'the header');
  const here = await migrationsOf(db);
  if (here.count !== head.migrations.count || here.last !== head.migrations.last) {
    throw new CopyRefused(
      `This backup was made by a version at migration ${head.migrations.count}, and this one is at ${here.count}. ` +
        'Restore it with the version that made it, then upgrade.',
    );
  }
  await refuseUnlessEmptyAndAlike(db, [...head.tables].sort());
  const columns = await columnsOf(db);
  const restored: TableCopy[] = [];
  await db.transaction(async (tx) => {
    await standDownTriggers(tx);
    for (const expected of head.tables) {
      const { table, rows } = parsed(tableLine, await next(), `table ${expected}`);
      if (table !== expected)
        throw new CopyRefused(
          `The backup file is damaged (table ${expected} expected, found another); nothing was restored.`,
        );
      const own = columns.filter((c) => c.table === table);
      let batch: string[] = [];
      for (let i = 0; i < rows; i++) {
        batch.push(await next());
        if (batch.length === ROWS_PER_INSERT || i === rows - 1) {
          await insertRows(tx, table, own, `[${batch.join(',')}]`);
          batch = [];
        }
      }
      await moveSequencesPast(tx, table, own);
      if ((await rowCount(tx, table)) !== rows)
        throw new CopyRefused(`Table ${table} did not receive the backup's ${rows} rows; nothing was restored.`);
      restored.push({ table, rows });
      options.onTable?.({ table, rows });
    }
    const end = parsed(endLine, await next(), 'the end');
    if (end.rows !== restored.reduce((sum, t) => sum + t.rows, 0))
      throw new CopyRefused('The backup file is damaged (its totals differ); nothing was restored.');
  });
  return restored;
}
