import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { fingerprint, refusalOf, seededSource, totalRows } from '../../../test/support/site-data.ts';
import { openDatabase, rowsOf, type Database } from './client.ts';
import { restoreBackup, writeBackup } from './backup.ts';
import { CopyRefused, tablesOf } from './copy.ts';
import { DataFolderInUse } from './data-folder-lock.ts';

/** The backup of `db` as the bytes of its file. */
async function backupOf(db: Database['db']): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeBackup(db, out);
  return Buffer.concat(chunks);
}

/** The same backup with its text changed. */
const edited = (file: Buffer, change: (lines: string[]) => string[]): Buffer =>
  gzipSync(change(gunzipSync(file).toString('utf8').split('\n')).join('\n'));

describeEachDatabase('backup and restore', (getTarget) => {
  let source: Database;
  let file: Buffer;
  beforeAll(async () => {
    source = await seededSource();
    file = await backupOf(source.db);
  }, 60_000);
  afterAll(async () => source?.close());

  it('refuses a file cut short, not a backup, or from another schema, restoring nothing', async () => {
    const target = getTarget().db;
    const halfway = file.subarray(0, Math.floor(file.length / 2));
    for (const [bytes, message] of [
      [halfway, /ends early|cannot be read/],
      [edited(file, (lines) => lines.slice(0, -3)), /ends early/],
      [gzipSync('{"hello":"world"}\n'), /not a Groundswell backup/],
      [Buffer.from('plain text, not gzip'), /cannot be read/],
      [
        edited(file, ([head, ...rest]) => [head!.replace(/"count":\d+/, '"count":1'), ...rest]),
        /made by a version at migration 1/,
      ],
    ] as const) {
      const refusal = await refusalOf(restoreBackup(target, Readable.from([bytes])));
      expect(refusal).toBeInstanceOf(CopyRefused);
      expect(refusal.message).toMatch(message);
      expect(refusal.message).not.toMatch(/example\.org/);
      expect(await totalRows(target)).toBe(0);
    }
  });

  it('restores every row of every table, moves the sequences on, and then refuses to restore again', async () => {
    const target = getTarget().db;
    const restored = await restoreBackup(target, Readable.from([file]));
    expect(restored.find((t) => t.table === 'petition_signatures')?.rows).toBe(2347);
    for (const table of await tablesOf(source.db))
      expect(await fingerprint(target, table), table).toEqual(await fingerprint(source.db, table));
    // The next id the restored site hands out follows the restored ones.
    const [ids] = await rowsOf<{ last: number | string; next: number | string }>(
      target,
      sql`select (select max(id) from petition_signatures) as last,
        nextval(pg_get_serial_sequence('petition_signatures', 'id')) as next`,
    );
    expect(Number(ids!.next)).toBeGreaterThan(Number(ids!.last));
    const again = await refusalOf(restoreBackup(target, Readable.from([file])));
    expect(again.message).toMatch(/already holds data/);
  });
});

describeEachDatabase('a backup taken while the site writes', (getDatabase) => {
  it('is one moment: a write sent after it began is not in it', async () => {
    const { db } = getDatabase();
    await db.execute(sql`create table backup_probe (id int primary key)`);
    const writes: Promise<unknown>[] = [];
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    // Sent once the first table is read: on PGlite it waits for the backup, on PostgreSQL it commits beside it.
    await writeBackup(db, out, {
      onTable: () => void (writes.length === 0 && writes.push(db.execute(sql`insert into backup_probe values (1)`))),
    });
    await Promise.all(writes);
    const lines = gunzipSync(Buffer.concat(chunks)).toString('utf8').split('\n');
    expect(lines).toContain(JSON.stringify({ table: 'backup_probe', rows: 0 }));
    expect(await rowsOf(db, sql`select id from backup_probe`)).toEqual([{ id: 1 }]);
  });
});

describe('the data folder lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'groundswell-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lets one holder open the embedded database at a time, and lets go when it closes', async () => {
    const folder = join(dir, 'pglite');
    const first = await openDatabase({ dataDir: folder });
    const refusal = await refusalOf(openDatabase({ dataDir: folder }));
    expect(refusal).toBeInstanceOf(DataFolderInUse);
    expect(refusal.message).toBe(
      `${folder} is in use by another process (pid ${process.pid}): the embedded database serves one process at a time`,
    );
    await first.close();
    const second = await openDatabase({ dataDir: folder });
    await second.close();
  }, 60_000);
});
