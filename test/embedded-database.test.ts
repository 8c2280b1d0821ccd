import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Hono } from 'hono';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PETITION_SLUG } from '../src/features/petitions/seed.ts';
import { openDatabase, rowsOf, type Db } from '../src/platform/db/client.ts';
import { tablesOf } from '../src/platform/db/copy.ts';
import { openTestPostgres } from './support/databases.ts';
import { exited, freePort, builtEntry, NODE_FLAGS, spawnBuilt, waitForLine } from './support/processes.ts';
import { browser } from './support/staff.ts';

/**
 * Issue 11: the embedded database is one process's. With the site running on
 * PGlite, admin commands reach its database through it (nothing says "done"
 * and loses the work), a second server on the same folder refuses to start,
 * and a backup taken while the site takes writes restores every row.
 */

const folders: string[] = [];
const newFolder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'groundswell-embedded-'));
  folders.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

const PASSWORD = 'a long and unusual passphrase 11';

function collect(child: ChildProcess) {
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d) => (output.stdout += d));
  child.stderr!.on('data', (d) => (output.stderr += d));
  return output;
}

async function cli(args: string[], env: Record<string, string>) {
  const child = spawnBuilt('cli', args, { LOG_LEVEL: 'warn', ...env });
  const output = collect(child);
  const code = await exited(child);
  return { code, ...output };
}

