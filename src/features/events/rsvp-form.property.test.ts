import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import * as fc from 'fast-check';
import { expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { publicFormPoster } from '../../../test/support/public-form.ts';
import { propertyRuns, runsOn } from '../../../test/support/property-runs.ts';
import { spentFormChallenges } from '../../platform/http/form-challenge-schema.ts';
import { supporters } from '../supporters/schema.ts';
import { eventQuestions, eventRsvps, eventSessions, eventTranslations, events } from './schema.ts';

// Each accepted RSVP writes a supporter, an RSVP, a timeline entry and an email, and takes the event's lock: a
// quarter of the other public forms' count, on PGlite, and a fifth of that on PostgreSQL (ADR 054).
const RUNS = propertyRuns(400, 200);
const CAPACITY = 5;

/** Text of every kind: short, Unicode (lone surrogates too), and far longer than any field allows. */
const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc
    .tuple(fc.constantFrom('a', 'é', '👩🏽‍⚖️', ' ', '<', '\u0000', '\n'), fc.integer({ min: 90, max: 70_000 }))
    .map(([ch, n]) => ch.repeat(n)),
);
// A few people RSVP again and again, in other cases and spacing: a second RSVP changes the first.
const regulars = ['ana@example.org', 'LEE@Example.org', ' rosa.pérez@example.org ', 'kim@example.net'];
/** Mostly a right value, sometimes a wrong one, any text, or the field left out. */
const mostly = (right: readonly string[], wrong: readonly string[] = []) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...right), weight: 20 },
    ...(wrong.length > 0 ? [{ arbitrary: fc.constantFrom(...wrong), weight: 1 }] : []),
    { arbitrary: anyText, weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
const tick = fc.constantFrom(undefined, undefined, 'on', 'yes', '');

function formFor(sessionIds: number[], questionIds: { text: number; yesNo: number; choice: number }) {
  return fc
    .record({
      givenName: mostly(['Ana', 'Lee', 'Rosa', 'José María'], ['  ']),
      familyName: mostly(['Rivera', 'Nguyen', "O'Brien"]),
      email: fc.oneof(
        { arbitrary: fc.constantFrom(...regulars), weight: 10 },
        { arbitrary: fc.emailAddress(), weight: 10 },
        { arbitrary: anyText, weight: 1 },
      ),
      zip: mostly(['97204', '97301', ' 97405 '], ['9720', '98101x']),
      phone: mostly(['', '503-555-0143', '+1 (503) 555 0100'], ['12']),
      sessions: mostly(sessionIds.map(String), ['0', '-1', '1e9']),
      interpretation: mostly(['spanish', 'asl'], ['other', 'klingon']),
      interpretationOther: mostly(['', 'Tagalog']),
      accessibility: mostly(['', 'Step-free access, please.\r\nAnd a chair.']),
      childcare: tick,
      travelHelp: tick,
      photoConsent: tick,
      eventsTopic: tick,
      [`q${questionIds.text}`]: mostly(['', 'Medium']),
      [`q${questionIds.yesNo}`]: mostly(['yes', 'no'], ['', 'maybe']),
      [`q${questionIds.choice}`]: mostly(['Vegetarian', 'Vegan', ''], ['Steak']),
      website: fc.oneof({ arbitrary: fc.constant(undefined), weight: 12 }, { arbitrary: anyText, weight: 1 }),
    })
    .map(
      (fields) =>
        Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, string>,
    );
}

describeEachDatabase('the RSVP form under random input', (database, kind) => {
  const runs = runsOn(kind, RUNS);
  it(`answers ${runs} random posts, some at once: no 5xx, the form on each refusal, no half-writes`, async () => {
    const { app } = createTestApp(database());
    const db = database().db;
    const [event] = await db
      .insert(events)
      .values({
        slug: 'property',
        status: 'published',
        startsAt: new Date(Date.now() + 30 * 86_400_000),
        endsAt: new Date(Date.now() + 30 * 86_400_000 + 3 * 3_600_000),
        venue: 'A hall',
        capacity: CAPACITY,
      })
      .returning({ id: events.id });
    const eventId = event!.id;
    await db.insert(eventTranslations).values([
      { eventId, locale: 'en', title: 'Property day' },
      { eventId, locale: 'es', title: 'Día de propiedades' },
    ]);
    const sessions = await db
      .insert(eventSessions)
      .values(
        [0, 1].map((position) => ({
          eventId,
          position,
          startsAt: new Date(),
          endsAt: new Date(),
          titleEn: `Part ${position}`,
        })),
      )
      .returning({ id: eventSessions.id });
    const [text, yesNo, choice] = await db
      .insert(eventQuestions)
      .values([
        { eventId, position: 0, kind: 'text' as const, labelEn: 'T-shirt size' },
        { eventId, position: 1, kind: 'yes-no' as const, labelEn: 'First time?', required: true },
        {
          eventId,
          position: 2,
          kind: 'choice' as const,
          labelEn: 'Lunch',
          choices: [
            { en: 'Vegetarian', es: 'Vegetariano' },
            { en: 'Vegan', es: 'Vegano' },
          ],
        },
      ])
      .returning({ id: eventQuestions.id });
    const form = formFor(
      sessions.map((s) => s.id),
      { text: text!.id, yesNo: yesNo!.id, choice: choice!.id },
    );
    const attempt = fc.record({
      form,
      spanish: fc.boolean(),
      csrf: fc.constantFrom('same-origin', 'same-origin', 'same-origin', 'valid', 'valid', 'missing', 'wrong'),
      // Forms without a solution share a few addresses, so the per-address limits are reached.
      address: fc.oneof(fc.constantFrom('10.0.0.1', '10.0.0.2'), fc.ipV4()),
      altcha: fc.constantFrom('none', 'solved', 'solved', 'solved', 'replayed', 'garbage'),
      person: fc.oneof(
        { arbitrary: fc.constantFrom('none' as const, 'answered' as const), weight: 4 },
        { arbitrary: fc.record({ token: anyText, answer: anyText }), weight: 1 },
      ),
    });
    type Attempt = typeof attempt extends fc.Arbitrary<infer T> ? T : never;

    const n = async (table: PgTable, where?: SQL) =>
      (await db.select({ n: sql<number>`count(*)::int` }).from(table).where(where))[0]!.n;
    const spentBefore = await n(spentFormChallenges);
    const supportersBefore = await n(supporters);
    // Refused with the form again: 400 (its fields), 403 (a blocked address or domain), 429 (too many).
    const poster = await publicFormPoster(app, [400, 403, 429]);
    const send = ({ spanish, ...post }: Attempt) => poster.send(`${spanish ? '/es' : ''}/events/property/rsvp`, post);

    await fc.assert(
      fc.asyncProperty(fc.array(attempt, { minLength: 1, maxLength: 3 }), async (attempts) => {
        await Promise.all(attempts.map(send));
      }),
      { numRuns: runs },
    );

    const model = poster.model;
    const rows = await db.select().from(eventRsvps).where(eq(eventRsvps.eventId, eventId));
    expect(model.acted).toBeGreaterThan(runs / 20);
    expect(rows.length).toBeGreaterThan(0);
    // A second RSVP by the same person changes theirs: never more rows than accepted forms.
    expect(rows.length).toBeLessThanOrEqual(model.acted);
    expect(await n(supporters)).toBeLessThanOrEqual(supportersBefore + model.acted);
    expect((await n(spentFormChallenges)) - spentBefore).toBe(model.spent);
    // Never more confirmed than seats; the rest wait, each in a place of their own.
    const confirmed = rows.filter((r) => r.status === 'confirmed');
    const waiting = rows.filter((r) => r.status === 'waitlisted');
    expect(confirmed.length).toBe(Math.min(CAPACITY, rows.length));
    expect(new Set(waiting.map((r) => r.waitlistOrder)).size).toBe(waiting.length);
    // Every RSVP is whole: what the form checks is what was kept.
    const sessionIds = new Set(sessions.map((s) => s.id));
    for (const row of rows) {
      expect(row.sessionIds.length).toBeGreaterThan(0);
      expect(row.sessionIds.every((id) => sessionIds.has(id))).toBe(true);
      expect(['yes', 'no']).toContain(row.answers[String(yesNo!.id)]);
      if (row.needs.interpretation.includes('other')) expect(row.needs.interpretationOther).not.toBe('');
      expect(await n(supporters, and(eq(supporters.id, row.supporterId), sql`${supporters.email} like '%@%'`))).toBe(1);
    }
  }, 600_000);
});
