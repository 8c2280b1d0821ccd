import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../src/platform/db/client.ts';

/**
 * Where any of `needles` appears, in any column of any table of the public schema, as text and whatever its case:
 * "table.column" for each hit. For the stories' promise that the database alone reveals nothing (ADR 063): sealed
 * values cannot be searched for their words, so a hit is a value stored in the clear (or a sealed value itself,
 * when the needle is one).
 */
export async function findPlaintext(db: Db, needles: string[]): Promise<string[]> {
  const wanted = needles.filter((n) => n.trim() !== '');
  if (wanted.length === 0) return [];
  const columns = await rowsOf<{ table_name: string; column_name: string }>(
    db,
    sql`select c.table_name, c.column_name from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
        order by c.table_name, c.ordinal_position`,
  );
  const patterns = sql.join(
    wanted.map((n) => sql`${`%${n.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`}`),
    sql`, `,
  );
  const tables = new Map<string, string[]>();
  for (const { table_name: table, column_name: column } of columns)
    tables.set(table, [...(tables.get(table) ?? []), column]);
  const hits: string[] = [];
  // One statement per table, a yes or no per column: a few dozen statements however many columns.
  for (const [table, names] of tables) {
    const tests = names.map((column, i) => {
      const hit = sql`lower(${sql.identifier(column)}::text) like any (array[${patterns}])`;
      return sql`coalesce(bool_or(${hit}), false) as ${sql.identifier(`c${i}`)}`;
    });
    const [found] = await rowsOf<Record<string, boolean>>(
      db,
      sql`select ${sql.join(tests, sql`, `)} from ${sql.identifier(table)}`,
    );
    names.forEach((column, i) => {
      if (found?.[`c${i}`]) hits.push(`${table}.${column}`);
    });
  }
  return hits;
}
