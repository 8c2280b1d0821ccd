import { sql } from 'drizzle-orm';
import pg from 'pg';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { jsonRows, rowsOf, rowsOfPrepared } from './client.ts';

describeEachDatabase('rowsOfPrepared', (database) => {
  const db = () => database().db;
  const doubled = (values: number[]) => sql`select v.n * 2 as twice from jsonb_to_recordset(${jsonRows(values.map((n) => ({ n })))}) as v(n int) order by v.n`;

  it('answers as rowsOf does, call after call, whatever the parameters', async () => {
    // Past the fifth call PostgreSQL may switch the prepared statement to a generic plan: still the same answers.
    for (let i = 1; i <= 8; i++) {
      const values = Array.from({ length: i }, (_, k) => k + i);
      expect(await rowsOfPrepared(db(), 'test-doubled', doubled(values))).toEqual(await rowsOf(db(), doubled(values)));
    }
  });

  it('reads dates and numbers as rowsOf does', async () => {
    // Every type whose parsing rowsOfPrepared copies from drizzle by its OID, so that a drizzle upgrade that reads one
    // differently fails here (ADR 035).
    const query = sql`select '2026-11-27 10:00:00+00'::timestamptz as at, '2026-11-27 10:00:00'::timestamp as local, '2026-11-27'::date as day,
      '1 day 02:00'::interval as span, 12345678901::bigint as big, 1.5::numeric as amount, array[1.5, 2]::numeric[] as amounts,
      array['2026-11-27 10:00:00+00']::timestamptz[] as ats, array['2026-11-27 10:00:00']::timestamp[] as locals,
      array['2026-11-27']::date[] as days, array['1 day']::interval[] as spans`;
    const [prepared] = await rowsOfPrepared<Record<string, unknown>>(db(), 'test-types', query);
    expect(prepared).toEqual((await rowsOf<Record<string, unknown>>(db(), query))[0]);
    expect(typeof prepared!.at).toBe('string');
  });

  it('inside a transaction, runs on the transaction’s own connection', async () => {
    await db().execute(sql`create table if not exists prepared_probe (id int)`);
    await db()
      .transaction(async (tx) => {
        await tx.execute(sql`insert into prepared_probe values (1)`);
        // Only the transaction's connection sees the row it has not committed.
        expect(await rowsOfPrepared(tx, 'test-probe', sql`select count(*)::int as n from prepared_probe`)).toEqual([{ n: 1 }]);
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    expect(await rowsOfPrepared(db(), 'test-probe', sql`select count(*)::int as n from prepared_probe`)).toEqual([{ n: 0 }]);
  });

  // rowsOfPrepared finds the pool through drizzle's `$client`, which drizzle does not document for this; were it
  // renamed, every statement would quietly go unprepared.
  it('finds the pool drizzle was made with through $client, only on PostgreSQL', () => {
    const client = (db() as { $client?: unknown }).$client;
    expect(client instanceof pg.Pool).toBe(database().kind === 'postgres');
    expect(client).toBeDefined();
  });
});
