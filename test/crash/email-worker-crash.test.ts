import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { rowsOf } from '../../src/platform/db/client.ts';
import { openTestPostgres } from '../support/databases.ts';
import { scheduleTaggedBroadcast, seedSubscribers } from '../support/email-load.ts';
import { exited, spawnBuilt, startSinkProcess, waitForLine } from '../support/processes.ts';

const RECIPIENTS = 5000;
const postgresUrl = inject('postgresUrl');

/**
 * Issue 4's crash test: a broadcast to 5,000 people, the worker process
 * killed with SIGKILL in the middle, a new one started; then the SMTP
 * server's own log must show every recipient got their message, and no
 * recipient two different messages. A message accepted by the relay in the
 * instant before the worker recorded it is sent again after the lease, with
 * the same Message-ID (ADR 016): those repeats are counted and printed.
 */
describe.skipIf(!postgresUrl)('email worker killed mid-broadcast [postgres]', () => {
  const dir = mkdtempSync(join(tmpdir(), 'groundswell-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('delivers to all 5,000 recipients exactly once each after kill -9 and restart', async () => {
    const database = await openTestPostgres(postgresUrl);
    const sink = await startSinkProcess(join(dir, 'smtp.log'));
    const workers: ReturnType<typeof spawnBuilt>[] = [];
    try {
      await seedSubscribers(database.db, RECIPIENTS, 'crash');
      const broadcastId = await scheduleTaggedBroadcast(database.db, 'crash');
      const env = {
        DATABASE_URL: database.url,
        SMTP_URL: sink.url,
        SECRET_KEY: 'crash-test-secret-key-that-is-long-enough',
        PUBLIC_URL: 'https://psj.example',
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        EMAIL_MESSAGES_PER_SECOND: '800',
        EMAIL_CONCURRENCY: '10',
        // Long enough that no message's lease runs out while its own worker is still sending it, even with the
        // two cores shared by the whole suite: a 3 s lease let a slowed first worker claim its own messages again
        // (13 repeats in CI), which is not what this test is about. The restart then waits out at most this.
        EMAIL_LEASE_SECONDS: '15',
      };
      const output: string[] = [];
      const capture = (child: ReturnType<typeof spawnBuilt>, name: string) => {
        child.stdout!.on('data', (chunk: Buffer) => output.push(`${name}: ${chunk}`));
        child.stderr!.on('data', (chunk: Buffer) => output.push(`${name} (stderr): ${chunk}`));
      };
      const first = spawnBuilt('worker', [], env);
      workers.push(first);
      capture(first, 'first worker');
      await waitForLine(first, /email worker running/);
      const killAt = 1500 + Math.floor(Math.random() * 2000);
      while (sink.deliveries().length < killAt) {
        const sinkFailure = sink.failure();
        if (sinkFailure) throw new Error(sinkFailure);
        await new Promise((r) => setTimeout(r, 20));
      }
      first.kill('SIGKILL');
      await exited(first);
      const atKill = sink.deliveries().length;

      const second = spawnBuilt('worker', [], env);
      workers.push(second);
      capture(second, 'second worker');
      await waitForLine(second, /email worker running/);
      const deadline = Date.now() + 120_000;
      for (;;) {
        const [row] = await rowsOf<{ open: number | string; status: string }>(
          database.db,
          sql`select
                (select count(*) from email_outbox
                  where broadcast_id = ${broadcastId} and status in ('queued', 'sending')) as open,
                (select status from broadcasts where id = ${broadcastId}) as status`,
        );
        if (Number(row!.open) === 0 && row!.status === 'sent') break;
        const sinkFailure = sink.failure();
        if (sinkFailure) throw new Error(sinkFailure);
        if (Date.now() > deadline) {
          // What is left, and why, so a failure here can be diagnosed from the CI log alone.
          const left = await rowsOf(
            database.db,
            sql`select id, status, attempts, last_error,
                  round(extract(epoch from next_attempt_at - now())) as due_in_s,
                  round(extract(epoch from lease_until - now())) as lease_left_s
                from email_outbox where broadcast_id = ${broadcastId} and status <> 'sent' order by id limit 20`,
          );
          const broadcast = await rowsOf(
            database.db,
            sql`select status, started_at, finished_at from broadcasts where id = ${broadcastId}`,
          );
          throw new Error(
            `the broadcast did not finish within 2 minutes of the restart (killed after ${atKill} deliveries)\n` +
              `broadcast: ${JSON.stringify(broadcast)}\nnot sent: ${JSON.stringify(left)}\n` +
              `worker output (last 40 chunks):\n${output.slice(-40).join('')}`,
          );
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      second.kill('SIGTERM');
      await exited(second);
      await sink.stop();

      const deliveries = sink.deliveries();
      const byRecipient = new Map<string, string[]>();
      for (const [to, messageId] of deliveries) byRecipient.set(to, [...(byRecipient.get(to) ?? []), messageId]);
      const expected = Array.from({ length: RECIPIENTS }, (_, i) => `crash-${i + 1}@example.org`);
      const missed = expected.filter((address) => !byRecipient.has(address));
      const twoDifferentMessages = [...byRecipient.values()].filter((ids) => new Set(ids).size > 1).length;
      const wireRepeats = deliveries.length - byRecipient.size;
      const [outbox] = await rowsOf<{ sent: number | string }>(
        database.db,
        sql`select count(*) as sent from email_outbox where broadcast_id = ${broadcastId} and status = 'sent'`,
      );
      process.stdout.write(
        `[crash test] killed the worker after ${atKill} deliveries; ` +
          `recipients ${RECIPIENTS}, reached ${byRecipient.size}, missed ${missed.length}, ` +
          `recipients with two different messages ${twoDifferentMessages}, ` +
          `repeats of the same Message-ID ${wireRepeats}; outbox says sent ${outbox!.sent}\n`,
      );
      expect(missed).toEqual([]);
      expect(byRecipient.size).toBe(RECIPIENTS);
      expect(twoDifferentMessages).toBe(0);
      // Only what was on the wire at the kill can repeat: at most the worker's concurrency.
      expect(wireRepeats).toBeLessThanOrEqual(10);
      expect(Number(outbox!.sent)).toBe(RECIPIENTS);
    } finally {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
      await sink.stop();
      await database.drop();
    }
  }, 240_000);
});
