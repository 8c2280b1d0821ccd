import { eq, sql } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testConfig } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { startSmtpSink } from '../../../test/support/smtp-sink.ts';
import { createEmailRuntime } from '../../email-runtime.ts';
import type { Db } from '../../platform/db/client.ts';
import { rowsOf } from '../../platform/db/client.ts';
import { createLogger } from '../../platform/logger.ts';
import { emailOutbox, emailSuppressions } from '../email/schema.ts';
import { subscriptions, supporters, supporterTags } from '../supporters/schema.ts';
import { broadcastRecipients } from './schema.ts';
import {
  audienceCount,
  broadcastInput,
  broadcastProgress,
  cancelBroadcast,
  createBroadcast,
  finishBroadcasts,
  getBroadcast,
  scheduleBroadcast,
  startDueBroadcasts,
  updateBroadcast,
  type BroadcastInput,
} from './service.ts';

/** A header as it was sent (mailparser turns List-* headers into structures). */
const headerLine = (mail: ParsedMail, key: string) =>
  mail.headerLines.find((h) => h.key === key)?.line.replace(/^[^:]+:\s*/, '');

const logger = createLogger({ level: 'silent', pretty: false });
const domain = 'psj.example';

type Person = {
  email: string;
  givenName: string;
  locale?: 'en' | 'es';
  county?: string;
  topics?: Record<string, 'pending' | 'subscribed' | 'unsubscribed'>;
  tags?: string[];
};

async function addPeople(db: Db, people: Person[]): Promise<number[]> {
  const ids: number[] = [];
  for (const p of people) {
    const [row] = await db
      .insert(supporters)
      .values({
        email: p.email,
        emailAsTyped: p.email,
        givenName: p.givenName,
        locale: p.locale ?? 'en',
        county: p.county ?? null,
      })
      .returning({ id: supporters.id });
    ids.push(row!.id);
    for (const [topic, status] of Object.entries(p.topics ?? { newsletter: 'subscribed' })) {
      await db
        .insert(subscriptions)
        .values({ supporterId: row!.id, topic: topic as 'newsletter', status: status as 'subscribed' });
    }
    for (const tag of p.tags ?? []) await db.insert(supporterTags).values({ supporterId: row!.id, tag });
  }
  return ids;
}

const message = (name: string, extra: Partial<BroadcastInput> = {}): BroadcastInput => ({
  name,
  en: {
    subject: 'News for {{givenName}}',
    preheader: 'This month',
    body: 'Hello {{givenName}}, read [our tips](/tips).',
  },
  es: {
    subject: 'Noticias para {{givenName}}',
    preheader: 'Este mes',
    body: 'Hola, {{givenName}}: lee [nuestros consejos](/tips).',
  },
  audience: { topic: 'newsletter' },
  ...extra,
});

