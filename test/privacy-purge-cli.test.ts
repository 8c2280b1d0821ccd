import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/client.ts';
import { retention } from '../src/platform/retention.ts';
import { addSignature, makePetition } from './support/petition-signatures.ts';
import { builtEntry, NODE_FLAGS } from './support/processes.ts';

function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [...NODE_FLAGS, builtEntry('cli'), ...args], {
    cwd: join(import.meta.dirname, '..'),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run cli -- privacy:purge', () => {
  it('deletes what is past its period at once, and says how much', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'groundswell-purge-'));
    try {
      const database = await openDatabase({ dataDir: join(dir, 'pglite') });
      await database.migrate();
      const petitionId = await makePetition(database.db, 'purge-cli');
      const lapsed = new Date(Date.now() - retention.unconfirmedDays * 24 * 60 * 60 * 1000 - 60_000);
      await addSignature(database.db, petitionId, {
        status: 'pending',
        createdAt: lapsed,
        expiresAt: new Date(lapsed.getTime() + retention.unconfirmedDays * 24 * 60 * 60 * 1000),
        ipHash: 'old-hash',
      });
      await addSignature(database.db, petitionId, {
        status: 'verified',
        createdAt: lapsed,
        verifiedAt: lapsed,
        ipHash: 'old-hash',
      });
      await database.close();

      const run = await runCli(['privacy:purge'], { DATA_DIR: dir });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Deleted 1 unconfirmed signature(s)');
      expect(run.stdout).toContain('cleared 1 IP hash(es)');

      const after = await openDatabase({ dataDir: join(dir, 'pglite') });
      const rows = await after.db.execute(sql`select status, ip_hash from petition_signatures`);
      await after.close();
      expect((rows as unknown as { rows: unknown[] }).rows).toEqual([{ status: 'verified', ip_hash: null }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
