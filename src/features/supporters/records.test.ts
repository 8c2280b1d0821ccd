import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { auditLog } from '../audit/schema.ts';
import { emailMailbox, emailOutbox, emailSuppressions } from '../email/schema.ts';
import { enqueueEmail } from '../email/service.ts';
import { getSupporterRecord, listSupporters, supporterTimeline, type SupporterFilters } from './records.ts';
import { ERASED_ADDRESS, eraseSupporter, exportSupporter } from './data-rights.ts';
import {
  consents,
  signupConfirmations,
  subscriptions,
  supporterEvents,
  supporters,
  supporterTags,
  type Topic,
} from './schema.ts';
import { confirmSignup, requestSignup } from './service.ts';

const actor = { staffId: 1, email: 'organizer@staff.example', ip: '10.0.0.1' };
const ctx = { method: 'web-form' as const, wordingVersion: 'records-test', emailDomain: 'psj.example' };

type Person = {
  email: string;
  given?: string;
  family?: string;
  zip?: string;
  county?: string;
  locale?: 'en' | 'es';
  subs?: Partial<Record<Topic, 'pending' | 'subscribed' | 'unsubscribed'>>;
  tags?: string[];
  suppressed?: boolean;
  createdAt?: Date;
};

describeEachDatabase('supporter records', (database) => {
  const db = () => database().db;

  async function person(p: Person): Promise<number> {
    const [row] = await db()
      .insert(supporters)
      .values({
        email: p.email.toLowerCase(),
        emailAsTyped: p.email,
        givenName: p.given ?? '',
        familyName: p.family ?? '',
        zip: p.zip ?? null,
        county: p.county ?? null,
        locale: p.locale ?? 'en',
        ...(p.createdAt ? { createdAt: p.createdAt } : {}),
      })
      .returning({ id: supporters.id });
    const id = row!.id;
    for (const [topic, status] of Object.entries(p.subs ?? {}))
      await db()
        .insert(subscriptions)
        .values({ supporterId: id, topic: topic as Topic, status });
    for (const tag of p.tags ?? []) await db().insert(supporterTags).values({ supporterId: id, tag });
    if (p.suppressed)
      await db()
        .insert(emailSuppressions)
        .values({ address: p.email.toLowerCase(), reason: 'hard-bounce', source: 'test' });
    return id;
  }

  const emails = async (filters: SupporterFilters) =>
    (await listSupporters(db(), filters)).rows.map((r) => r.emailAsTyped).sort();

  it('searches names, emails and ZIP codes in one box, ignoring case and taking % literally', async () => {
    const county = 'Search';
    await person({ email: 'Ana.Gomez@Example.org', given: 'Ana', family: 'Gómez', zip: '97204', county });
    await person({ email: 'bo@example.net', given: 'Bo', family: 'Lind', zip: '97030', county });
    await person({ email: 'percent@example.org', given: '100%', family: 'Sure', county });
    expect(await emails({ county, q: 'ana gó' })).toEqual(['Ana.Gomez@Example.org']);
    expect(await emails({ county, q: 'EXAMPLE.NET' })).toEqual(['bo@example.net']);
    expect(await emails({ county, q: '9720' })).toEqual(['Ana.Gomez@Example.org']);
    expect(await emails({ county, q: '972' })).toEqual(['Ana.Gomez@Example.org']);
    expect(await emails({ county, q: '970' })).toEqual(['bo@example.net']);
    expect(await emails({ county, q: '0%' })).toEqual(['percent@example.org']);
    expect(await emails({ county, q: '_' })).toEqual([]);
    expect(await emails({ county, q: '   ' })).toHaveLength(3);
  });

  it('filters by topic, language, county, tag and status, and the four statuses never overlap', async () => {
    const county = 'Filters';
    await person({
      email: 'sub@f.example',
      county,
      locale: 'es',
      subs: { newsletter: 'subscribed', events: 'unsubscribed' },
      tags: ['volunteer'],
    });
    await person({ email: 'pending@f.example', county, subs: { newsletter: 'pending' } });
    await person({ email: 'left@f.example', county, subs: { newsletter: 'unsubscribed' } });
    await person({
      email: 'bounced@f.example',
      county,
      subs: { newsletter: 'subscribed' },
      tags: ['volunteer'],
      suppressed: true,
    });
    await person({ email: 'none@f.example', county, locale: 'es' });
    await person({
      email: 'elsewhere@f.example',
      county: 'Other',
      subs: { newsletter: 'subscribed' },
      tags: ['volunteer'],
    });

    expect(await emails({ county, status: 'subscribed' })).toEqual(['sub@f.example']);
    expect(await emails({ county, status: 'pending' })).toEqual(['pending@f.example']);
    expect(await emails({ county, status: 'unsubscribed' })).toEqual(['left@f.example', 'none@f.example']);
    expect(await emails({ county, status: 'suppressed' })).toEqual(['bounced@f.example']);
    const total = (await listSupporters(db(), { county })).total;
    let sum = 0;
    for (const status of ['subscribed', 'pending', 'unsubscribed', 'suppressed'] as const)
      sum += (await listSupporters(db(), { county, status })).total;
    expect(sum).toBe(total);

    // With a topic, the status is that topic's.
    expect(await emails({ county, topic: 'events' })).toEqual(['sub@f.example']);
    expect(await emails({ county, topic: 'events', status: 'unsubscribed' })).toEqual(['sub@f.example']);
    expect(await emails({ county, topic: 'events', status: 'subscribed' })).toEqual([]);
    expect(await emails({ county, topic: 'newsletter' })).toHaveLength(4);
    expect(await emails({ county, locale: 'es' })).toEqual(['none@f.example', 'sub@f.example']);
    expect(await emails({ county, tag: 'volunteer' })).toEqual(['bounced@f.example', 'sub@f.example']);
    expect(await emails({ tag: 'volunteer', status: 'subscribed' })).toEqual(['elsewhere@f.example', 'sub@f.example']);

    const [row] = (await listSupporters(db(), { county, q: 'bounced' })).rows;
    expect(row).toMatchObject({ status: 'suppressed', subscriptions: { newsletter: 'subscribed' } });
  });

  it("shows on a person's record and in their copy why no email reaches them, and nothing when it does", async () => {
    const bounced = await person({ email: 'Why.Not@Record.example', suppressed: true });
    const reached = await person({ email: 'reached@record.example' });
    expect((await getSupporterRecord(db(), bounced))?.suppression).toMatchObject({
      reason: 'hard-bounce',
      source: 'test',
    });
    expect((await exportSupporter(db(), bounced))?.doNotEmail).toMatchObject({ reason: 'hard-bounce' });
    expect((await getSupporterRecord(db(), reached))?.suppression).toBeUndefined();
    expect((await exportSupporter(db(), reached))?.doNotEmail).toBeNull();
  });

  it('pages 50 at a time (or as asked), newest first, with the total', async () => {
    const county = 'Pages';
    for (let i = 0; i < 5; i++)
      await person({ email: `p${i}@pages.example`, county, createdAt: new Date(Date.UTC(2026, 0, 1 + i)) });
    const first = await listSupporters(db(), { county, perPage: 2, page: 1 });
    const third = await listSupporters(db(), { county, perPage: 2, page: 3 });
    expect(first.total).toBe(5);
    expect(first.rows.map((r) => r.emailAsTyped)).toEqual(['p4@pages.example', 'p3@pages.example']);
    expect(third.rows.map((r) => r.emailAsTyped)).toEqual(['p0@pages.example']);
    expect((await listSupporters(db(), { county, perPage: 2, page: 9 })).rows).toEqual([]);
  });

  it('merges events and the messages sent to the address into one timeline, newest first', async () => {
    const id = await person({ email: 'timeline@example.org' });
    const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 12, minute));
    await db()
      .insert(supporterEvents)
      .values([
        { supporterId: id, kind: 'subscribe-requested', detail: { topics: ['newsletter'] }, at: at(0) },
        { supporterId: id, kind: 'confirmed', detail: { topics: ['newsletter'] }, at: at(10) },
        { supporterId: id, kind: 'unsubscribed', detail: { topics: ['newsletter'] }, at: at(30) },
      ]);
    await enqueueEmail(
      db(),
      {
        idempotencyKey: 'tl-confirm',
        to: 'timeline@example.org',
        kind: 'transactional',
        template: 'signup-confirm',
        locale: 'en',
      },
      { domain: 'x.example' },
    );
    await enqueueEmail(
      db(),
      {
        idempotencyKey: 'tl-welcome',
        to: 'timeline@example.org',
        kind: 'transactional',
        template: 'welcome',
        locale: 'en',
      },
      { domain: 'x.example' },
    );
    await enqueueEmail(
      db(),
      {
        idempotencyKey: 'tl-other',
        to: 'someone-else@example.org',
        kind: 'transactional',
        template: 'welcome',
        locale: 'en',
      },
      { domain: 'x.example' },
    );
    await db()
      .update(emailOutbox)
      .set({ status: 'sent', createdAt: at(0), sentAt: at(1) })
      .where(eq(emailOutbox.idempotencyKey, 'tl-confirm'));
    // Queued at the instant of the confirmation that caused it, and not sent yet.
    await db()
      .update(emailOutbox)
      .set({ createdAt: at(10) })
      .where(eq(emailOutbox.idempotencyKey, 'tl-welcome'));

    const timeline = await supporterTimeline(db(), { id, email: 'timeline@example.org' });
    expect(timeline.map((e) => (e.source === 'email' ? `email:${e.template}:${e.status}` : e.kind))).toEqual([
      'unsubscribed',
      'email:welcome:queued',
      'confirmed',
      'email:signup-confirm:sent',
      'subscribe-requested',
    ]);
    expect(timeline[3]!.at.toISOString()).toBe(at(1).toISOString());
  });

  async function signedUp(email: string): Promise<number> {
    await requestSignup(
      db(),
      { givenName: 'Lupe', familyName: 'Ríos', email, zip: '97201', locale: 'es', topics: ['newsletter', 'events'] },
      ctx,
    );
    const [confirm] = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));
    await confirmSignup(db(), String(confirm!.data.token), ctx);
    // The confirmation went out; the welcome is still waiting.
    await db().update(emailOutbox).set({ status: 'sent', sentAt: new Date() }).where(eq(emailOutbox.id, confirm!.id));
    await db().insert(emailMailbox).values({
      outboxId: confirm!.id,
      toAddress: email,
      subject: 'Confirma',
      text: 'Hola Lupe',
      html: '<p>Hola Lupe</p>',
    });
    const [row] = await db().select().from(supporters).where(eq(supporters.email, email));
    await db().insert(supporterTags).values({ supporterId: row!.id, tag: 'volunteer' });
    return row!.id;
  }

  it('exports everything held about a person, and no message bodies, links or tokens', async () => {
    const id = await signedUp('export@example.org');
    const data = (await exportSupporter(db(), id))!;
    expect(data.supporter).toMatchObject({
      id,
      email: 'export@example.org',
      givenName: 'Lupe',
      familyName: 'Ríos',
      zip: '97201',
      language: 'es',
    });
    expect(data.subscriptions.map((s) => [s.topic, s.status]).sort()).toEqual([
      ['events', 'subscribed'],
      ['newsletter', 'subscribed'],
    ]);
    expect(data.consents.map((c) => [c.topic, c.granted, c.wordingVersion, c.method]).sort()).toEqual([
      ['events', 'yes', 'records-test', 'web-form'],
      ['newsletter', 'yes', 'records-test', 'web-form'],
    ]);
    expect(data.tags).toEqual(['volunteer']);
    expect(data.timeline.map((e) => e.kind)).toEqual(['subscribe-requested', 'confirmed']);
    expect(data.emails.map((m) => [m.template, m.status])).toEqual([
      ['signup-confirm', 'sent'],
      ['welcome', 'queued'],
    ]);
    expect(data.doNotEmail).toBeNull();
    const text = JSON.stringify(data);
    expect(text).not.toContain('token');
    expect(text).not.toContain('Hola');
    expect(await exportSupporter(db(), 999_999)).toBeUndefined();
  });

  it('erases a person and leaves no row that names them; the audit entry has their id only', async () => {
    const email = 'erase@example.org';
    const id = await signedUp(email);
    const keep = await signedUp('keep@example.org');
    await db().insert(emailSuppressions).values({ address: email, reason: 'complaint', source: 'test' });
    expect(await eraseSupporter(db(), id, actor)).toBe(true);

    for (const table of [subscriptions, consents, supporterEvents, supporterTags, signupConfirmations]) {
      expect(await db().select().from(table).where(eq(table.supporterId, id))).toEqual([]);
    }
    expect(await db().select().from(supporters).where(eq(supporters.id, id))).toEqual([]);
    expect(await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email))).toEqual([]);
    expect(await db().select().from(emailMailbox).where(eq(emailMailbox.toAddress, email))).toEqual([]);
    // The message already sent is still counted, without anyone's address or data.
    const scrubbed = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, ERASED_ADDRESS));
    expect(scrubbed.map((m) => [m.status, m.data])).toContainEqual(['sent', {}]);
    // The do-not-email entry stays, so a later import cannot mail the address.
    expect(await db().select().from(emailSuppressions).where(eq(emailSuppressions.address, email))).toHaveLength(1);

    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, 'supporter.erase'));
    expect(entry).toMatchObject({ subjectType: 'supporter', subjectId: String(id) });
    expect(JSON.stringify(entry!.summary)).not.toMatch(/erase@|Lupe|Ríos/);

    // Nobody else is touched, and a second erase finds nothing.
    expect((await exportSupporter(db(), keep))!.emails).toHaveLength(2);
    expect(await eraseSupporter(db(), id, actor)).toBe(false);
  });
});
