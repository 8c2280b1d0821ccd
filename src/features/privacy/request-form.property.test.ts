import { like, sql } from 'drizzle-orm';
import * as fc from 'fast-check';
import { expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { publicFormPoster } from '../../../test/support/public-form.ts';
import { propertyRuns, runsOn } from '../../../test/support/property-runs.ts';
import { spentFormChallenges } from '../../platform/http/form-challenge-schema.ts';
import { emailOutbox } from '../email/schema.ts';
import { requestSignup } from '../supporters/service.ts';
import { privacyRequests } from './schema.ts';

const RUNS = propertyRuns(300);

/** Text of every kind: short, Unicode (lone surrogates too), control characters, and far too long. */
const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .tuple(fc.constantFrom('a', 'é', '👩🏽‍⚖️', ' ', '<', '\u0000'), fc.integer({ min: 200, max: 6000 }))
    .map(([ch, n]) => ch.repeat(n)),
);
// One address is on the list (a confirmation link), the rest are not ("we hold nothing"); each comes back often.
const known = 'known.person@example.org';
const regulars = [known, 'KNOWN.person@Example.org', 'stranger@example.org', ' otra.persona@example.org '];
const usually = <T>(plausible: fc.Arbitrary<T>) =>
  fc.oneof(
    { arbitrary: plausible, weight: 4 },
    { arbitrary: anyText, weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
const form = fc
  .record({
    kind: usually(fc.constantFrom('copy', 'correction', 'deletion', 'everything')),
    email: usually(fc.oneof(fc.constantFrom(...regulars), fc.emailAddress())),
    details: usually(fc.constantFrom('My name is spelled Rosa, not Roza', '', 'ZIP 97202')),
    website: fc.oneof({ arbitrary: fc.constant(undefined), weight: 8 }, { arbitrary: anyText, weight: 1 }),
  })
  .map(
    (fields) => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, string>,
  );
const attempt = fc.record({
  form,
  spanish: fc.boolean(),
  csrf: fc.constantFrom('valid', 'valid', 'valid', 'same-origin', 'missing', 'wrong'),
  address: fc.oneof(fc.constantFrom('10.0.1.1', '10.0.1.2'), fc.ipV4()),
  altcha: fc.constantFrom('none', 'solved', 'solved', 'solved', 'replayed', 'garbage'),
  person: fc.oneof(
    { arbitrary: fc.constantFrom('none' as const, 'answered' as const), weight: 4 },
    { arbitrary: fc.record({ token: anyText, answer: anyText }), weight: 1 },
  ),
});

describeEachDatabase('the privacy request form under random input', (database, kind) => {
  const runs = runsOn(kind, RUNS);
  it(`answers ${runs} random posts without a 5xx, the form again on every refusal, one email per request`, async () => {
    const { app } = createTestApp(database());
    const db = database().db;
    await requestSignup(
      db,
      { givenName: 'Known', email: known, topics: ['newsletter'] },
      { method: 'web-form', wordingVersion: 't', emailDomain: 'localhost' },
    );
    const count = async () => ({
      requests: (await db.select({ n: sql<number>`count(*)::int` }).from(privacyRequests))[0]!.n,
      emails: (
        await db
          .select({ n: sql<number>`count(*)::int` })
          .from(emailOutbox)
          .where(like(emailOutbox.idempotencyKey, 'privacy:%'))
      )[0]!.n,
      spent: (await db.select({ n: sql<number>`count(*)::int` }).from(spentFormChallenges))[0]!.n,
    });
    const before = await count();
    const { send, model } = await publicFormPoster(app, [400, 429]);

    await fc.assert(
      fc.asyncProperty(attempt, ({ spanish, ...post }) =>
        send(spanish ? '/es/privacy/request' : '/privacy/request', post),
      ),
      { numRuns: runs },
    );

    const after = await count();
    expect(after.spent - before.spent).toBe(model.spent);
    // Each accepted form is logged and emailed once, unless its address has reached the day's cap.
    expect(after.requests - before.requests).toBeLessThanOrEqual(model.acted);
    expect(after.emails - before.emails).toBe(after.requests - before.requests);
    expect(model.acted).toBeGreaterThan(runs / 20);
    // A correction always says what is wrong; no row holds a control character or half a surrogate pair.
    const rows = await db.select().from(privacyRequests);
    for (const row of rows) {
      if (row.kind === 'correction' && row.status === 'awaiting-confirmation') expect(row.details).toBeTruthy();
      expect((row.details ?? '').isWellFormed()).toBe(true);
      expect(row.details ?? '').not.toMatch(/\u0000/);
    }
  }, 240_000);
});
