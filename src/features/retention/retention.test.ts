import { eq, inArray } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs } from '../../../test/support/staff.ts';
import { actionParts } from '../../app/personal-data.ts';
import { retentionActions } from '../../app/retention-actions.ts';
import { Secrets } from '../../platform/crypto.ts';
import { createLogger } from '../../platform/logger.ts';
import { listAudit } from '../audit/service.ts';
import { seedDemoContent } from '../content/seed/index.ts';
import { makeEvent, rsvpInput, testRsvpDeps } from '../events/rsvp-test-support.ts';
import { eventRsvps, events } from '../events/schema.ts';
import { submitRsvp } from '../events/service.ts';
import { signatures } from '../petitions/schema.ts';
import { confirmSignature, readCount, recountAll, signatureToken, writeSignatures } from '../petitions/service.ts';
import { makeOpenPetition, pendingSignature, seedTestZips } from '../petitions/test-support.ts';
import { subscriptions, supporterEvents, supporters } from '../supporters/schema.ts';
import { retentionRuns } from './schema.ts';
import { getRetentionRules, monthsBefore, runRetentionRules, saveRetentionRules } from './service.ts';

const secrets = new Secrets('test-secret-key-that-is-long-enough-0123456789');
const silent = createLogger({ level: 'silent', pretty: false });
const staff = { staffId: null, email: 'rules@staff.example', ip: '127.0.0.1' };
const DAY = 24 * 60 * 60 * 1000;

