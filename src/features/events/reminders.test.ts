import { eq, sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import type { Db } from '../../platform/db/client.ts';
import { localizedPath, type Locale } from '../../platform/web/locale.ts';
import { testConfig } from '../../../test/support/app.ts';
import { createEmailRuntime } from '../../email-runtime.ts';
import { createLogger } from '../../platform/logger.ts';
import { emailOutbox, emailSuppressions } from '../email/schema.ts';
import type { MailTransport } from '../email/service.ts';
import type { OutgoingEmail } from '../email/transport.ts';
import type { OutboxRow } from '../email/service.ts';
import { supporters } from '../supporters/schema.ts';
import { eventReminderTemplates, ReminderWithdrawn } from './reminder-emails.ts';
import { eventReminderSchedule, queueDueReminders, REMINDER_TEMPLATE } from './reminders.ts';
import { rsvpByToken, submitRsvp } from './rsvp.ts';
import { makeEvent, rsvpInput, testPublicUrl, testRsvpDeps } from './rsvp-test-support.ts';
import {
  eventReminders,
  eventRsvps,
  events,
  eventSessions,
  eventTranslations,
  type EventStatus,
  type RsvpStatus,
} from './schema.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const domain = 'psj.example';

type Attendee = { status?: RsvpStatus; locale?: Locale; rsvpAt?: Date; promotedAt?: Date; sessionIds?: number[] };

/** An event and its attendees, written straight into the feature's tables (the RSVP rules have their own tests). */
async function eventWith(
  db: Db,
  tag: string,
  startsAt: Date,
  attendees: Attendee[],
  more: { status?: EventStatus; format?: 'in-person' | 'online'; joinUrl?: string; isDemo?: boolean } = {},
) {
  const [event] = await db
    .insert(events)
    .values({
      slug: `reminder-${tag}`,
      status: more.status ?? 'published',
      format: more.format ?? 'in-person',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 6 * HOUR),
      timeZone: 'America/Los_Angeles',
      venue: 'Sample Hall',
      address: '100 Sample St, Salem, OR',
      joinUrl: more.joinUrl ?? '',
      isDemo: more.isDemo ?? false,
    })
    .returning({ id: events.id });
  const eventId = event!.id;
  await db.insert(eventTranslations).values([
    { eventId, locale: 'en', title: `Training ${tag}`, accessibilityNotes: 'Step-free entrance.' },
    { eventId, locale: 'es', title: `Capacitación ${tag}`, accessibilityNotes: 'Entrada sin escalones.' },
  ]);
  const rsvps: { id: number; email: string }[] = [];
  for (const [i, a] of attendees.entries()) {
    const email = `${tag}-${i}@example.org`;
    const [person] = await db
      .insert(supporters)
      .values({ email, emailAsTyped: email, givenName: `Person ${i}`, locale: a.locale ?? 'en' })
      .returning({ id: supporters.id });
    const at = a.rsvpAt ?? new Date(startsAt.getTime() - 10 * DAY);
    const [rsvp] = await db
      .insert(eventRsvps)
      .values({
        eventId,
        supporterId: person!.id,
        status: a.status ?? 'confirmed',
        locale: a.locale ?? 'en',
        needs: { interpretation: [], interpretationOther: '', accessibility: '', childcare: false, travelHelp: false },
        sessionIds: a.sessionIds ?? [],
        manageTokenHash: `hash-${email}`,
        manageTokenNonce: `nonce-${i}`,
        createdAt: at,
        updatedAt: at,
        promotedAt: a.promotedAt ?? null,
      })
      .returning({ id: eventRsvps.id });
    rsvps.push({ id: rsvp!.id, email });
  }
  return { eventId, rsvps };
}

