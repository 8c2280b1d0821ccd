import { eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '../../platform/logger.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { startSmtpSink } from '../../../test/support/smtp-sink.ts';
import { claimDue, enqueueEmail, enqueueEmails, enqueueEmailsFrom, outboxCounts } from './outbox.ts';
import { emailMailbox, emailOutbox } from './schema.ts';
import { ERASED_ADDRESS, forgetMessagesKeyed } from './addressee.ts';
import { DeliveryError, HIDDEN_ADDRESS, MailboxTransport, SmtpTransport } from './transport.ts';
import { EmailWorker, type RenderEmail } from './worker.ts';

const render: RenderEmail = async (row) => ({
  from: 'PSJ <news@psj.example>',
  subject: `Hello ${String(row.data.name ?? '')}`,
  text: `Plain text for ${row.locale}`,
  html: `<p>HTML for ${row.locale}</p>`,
  headers: {},
});
const logger = createLogger({ level: 'silent', pretty: false });

describeEachDatabase('email outbox', (database) => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let transport: SmtpTransport;
  const db = () => database().db;

  beforeAll(async () => {
    sink = await startSmtpSink();
    transport = new SmtpTransport(sink.url);
  });
  afterAll(async () => {
    await transport.close();
    await sink.close();
  });

  it('queues a key once, and sends it once with its stable Message-ID', async () => {
    expect(
      await enqueueEmail(
        db(),
        {
          idempotencyKey: 'welcome:1',
          to: 'ana@example.org',
          kind: 'transactional',
          template: 't',
          locale: 'es',
          data: { name: 'Ana' },
        },
        { domain: 'psj.example' },
      ),
    ).toBe(true);
    expect(
      await enqueueEmail(
        db(),
        { idempotencyKey: 'welcome:1', to: 'ana@example.org', kind: 'transactional', template: 't', locale: 'es' },
        { domain: 'psj.example' },
      ),
    ).toBe(false);
    const worker = new EmailWorker({ db: db(), transport, render, logger, messagesPerSecond: 1000 });
    expect(await worker.runOnce()).toBe(1);
    expect(await worker.runOnce()).toBe(0);
    const [row] = await db().select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, 'welcome:1'));
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    const mail = sink.received.find((m) => m.subject === 'Hello Ana')!;
    expect(mail.messageId).toBe(row!.messageId);
    expect(mail.text?.trim()).toBe('Plain text for es');
    expect(mail.html).toContain('HTML for es');
  });

  it('gives every message, however it is queued, a Message-ID of its own in one form', async () => {
    const email = (key: string) => ({
      idempotencyKey: `mid:${key}`,
      to: `${key}@example.org`,
      kind: 'bulk' as const,
      template: 't',
      locale: 'en' as const,
    });
    await enqueueEmails(db(), [email('a'), email('b'), email('c')], { domain: 'psj.example' });
    await enqueueEmails(db(), [email('d'), email('e')], { domain: 'psj.example' });
    const fromSelect = sql`select 'mid:' || n, 'set-' || n || '@example.org', 'bulk', 't', 'en', '{}'::jsonb,
      null::bigint from generate_series(1, 3) n`;
    expect(await enqueueEmailsFrom(db(), fromSelect, { domain: 'psj.example' })).toBe(3);
    expect(await enqueueEmailsFrom(db(), fromSelect, { domain: 'psj.example' })).toBe(0);
    const ids = (
      await db()
        .select({ id: emailOutbox.messageId })
        .from(emailOutbox)
        .where(like(emailOutbox.idempotencyKey, 'mid:%'))
    ).map((r) => r.id);
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
    for (const id of ids) expect(id).toMatch(/^<[0-9a-f]{24}\.\d+@psj\.example>$/);
    // Out of the way of the tests below, whose workers send whatever is due.
    await db().delete(emailOutbox).where(like(emailOutbox.idempotencyKey, 'mid:%'));
  });

  it('retries a temporary failure later and gives up at once on a permanent one', async () => {
    await enqueueEmail(
      db(),
      { idempotencyKey: 'temp:1', to: 'temp@example.org', kind: 'bulk', template: 't', locale: 'en' },
      { domain: 'psj.example' },
    );
    await enqueueEmail(
      db(),
      { idempotencyKey: 'perm:1', to: 'perm@example.org', kind: 'bulk', template: 't', locale: 'en' },
      { domain: 'psj.example' },
    );
    sink.failNext(451, 550);
    const worker = new EmailWorker({ db: db(), transport, render, logger, concurrency: 1, messagesPerSecond: 1000 });
    await worker.runOnce();
    const rows = await db().select().from(emailOutbox);
    const temp = rows.find((r) => r.idempotencyKey === 'temp:1')!;
    const perm = rows.find((r) => r.idempotencyKey === 'perm:1')!;
    expect(temp.status).toBe('queued');
    expect(temp.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
    expect(perm.status).toBe('failed');
    expect(perm.lastError).toContain('mailbox unavailable');
  });

  it('takes over a message whose worker died holding it, once its lease runs out', async () => {
    await enqueueEmail(
      db(),
      { idempotencyKey: 'lease:1', to: 'lease@example.org', kind: 'bulk', template: 't', locale: 'en' },
      { domain: 'psj.example' },
    );
    const [claimed] = (await claimDue(db(), 10, 60_000)).filter((r) => r.idempotencyKey === 'lease:1');
    expect(claimed?.status).toBe('sending');
    // Another worker sees nothing to do while the lease holds…
    expect((await claimDue(db(), 10, 60_000)).map((r) => r.idempotencyKey)).not.toContain('lease:1');
    // …and takes it over once the lease has run out (time moved on by setting it in the past).
    await db()
      .update(emailOutbox)
      .set({ leaseUntil: new Date(Date.now() - 1000) })
      .where(eq(emailOutbox.idempotencyKey, 'lease:1'));
    expect((await claimDue(db(), 10, 60_000)).map((r) => r.idempotencyKey)).toContain('lease:1');
  });

  it('never gives one message to two workers claiming at the same time', async () => {
    for (let i = 0; i < 60; i++) {
      await enqueueEmail(
        db(),
        { idempotencyKey: `race:${i}`, to: `r${i}@example.org`, kind: 'bulk', template: 't', locale: 'en' },
        { domain: 'psj.example' },
      );
    }
    const [a, b, c] = await Promise.all([
      claimDue(db(), 25, 60_000),
      claimDue(db(), 25, 60_000),
      claimDue(db(), 25, 60_000),
    ]);
    const ids = [...a!, ...b!, ...c!].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(60);
    expect((await outboxCounts(db())).sending).toBeGreaterThanOrEqual(60);
  });

  it('keeps messages in the mailbox table when no relay is configured', async () => {
    await enqueueEmail(
      db(),
      {
        idempotencyKey: 'demo:1',
        to: 'demo@example.org',
        kind: 'transactional',
        template: 't',
        locale: 'en',
        data: { name: 'Demo' },
      },
      { domain: 'psj.example' },
    );
    const worker = new EmailWorker({
      db: db(),
      transport: new MailboxTransport(db()),
      render,
      logger,
      messagesPerSecond: 1000,
    });
    await worker.runOnce();
    const [kept] = await db().select().from(emailMailbox).where(eq(emailMailbox.toAddress, 'demo@example.org'));
    expect(kept?.subject).toBe('Hello Demo');
  });

  it('sends up to the rate cap while running; on stop, hands back what it claimed but did not send', async () => {
    for (let i = 0; i < 30; i++) {
      await enqueueEmail(
        db(),
        {
          idempotencyKey: `loop:${i}`,
          to: `loop-${i}@example.org`,
          kind: 'transactional',
          template: 't',
          locale: 'en',
        },
        { domain: 'psj.example' },
      );
    }
    // 20 a second: in about half a second some are sent, most are still waiting.
    const worker = new EmailWorker({
      db: db(),
      transport,
      render,
      logger,
      messagesPerSecond: 20,
      concurrency: 2,
      leaseMs: 60_000,
    });
    const started = performance.now();
    worker.start();
    await new Promise((r) => setTimeout(r, 500));
    await worker.stop();
    const elapsed = (performance.now() - started) / 1000;
    const rows = (await db().select().from(emailOutbox)).filter((r) => r.idempotencyKey.startsWith('loop:'));
    const sent = rows.filter((r) => r.status === 'sent');
    expect(sent.length).toBeGreaterThan(0);
    // The cap holds (one message of slack for the first slot).
    expect(sent.length).toBeLessThanOrEqual(Math.ceil(elapsed * 20) + 1);
    // Nothing is left leased to a stopped worker: the rest are queued again, their attempt not counted.
    expect(rows.filter((r) => r.status === 'sending')).toEqual([]);
    expect(rows.filter((r) => r.status === 'queued').every((r) => r.attempts === 0 && r.leaseUntil === null)).toBe(
      true,
    );
    expect(sent.length + rows.filter((r) => r.status === 'queued').length).toBe(30);

    // Started again, it sends the rest, each exactly once.
    const again = new EmailWorker({ db: db(), transport, render, logger, messagesPerSecond: 1000, concurrency: 5 });
    again.start();
    again.poke();
    for (let i = 0; i < 100; i++) {
      const left = (await db().select().from(emailOutbox)).filter(
        (r) => r.idempotencyKey.startsWith('loop:') && r.status !== 'sent',
      );
      if (left.length === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await again.stop();
    const ids = sink.received.filter((m) => JSON.stringify(m.to).includes('loop-')).map((m) => m.messageId);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });

  it("forgets an address asked to be forgotten once sent or given up, and a subject's messages by key", async () => {
    const teller = (key: string, to: string) =>
      enqueueEmail(
        db(),
        {
          idempotencyKey: key,
          to,
          kind: 'transactional',
          template: 't',
          locale: 'en',
          data: { name: 'Teller' },
          forgetWhenSent: true,
        },
        { domain: 'psj.example' },
      );
    await teller('story:abc_1:received', 'teller-one@example.org');
    await teller('story:abc_1:consent:1', 'teller-one@example.org');
    await teller('story:abcX1:received', 'other-teller@example.org');
    // The mailbox copy hides the address even where a template quoted it.
    const quoting: RenderEmail = async (row) => ({ ...(await render(row)), text: `Sent to ${row.toAddress}` });
    const worker = new EmailWorker({
      db: db(),
      transport: new MailboxTransport(db()),
      render: quoting,
      logger,
      messagesPerSecond: 1000,
    });
    expect(await worker.runOnce()).toBe(3);
    const rows = await db().select().from(emailOutbox).where(like(emailOutbox.idempotencyKey, 'story:%'));
    expect(rows.map((r) => [r.status, r.toAddress, r.data])).toEqual(rows.map(() => ['sent', ERASED_ADDRESS, {}]));
    const copies = await db().select().from(emailMailbox).where(eq(emailMailbox.toAddress, HIDDEN_ADDRESS));
    expect(copies).toHaveLength(3);
    expect(JSON.stringify(copies)).not.toMatch(/teller-one|other-teller/);
    expect(copies[0]!.text).toBe(`Sent to ${HIDDEN_ADDRESS}`);

    // Given up for good: forgotten in the same statement; a message not asked to be forgotten keeps its address.
    await teller('story:failing:received', 'teller-two@example.org');
    await enqueueEmail(
      db(),
      { idempotencyKey: 'plain:failing', to: 'member@example.org', kind: 'transactional', template: 't', locale: 'en' },
      { domain: 'psj.example' },
    );
    const refusing = {
      name: 'refusing',
      send: async () => Promise.reject(new DeliveryError('550 no such user', false)),
      close: async () => {},
    };
    await new EmailWorker({ db: db(), transport: refusing, render, logger, messagesPerSecond: 1000 }).runOnce();
    const failed = await db()
      .select({ key: emailOutbox.idempotencyKey, status: emailOutbox.status, to: emailOutbox.toAddress })
      .from(emailOutbox)
      .where(like(emailOutbox.lastError, '550%'));
    expect(failed.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'plain:failing', status: 'failed', to: 'member@example.org' },
      { key: 'story:failing:received', status: 'failed', to: ERASED_ADDRESS },
    ]);

    // One story's messages and their copies go; a key that only looks alike (a LIKE wildcard) stays.
    expect(await forgetMessagesKeyed(db(), 'story:abc_1:')).toBe(2);
    const left = await db().select({ key: emailOutbox.idempotencyKey }).from(emailOutbox);
    expect(left.map((r) => r.key)).not.toContain('story:abc_1:received');
    expect(left.map((r) => r.key)).toContain('story:abcX1:received');
    expect(await db().select().from(emailMailbox).where(eq(emailMailbox.toAddress, HIDDEN_ADDRESS))).toHaveLength(1);
  });
});
