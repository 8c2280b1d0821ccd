import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { createLogger } from '../../platform/logger.ts';
import { purgeExpiredPersonalData } from '../../privacy-purge.ts';
import { seedTestZips, testZips } from '../petitions/test-support.ts';
import { subscriptionsOf, timelineOf } from '../supporters/service.ts';
import { describeEntry } from '../supporters/admin/views/wording.ts';
import { eraseSupporter } from '../supporters/data-rights.ts';
import { supporters } from '../supporters/schema.ts';
import { eventById, rsvpOpen } from './events-read.ts';
import { makeEvent, outboxFor, rsvpInput, testRsvpDeps } from './rsvp-test-support.ts';
import {
  cancelRsvp,
  cancelRsvpById,
  changeRsvp,
  promoteWaitlist,
  rsvpByToken,
  submitRsvp,
  type RsvpOutcome,
} from './rsvp.ts';
import { eventRsvps, events } from './schema.ts';

const deps = testRsvpDeps();
const en = { locale: 'en' as const };
const tokenOf = (o: RsvpOutcome) => {
  if (o.kind === 'closed') throw new Error(`closed: ${o.why}`);
  return o.manageToken;
};

describeEachDatabase('RSVPs', (database) => {
  const db = () => database().db;
  beforeAll(async () => seedTestZips(db()));

  it('confirms a seat, makes the person a supporter, keeps their districts, writes the timeline, queues the email', async () => {
    const event = await makeEvent(db(), { capacity: 10, meetsLegislators: true });
    const outcome = await submitRsvp(
      db(),
      deps,
      event.id,
      rsvpInput('a1', { zip: testZips.single.zip, phone: '503-555-0143' }),
      en,
    );
    expect(outcome.kind).toBe('confirmed');
    const [row] = await db().select().from(eventRsvps).where(eq(eventRsvps.eventId, event.id));
    expect(row).toMatchObject({ status: 'confirmed', senateDistrict: 17, houseDistrict: 33, phone: '503-555-0143' });
    // Only the hash of the link's token is kept.
    expect(row!.manageTokenHash).not.toBe(tokenOf(outcome));
    expect(JSON.stringify(row)).not.toContain(tokenOf(outcome));
    const [person] = await db().select().from(supporters).where(eq(supporters.email, 'persona1@example.org'));
    expect(person).toMatchObject({ givenName: 'Persona1', familyName: 'Tester', zip: '97204', county: 'Multnomah' });
    expect((await timelineOf(db(), 'persona1@example.org')).map((e) => [e.kind, e.detail.status])).toEqual([
      ['rsvp', 'confirmed'],
    ]);
    const mail = await outboxFor(db(), 'persona1@example.org');
    expect(mail.map((m) => m.template)).toEqual(['event-rsvp-confirmed']);
    expect(mail[0]!.data).toMatchObject({ token: tokenOf(outcome), senateDistrict: 17, houseDistrict: 33 });

    const view = await rsvpByToken(db(), tokenOf(outcome));
    expect(view).toMatchObject({ status: 'confirmed', position: null, givenName: 'Persona1', eventId: event.id });
    expect(await rsvpByToken(db(), 'x'.repeat(43))).toBeUndefined();
    expect(await rsvpByToken(db(), '../../etc')).toBeUndefined();
  });

  it('never guesses a district: a ZIP across district lines leaves that chamber unknown', async () => {
    const event = await makeEvent(db());
    await submitRsvp(db(), deps, event.id, rsvpInput('split1', { zip: testZips.several.zip }), en);
    await submitRsvp(db(), deps, event.id, rsvpInput('split2', { zip: testZips.houseSplit.zip }), en);
    await submitRsvp(db(), deps, event.id, rsvpInput('split3', { zip: '97999' }), en);
    const rows = await db().select().from(eventRsvps).where(eq(eventRsvps.eventId, event.id));
    expect(rows.sort((a, b) => a.id - b.id).map((r) => [r.senateDistrict, r.houseDistrict])).toEqual([
      [null, null],
      [4, null],
      [null, null],
    ]);
  });

  it('a second RSVP by the same email updates theirs, keeps their place, and sends the confirmation again', async () => {
    const event = await makeEvent(db(), { capacity: 1, sessions: [{ titleEn: 'Morning' }, { titleEn: 'Afternoon' }] });
    const first = await submitRsvp(db(), deps, event.id, rsvpInput('u1', { sessionIds: [event.sessionIds[0]!] }), en);
    const waiting = await submitRsvp(db(), deps, event.id, rsvpInput('u2'), en);
    expect(waiting).toMatchObject({ kind: 'waitlisted', position: 1 });
    const again = await submitRsvp(
      db(),
      deps,
      event.id,
      rsvpInput('u1', { email: ' PersonU1@Example.org ', sessionIds: event.sessionIds }),
      { locale: 'es' },
    );
    expect(again).toEqual({ kind: 'confirmed', manageToken: tokenOf(first) });
    const stillWaiting = await submitRsvp(db(), deps, event.id, rsvpInput('u2', { photoConsent: true }), en);
    expect(stillWaiting).toMatchObject({ kind: 'waitlisted', position: 1, manageToken: tokenOf(waiting) });
    const rows = await db().select().from(eventRsvps).where(eq(eventRsvps.eventId, event.id));
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.status === 'confirmed')).toMatchObject({ sessionIds: event.sessionIds, locale: 'es' });
    expect((await outboxFor(db(), 'personu1@example.org')).map((m) => [m.template, m.locale])).toEqual([
      ['event-rsvp-confirmed', 'en'],
      ['event-rsvp-confirmed', 'es'],
    ]);
    expect((await timelineOf(db(), 'personu1@example.org')).map((e) => e.kind)).toEqual(['rsvp', 'rsvp-changed']);
  });

  it('cancelling frees the seat for the first person waiting, who is emailed; a second cancel changes nothing', async () => {
    const event = await makeEvent(db(), { capacity: 1 });
    const a = await submitRsvp(db(), deps, event.id, rsvpInput('c1'), en);
    const b = await submitRsvp(db(), deps, event.id, rsvpInput('c2'), { locale: 'es' });
    const c = await submitRsvp(db(), deps, event.id, rsvpInput('c3'), en);
    expect([a.kind, b, c]).toMatchObject([
      'confirmed',
      { kind: 'waitlisted', position: 1 },
      { kind: 'waitlisted', position: 2 },
    ]);
    expect((await outboxFor(db(), 'personc3@example.org'))[0]!.data.position).toBe(2);

    const cancelled = await cancelRsvp(db(), deps, tokenOf(a));
    expect(cancelled.cancelled).toBe(true);
    expect(cancelled.promoted).toHaveLength(1);
    expect(await rsvpByToken(db(), tokenOf(a))).toMatchObject({ status: 'cancelled' });
    expect(await rsvpByToken(db(), tokenOf(b))).toMatchObject({ status: 'confirmed', position: null });
    expect(await rsvpByToken(db(), tokenOf(c))).toMatchObject({ status: 'waitlisted', position: 1 });
    expect((await outboxFor(db(), 'personc1@example.org')).map((m) => m.template)).toEqual([
      'event-rsvp-confirmed',
      'event-rsvp-cancelled',
    ]);
    const promotedMail = await outboxFor(db(), 'personc2@example.org');
    expect(promotedMail.map((m) => [m.template, m.locale])).toEqual([
      ['event-rsvp-waitlisted', 'es'],
      ['event-rsvp-promoted', 'es'],
    ]);
    const told = (await timelineOf(db(), 'personc2@example.org')).map((e, id) =>
      describeEntry({ source: 'event', id, ...e }),
    );
    expect(told).toEqual([
      `RSVP to the event “${event.slug}”: on the waitlist, number 1`,
      `Moved up from the waitlist: has a place at the event “${event.slug}”`,
    ]);
    expect((await timelineOf(db(), 'personc1@example.org')).map((e) => e.kind)).toEqual(['rsvp', 'rsvp-cancelled']);

    // Pressed twice, or the link opened again: nothing more happens, nobody else moves up.
    expect(await cancelRsvp(db(), deps, tokenOf(a))).toEqual({ cancelled: false, promoted: [] });
    expect(await Promise.all([cancelRsvp(db(), deps, tokenOf(b)), cancelRsvp(db(), deps, tokenOf(b))])).toSatisfy(
      (both: { cancelled: boolean }[]) => both.filter((o) => o.cancelled).length === 1,
    );
    expect(
      (await outboxFor(db(), 'personc2@example.org')).filter((m) => m.template === 'event-rsvp-cancelled'),
    ).toHaveLength(1);
    expect(await rsvpByToken(db(), tokenOf(c))).toMatchObject({ status: 'confirmed' });
    expect(await cancelRsvp(db(), deps, 'not-a-token-at-all-000000')).toEqual({ cancelled: false, promoted: [] });

    // Coming back after cancelling is a new place at the end of the line, with the same link.
    const back = await submitRsvp(db(), deps, event.id, rsvpInput('c1'), en);
    expect(back).toEqual({ kind: 'waitlisted', position: 1, manageToken: tokenOf(a) });
  });

  it('a waiting person who cancels promotes nobody; staff can cancel by id; raising capacity promotes in order', async () => {
    const event = await makeEvent(db(), { capacity: 1 });
    await submitRsvp(db(), deps, event.id, rsvpInput('p1'), en);
    // One after another: their order is the waitlist's.
    const w: string[] = [];
    for (const n of [2, 3, 4]) w.push(tokenOf(await submitRsvp(db(), deps, event.id, rsvpInput(`p${n}`), en)));
    expect(await cancelRsvp(db(), deps, w[0]!)).toEqual({ cancelled: true, promoted: [] });
    const rows = await db().select().from(eventRsvps).where(eq(eventRsvps.eventId, event.id));
    const confirmed = rows.find((r) => r.status === 'confirmed')!;
    expect((await cancelRsvpById(db(), deps, confirmed.id)).promoted).toHaveLength(1);
    expect(await rsvpByToken(db(), w[1]!)).toMatchObject({ status: 'confirmed' });
    await db().update(events).set({ capacity: 5 }).where(eq(events.id, event.id));
    await submitRsvp(db(), deps, event.id, rsvpInput('p5'), en);
    expect(await rsvpByToken(db(), w[2]!)).toMatchObject({ status: 'waitlisted', position: 1 });
    const promoted = await promoteWaitlist(db(), deps, event.id);
    expect(promoted).toHaveLength(2);
    expect(await rsvpByToken(db(), w[2]!)).toMatchObject({ status: 'confirmed' });
    expect(await promoteWaitlist(db(), deps, event.id)).toEqual([]);
    expect((await eventById(db(), event.id, 'en'))!.seats).toEqual({ confirmed: 3, waitlisted: 0, left: 2 });
  });

  it('changing an RSVP keeps the seat, re-sends the confirmation; a cancelled one is shown unchanged', async () => {
    const event = await makeEvent(db(), { capacity: 1, sessions: [{ titleEn: 'Morning' }, { titleEn: 'Afternoon' }] });
    const a = tokenOf(await submitRsvp(db(), deps, event.id, rsvpInput('ch1', { sessionIds: event.sessionIds }), en));
    const needs = {
      interpretation: ['asl' as const],
      interpretationOther: '',
      accessibility: 'Step-free',
      childcare: true,
      travelHelp: false,
    };
    const changed = await changeRsvp(db(), deps, a, {
      sessionIds: [event.sessionIds[1]!],
      needs,
      photoConsent: true,
      answers: {},
    });
    expect(changed).toMatchObject({
      status: 'confirmed',
      sessionIds: [event.sessionIds[1]],
      needs,
      photoConsent: true,
    });
    expect((await outboxFor(db(), 'personch1@example.org')).map((m) => m.template)).toEqual([
      'event-rsvp-confirmed',
      'event-rsvp-confirmed',
    ]);
    await cancelRsvp(db(), deps, a);
    const after = await changeRsvp(db(), deps, a, { sessionIds: [], needs, photoConsent: false, answers: {} });
    expect(after).toMatchObject({ status: 'cancelled', photoConsent: true });
    expect(
      await changeRsvp(db(), deps, 'unknown-token-000000000000', {
        sessionIds: [],
        needs,
        photoConsent: false,
        answers: {},
      }),
    ).toBeUndefined();
  });

  it('is closed after the deadline, for a cancelled or draft event, and once the event is over', async () => {
    const now = new Date();
    const hour = 60 * 60 * 1000;
    const late = await makeEvent(db(), { rsvpDeadline: new Date(now.getTime() - hour) });
    const cancelled = await makeEvent(db(), { status: 'cancelled' });
    const draft = await makeEvent(db(), { status: 'draft' });
    const over = await makeEvent(db(), {
      startsAt: new Date(now.getTime() - 5 * hour),
      endsAt: new Date(now.getTime() - hour),
    });
    const open = await makeEvent(db(), { rsvpDeadline: new Date(now.getTime() + hour) });
    for (const [e, why] of [
      [late, 'deadline-passed'],
      [cancelled, 'cancelled'],
      [draft, 'draft'],
      [over, 'over'],
    ] as const) {
      expect(await submitRsvp(db(), deps, e.id, rsvpInput(`closed-${why}`), en)).toEqual({ kind: 'closed', why });
      expect(rsvpOpen((await eventById(db(), e.id, 'en'))!, now)).toEqual({ open: false, why });
    }
    expect(await db().select().from(eventRsvps).where(eq(eventRsvps.eventId, late.id))).toHaveLength(0);
    expect(await outboxFor(db(), 'personclosed-over@example.org')).toHaveLength(0);
    // The deadline is read at the moment given: an hour later the open one is closed too.
    const later = testRsvpDeps(() => new Date(now.getTime() + 2 * hour));
    expect(await submitRsvp(db(), later, open.id, rsvpInput('late2'), en)).toEqual({
      kind: 'closed',
      why: 'deadline-passed',
    });
    expect((await submitRsvp(db(), deps, open.id, rsvpInput('ontime'), en)).kind).toBe('confirmed');
    expect(await submitRsvp(db(), deps, 999_999, rsvpInput('nowhere'), en)).toEqual({ kind: 'closed', why: 'draft' });
  });

  it('ticking "email me about events" asks for the events topic with double opt-in, nothing more', async () => {
    const event = await makeEvent(db());
    await submitRsvp(db(), deps, event.id, rsvpInput('topic1', { eventsTopic: true }), {
      locale: 'es',
      source: 'flyer',
    });
    await submitRsvp(db(), deps, event.id, rsvpInput('topic2'), en);
    expect(await subscriptionsOf(db(), 'persontopic1@example.org')).toEqual({ events: 'pending' });
    expect(await subscriptionsOf(db(), 'persontopic2@example.org')).toEqual({});
    expect((await outboxFor(db(), 'persontopic1@example.org')).map((m) => m.template).sort()).toEqual([
      'event-rsvp-confirmed',
      'signup-confirm',
    ]);
    const [person] = await db()
      .select()
      .from(supporters)
      .where(and(eq(supporters.email, 'persontopic1@example.org')));
    expect(person).toMatchObject({ firstSource: 'flyer', locale: 'es' });
  });

  it('keeps someone who only RSVPd through the purge of unconfirmed sign-ups', async () => {
    const event = await makeEvent(db(), { startsAt: new Date(Date.now() + 90 * 24 * 60 * 60 * 1000) });
    await submitRsvp(db(), deps, event.id, rsvpInput('kept1'), en);
    const later = new Date(Date.now() + 45 * 24 * 60 * 60 * 1000);
    await purgeExpiredPersonalData(db(), createLogger({ level: 'silent', pretty: false }), later);
    expect(await db().select().from(supporters).where(eq(supporters.email, 'personkept1@example.org'))).toHaveLength(1);
    expect(await db().select().from(eventRsvps).where(eq(eventRsvps.eventId, event.id))).toHaveLength(1);
  });

  it('erases a person’s RSVPs with their record, as the privacy notice says, and frees their seat', async () => {
    const event = await makeEvent(db(), { capacity: 1 });
    await submitRsvp(db(), deps, event.id, rsvpInput('erased1'), en);
    const [person] = await db().select().from(supporters).where(eq(supporters.email, 'personerased1@example.org'));
    expect(await eraseSupporter(db(), person!.id, null)).toBe(true);
    expect(await db().select().from(eventRsvps).where(eq(eventRsvps.eventId, event.id))).toHaveLength(0);
    expect((await eventById(db(), event.id, 'en'))!.seats).toMatchObject({ confirmed: 0, left: 1 });
  });
});