describeEachDatabase('retention rules staff set', (database) => {
  const db = () => database().db;
  beforeAll(async () => seedTestZips(db()));

  const idOf = async (email: string) =>
    (await db().select({ id: supporters.id }).from(supporters).where(eq(supporters.email, email)))[0]?.id;
  const subscribe = async (email: string) =>
    db()
      .insert(subscriptions)
      .values({ supporterId: (await idOf(email))!, topic: 'newsletter', status: 'subscribed' });
  const signAndConfirm = async (petition: { id: number; slug: string }, email: string) => {
    await writeSignatures(db(), [pendingSignature(petition, email)], { secrets, emailDomain: 'localhost' });
    const [row] = await db()
      .select({ nonce: signatures.tokenNonce })
      .from(signatures)
      .innerJoin(supporters, eq(supporters.id, signatures.supporterId))
      .where(eq(supporters.email, email));
    expect((await confirmSignature(db(), signatureToken(secrets, row!.nonce!))).state).toBe('valid');
  };

  it('counts months by the calendar', () => {
    expect(monthsBefore(new Date('2026-03-31T12:00:00Z'), 1).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(monthsBefore(new Date('2026-12-05T00:00:00Z'), 6).toISOString()).toBe('2026-06-05T00:00:00.000Z');
    expect(monthsBefore(new Date('2026-01-15T00:00:00Z'), 24).toISOString()).toBe('2024-01-15T00:00:00.000Z');
  });

  it('does nothing while every rule is off, and saves rules with an audit entry', async () => {
    expect(Object.values(await getRetentionRules(db()))).toEqual([null, null, null]);
    expect(await runRetentionRules(db(), retentionActions(actionParts))).toEqual({});
    await saveRetentionRules(
      db(),
      { 'closed-petition-signatures': 6, 'past-event-rsvps': null, 'inactive-supporters': null },
      staff,
    );
    expect((await getRetentionRules(db()))['closed-petition-signatures']).toBe(6);
    const [entry] = (await listAudit(db(), { perPage: 1 })).rows;
    expect(entry).toMatchObject({ action: 'retention.update', subjectType: 'retention' });
    expect(entry!.summary).toMatchObject({
      before: { 'closed-petition-signatures': null },
      after: { 'closed-petition-signatures': 6 },
    });
  });

  it('forgets signatures on petitions closed long enough ago, sparing subscribers, and keeps the count', async () => {
    const now = new Date();
    const old = await makeOpenPetition(db(), 'rules-old', {
      status: 'closed',
      closesAt: new Date(now.getTime() - 200 * DAY),
    });
    const recent = await makeOpenPetition(db(), 'rules-recent', {
      status: 'closed',
      closesAt: new Date(now.getTime() - 30 * DAY),
    });
    const open = await makeOpenPetition(db(), 'rules-open');
    for (const p of [old, recent, open]) {
      await signAndConfirm(p, `gone-${p.slug}@example.org`);
      await signAndConfirm(p, `kept-${p.slug}@example.org`);
      await subscribe(`kept-${p.slug}@example.org`);
    }
    await saveRetentionRules(
      db(),
      { 'closed-petition-signatures': 6, 'past-event-rsvps': null, 'inactive-supporters': null },
      staff,
    );
    const done = await runRetentionRules(db(), retentionActions(actionParts), now);
    expect(done['closed-petition-signatures']).toBe(1);
    const left = await db()
      .select({ petitionId: signatures.petitionId })
      .from(signatures)
      .where(inArray(signatures.petitionId, [old.id, recent.id, open.id]));
    expect(left.filter((s) => s.petitionId === old.id)).toHaveLength(1);
    expect(left.filter((s) => s.petitionId !== old.id)).toHaveLength(4);
    // The person stays (only their signature went); the petition counts the signature on, through a recount.
    expect(await idOf('gone-rules-old@example.org')).toBeDefined();
    await recountAll(db(), silent, now);
    expect(await readCount(db(), old.id)).toBe(2);
    const [run] = await db().select().from(retentionRuns).where(eq(retentionRuns.kind, 'closed-petition-signatures'));
    expect(run).toMatchObject({ months: 6, affected: 1 });
    // A second run finds nothing and logs nothing.
    expect((await runRetentionRules(db(), retentionActions(actionParts), now))['closed-petition-signatures']).toBe(0);
    expect(
      await db().select().from(retentionRuns).where(eq(retentionRuns.kind, 'closed-petition-signatures')),
    ).toHaveLength(1);
  });

  it('forgets RSVPs to events that ended long enough ago, sparing subscribers', async () => {
    const past = await makeEvent(db(), { title: 'Past rally' });
    const coming = await makeEvent(db(), { title: 'Coming rally' });
    const deps = testRsvpDeps();
    for (const e of [past, coming])
      for (const who of ['gone', 'kept'])
        await submitRsvp(db(), deps, e.id, rsvpInput(`${who}-${e.id}`), { locale: 'en' });
    for (const e of [past, coming]) await subscribe(`personkept-${e.id}@example.org`);
    const longAgo = new Date(Date.now() - 400 * DAY);
    await db()
      .update(events)
      .set({ startsAt: longAgo, endsAt: new Date(longAgo.getTime() + DAY / 4) })
      .where(eq(events.id, past.id));
    await saveRetentionRules(
      db(),
      { 'closed-petition-signatures': null, 'past-event-rsvps': 12, 'inactive-supporters': null },
      staff,
    );
    const done = await runRetentionRules(db(), retentionActions(actionParts));
    expect(done).toEqual({ 'past-event-rsvps': 1 });
    const left = await db()
      .select({ eventId: eventRsvps.eventId, supporterId: eventRsvps.supporterId })
      .from(eventRsvps)
      .where(inArray(eventRsvps.eventId, [past.id, coming.id]));
    expect(left.filter((r) => r.eventId === past.id)).toEqual([
      { eventId: past.id, supporterId: await idOf(`personkept-${past.id}@example.org`) },
    ]);
    expect(left.filter((r) => r.eventId === coming.id)).toHaveLength(2);
  });

  it('erases people subscribed to nothing whose record shows nothing new for the months set', async () => {
    const longAgo = new Date(Date.now() - 800 * DAY);
    const person = async (email: string) => {
      const [row] = await db()
        .insert(supporters)
        .values({ email, emailAsTyped: email, givenName: 'Quiet', createdAt: longAgo, updatedAt: longAgo })
        .returning({ id: supporters.id });
      await db().insert(supporterEvents).values({ supporterId: row!.id, kind: 'subscribed', at: longAgo });
      return row!.id;
    };
    const quiet = await person('quiet@example.org');
    const subscribed = await person('subscribed@example.org');
    await subscribe('subscribed@example.org');
    const active = await person('active@example.org');
    await db().insert(supporterEvents).values({ supporterId: active, kind: 'email', at: new Date() });
    await saveRetentionRules(
      db(),
      { 'closed-petition-signatures': null, 'past-event-rsvps': null, 'inactive-supporters': 24 },
      staff,
    );
    const done = await runRetentionRules(db(), retentionActions(actionParts));
    expect(done['inactive-supporters']).toBeGreaterThanOrEqual(1);
    const left = await db()
      .select({ id: supporters.id })
      .from(supporters)
      .where(inArray(supporters.id, [quiet, subscribed, active]));
    expect(left.map((r) => r.id).sort()).toEqual([subscribed, active].sort());
    const entries = (await listAudit(db(), { perPage: 50 })).rows.filter(
      (e) => e.action === 'supporter.erase' && e.subjectId === String(quiet),
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]!.summary).toMatchObject({ note: 'erased by a retention rule' });
  });

  it('states the rules that are on in the privacy notice, in both languages, once saved on the screen', async () => {
    await seedDemoContent(db());
    const { app } = createTestApp(database());
    const admin = await signedInAs(app, database(), 'admin');
    const editor = await signedInAs(app, database(), 'editor');
    expect((await editor.request('/admin/retention')).status).toBe(403);
    const from = { from: '/admin/retention' };
    const refused = await admin.post(
      '/admin/retention',
      { 'past-event-rsvps': '0', 'inactive-supporters': 'soon' },
      from,
    );
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toContain('Enter a number of months from 1 to 120, or leave it empty');
    expect(page).toContain('value="soon"');
    const saved = await admin.post(
      '/admin/retention',
      {
        'closed-petition-signatures': '6',
        'past-event-rsvps': '',
        'inactive-supporters': '',
      },
      from,
    );
    expect(saved.status).toBe(303);
    const en = await (await app.request('/privacy')).text();
    expect(en).toContain('Signatures on a petition closed more than 6 months ago are deleted');
    expect(en).not.toContain('{{retention-rules}}');
    const es = await (await app.request('/es/privacy')).text();
    expect(es).toContain('Las firmas de una petición cerrada hace más de 6 meses se borran');
    await admin.post(
      '/admin/retention',
      {
        'closed-petition-signatures': '',
        'past-event-rsvps': '',
        'inactive-supporters': '',
      },
      from,
    );
    expect(await (await app.request('/privacy')).text()).toContain('There are no further rules for now');
  });
});