const remindersFor = (db: Db, eventId: number) =>
  db
    .select({
      to: emailOutbox.toAddress,
      locale: emailOutbox.locale,
      key: emailOutbox.idempotencyKey,
      data: emailOutbox.data,
    })
    .from(emailOutbox)
    .where(sql`${emailOutbox.template} = ${REMINDER_TEMPLATE} and (${emailOutbox.data}->>'eventId')::int = ${eventId}`)
    .orderBy(emailOutbox.idempotencyKey);

const testSecretKey = 'test-secret-key-for-events-0123456789abcdef';
const dayInLosAngeles = (at: Date) =>
  new Intl.DateTimeFormat('es-US', {
    timeZone: 'America/Los_Angeles',
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  }).format(at);

/** Each test has a year of its own, so a pass sees only that test's events. */
const at = (year: number) => new Date(Date.UTC(year, 2, 1, 17));

describeEachDatabase('event reminders', (get, kind) => {
  it('queues one week reminder per confirmed attendee, in their language, and no second one', async () => {
    const { db } = get();
    const now = at(2031);
    const { eventId, rsvps } = await eventWith(db, `week-${kind}`, new Date(now.getTime() + 6 * DAY + 23 * HOUR), [
      { locale: 'en' },
      { locale: 'es' },
      { status: 'waitlisted' },
      { status: 'cancelled' },
    ]);
    expect(await queueDueReminders(db, { domain, now })).toEqual({ week: 2, day: 0 });
    const queued = await remindersFor(db, eventId);
    expect(queued.map((q) => [q.to, q.locale, q.key])).toEqual([
      [rsvps[0]!.email, 'en', `event-reminder:week:${rsvps[0]!.id}`],
      [rsvps[1]!.email, 'es', `event-reminder:week:${rsvps[1]!.id}`],
    ]);
    expect(queued[0]!.data).toMatchObject({ kind: 'week', rsvpId: rsvps[0]!.id, eventId, givenName: 'Person 0' });
    // A later pass, and one a minute later still inside the week, find nothing new.
    expect(await queueDueReminders(db, { domain, now })).toEqual({ week: 0, day: 0 });
    expect(await queueDueReminders(db, { domain, now: new Date(now.getTime() + 60_000) })).toEqual({ week: 0, day: 0 });
    expect(await remindersFor(db, eventId)).toHaveLength(2);
  });

  it('sends nothing before the week, and the day reminder a day before', async () => {
    const { db } = get();
    const startsAt = new Date(at(2032).getTime() + 10 * DAY);
    const { eventId } = await eventWith(db, `timeline-${kind}`, startsAt, [{}]);
    const before = (ms: number) => new Date(startsAt.getTime() - ms);
    expect(await queueDueReminders(db, { domain, now: before(7 * DAY + 60_000) })).toEqual({ week: 0, day: 0 });
    expect(await queueDueReminders(db, { domain, now: before(7 * DAY) })).toEqual({ week: 1, day: 0 });
    expect(await queueDueReminders(db, { domain, now: before(2 * DAY) })).toEqual({ week: 0, day: 0 });
    expect(await queueDueReminders(db, { domain, now: before(DAY) })).toEqual({ week: 0, day: 1 });
    expect(await queueDueReminders(db, { domain, now: before(HOUR) })).toEqual({ week: 0, day: 0 });
    expect((await remindersFor(db, eventId)).map((q) => q.data.kind)).toEqual(['day', 'week']);
  });

  it('gives a week reminder overdue into the last day only the day one', async () => {
    const { db } = get();
    const now = at(2033);
    const { eventId } = await eventWith(db, `overdue-${kind}`, new Date(now.getTime() + 20 * HOUR), [{}, {}]);
    expect(await queueDueReminders(db, { domain, now })).toEqual({ week: 0, day: 2 });
    expect(await queueDueReminders(db, { domain, now: new Date(now.getTime() + HOUR) })).toEqual({ week: 0, day: 0 });
    expect((await remindersFor(db, eventId)).map((q) => q.data.kind)).toEqual(['day', 'day']);
  });

  it('sends no week reminder to someone confirmed inside the week (an RSVP or a promotion 3 days before)', async () => {
    const { db } = get();
    const startsAt = new Date(at(2034).getTime() + 10 * DAY);
    const threeDaysBefore = new Date(startsAt.getTime() - 3 * DAY);
    const { eventId, rsvps } = await eventWith(db, `late-${kind}`, startsAt, [
      { rsvpAt: threeDaysBefore },
      { rsvpAt: new Date(startsAt.getTime() - 9 * DAY), promotedAt: threeDaysBefore },
      { rsvpAt: new Date(startsAt.getTime() - 12 * HOUR) },
    ]);
    expect(await queueDueReminders(db, { domain, now: new Date(threeDaysBefore.getTime() + HOUR) })).toEqual({
      week: 0,
      day: 0,
    });
    // The day reminder reaches those who answered before the last day; the one who answered 12 hours before has
    // just had their confirmation.
    expect(await queueDueReminders(db, { domain, now: new Date(startsAt.getTime() - 20 * HOUR) })).toEqual({
      week: 0,
      day: 2,
    });
    expect((await remindersFor(db, eventId)).map((q) => q.to).sort()).toEqual([rsvps[0]!.email, rsvps[1]!.email]);
  });

  it('sends none for a cancelled, draft or started event', async () => {
    const { db } = get();
    const now = at(2035);
    const soon = new Date(now.getTime() + 3 * DAY);
    const cancelled = await eventWith(db, `cancelled-${kind}`, soon, [{}], { status: 'cancelled' });
    const draft = await eventWith(db, `draft-${kind}`, soon, [{}], { status: 'draft' });
    const started = await eventWith(db, `started-${kind}`, new Date(now.getTime() - HOUR), [{}]);
    expect(await queueDueReminders(db, { domain, now })).toEqual({ week: 0, day: 0 });
    for (const e of [cancelled, draft, started]) expect(await remindersFor(db, e.eventId)).toEqual([]);
  });

  it('queues each reminder exactly once when two passes run at once, batch after batch', async () => {
    const { db } = get();
    const now = at(2036);
    const people = 60;
    const { eventId } = await eventWith(
      db,
      `race-${kind}`,
      new Date(now.getTime() + 5 * DAY),
      Array.from({ length: people }, (_, i) => ({ locale: i % 3 === 0 ? 'es' : 'en' }) as Attendee),
    );
    const passes = await Promise.all([
      queueDueReminders(db, { domain, now, batchSize: 7 }),
      queueDueReminders(db, { domain, now, batchSize: 7 }),
      queueDueReminders(db, { domain, now, batchSize: 7 }),
    ]);
    expect(passes.reduce((sum, p) => sum + p.week, 0)).toBe(people);
    const queued = await remindersFor(db, eventId);
    expect(queued).toHaveLength(people);
    expect(new Set(queued.map((q) => q.to)).size).toBe(people);
    const [ledger] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(eventReminders)
      .innerJoin(eventRsvps, eq(eventRsvps.id, eventReminders.rsvpId))
      .where(eq(eventRsvps.eventId, eventId));
    expect(ledger!.n).toBe(people);
  });

  it('records but does not mail a reminder to an address that bounced', async () => {
    const { db } = get();
    const now = at(2037);
    const { eventId, rsvps } = await eventWith(db, `bounced-${kind}`, new Date(now.getTime() + 2 * DAY), [{}, {}]);
    await db.insert(emailSuppressions).values({ address: rsvps[1]!.email, reason: 'hard-bounce', source: 'test' });
    expect(await queueDueReminders(db, { domain, now })).toEqual({ week: 2, day: 0 });
    expect((await remindersFor(db, eventId)).map((q) => q.to)).toEqual([rsvps[0]!.email]);
    expect(await queueDueReminders(db, { domain, now })).toEqual({ week: 0, day: 0 });
  });

  it('writes the reminder in the attendee’s language from the event as it is when sent', async () => {
    const { db } = get();
    const now = at(2038);
    // Saturday 7 March 2026 would be a sample date; here, a day in this test's year, 9:00 in Salem.
    const startsAt = new Date(Date.UTC(2038, 2, 6, 17));
    const { eventId, rsvps } = await eventWith(db, `words-${kind}`, startsAt, [{ locale: 'es' }, { locale: 'en' }], {
      isDemo: true,
    });
    const [session] = await db
      .insert(eventSessions)
      .values({ eventId, startsAt, endsAt: startsAt, titleEn: 'Morning training', titleEs: 'Capacitación matutina' })
      .returning({ id: eventSessions.id });
    await db
      .update(eventRsvps)
      .set({ sessionIds: [session!.id] })
      .where(eq(eventRsvps.id, rsvps[0]!.id));
    await queueDueReminders(db, { domain, now: new Date(Math.max(now.getTime(), startsAt.getTime() - 3 * DAY)) });
    const rows = await db.select().from(emailOutbox).where(sql`(${emailOutbox.data}->>'eventId')::int = ${eventId}`);
    const templates = eventReminderTemplates({ db, manageToken: (nonce) => `token-of-${nonce}` });
    const render = (row: OutboxRow) =>
      templates[REMINDER_TEMPLATE].render(row, {
        locale: row.locale,
        sender: { name: 'PSJ', address: 'hello@psj.example', postalAddress: '', publicUrl: 'https://psj.example' },
        link: (path) => `https://psj.example${localizedPath(row.locale, path)}`,
      });
    // Intl spaces times with narrow no-break spaces; the assertions read them as plain ones.
    const spaced = <T extends { bodyText: string }>(c: T) => ({
      ...c,
      bodyText: c.bodyText.replace(/[\u202f\u2009]/g, ' '),
    });
    const spanish = spaced(await render(rows.find((r) => r.locale === 'es')!));
    expect(spanish.subject).toBe(`Recordatorio: Capacitación words-${kind}, sábado, 6 de marzo`);
    expect(spanish.bodyText).toContain('Cuándo: sábado, 6 de marzo de 2038, 9:00 a.m. – 3:00 p.m. PST');
    expect(spanish.bodyText).toContain('Dónde: Sample Hall, 100 Sample St, Salem, OR');
    expect(spanish.bodyText).toContain('Tus sesiones: Capacitación matutina');
    expect(spanish.bodyText).toContain('Entrada sin escalones.');
    expect(spanish.bodyText).toContain('evento de muestra');
    expect(spanish.action).toEqual({
      label: 'Cambiar o cancelar mi inscripción',
      url: 'https://psj.example/es/events/rsvp/token-of-nonce-0',
    });
    // The calendar file rides along, the event as it is now, in the attendee's language.
    const [file] = spanish.attachments ?? [];
    expect(file?.filename).toBe(`reminder-words-${kind}.ics`);
    const vevent = new ICAL.Component(ICAL.parse(file!.content)).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('summary')).toBe(`[Ejemplo] Capacitación words-${kind}`);
    expect(vevent.getFirstPropertyValue('uid')).toBe(`event-${eventId}@psj.example`);
    const english = spaced(await render(rows.find((r) => r.locale === 'en')!));
    expect(english.subject).toBe(`Reminder: Training words-${kind}, Saturday, March 6`);
    expect(english.bodyText).toContain('When: Saturday, March 6, 2038 at 9:00 AM – 3:00 PM PST');
    expect(english.bodyText).toContain(
      'Please change or cancel your RSVP, so that someone on the waitlist can have your seat. ' +
        'https://psj.example/events/rsvp/token-of-nonce-1',
    );
    expect(english.action).toEqual({
      label: 'Change or cancel my RSVP',
      url: 'https://psj.example/events/rsvp/token-of-nonce-1',
    });

    // Moved online after the pass: the reminder says so, and its button joins.
    await db
      .update(events)
      .set({ format: 'online', joinUrl: 'https://meet.example/psj' })
      .where(eq(events.id, eventId));
    const online = await eventReminderTemplates({ db })[REMINDER_TEMPLATE].render(
      rows.find((r) => r.locale === 'en')!,
      {
        locale: 'en',
        sender: { name: 'PSJ', address: 'hello@psj.example', postalAddress: '', publicUrl: 'https://psj.example' },
        link: (path) => `https://psj.example${path}`,
      },
    );
    expect(online.bodyHtml).toContain('Where: Online. <a href="https://meet.example/psj">Join here</a>');
    expect(online.action).toEqual({ label: 'Join online', url: 'https://meet.example/psj' });
    // Without a way to make the manage link, it points to the confirmation's.
    expect(online.bodyText).toContain('use the link in the email that confirmed your RSVP');

    // Cancelled after it was queued: withdrawn rather than sent.
    await db.update(eventRsvps).set({ status: 'cancelled' }).where(eq(eventRsvps.id, rsvps[0]!.id));
    await expect(render(rows.find((r) => r.locale === 'es')!)).rejects.toBeInstanceOf(ReminderWithdrawn);
  });

  it('goes out through the email runtime with the manage link of an RSVP made on the form', async () => {
    const database = get();
    const { db } = database;
    const startsAt = new Date(Date.now() + 10 * DAY);
    const event = await makeEvent(db, { startsAt, title: `Runtime ${kind}` });
    const email = `runtime-${kind}@example.org`;
    const outcome = await submitRsvp(db, testRsvpDeps(), event.id, { ...rsvpInput(kind), email }, { locale: 'es' });
    expect(outcome.kind).toBe('confirmed');
    const manageToken = (outcome as { manageToken: string }).manageToken;
    expect(await queueDueReminders(db, { domain, now: new Date(startsAt.getTime() - 7 * DAY + 60_000) })).toEqual({
      week: 1,
      day: 0,
    });

    const sent: OutgoingEmail[] = [];
    const transport: MailTransport = {
      name: 'capture',
      async send(message) {
        sent.push(message);
        return { providerMessageId: `captured-${sent.length}` };
      },
      async close() {},
    };
    const config = testConfig({ SECRET_KEY: testSecretKey, PUBLIC_URL: testPublicUrl });
    const runtime = createEmailRuntime({ config, database, logger: createLogger({ level: 'silent' }), transport });
    while ((await runtime.worker.runOnce()) > 0);
    const [reminder] = sent.filter((m) => m.to === email && m.subject.startsWith('Recordatorio'));
    expect(reminder?.subject).toBe(`Recordatorio: Runtime ${kind} (es), ${dayInLosAngeles(startsAt)}`);
    // The same link as the confirmation's, and it opens this RSVP.
    expect(reminder!.text).toContain(`${testPublicUrl}/es/events/rsvp/${manageToken}`);
    expect((await rsvpByToken(db, manageToken))?.status).toBe('confirmed');
    expect(reminder!.attachments?.map((a) => a.filename)).toEqual([`${event.slug}.ics`]);
  });

  it('runs the pass on its timer and wakes the worker when it queued something', async () => {
    const { db } = get();
    const startsAt = new Date(Date.now() + 3 * DAY);
    const { eventId } = await eventWith(db, `timer-${kind}`, startsAt, [{}]);
    let poked = 0;
    const schedule = eventReminderSchedule({
      db,
      logger: createLogger({ level: 'silent' }),
      domain,
      firstAfterMs: 10,
      onQueued: () => poked++,
    });
    schedule.start();
    const deadline = Date.now() + 10_000;
    while (poked === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await schedule.stop();
    expect(poked).toBe(1);
    expect((await remindersFor(db, eventId)).map((q) => q.data.kind)).toEqual(['week']);
  });
});
