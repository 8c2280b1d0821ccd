import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testConfig } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { startSmtpSink } from '../../../test/support/smtp-sink.ts';
import { createEmailRuntime } from '../../email-runtime.ts';
import { createLogger } from '../../platform/logger.ts';
import { emailMailbox, emailOutbox } from '../email/schema.ts';
import { queueDueDigests, turnOnLiveDelivery } from './delivery.ts';
import { sendLetter } from './letter.ts';
import { deliveryModes, targetKinds, type TargetKind } from './schema.ts';
import {
  letterDeps,
  letterInput,
  makeCampaign,
  REVIEW_ADDRESS,
  rosterAddresses,
  seedRoster,
  testCommittee,
  testPublicUrl,
} from './test-support.ts';

// Must show 0 (issue 16): a campaign without live delivery sends nothing to any roster address,
// whatever the configuration: every kind of target, each delivery mode, an SMTP relay or the demo
// mailbox, draft or open. Then live delivery is turned on, and the same letters reach the offices.

const DAY = 24 * 60 * 60 * 1000;
const day = new Date('2030-03-04T19:00:00Z');
const nextDay = new Date(day.getTime() + DAY);
const staff = { staffId: 1, email: 'admin@psj.example', ip: '127.0.0.1' };
const extra: Record<TargetKind, { committee?: string; legislatorIds?: string[] }> = {
  'my-senator': {},
  'my-representative': {},
  committee: { committee: testCommittee.name },
  list: { legislatorIds: ['ocd-person/test-sen-11', 'ocd-person/test-rep-20', 'ocd-person/test-rep-22'] },
};

describeEachDatabase('live delivery guard', (database, kind) => {
  const db = () => database().db;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    sink = await startSmtpSink();
    await seedRoster(db());
  });
  const made: { transport: { close(): Promise<void> } }[] = [];
  // The relay's pooled connections are closed first, or the sink waits for them to time out.
  afterAll(async () => {
    for (const runtime of made) await runtime.transport.close();
    await sink.close();
  });

  const runtimes = () => {
    const logger = createLogger({ level: 'silent' });
    const base = { SECRET_KEY: 'test-secret-key-that-is-long-enough-0123456789', PUBLIC_URL: testPublicUrl };
    const both = [
      {
        name: 'smtp',
        runtime: createEmailRuntime({
          config: testConfig({ ...base, SMTP_URL: sink.url }),
          database: database(),
          logger,
        }),
      },
      { name: 'mailbox', runtime: createEmailRuntime({ config: testConfig(base), database: database(), logger }) },
    ];
    made.push(...both.map((b) => b.runtime));
    return both;
  };
  const deliverAll = async (runtime: ReturnType<typeof runtimes>[number]['runtime']) => {
    await queueDueDigests(db(), { domain: 'psj.example' }, nextDay);
    while ((await runtime.worker.runOnce()) > 0);
  };
  const toRoster = async () => ({
    queued: await db().$count(emailOutbox, inArray(sql`lower(${emailOutbox.toAddress})`, rosterAddresses)),
    mailbox: await db().$count(emailMailbox, inArray(sql`lower(${emailMailbox.toAddress})`, rosterAddresses)),
    relayed: sink.received.filter((m) => {
      const to = Array.isArray(m.to) ? m.to : m.to ? [m.to] : [];
      return to.some((a) => a.value.some((v) => rosterAddresses.includes(v.address?.toLowerCase() as never)));
    }).length,
  });

  it('sends nothing to a roster address until live delivery is on, then reaches the offices', async () => {
    const campaigns: { id: number; status: string }[] = [];
    let n = 0;
    for (const { name, runtime } of runtimes())
      for (const target of targetKinds)
        for (const mode of deliveryModes)
          for (const status of ['draft', 'open'] as const) {
            const c = await makeCampaign(db(), { status, deliveryMode: mode, targetKinds: [target], ...extra[target] });
            campaigns.push({ id: c.id, status });
            const tag = `guard-${kind}-${name}-${target}-${mode}-${status}`;
            const outcome = await sendLetter(
              db(),
              letterDeps(() => day),
              c.id,
              letterInput(tag, { senate: '11', house: '20' }),
              {
                locale: n++ % 2 === 0 ? 'en' : 'es',
              },
            );
            expect(outcome.kind).toBe(status === 'draft' ? 'closed' : 'sent');
            await deliverAll(runtime);
          }
    expect(await toRoster()).toEqual({ queued: 0, mailbox: 0, relayed: 0 });
    // Everything went to review instead: by SMTP and into the demo mailbox.
    expect(
      sink.received.filter((m) => m.subject?.startsWith('[TEST]') || m.subject?.startsWith('[PRUEBA]')).length,
    ).toBeGreaterThan(0);
    expect(await db().$count(emailMailbox, inArray(emailMailbox.toAddress, [REVIEW_ADDRESS]))).toBeGreaterThan(0);

    // A digest day on which live delivery was turned on still goes to review: it holds letters written before.
    const mixed = await makeCampaign(db(), { deliveryMode: 'digest', targetKinds: ['my-senator'] });
    await sendLetter(
      db(),
      letterDeps(() => day),
      mixed.id,
      letterInput(`mixed-before-${kind}`, { senate: '11' }),
      { locale: 'en' },
    );
    await turnOnLiveDelivery(db(), mixed.id, staff);
    await sendLetter(
      db(),
      letterDeps(() => day),
      mixed.id,
      letterInput(`mixed-after-${kind}`, { senate: '11' }),
      { locale: 'en' },
    );
    const smtp = runtimes()[0]!.runtime;
    await deliverAll(smtp);
    expect(await toRoster()).toEqual({ queued: 0, mailbox: 0, relayed: 0 });

    // A review address typed as a legislator's own: refused as a recipient, in both modes.
    for (const mode of deliveryModes) {
      const c = await makeCampaign(db(), { deliveryMode: mode, reviewAddress: 'Sen.Brook@OregonLegislature.gov' });
      await sendLetter(
        db(),
        letterDeps(() => day),
        c.id,
        letterInput(`typo-${mode}-${kind}`, { senate: '11' }),
        {
          locale: 'en',
        },
      );
    }
    await deliverAll(smtp);
    expect(await toRoster()).toEqual({ queued: 0, mailbox: 0, relayed: 0 });

    // Live on: a new letter in every open campaign reaches the offices (the next day's digests too).
    const later = new Date(nextDay.getTime() + 60_000);
    for (const c of campaigns.filter((c) => c.status === 'open')) {
      await turnOnLiveDelivery(db(), c.id, staff);
      const outcome = await sendLetter(
        db(),
        letterDeps(() => later),
        c.id,
        letterInput(`live-${kind}-${c.id}`, { senate: '11', house: '20' }),
        {
          locale: 'en',
        },
      );
      expect(outcome.kind).toBe('sent');
    }
    await queueDueDigests(db(), { domain: 'psj.example' }, new Date(later.getTime() + DAY));
    while ((await smtp.worker.runOnce()) > 0);
    const after = await toRoster();
    expect(after.relayed).toBeGreaterThan(0);
    const reached = new Set(
      sink.received.flatMap((m) =>
        (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address)),
      ),
    );
    // Each target kind reached its own: senator 11, representative 20, the committee's, the list's (22 has no address).
    for (const address of [
      'sen.brook@oregonlegislature.gov',
      'rep.dale@oregonlegislature.gov',
      'rep.ellis@oregonlegislature.gov',
    ])
      expect(reached).toContain(address);
    expect(reached).not.toContain('sen.avery@oregonlegislature.gov');
  });
});
