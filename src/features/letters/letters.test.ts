import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { createLogger } from '../../platform/logger.ts';
import { auditLog } from '../audit/schema.ts';
import { emailOutbox } from '../email/schema.ts';
import { EmailWorker, templateRenderer, type MailTransport } from '../email/service.ts';
import type { OutgoingEmail } from '../email/transport.ts';
import { eraseSupporter } from '../supporters/data-rights.ts';
import { supporterEvents, supporters } from '../supporters/schema.ts';
import { campaignById, campaignOpen, listOpenCampaigns, targetsFor } from './campaigns-read.ts';
import { deliveryStatesFor, liveDeliveryPreview, queueDueDigests, turnOnLiveDelivery } from './delivery.ts';
import { sendLetter } from './letter.ts';
import { letterPreview, letterTemplates } from './letter-emails.ts';
import { letterInputFor } from './letter-inputs.ts';
import { letterDeliveries, letterDigests, letters } from './schema.ts';
import {
  committeeMembers,
  letterDeps,
  letterInput,
  makeCampaign,
  REVIEW_ADDRESS,
  seedRoster,
  testPublicUrl,
} from './test-support.ts';

const DAY = 24 * 60 * 60 * 1000;
const staff = { staffId: 1, email: 'admin@psj.example', ip: '127.0.0.1' };

describe('the letter form', () => {
  const campaign = {
    targetKinds: ['my-senator', 'my-representative'],
    allowStory: false,
  } as unknown as Parameters<typeof letterInputFor>[0];
  const form = (locale: 'en' | 'es' = 'en') => letterInputFor(campaign, locale);
  const good = { ...letterInput('form'), story: 'kept out' };

  it('takes a good letter, trims it, and leaves out a story the campaign does not ask for', () => {
    const parsed = form().safeParse({ ...good, givenName: '  Sample ', body: 'Line one\r\nline two', senate: '010' });
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ givenName: 'Sample', body: 'Line one\nline two', story: '', senate: '10' });
  });

  it('puts each problem by its field, in Spanish too, and never throws on hostile or huge input', () => {
    const bad = form('es').safeParse({
      givenName: 'a\u0000b',
      familyName: ['x'.repeat(101)],
      email: 'nobody',
      street: '',
      zip: '9730',
      subject: { file: true },
      body: 'x'.repeat(5001),
      senate: '31',
      house: '',
      foundBy: 'guess',
    });
    expect(bad.success).toBe(false);
    const byField = Object.fromEntries(bad.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(Object.keys(byField).sort()).toEqual(
      ['body', 'email', 'familyName', 'foundBy', 'givenName', 'house', 'senate', 'street', 'subject', 'zip'].sort(),
    );
    expect(byField.zip).toBe('Escribe tu código postal de 5 dígitos');
    expect(form().safeParse(null).success).toBe(false);
    expect(form().safeParse('\ud800').success).toBe(false);
  });
});

describe('the preview', () => {
  it('reads as the office will: greeting to the recipient, their words, story, closing, name and address', () => {
    const c = {
      id: 1,
      text: { greeting: 'Estimado(a) {legislator}:', closing: 'Gracias.' },
    } as unknown as Parameters<typeof letterPreview>[0];
    const input = { ...letterInput('preview'), story: 'Mi renta subió.' };
    expect(letterPreview(c, input, { name: 'Sample Senator Avery', chamber: 'upper', district: '10' }, 'es')).toEqual({
      subject: input.subject,
      paragraphs: [
        'Estimado(a) Senador(a) Sample Senator Avery:',
        'As your constituent, I ask you to support it.',
        'Rent took half my pay this year.',
        'Mi renta subió.',
        'Gracias.',
        'Sample Writer preview\n100 Sample St NE\nSalem, OR 97301',
      ],
    });
    expect(letterPreview(c, input, undefined, 'en').paragraphs[0]).toBe('Estimado(a) Legislator:');
  });
});

