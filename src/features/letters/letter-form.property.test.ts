import { eq, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import * as fc from 'fast-check';
import { expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { publicFormPoster } from '../../../test/support/public-form.ts';
import { propertyRuns, runsOn } from '../../../test/support/property-runs.ts';
import { spentFormChallenges } from '../../platform/http/form-challenge-schema.ts';
import { makeLetterCampaign, seedTestRoster } from './public-test-support.ts';
import { letterDeliveries, letters } from './schema.ts';

// Each accepted letter writes a supporter, a letter, its deliveries, their messages and a timeline entry: the
// RSVP form's count (ADR 054), a fifth of it on PostgreSQL.
const RUNS = propertyRuns(400, 200);

/** Text of every kind: short, Unicode (lone surrogates too), and far longer than any field allows. */
const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc
    .tuple(fc.constantFrom('a', 'é', '👩🏽‍⚖️', ' ', '<', '\u0000', '\n'), fc.integer({ min: 90, max: 70_000 }))
    .map(([ch, n]) => ch.repeat(n)),
);
// A few people write again and again, in other cases and spacing: one letter each per campaign.
const regulars = ['ana@example.org', 'LEE@Example.org', ' rosa.pérez@example.org ', 'kim@example.net'];
const mostly = (right: readonly string[], wrong: readonly string[] = []) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...right), weight: 20 },
    ...(wrong.length > 0 ? [{ arbitrary: fc.constantFrom(...wrong), weight: 1 }] : []),
    { arbitrary: anyText, weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
// Districts as the steps carry them: mostly a real pair, sometimes one that is not, or a House outside its Senate.
const districts = fc.oneof(
  { arbitrary: fc.constantFrom(['17', '33'], ['17', '34'], ['3', '5'], ['29', '58']), weight: 20 },
  { arbitrary: fc.constantFrom(['17', ''], ['', '33'], ['5', '33'], ['31', '61'], ['0', '1'], ['x', '']), weight: 2 },
  { arbitrary: fc.tuple(anyText, anyText), weight: 1 },
);

const form = fc
  .record({
    districts,
    foundBy: mostly(['zip', 'address', 'map', 'location'], ['gps']),
    subject: mostly(['Please support the test bill', 'Vote yes'], ['  ']),
    body: mostly(['I am writing about the test bill.', 'Line one.\r\nLine two.'], ['']),
    story: mostly(['', 'It happened to my brother.']),
    givenName: mostly(['Ana', 'Lee', 'José María'], ['  ']),
    familyName: mostly(['Rivera', "O'Brien"]),
    email: fc.oneof(
      { arbitrary: fc.constantFrom(...regulars), weight: 10 },
      { arbitrary: fc.emailAddress(), weight: 10 },
      { arbitrary: anyText, weight: 1 },
    ),
    street: mostly(['900 Court St NE', '1 Main St'], ['']),
    city: mostly(['Salem', '']),
    zip: mostly(['97301', ' 97204 '], ['9730', '98101x']),
    website: fc.oneof({ arbitrary: fc.constant(undefined), weight: 12 }, { arbitrary: anyText, weight: 1 }),
  })
  .map(
    ({ districts: [senate, house], ...fields }) =>
      Object.fromEntries(Object.entries({ ...fields, senate, house }).filter(([, v]) => v !== undefined)) as Record<
        string,
        string
      >,
  );

describeEachDatabase('the letter form under random input', (database, kind) => {
  const runs = runsOn(kind, RUNS);
  it(`answers ${runs} random sends, some at once: no 5xx, the form on each refusal, one letter a person`, async () => {
    const { app } = createTestApp(database());
    const db = database().db;
    await seedTestRoster(db);
    const { id: campaignId, slug } = await makeLetterCampaign(db);
    const attempt = fc.record({
      form,
      spanish: fc.boolean(),
      csrf: fc.constantFrom('same-origin', 'same-origin', 'same-origin', 'valid', 'valid', 'missing', 'wrong'),
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
    // Refused with the letter again: 400 (its fields), 403 (a blocked address), 429 (too many).
    const poster = await publicFormPoster(app, [400, 403, 429]);
    const send = ({ spanish, ...post }: Attempt) => poster.send(`${spanish ? '/es' : ''}/letters/${slug}/send`, post);

    await fc.assert(
      fc.asyncProperty(fc.array(attempt, { minLength: 1, maxLength: 3 }), async (attempts) => {
        await Promise.all(attempts.map(send));
      }),
      { numRuns: runs },
    );

    const model = poster.model;
    const rows = await db.select().from(letters).where(eq(letters.campaignId, campaignId));
    expect(model.acted).toBeGreaterThan(runs / 20);
    expect(rows.length).toBeGreaterThan(0);
    // Sending again is answered the same and keeps nothing new: never more letters than accepted forms.
    expect(rows.length).toBeLessThanOrEqual(model.acted);
    expect((await n(spentFormChallenges)) - spentBefore).toBe(model.spent);
    for (const row of rows) {
      // Every letter is whole: real districts, the House one inside the Senate one, and a delivery to each seat.
      expect(['17', '3', '29']).toContain(row.senateDistrict);
      expect(Math.ceil(Number(row.houseDistrict) / 2)).toBe(Number(row.senateDistrict));
      const deliveries = await db.select().from(letterDeliveries).where(eq(letterDeliveries.letterId, row.id));
      expect(deliveries.map((d) => d.chamber).sort()).toEqual(['lower', 'upper']);
      // Live delivery is off: nothing went to a roster address.
      for (const d of deliveries) {
        expect(d.live).toBe(false);
        expect(d.toAddress).toBe('review@example.org');
      }
    }
  }, 600_000);
});
