import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { rowsOf, type Db } from '../../src/platform/db/client.ts';
import { openTestPostgres } from '../support/databases.ts';
import { exited, spawnBuilt, startSinkProcess, waitForLine } from '../support/processes.ts';

const ATTENDEES = 200;
const HOUR = 60 * 60 * 1000;
const postgresUrl = inject('postgresUrl');

/**
 * An event 6 days 23 hours away, whose week reminder fell due an hour ago while no worker ran: its attendees, a
 * person on the waitlist and one who cancelled, written straight into the tables, as the RSVP form would have.
 */
async function eventDueWhileDown(db: Db): Promise<void> {
  const startsAt = new Date(Date.now() + 6 * 24 * HOUR + 23 * HOUR);
  const answeredAt = new Date(Date.now() - 2 * 24 * HOUR);
  await db.execute(sql`insert into events (slug, status, format, starts_at, ends_at, venue, address, is_demo)
    values ('crash-advocacy-day', 'published', 'in-person', ${startsAt.toISOString()}::timestamptz,
      ${startsAt.toISOString()}::timestamptz + interval '6 hours', 'Sample Hall', '100 Sample St', true)`);
  await db.execute(sql`insert into event_translations (event_id, locale, title)
    select id, 'en', 'Sample Advocacy Day' from events where slug = 'crash-advocacy-day'
    union all select id, 'es', 'Día de Incidencia de muestra' from events where slug = 'crash-advocacy-day'`);
  await db.execute(sql`insert into supporters (email, email_as_typed, given_name, locale)
    select 'attendee-' || g || '@example.org', 'attendee-' || g || '@example.org', 'Person ' || g,
      case when g % 3 = 0 then 'es' else 'en' end
    from generate_series(1, ${ATTENDEES + 2}) g`);
  await db.execute(sql`insert into event_rsvps (event_id, supporter_id, status, locale, waitlist_order, needs,
      manage_token_hash, manage_token_nonce, created_at, updated_at)
    select e.id, s.id,
      case s.email when ${`attendee-${ATTENDEES + 1}@example.org`} then 'waitlisted'
        when ${`attendee-${ATTENDEES + 2}@example.org`} then 'cancelled' else 'confirmed' end,
      s.locale, case s.email when ${`attendee-${ATTENDEES + 1}@example.org`} then 1 end,
      '{"interpretation":[],"interpretationOther":"","accessibility":"","childcare":false,"travelHelp":false}',
      'hash-' || s.id, 'nonce-' || s.id, ${answeredAt.toISOString()}::timestamptz, ${answeredAt.toISOString()}::timestamptz
    from events e, supporters s where e.slug = 'crash-advocacy-day' and s.email like 'attendee-%'`);
}

/**
 * Issue 15's "Must show" 3: a reminder due while the worker is down is sent once after restart, never twice. Real
 * processes: the worker (src/worker.ts, which runs the reminder pass beside the outbox) is started only after the
 * reminders fell due, killed with SIGKILL while it is sending them, started again; once all are out it is killed
 * again and a third one runs a pass of its own. The SMTP server's log is the judge: every attendee got one reminder
 * (one Message-ID), the waitlisted and the cancelled none, and the restarts queued nothing new.
 */
describe.skipIf(!postgresUrl)('event reminders across worker crashes [postgres]', () => {
  const dir = mkdtempSync(join(tmpdir(), 'groundswell-reminders-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sends each attendee their week reminder once after restart, never twice', async () => {
    const database = await openTestPostgres(postgresUrl);
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
        // The pass says when it found nothing due: how the test knows a restarted worker looked.
        LOG_LEVEL: 'debug',
        EMAIL_MESSAGES_PER_SECOND: '40',
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
    const outbox = async () => {
      const [row] = await rowsOf<{ queued: string | number; open: string | number; ledger: string | number }>(
        database.db,
        sql`select (select count(*) from email_outbox where template = 'event-reminder') as queued,
              (select count(*) from email_outbox
                where template = 'event-reminder' and status in ('queued', 'sending')) as open,
              (select count(*) from event_reminders) as ledger`,
      );
      return { queued: Number(row!.queued), open: Number(row!.open), ledger: Number(row!.ledger) };
    };
    try {
      await eventDueWhileDown(database.db);

      // The first worker finds the reminders due, queues them, and is killed in the middle of sending them.
      const first = await start('first worker');
      const killAt = 40 + Math.floor(Math.random() * 80);
      await waitFor('the first reminders delivered', () => sink.deliveries().length >= killAt);
      first.kill('SIGKILL');
      await exited(first);
      const atFirstKill = sink.deliveries().length;
      expect(atFirstKill).toBeLessThan(ATTENDEES);

      // The second finds them already queued (the ledger), and the outbox hands it the rest once the leases pass.
      const second = await start('second worker');
      await waitForLine(second, /event reminder pass: nothing due/);
      await waitFor(
        'every reminder sent',
        async () => {
          const state = await outbox();
          return state.queued === ATTENDEES && state.open === 0;
        },
        120_000,
      );
      second.kill('SIGKILL');
      await exited(second);
      const afterSecond = sink.deliveries().length;

      // A third, after everything was sent: its pass finds nothing due, and sends nothing.
      const third = await start('third worker');
      await waitForLine(third, /event reminder pass: nothing due/);
      await new Promise((r) => setTimeout(r, 1500));
      third.kill('SIGTERM');
      await exited(third);
      await sink.stop();

      const deliveries = sink.deliveries();
      const byRecipient = new Map<string, string[]>();
      for (const [to, messageId] of deliveries) byRecipient.set(to, [...(byRecipient.get(to) ?? []), messageId]);
      const expected = Array.from({ length: ATTENDEES }, (_, i) => `attendee-${i + 1}@example.org`);
      const missed = expected.filter((address) => !byRecipient.has(address));
      const twoReminders = [...byRecipient.values()].filter((ids) => new Set(ids).size > 1).length;
      const wireRepeats = deliveries.length - byRecipient.size;
      const state = await outbox();
      process.stdout.write(
        `[reminder crash test] attendees ${ATTENDEES}; killed the first worker after ${atFirstKill} deliveries; ` +
          `reached ${byRecipient.size}, missed ${missed.length}, attendees with two reminders ${twoReminders}, ` +
          `repeats of the same Message-ID ${wireRepeats}; queued ${state.queued}, ledger ${state.ledger}\n`,
      );
      expect(missed).toEqual([]);
      expect([...byRecipient.keys()].sort()).toEqual([...expected].sort());
      expect(twoReminders).toBe(0);
      // Only what was on the wire at the kill can go out again, with the same Message-ID (ADR 016).
      expect(wireRepeats).toBeLessThanOrEqual(5);
      expect(state).toEqual({ queued: ATTENDEES, open: 0, ledger: ATTENDEES });
      expect(deliveries.length).toBe(afterSecond);
    } finally {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
      await sink.stop();
      await database.drop();
    }
  }, 240_000);
});
