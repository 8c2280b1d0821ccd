import { and, eq, gte, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import * as fc from 'fast-check';
import { expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { publicFormPoster } from '../../../test/support/public-form.ts';
import { propertyRuns, runsOn } from '../../../test/support/property-runs.ts';
import { emailOutbox } from '../email/schema.ts';
import { spentFormChallenges } from '../../platform/http/form-challenge-schema.ts';
import { signupConfirmations, subscriptions, supporterEvents, supporters } from './schema.ts';
import { CONFIRMATIONS_PER_DAY } from './service.ts';

const RUNS = propertyRuns(1_500);

/** Text of every kind: short, Unicode (lone surrogates too), and far longer than any field allows. */
const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc
    .tuple(fc.constantFrom('a', 'é', '👩🏽‍⚖️', ' ', '<', '\u0000'), fc.integer({ min: 200, max: 6000 }))
    .map(([ch, n]) => ch.repeat(n)),
);
// A few addresses come back again and again, in other cases and spacing, so the daily cap is exercised.
const regulars = [
  'ana@example.org',
  'LEE@Example.org',
  ' rosa.pérez@example.org ',
  'ana@EXAMPLE.org',
  'kim@example.net',
];
/**
 * Mostly a plausible value, else any text, else the field
 * left out: enough complete forms to write thousands of rows.
 */
const usually = <T>(plausible: fc.Arbitrary<T>) =>
  fc.oneof(
    { arbitrary: plausible, weight: 4 },
    { arbitrary: anyText, weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
const form = fc
  .record({
    givenName: usually(fc.constantFrom('Ana', 'Lee', 'Rosa', '  ')),
    familyName: usually(fc.constant('')),
    email: usually(fc.oneof(fc.constantFrom(...regulars), fc.emailAddress())),
    zip: usually(fc.oneof(fc.stringMatching(/^\d{5}$/), fc.constant(''))),
    language: usually(fc.constantFrom('en', 'es')),
    'topic-newsletter': usually(fc.constant('on')),
    'topic-action-alerts': usually(fc.constant('on')),
    'topic-events': fc.constantFrom('on', undefined),
    'topic-bogus': fc.constantFrom('on', undefined),
    website: fc.oneof({ arbitrary: fc.constant(undefined), weight: 8 }, { arbitrary: anyText, weight: 1 }),
  })
  .map(
    (fields) => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, string>,
  );
const attempt = fc.record({
  form,
  spanish: fc.boolean(),
  csrf: fc.constantFrom('valid', 'valid', 'valid', 'same-origin', 'missing', 'wrong'),
  // Forms without a solution share a few addresses, so the stricter limit for them is reached.
  address: fc.oneof(fc.constantFrom('10.0.0.1', '10.0.0.2'), fc.ipV4()),
  altcha: fc.constantFrom('none', 'solved', 'solved', 'solved', 'replayed', 'garbage'),
  person: fc.oneof(
    { arbitrary: fc.constantFrom('none' as const, 'answered' as const), weight: 4 },
    { arbitrary: fc.record({ token: anyText, answer: anyText }), weight: 1 },
  ),
});

describeEachDatabase('the sign-up form under random input', (database, kind) => {
  const runs = runsOn(kind, RUNS);
  it(`answers ${runs} random posts without a 5xx, with the form on every refusal, and never half-writes`, async () => {
    const { app } = createTestApp(database());
    const db = database().db;
    const count = async () => {
      const n = async (table: PgTable, where?: SQL) =>
        (await db.select({ n: sql<number>`count(*)::int` }).from(table).where(where))[0]!.n;
      return {
        supporters: await n(supporters),
        requests: await n(supporterEvents, eq(supporterEvents.kind, 'subscribe-requested')),
        confirmations: await n(signupConfirmations),
        confirmEmails: await n(emailOutbox, eq(emailOutbox.template, 'signup-confirm')),
        spent: await n(spentFormChallenges),
      };
    };
    const before = await count();
    // Refused with the form again: 400 (its fields) or 429 (too many).
    const { send, model } = await publicFormPoster(app, [400, 429]);

    await fc.assert(
      fc.asyncProperty(attempt, ({ spanish, ...post }) => send(spanish ? '/es/join' : '/join', post)),
      { numRuns: runs },
    );

    const after = await count();
    expect(after.requests - before.requests).toBe(model.acted);
    expect(after.spent - before.spent).toBe(model.spent);
    expect(after.confirmations - before.confirmations).toBe(after.confirmEmails - before.confirmEmails);
    expect(after.supporters - before.supporters).toBeLessThanOrEqual(model.acted);
    expect(model.acted).toBeGreaterThan(runs / 20);

    // Every person written is whole: subscriptions, a recorded request, and no more than three links a day.
    const dayAgo = new Date(Date.now() - 24 * 60 * 60 * 1000);
    const people = await db
      .select({
        id: supporters.id,
        email: supporters.email,
        givenName: supporters.givenName,
        subscriptions: sql<number>`(select count(*)::int from ${subscriptions}
          where ${subscriptions.supporterId} = ${supporters.id})`,
        requests: sql<number>`(select count(*)::int from ${supporterEvents}
          where ${supporterEvents.supporterId} = ${supporters.id} and ${supporterEvents.kind} = 'subscribe-requested')`,
      })
      .from(supporters);
    for (const person of people) {
      expect(person.email).toContain('@');
      expect(person.givenName.trim()).not.toBe('');
      expect(person.subscriptions).toBeGreaterThan(0);
      expect(person.requests).toBeGreaterThan(0);
      const [links] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(signupConfirmations)
        .where(and(eq(signupConfirmations.supporterId, person.id), gte(signupConfirmations.createdAt, dayAgo)));
      expect(links!.n).toBeLessThanOrEqual(CONFIRMATIONS_PER_DAY);
    }
  }, 240_000);
});
