import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { jsonRows, rowsOf } from './client.ts';

describeEachDatabase('jsonRows and rowsOf', (database) => {
  const db = () => database().db;
  const doubled = (values: number[]) =>
    sql`select v.n * 2 as twice from jsonb_to_recordset(${jsonRows(values.map((n) => ({ n })))}) as v(n int)
      order by v.n`;

  it('passes any number of rows as one parameter, the same statement call after call', async () => {
    // Past the fifth call PostgreSQL may plan the statement generically: still the same answers.
    for (let i = 1; i <= 8; i++) {
      const values = Array.from({ length: i }, (_, k) => k + i);
      expect(await rowsOf(db(), doubled(values))).toEqual(values.map((n) => ({ twice: n * 2 })));
    }
  });

  it('reads dates and times as PostgreSQL writes them, as drizzle does', async () => {
    const [row] = await rowsOf<Record<string, unknown>>(
      db(),
      sql`select '2026-11-27'::date as day, '1 day 02:00'::interval as span`,
    );
    expect(row).toEqual({ day: '2026-11-27', span: '1 day 02:00:00' });
  });

  it('makes strings well-formed: a lone surrogate arrives as U+FFFD', async () => {
    const [row] = await rowsOf<{ name: string }>(
      db(),
      sql`select v.name from jsonb_to_recordset(${jsonRows([{ name: 'a\uD800b' }])}) as v(name text)`,
    );
    expect(row!.name).toBe('a\uFFFDb');
  });
});