describeEachDatabase('letters', (database, kind) => {
  const db = () => database().db;
  const sent: OutgoingEmail[] = [];
  const transport: MailTransport = {
    name: 'capture',
    async send(message) {
      sent.push(message);
      return { providerMessageId: `captured-${sent.length}` };
    },
    async close() {},
  };
  const deliver = async () => {
    const render = templateRenderer({
      sender: async () => ({
        name: 'Sample Org',
        address: 'hello@psj.example',
        postalAddress: '1 Main St',
        publicUrl: testPublicUrl,
      }),
      templates: letterTemplates(db()),
      listLinks: () => {
        throw new Error('letters are transactional');
      },
    });
    const worker = new EmailWorker({
      db: db(),
      transport,
      render,
      logger: createLogger({ level: 'silent' }),
      messagesPerSecond: 1000,
    });
    while ((await worker.runOnce()) > 0);
  };

  beforeAll(async () => {
    await seedRoster(db());
  });

  it('reads a campaign in each language, lists open ones, and says why one is not open', async () => {
    const open = await makeCampaign(db());
    const later = await makeCampaign(db(), { opensAt: new Date(Date.now() + DAY) });
    const draft = await makeCampaign(db(), { status: 'draft' });
    const es = (await campaignById(db(), open.id, 'es'))!;
    expect(es.text).toMatchObject({ locale: 'es', greeting: 'Estimado(a) {legislator}:' });
    expect(es.hasSpanish).toBe(true);
    expect(es.live).toBe(false);
    const listed = (await listOpenCampaigns(db(), 'en')).map((c) => c.id);
    expect(listed).toContain(open.id);
    expect(listed).not.toContain(later.id);
    expect(listed).not.toContain(draft.id);
    expect(campaignOpen((await campaignById(db(), later.id, 'en'))!)).toEqual({ open: false, why: 'not-yet' });
    expect(campaignOpen((await campaignById(db(), draft.id, 'en'))!)).toEqual({ open: false, why: 'draft' });
  });

  it('finds the targets in order, each once: my senator, my representative, a committee, a list', async () => {
    const c = await makeCampaign(db(), {
      targetKinds: ['my-senator', 'my-representative', 'committee', 'list'],
      committee: 'Sample Committee on Housing',
      legislatorIds: ['ocd-person/test-rep-20', 'ocd-person/test-sen-10', 'ocd-person/nobody'],
    });
    const details = (await campaignById(db(), c.id, 'en'))!;
    const ids = (await targetsFor(db(), details, { senate: '10', house: '19' }, committeeMembers)).map((t) => t.id);
    expect(ids).toEqual([
      'ocd-person/test-sen-10',
      'ocd-person/test-rep-19',
      'ocd-person/test-sen-11',
      'ocd-person/test-rep-21',
      'ocd-person/test-rep-20',
    ]);
    expect(await liveDeliveryPreview(db(), c.id, committeeMembers)).toEqual({ offices: 5 });
  });

  it('erases a writer’s letters and their deliveries with their record, as the privacy notice says', async () => {
    const c = await makeCampaign(db());
    const input = letterInput(`erased-${kind}`);
    const outcome = await sendLetter(db(), letterDeps(), c.id, input, { locale: 'en' });
    const letterId = (outcome as { letterId: number }).letterId;
    const [writer] = await db().select().from(supporters).where(eq(supporters.email, input.email));
    expect(await eraseSupporter(db(), writer!.id, null)).toBe(true);
    expect(await db().select().from(letters).where(eq(letters.id, letterId))).toHaveLength(0);
    expect(await db().select().from(letterDeliveries).where(eq(letterDeliveries.letterId, letterId))).toHaveLength(0);
  });

  it('sends to the review address, marked as a test, until live; once per person; copy and timeline', async () => {
    const c = await makeCampaign(db());
    const input = letterInput(`review-${kind}`, { story: 'My rent doubled.' });
    const outcome = await sendLetter(db(), letterDeps(), c.id, input, { locale: 'en' });
    expect(outcome).toMatchObject({
      kind: 'sent',
      deliveries: [
        { legislatorName: 'Sample Senator Avery', live: false },
        { legislatorName: 'Sample Representative Cruz', live: false },
      ],
    });
    const letterId = (outcome as { letterId: number }).letterId;
    const queued = await db()
      .select()
      .from(emailOutbox)
      .where(
        inArray(emailOutbox.idempotencyKey, [
          `letter:${letterId}:ocd-person/test-sen-10`,
          `letter:${letterId}:ocd-person/test-rep-19`,
          `letter-copy:${letterId}`,
        ]),
      );
    expect(queued.map((m) => m.toAddress).sort()).toEqual([REVIEW_ADDRESS, REVIEW_ADDRESS, input.email].sort());

    // Again, even with other words: nothing changes.
    expect(await sendLetter(db(), letterDeps(), c.id, { ...input, body: 'Other words' }, { locale: 'en' })).toEqual({
      kind: 'already-sent',
    });
    expect(await db().$count(letters, eq(letters.campaignId, c.id))).toBe(1);
    expect(await db().$count(letterDeliveries, eq(letterDeliveries.letterId, letterId))).toBe(2);

    await deliver();
    const toOffice = sent.filter((m) => m.subject === '[TEST] Please support the sample housing bill');
    expect(toOffice.filter((m) => m.text.includes(`Writer review-${kind}`))).toHaveLength(2);
    const [avery] = toOffice.filter((m) => m.text.includes('Senator Sample Senator Avery (Senate District 10)'));
    expect(avery!.to).toBe(REVIEW_ADDRESS);
    expect(avery!.headers['Reply-To']).toBe(input.email);
    expect(avery!.text).toContain('Dear Senator Sample Senator Avery,');
    expect(avery!.text).toContain('My rent doubled.');
    expect(avery!.text).toContain('100 Sample St NE');
    const copy = sent.find((m) => m.to === input.email)!;
    expect(copy.subject).toMatch(/^Thank you for writing: /);
    expect(copy.text).toContain(`${testPublicUrl}/letters/${c.slug}`);
    expect(copy.text).toContain('went to our staff instead');

    const [moment] = await db().select().from(supporterEvents).where(eq(supporterEvents.kind, 'letter'));
    expect(moment?.detail).toMatchObject({ campaignId: expect.any(Number) });
    const states = await deliveryStatesFor(db(), c.id);
    expect(states.map((s) => [s.legislatorName, s.state, s.live])).toEqual([
      ['Sample Representative Cruz', 'sent', false],
      ['Sample Senator Avery', 'sent', false],
    ]);
  });

  it('turns live on once, audited, and then writes to the offices from the roster', async () => {
    const c = await makeCampaign(db(), {
      targetKinds: ['my-senator', 'list'],
      legislatorIds: ['ocd-person/test-rep-22'],
    });
    expect(await turnOnLiveDelivery(db(), c.id, staff)).toEqual({ offices: 2 });
    await turnOnLiveDelivery(db(), c.id, staff);
    const audits = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, String(c.id)));
    expect(audits.filter((a) => a.action === 'letters.live-delivery')).toHaveLength(1);
    const outcome = await sendLetter(db(), letterDeps(), c.id, letterInput(`live-${kind}`), { locale: 'es' });
    expect(outcome).toMatchObject({ kind: 'sent' });
    const letterId = (outcome as { letterId: number }).letterId;
    const rows = await db().select().from(letterDeliveries).where(eq(letterDeliveries.letterId, letterId));
    // The seat with no address on the roster fails; it never goes elsewhere.
    expect(rows.map((r) => [r.legislatorId, r.toAddress, r.status]).sort()).toEqual([
      ['ocd-person/test-rep-22', '', 'failed'],
      ['ocd-person/test-sen-10', 'sen.avery@oregonlegislature.gov', 'queued'],
    ]);
    await deliver();
    const mail = sent.find(
      (m) => m.to === 'sen.avery@oregonlegislature.gov' && m.text.includes(`Writer live-${kind}`),
    )!;
    expect(mail.subject).toBe('Please support the sample housing bill');
    expect(mail.text).toContain('Estimado(a) Senador(a) Sample Senator Avery:');
    expect(mail.headers['Reply-To']).toBe(`writer-live-${kind}@example.org`);
  });

  it('in digest mode, sends one email per legislator per day listing the day’s letters, once', async () => {
    const c = await makeCampaign(db(), { deliveryMode: 'digest', targetKinds: ['my-senator'], live: true });
    const day = new Date('2030-01-15T20:00:00Z');
    for (const n of [1, 2, 3]) {
      const senate = n === 3 ? '11' : '10';
      const outcome = await sendLetter(
        db(),
        letterDeps(() => day),
        c.id,
        letterInput(`digest-${kind}-${n}`, { senate }),
        {
          locale: 'en',
        },
      );
      expect(outcome.kind).toBe('sent');
    }
    // No message of its own per letter: only the writers' copies are queued.
    const ids = (await db().select({ id: letters.id }).from(letters).where(eq(letters.campaignId, c.id))).map(
      (l) => l.id,
    );
    expect(
      await db().$count(
        emailOutbox,
        inArray(
          emailOutbox.idempotencyKey,
          ids.map((id) => `letter:${id}:ocd-person/test-sen-10`),
        ),
      ),
    ).toBe(0);
    expect((await deliveryStatesFor(db(), c.id)).every((s) => s.state === 'in-digest')).toBe(true);
    // Not yet: the day has not ended in Oregon.
    expect(await queueDueDigests(db(), { domain: 'psj.example' }, new Date(day.getTime() + 60_000))).toBe(0);
    const next = new Date(day.getTime() + DAY);
    const [first, second] = await Promise.all([
      queueDueDigests(db(), { domain: 'psj.example' }, next),
      queueDueDigests(db(), { domain: 'psj.example' }, next),
    ]);
    expect(first! + second!).toBe(2);
    expect(await queueDueDigests(db(), { domain: 'psj.example' }, next)).toBe(0);
    expect(await db().$count(letterDigests, eq(letterDigests.campaignId, c.id))).toBe(2);
    await deliver();
    const digests = sent.filter((m) => m.subject.endsWith('from constituents: Please support the sample housing bill'));
    const avery = digests.find((m) => m.to === 'sen.avery@oregonlegislature.gov')!;
    expect(avery.subject).toBe('2 letters from constituents: Please support the sample housing bill');
    expect(avery.text).toContain(`Writer digest-${kind}-1`);
    expect(avery.text).toContain(`Writer digest-${kind}-2`);
    expect(avery.text).not.toContain(`Writer digest-${kind}-3`);
    expect(
      digests.filter((m) => m.to === 'sen.brook@oregonlegislature.gov' && m.text.includes(`digest-${kind}-3`)),
    ).toHaveLength(1);
    expect((await deliveryStatesFor(db(), c.id)).map((s) => s.state)).toEqual(['sent', 'sent', 'sent']);
  });

  it('keeps one letter when the same person sends twice at once', async () => {
    const c = await makeCampaign(db());
    const input = letterInput(`twice-${kind}`);
    const outcomes = await Promise.all([1, 2].map(() => sendLetter(db(), letterDeps(), c.id, input, { locale: 'en' })));
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['already-sent', 'sent']);
    const [letter] = await db().select().from(letters).where(eq(letters.campaignId, c.id));
    expect(await db().$count(emailOutbox, eq(emailOutbox.idempotencyKey, `letter-copy:${letter!.id}`))).toBe(1);
    expect(await db().$count(letterDeliveries, eq(letterDeliveries.letterId, letter!.id))).toBe(2);
  });

  it('answers closed or no-targets without writing anything', async () => {
    const closed = await makeCampaign(db(), { closesAt: new Date(Date.now() - 1000) });
    expect(await sendLetter(db(), letterDeps(), closed.id, letterInput(`closed-${kind}`), { locale: 'en' })).toEqual({
      kind: 'closed',
      why: 'closed',
    });
    const c = await makeCampaign(db(), { targetKinds: ['my-senator'] });
    expect(
      await sendLetter(db(), letterDeps(), c.id, letterInput(`none-${kind}`, { senate: '29' }), { locale: 'en' }),
    ).toEqual({ kind: 'no-targets' });
    expect(await db().$count(letters, inArray(letters.campaignId, [closed.id, c.id]))).toBe(0);
  });
});