describeEachDatabase('broadcasts', (database) => {
  const db = () => database().db;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let runtime: ReturnType<typeof createEmailRuntime>;

  beforeAll(async () => {
    sink = await startSmtpSink();
    runtime = createEmailRuntime({
      config: testConfig({ SMTP_URL: sink.url, EMAIL_MESSAGES_PER_SECOND: '10000' }),
      database: database(),
      logger,
    });
  });
  afterAll(async () => {
    await runtime.stop();
    await sink.close();
  });

  /** Runs the worker until the outbox has nothing due. */
  async function drain() {
    while ((await runtime.worker.runOnce()) > 0);
  }

  it('validates what staff type, and a half-written Spanish version is refused', () => {
    expect(broadcastInput.safeParse(message('x')).success).toBe(true);
    const halfSpanish = broadcastInput.safeParse(message('x', { es: { subject: 'Hola', body: '' } }));
    expect(halfSpanish.success).toBe(false);
    expect(halfSpanish.error?.issues[0]?.path).toEqual(['es', 'body']);
    expect(
      broadcastInput
        .safeParse(message('', { en: { subject: '', body: '' } }))
        .error?.issues.map((i) => i.path.join('.')),
    ).toEqual(['name', 'en.subject', 'en.body']);
  });

  it('counts exactly the audience: subscribed, not suppressed, narrowed by tag, county and language', async () => {
    await addPeople(db(), [
      { email: 'count-1@example.org', givenName: 'One', county: 'Multnomah', tags: ['volunteer'] },
      { email: 'count-2@example.org', givenName: 'Two', county: 'Lane', locale: 'es', tags: ['volunteer'] },
      { email: 'count-3@example.org', givenName: 'Three', topics: { newsletter: 'pending' }, tags: ['volunteer'] },
      { email: 'count-4@example.org', givenName: 'Four', topics: { newsletter: 'unsubscribed' }, tags: ['volunteer'] },
      { email: 'count-5@example.org', givenName: 'Five', tags: ['volunteer'] },
      {
        email: 'count-6@example.org',
        givenName: 'Six',
        topics: { 'action-alerts': 'subscribed' },
        tags: ['volunteer'],
      },
    ]);
    await db()
      .insert(emailSuppressions)
      .values({ address: 'count-5@example.org', reason: 'hard-bounce', source: 'test' });
    expect(await audienceCount(db(), { topic: 'newsletter', tag: 'volunteer' })).toBe(2);
    expect(await audienceCount(db(), { topic: 'newsletter', tag: 'volunteer', county: 'Lane' })).toBe(1);
    expect(await audienceCount(db(), { topic: 'newsletter', tag: 'volunteer', locale: 'en' })).toBe(1);
    expect(await audienceCount(db(), { topic: 'action-alerts', tag: 'volunteer' })).toBe(1);
  });

  it('sends each person one message in their language, with merge fields, and counts progress', async () => {
    await addPeople(db(), [
      { email: 'send-en@example.org', givenName: 'Ann <b>', tags: ['send-test'] },
      { email: 'send-es@example.org', givenName: 'Lucía', locale: 'es', tags: ['send-test'] },
      { email: 'send-pending@example.org', givenName: 'Pat', topics: { newsletter: 'pending' }, tags: ['send-test'] },
    ]);
    const b = await createBroadcast(
      db(),
      message('Monthly', { audience: { topic: 'newsletter', tag: 'send-test' } }),
      null,
    );
    await scheduleBroadcast(db(), b.id, new Date());
    expect(await startDueBroadcasts(db(), { domain })).toEqual([b.id]);
    // A second pass (another worker process) finds nothing more to start.
    expect(await startDueBroadcasts(db(), { domain })).toEqual([]);
    const started = (await getBroadcast(db(), b.id))!;
    expect(started).toMatchObject({ status: 'sending', recipientCount: 2 });
    expect(await db().select().from(broadcastRecipients).where(eq(broadcastRecipients.broadcastId, b.id))).toHaveLength(
      2,
    );

    await drain();
    const mine = sink.received.filter((m) => m.to && JSON.stringify(m.to).includes('send-'));
    expect(mine).toHaveLength(2);
    const en = mine.find((m) => JSON.stringify(m.to).includes('send-en'))!;
    const es = mine.find((m) => JSON.stringify(m.to).includes('send-es'))!;
    expect(en.subject).toBe('News for Ann <b>');
    expect(en.html).toContain('Hello Ann &#60;b&#62;');
    expect(en.html).toContain('href="http://localhost:3000/tips"');
    expect(es.subject).toBe('Noticias para Lucía');
    expect(es.html).toContain('href="http://localhost:3000/es/tips"');
    expect(es.text).toContain('Hola, Lucía');
    // List mail: the RFC 8058 headers, and a preferences link in the layout's footer.
    expect(headerLine(en, 'list-unsubscribe')).toMatch(/^<http:\/\/localhost:3000\/unsubscribe\/\d+\.[\w-]{32}>/);
    expect(headerLine(en, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(en.html).toMatch(/href="http:\/\/localhost:3000\/preferences\/\d+\.[\w-]{32}"/);
    expect(es.html).toMatch(/href="http:\/\/localhost:3000\/es\/preferences\//);

    expect(await finishBroadcasts(db())).toBeGreaterThanOrEqual(1);
    const finished = (await getBroadcast(db(), b.id))!;
    expect(finished.status).toBe('sent');
    expect(await broadcastProgress(db(), finished)).toMatchObject({
      recipients: 2,
      queued: 0,
      sent: 2,
      failed: 0,
      withdrawn: 0,
    });
  });

  it(
    'writes a text part a mail client reads cleanly: ' + 'no Markdown, each link its words then its full address',
    async () => {
      await addPeople(db(), [{ email: 'text-part@example.org', givenName: 'Rosa', tags: ['text-part'] }]);
      const b = await createBroadcast(
        db(),
        message('Text part', {
          en: {
            subject: 'Our agenda',
            preheader: '',
            body:
              '## This session\n\nHello **{{givenName}}**, read [our policies](/policies) ' +
              'and\n[OLIS](https://olis.example/bills?session=2026&type=hb).\n\n- [Tips](/tips)',
          },
          audience: { topic: 'newsletter', tag: 'text-part' },
        }),
        null,
      );
      await scheduleBroadcast(db(), b.id, new Date());
      await startDueBroadcasts(db(), { domain });
      await drain();
      const mail = sink.received.find((m) => JSON.stringify(m.to).includes('text-part@'))!;
      const text = mail.text!;
      expect(text).toContain('This session\n\nHello Rosa, read our policies (http://localhost:3000/policies) and');
      expect(text).toContain('OLIS (https://olis.example/bills?session=2026&type=hb).');
      expect(text).toContain('- Tips (http://localhost:3000/tips)');
      expect(text).not.toMatch(/\*\*|##|\]\(|\{\{/);
      // What a mail client makes of the text: every address it links is whole, with no bracket caught in it.
      const linked = [...mail.textAsHtml!.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
      expect(linked).toEqual(
        expect.arrayContaining([
          'http://localhost:3000/policies',
          'https://olis.example/bills?session=2026&type=hb',
          'http://localhost:3000/tips',
        ]),
      );
      expect(linked.filter((href) => /[()]$/.test(href))).toEqual([]);
    },
  );

  it('honours an unsubscribe or a bounce that arrives after queuing but before sending', async () => {
    const [stays, leaves, bounces] = await addPeople(db(), [
      { email: 'mid-1@example.org', givenName: 'Stays', tags: ['mid'] },
      { email: 'mid-2@example.org', givenName: 'Leaves', tags: ['mid'] },
      { email: 'mid-3@example.org', givenName: 'Bounces', tags: ['mid'] },
    ]);
    const b = await createBroadcast(db(), message('Mid', { audience: { topic: 'newsletter', tag: 'mid' } }), null);
    await scheduleBroadcast(db(), b.id, new Date());
    await startDueBroadcasts(db(), { domain });
    await db()
      .update(subscriptions)
      .set({ status: 'unsubscribed', updatedAt: new Date() })
      .where(eq(subscriptions.supporterId, leaves!));
    await db().insert(emailSuppressions).values({ address: 'mid-3@example.org', reason: 'complaint', source: 'test' });
    const before = sink.received.length;
    await drain();
    const sent = sink.received.slice(before).map((m) => JSON.stringify(m.to));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('mid-1@');
    const progress = await broadcastProgress(db(), (await getBroadcast(db(), b.id))!);
    expect(progress).toMatchObject({ recipients: 3, sent: 1, withdrawn: 2, unsubscribed: 1, bounced: 1 });
    expect([stays, bounces]).toHaveLength(2);
  });

  it('starts a scheduled broadcast only when its time comes, a cancelled one never; edits only drafts', async () => {
    await addPeople(db(), [{ email: 'later@example.org', givenName: 'Later', tags: ['later'] }]);
    const b = await createBroadcast(db(), message('Later', { audience: { topic: 'newsletter', tag: 'later' } }), null);
    const inAnHour = new Date(Date.now() + 3600_000);
    await scheduleBroadcast(db(), b.id, inAnHour);
    await expect(updateBroadcast(db(), b.id, message('Changed'))).rejects.toThrow('Only a draft');
    expect(await startDueBroadcasts(db(), { domain })).not.toContain(b.id);
    expect(await startDueBroadcasts(db(), { domain, now: new Date(inAnHour.getTime() + 1000) })).toContain(b.id);

    const c = await createBroadcast(
      db(),
      message('Cancelled', { audience: { topic: 'newsletter', tag: 'later' } }),
      null,
    );
    await scheduleBroadcast(db(), c.id, new Date());
    await cancelBroadcast(db(), c.id);
    expect(await startDueBroadcasts(db(), { domain })).not.toContain(c.id);
    expect((await getBroadcast(db(), c.id))!.status).toBe('cancelled');
  });

  it('stopping a broadcast mid-send withdraws what was not yet handed to the relay', async () => {
    await addPeople(
      db(),
      Array.from({ length: 20 }, (_, i) => ({ email: `stop-${i}@example.org`, givenName: `S${i}`, tags: ['stop'] })),
    );
    const b = await createBroadcast(db(), message('Stop', { audience: { topic: 'newsletter', tag: 'stop' } }), null);
    await scheduleBroadcast(db(), b.id, new Date());
    await startDueBroadcasts(db(), { domain });
    const { withdrawn } = await cancelBroadcast(db(), b.id);
    expect(withdrawn).toBe(20);
    await drain();
    const [row] = await rowsOf<{ n: number | string }>(
      db(),
      sql`select count(*) as n from email_outbox where broadcast_id = ${b.id} and status = 'sent'`,
    );
    expect(Number(row!.n)).toBe(0);
    expect(
      (await db().select().from(emailOutbox).where(eq(emailOutbox.broadcastId, b.id))).every(
        (r) => r.status === 'suppressed',
      ),
    ).toBe(true);
  });
});