/** The CLI with a password on its standard input, as a script pipes it. */
async function cliWithPassword(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [...NODE_FLAGS, builtEntry('cli'), ...args], {
    cwd: join(import.meta.dirname, '..'),
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin!.end(`${PASSWORD}\n`);
  const output = collect(child);
  const code = await exited(child);
  return { code, ...output };
}

async function startSite(dataDir: string, port: number): Promise<ChildProcess> {
  const server = spawnBuilt('main', [], {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    TRUST_PROXY: '1',
    LOG_LEVEL: 'info',
    NODE_ENV: 'development',
    GROUNDSWELL_REFERENCE_DIR: join(dataDir, 'none'),
  });
  // Up to three minutes: CI starts this beside three other test files on two cores (process.test.ts says more).
  await waitForLine(server, /Groundswell is running/, 180_000);
  return server;
}

async function stop(server: ChildProcess): Promise<number | null> {
  if (server.exitCode !== null || server.signalCode !== null) return server.exitCode;
  server.kill('SIGTERM');
  return exited(server);
}

/** Signs in at the running site's own sign-in form, as a browser does; resolves to the status (303 when it worked). */
async function signIn(port: number, email: string): Promise<number> {
  const site = {
    request: (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${port}${path}`, init),
  } as unknown as Hono;
  const res = await browser(site).post('/admin/sign-in', { email, password: PASSWORD });
  await res.arrayBuffer();
  return res.status;
}

describe('a site on the embedded database (PGlite), run as real processes', () => {
  it('staff:create in the CLI reaches the running site: the account signs in before and after a restart', async () => {
    const dataDir = newFolder();
    const port = await freePort();
    let server = await startSite(dataDir, port);
    try {
      const created = await cliWithPassword(
        ['staff:create', '--email', 'cli-editor@psj.example', '--role', 'editor', '--name', 'CLI Editor'],
        { DATA_DIR: dataDir },
      );
      expect(created.stderr).toBe('');
      expect(created.stdout).toContain('Created editor cli-editor@psj.example.');
      expect(created.code).toBe(0);
      // The running site has it at once: its own sign-in form lets the account in.
      expect(await signIn(port, 'cli-editor@psj.example')).toBe(303);
      // A refusal from inside the site comes back as one line and a non-zero exit.
      const again = await cliWithPassword(['staff:create', '--email', 'CLI-editor@psj.example', '--role', 'editor'], {
        DATA_DIR: dataDir,
      });
      expect(again.code).not.toBe(0);
      expect(again.stderr.trim()).toMatch(/^email: .*already exists$/);
      // A command that cannot run inside the site says what to do instead.
      const migrate = await cli(['db:migrate'], { DATA_DIR: dataDir });
      expect(migrate.code).not.toBe(0);
      expect(migrate.stderr.trim().split('\n')).toHaveLength(1);
      expect(migrate.stderr).toMatch(/^db:migrate: .*restart it/);

      expect(await stop(server)).toBe(0);
      server = await startSite(dataDir, port);
      expect(await signIn(port, 'cli-editor@psj.example')).toBe(303);
    } finally {
      await stop(server);
    }
  }, 360_000);

  it('refuses a second server on the same DATA_DIR with one clear line, and the first keeps serving', async () => {
    const dataDir = newFolder();
    const port = await freePort();
    const first = await startSite(dataDir, port);
    try {
      const second = spawnBuilt('main', [], {
        DATA_DIR: dataDir,
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
      });
      const output = collect(second);
      const code = await exited(second);
      expect(code).not.toBe(0);
      const lines = output.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      const inUse = [
        '^Database error: DATA_DIR .*pglite is in use by another process \\(pid \\d+\\): ',
        'the embedded database serves one process at a time\\. Stop that process first',
      ];
      expect(lines[0]).toMatch(new RegExp(inUse.join('')));
      expect(output.stdout).not.toContain('running at');
      // The first one was not disturbed: it answers, and still writes.
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      const created = await cliWithPassword(
        ['staff:create', '--email', 'after-second@psj.example', '--role', 'viewer'],
        { DATA_DIR: dataDir },
      );
      expect(created.code).toBe(0);
      expect(await signIn(port, 'after-second@psj.example')).toBe(303);
      // The CLI's own copy command respects the lock too.
      const copy = await cli(['db:copy-to-postgres', '--to', 'postgres://nobody@127.0.0.1:1/none'], {
        DATA_DIR: dataDir,
      });
      expect(copy.code).not.toBe(0);
    } finally {
      await stop(first);
    }
  }, 360_000);

  const postgresUrl = inject('postgresUrl');
  const restoredInto = postgresUrl ? 'a new folder and a new PostgreSQL database' : 'a new folder';

  it(`backs up while the site takes signatures, and restores all that moment's rows into ${restoredInto}`, async () => {
    const dataDir = newFolder();
    const port = await freePort();
    const server = await startSite(dataDir, port);
    const backup = join(newFolder(), 'site.jsonl.gz');
    let acknowledged = 0;
    let signing = true;
    try {
      const url = `http://127.0.0.1:${port}/petitions/${DEMO_PETITION_SLUG}/sign`;
      let n = 0;
      const signer = async () => {
        while (signing) {
          const i = ++n;
          const res = await fetch(url, {
            method: 'POST',
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              origin: `http://127.0.0.1:${port}`,
              'x-forwarded-for': `10.2.${(i >> 8) & 255}.${i & 255}`,
            },
            body: new URLSearchParams({
              givenName: 'Bea',
              familyName: `Backup ${i}`,
              email: `backup-signer-${i}@example.org`,
              zip: '97301',
            }).toString(),
          });
          await res.arrayBuffer();
          if (res.status === 200) acknowledged++;
        }
      };
      const signers = Array.from({ length: 4 }, signer);
      await expect.poll(() => acknowledged, { timeout: 30_000, interval: 50 }).toBeGreaterThan(20);
      const beforeBackup = acknowledged;
      const taken = await cli(['backup', '--to', backup], { DATA_DIR: dataDir });
      const atBackup = acknowledged;
      await expect.poll(() => acknowledged, { timeout: 30_000, interval: 50 }).toBeGreaterThan(atBackup + 20);
      signing = false;
      await Promise.all(signers);
      expect(taken.stderr).toBe('');
      expect(taken.code).toBe(0);
      expect(taken.stdout).toMatch(/Backed up [\d,]+ rows in \d+ tables, as of one moment\./);
      // No row in what the command printed: names and counts only.
      expect(taken.stdout).not.toContain('example.org');

      const snapshot = rowsInBackup(backup);
      const signed = snapshot.get('petition_signatures')!.length;
      // One moment in the middle of the writes: every signature answered before it began, and not those after.
      expect(signed).toBeGreaterThanOrEqual(beforeBackup);
      expect(signed).toBeLessThan(acknowledged);

      // Into a new folder, through the CLI, with no site running there.
      const restoredDir = newFolder();
      const restored = await cli(['restore', '--from', backup], { DATA_DIR: restoredDir });
      expect(restored.stderr).toBe('');
      expect(restored.code).toBe(0);
      const embedded = await openDatabase({ dataDir: join(restoredDir, 'pglite') });
      try {
        await expectRows(embedded.db, snapshot);
      } finally {
        await embedded.close();
      }
      // A database that holds anything is refused: here, the running site's own.
      const refused = await cli(['restore', '--from', backup], { DATA_DIR: dataDir });
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/^restore: a site is running on this DATA_DIR/);

      if (postgresUrl) {
        const target = await openTestPostgres(postgresUrl);
        try {
          const intoPostgres = await cli(['restore', '--from', backup], {
            DATA_DIR: newFolder(),
            DATABASE_URL: target.url,
          });
          expect(intoPostgres.stderr).toBe('');
          expect(intoPostgres.code).toBe(0);
          await expectRows(target.db, snapshot);
        } finally {
          await target.drop();
        }
      }
    } finally {
      signing = false;
      await stop(server);
    }
  }, 420_000);
});

/** Each table's rows as the backup file holds them (row_to_json text, times in UTC). */
function rowsInBackup(file: string): Map<string, string[]> {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  const tables = new Map<string, string[]>();
  const header = JSON.parse(lines[0]!) as { tables: string[] };
  let at = 1;
  for (const name of header.tables) {
    const { table, rows } = JSON.parse(lines[at++]!) as { table: string; rows: number };
    expect(table).toBe(name);
    tables.set(table, lines.slice(at, at + rows).sort());
    at += rows;
  }
  expect(JSON.parse(lines[at]!)).toMatchObject({ end: true });
  return tables;
}

/** Every table of `db` holds exactly the snapshot's rows, column for column. */
async function expectRows(db: Db, snapshot: Map<string, string[]>) {
  expect(await tablesOf(db)).toEqual([...snapshot.keys()].sort());
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local time zone 'UTC'`);
    for (const [table, rows] of snapshot) {
      const here = await rowsOf<{ row: string }>(
        tx,
        sql`select row_to_json(t)::text as row from ${sql.identifier(table)} t`,
      );
      expect(here.map((r) => r.row).sort(), table).toEqual(rows);
    }
  });
}
