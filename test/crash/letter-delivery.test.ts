import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { rowsOf } from '../../src/platform/db/client.ts';
import { sendLetter } from '../../src/features/letters/letter.ts';
import {
  letterDeps,
  letterInput,
  makeCampaign,
  seedRoster,
  testRoster,
} from '../../src/features/letters/test-support.ts';
import { openTestPostgres } from '../support/databases.ts';
import { exited, spawnBuilt, startSinkProcess, waitForLine } from '../support/processes.ts';

const LETTERS = 40;
const DIGEST_LETTERS = 12;
const postgresUrl = inject('postgresUrl');
const senators = testRoster.filter((l) => l.chamber === 'upper').map((l) => l.district);
const representatives = testRoster.filter((l) => l.chamber === 'lower' && l.email).map((l) => l.district);

/**
 * Issue 16's "Must show" 2: a letter is never delivered twice across a kill -9 of the worker. Real processes on
 * PostgreSQL: letters are written (each to the writer's senator and representative, live, so one message per
 * legislator per letter) and a digest campaign's letters of a past day wait for their digest; the worker
 * (src/worker.ts, which runs the digest pass beside the outbox) is killed with SIGKILL while sending, started again,
 * and once everything is out, killed again and a third one looks. The SMTP server's log is the judge: every
 * (letter, legislator) and every digest has exactly one Message-ID on the wire, and nothing else arrived.
 */
describe.skipIf(!postgresUrl)('letter delivery across worker crashes [postgres]', () => {
  const dir = mkdtempSync(join(tmpdir(), 'groundswell-letters-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('delivers each letter to each legislator once, and each digest once, across kill -9', async () => {
    const database = await openTestPostgres(postgresUrl);
    const db = database.db;
    const sink = await startSinkProcess(join(dir, 'smtp.log'));
    const workers: ReturnType<typeof spawnBuilt>[] = [];
    const output: string[] = [];
    const start = async (name: string) => {
      const child = spawnBuilt('worker', [], {
        DATABASE_URL: database.url,
        SMTP_URL: sink.url,
        SECRET_KEY: 'crash-test-secret-key-that-is-long-enough',
        PUBLIC_URL: 'https://psj.example',
        NODE_ENV: 'test',
        LOG_LEVEL: 'debug',
        EMAIL_MESSAGES_PER_SECOND: '80',
        EMAIL_CONCURRENCY: '5',
        EMAIL_LEASE_SECONDS: '3',
      });
      workers.push(child);
      child.stdout!.on('data', (chunk: Buffer) => output.push(`${name}: ${chunk}`));
      child.stderr!.on('data', (chunk: Buffer) => output.push(`${name} (stderr): ${chunk}`));
      await waitForLine(child, /email worker running/);
      return child;
    };
    const waitFor = async (what: string, done: () => Promise<boolean> | boolean, ms = 60_000) => {
      const deadline = Date.now() + ms;
      while (!(await done())) {
        const sinkFailure = sink.failure();
        if (sinkFailure) throw new Error(sinkFailure);
        if (Date.now() > deadline)
          throw new Error(
            `${what}: not within ${ms} ms\nworker output (last 30 chunks):\n${output.slice(-30).join('')}`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const letterMessages = () =>
      rowsOf<{ key: string; message_id: string; status: string }>(
        db,
        sql`select idempotency_key as key, message_id, status from email_outbox
            where idempotency_key like 'letter:%' or idempotency_key like 'letter-digest:%'`,
      );
    try {
      await seedRoster(db);
      const each = await makeCampaign(db, { live: true });
      for (let i = 0; i < LETTERS; i++) {
        const input = letterInput(`crash-${i}`, {
          senate: senators[i % senators.length]!,
          house: representatives[i % representatives.length]!,
        });
        expect((await sendLetter(db, letterDeps(), each.id, input, { locale: i % 3 ? 'en' : 'es' })).kind).toBe('sent');
      }
      // Letters of a day that has ended: the worker's digest pass finds their digests due.
      const digest = await makeCampaign(db, { live: true, deliveryMode: 'digest', targetKinds: ['my-senator'] });
      const yesterday = () => new Date(Date.now() - 36 * 60 * 60 * 1000);
      for (let i = 0; i < DIGEST_LETTERS; i++) {
        const input = letterInput(`crash-digest-${i}`, { senate: senators[i % senators.length]! });
        expect((await sendLetter(db, letterDeps(yesterday), digest.id, input, { locale: 'en' })).kind).toBe('sent');
      }
      const officeLetters = LETTERS * 2;
      const expected = officeLetters + senators.length;

      const first = await start('first worker');
      const killAt = 20 + Math.floor(Math.random() * 40);
      await waitFor('the first letters delivered', () => sink.deliveries().length >= killAt);
      first.kill('SIGKILL');
      await exited(first);
      const atFirstKill = sink.deliveries().length;

      const second = await start('second worker');
      await waitFor(
        'every letter and digest sent',
        async () => {
          const rows = await letterMessages();
          return rows.length === expected && rows.every((r) => r.status === 'sent');
        },
        60_000,
      );
      second.kill('SIGKILL');
      await exited(second);
      const afterSecond = sink.deliveries().length;

      // A third, after everything was sent: its digest pass finds nothing due, and nothing more goes out.
      const third = await start('third worker');
      await waitForLine(third, /letter digest pass: nothing due/);
      await new Promise((r) => setTimeout(r, 1000));
      third.kill('SIGTERM');
      await exited(third);
      await sink.stop();

      const rows = await letterMessages();
      const keyOf = new Map(rows.map((r) => [r.message_id, r.key]));
      const onWire = sink.deliveries().filter(([, id]) => keyOf.has(id));
      const idsByKey = new Map<string, Set<string>>();
      for (const [, id] of onWire) idsByKey.set(keyOf.get(id)!, (idsByKey.get(keyOf.get(id)!) ?? new Set()).add(id));
      const wireRepeats = onWire.length - new Set(onWire.map(([, id]) => id)).size;
      process.stdout.write(
        `[letter crash test] ${officeLetters} letters to offices and ${senators.length} digests; killed the first ` +
          `worker after ${atFirstKill} deliveries; reached ${idsByKey.size}, repeats of the same Message-ID ${wireRepeats}\n`,
      );
      expect(rows).toHaveLength(expected);
      expect(idsByKey.size).toBe(expected);
      expect([...idsByKey.values()].every((ids) => ids.size === 1)).toBe(true);
      // Only what was on the wire at the kill can go out again, with the same Message-ID (ADR 016).
      expect(wireRepeats).toBeLessThanOrEqual(5);
      expect(sink.deliveries().length).toBe(afterSecond);
      const [ledger] = await rowsOf<{ n: string | number }>(db, sql`select count(*) as n from letter_digests`);
      expect(Number(ledger!.n)).toBe(senators.length);
    } finally {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
      await sink.stop();
      await database.drop();
    }
  }, 90_000);
});
