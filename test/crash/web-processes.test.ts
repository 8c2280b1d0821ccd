import { execFileSync } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { DEMO_PETITION_SLUG } from '../../src/features/petitions/seed.ts';
import { rowsOf } from '../../src/platform/db/client.ts';
import { openTestPostgres } from '../support/databases.ts';
import { exited, freePort, spawnBuilt, waitForLine } from '../support/processes.ts';

const postgresUrl = inject('postgresUrl');

/** The pids of a process's children (pgrep -P), the web processes of a supervisor. */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/**
 * WEB_PROCESSES=2: one supervisor, two web processes on one port. One web
 * process killed with SIGKILL is replaced while the other keeps serving;
 * what was acknowledged is kept; SIGTERM stops them all cleanly.
 */
describe.skipIf(!postgresUrl)('npm start with two web processes [postgres]', () => {
  it('runs two web processes, replaces one that dies, keeps what they acknowledged, and stops cleanly', async () => {
    const database = await openTestPostgres(postgresUrl);
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const server = spawnBuilt('main', [], {
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: origin,
      SECRET_KEY: 'web-processes-test-secret-key-long-enough',
      NODE_ENV: 'development',
      SEED_DEMO: 'true',
      TRUST_PROXY: '1',
      WEB_PROCESSES: '2',
      LOG_LEVEL: 'info',
    });
    try {
      await waitForLine(server, /Groundswell is running at \S+ in 2 web processes/, 90_000);
      // The supervisor is tsx's child: the node process whose children are the web processes.
      const supervisor = [server.pid!, ...childrenOf(server.pid!)].find((pid) => childrenOf(pid).length === 2)!;
      const web = childrenOf(supervisor);
      expect(web).toHaveLength(2);

      let n = 0;
      const acknowledged: string[] = [];
      const sign = async () => {
        const i = ++n;
        const email = `cluster-${i}@example.org`;
        const res = await fetch(`${origin}/petitions/${DEMO_PETITION_SLUG}/sign`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            origin,
            'x-forwarded-for': `10.7.${(i >> 8) & 255}.${i & 255}`,
          },
          body: new URLSearchParams({ givenName: 'Kai', familyName: `Signer ${i}`, email, zip: '97301' }).toString(),
        });
        await res.arrayBuffer();
        if (res.ok) acknowledged.push(email);
        return res.status;
      };
      // New connections are shared out between the two.
      const before = await Promise.all(Array.from({ length: 40 }, sign));
      expect(before.every((s) => s === 200)).toBe(true);

      process.kill(web[0]!, 'SIGKILL');
      const replaced = waitForLine(server, /a web process died; starting another/, 30_000);
      // Meanwhile the other one answers; a request on the killed one's connections may fail, and is not acknowledged.
      for (let i = 0; i < 20; i++) await sign().catch(() => 0);
      await replaced;
      const deadline = Date.now() + 60_000;
      while (childrenOf(supervisor).filter((pid) => pid !== web[0]).length < 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 200));
      expect(childrenOf(supervisor).filter((pid) => pid !== web[0])).toHaveLength(2);
      await new Promise((r) => setTimeout(r, 3000));
      const after = await Promise.all(Array.from({ length: 40 }, sign));
      expect(after.every((s) => s === 200)).toBe(true);

      const [kept] = await rowsOf<{ n: number | string }>(
        database.db,
        sql`select count(*) as n from petition_signatures s join supporters p on p.id = s.supporter_id
          where p.email in (select jsonb_array_elements_text(${JSON.stringify(acknowledged)}::jsonb))`,
      );
      expect(Number(kept!.n)).toBe(acknowledged.length);

      server.kill('SIGTERM');
      expect(await exited(server)).toBe(0);
      expect(childrenOf(supervisor)).toEqual([]);
    } finally {
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
      await database.drop();
    }
  }, 180_000);
});
