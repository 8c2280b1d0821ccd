import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import * as fc from 'fast-check';
import { expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { publicFormPoster } from '../../../test/support/public-form.ts';
import { propertyRuns, runsOn } from '../../../test/support/property-runs.ts';
import { spentFormChallenges } from '../../platform/http/form-challenge-schema.ts';
import { emailOutbox } from '../email/schema.ts';
import { subscriptions, supporterEvents, supporters } from '../supporters/schema.ts';
import { signatureCountShards, signatures } from './schema.ts';
import { CONFIRMATIONS_PER_SIGNATURE } from './service.ts';
import { makeOpenPetition, seedTestZips } from './test-support.ts';

const RUNS = propertyRuns(1_500);

/** Text of every kind: short, Unicode (lone surrogates too), and far longer than any field allows. */
const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc
    .tuple(fc.constantFrom('a', 'é', '👩🏽‍⚖️', ' ', '<', '\u0000', '\n'), fc.integer({ min: 90, max: 3000 }))
    .map(([ch, n]) => ch.repeat(n)),
);
// A few people sign again and again, in other cases and spacing: repeats and the cap of three emails are exercised.
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
    { arbitrary: plausible, weight: 10 },
    { arbitrary: anyText, weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
const form = fc
  .record({
    givenName: usually(fc.constantFrom('Ana', 'Lee', 'Rosa', 'José María', '  ')),
    familyName: usually(fc.constantFrom('Rivera', 'Nguyen', "O'Brien")),
    email: usually(fc.oneof(fc.constantFrom(...regulars), fc.emailAddress())),
    // Oregon ZIPs with and without reference data, a Washington one, and anything.
    zip: usually(
      fc.oneof(
        { arbitrary: fc.constantFrom('97204', '97301', '97405', '97520', ' 97204 '), weight: 8 },
        { arbitrary: fc.constantFrom('98101', '9720'), weight: 1 },
        { arbitrary: fc.stringMatching(/^\d{5}$/), weight: 1 },
      ),
    ),
    street: fc.oneof(
      { arbitrary: fc.constantFrom(undefined, '', '1 Main St'), weight: 6 },
      { arbitrary: anyText, weight: 1 },
    ),
    comment: fc.oneof(
      { arbitrary: fc.constantFrom(undefined, 'Line one\r\nline two', 'For my family.'), weight: 6 },
      { arbitrary: anyText, weight: 1 },
    ),
    showPublicly: fc.constantFrom('on', undefined, 'yes'),
    newsletter: fc.constantFrom(undefined, undefined, 'on'),
    website: fc.oneof({ arbitrary: fc.constant(undefined), weight: 12 }, { arbitrary: anyText, weight: 1 }),
  })
  .map(
    (fields) => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<string, string>,
  );
const attempt = fc.record({
  form,
  spanish: fc.boolean(),
  csrf: fc.constantFrom(
    'same-origin',
    'same-origin',
    'same-origin',
    'same-origin',
    'valid',
    'valid',
    'missing',
    'wrong',
  ),
  // Forms without a solution share a few addresses, so the per-address limits are reached.
  address: fc.oneof(fc.constantFrom('10.0.0.1', '10.0.0.2'), fc.ipV4()),
  altcha: fc.constantFrom('none', 'solved', 'solved', 'solved', 'replayed', 'garbage'),
  person: fc.oneof(
    { arbitrary: fc.constantFrom('none' as const, 'answered' as const), weight: 4 },
    { arbitrary: fc.record({ token: anyText, answer: anyText }), weight: 1 },
  ),
});

type Attempt = typeof attempt extends fc.Arbitrary<infer T> ? T : never;

describeEachDatabase('the petition sign form under random input', (database, kind) => {
  const runs = runsOn(kind, RUNS);
  it(`answers ${runs} random posts, some at once: no 5xx, the form on each refusal, no half-writes`, async () => {
    const { app } = createTestApp(database());
    const db = database().db;
    await seedTestZips(db);
    const petition = await makeOpenPetition(db, 'property');
    const n = async (table: PgTable, where?: SQL) =>
      (await db.select({ n: sql<number>`count(*)::int` }).from(table).where(where))[0]!.n;
    const count = async () => ({
      supporters: await n(supporters),
      signatures: await n(signatures, eq(signatures.petitionId, petition.id)),
      signed: await n(supporterEvents, eq(supporterEvents.kind, 'signed')),
      confirmEmails: await n(emailOutbox, eq(emailOutbox.template, 'petition-confirm')),
      spent: await n(spentFormChallenges),
      shards: await n(signatureCountShards),
      subscribed: await n(subscriptions, eq(subscriptions.status, 'subscribed')),
    });
    const before = await count();
    // Refused with the form again: 400 (its fields), 403 (a blocked address or domain), 429 (too many).
    const poster = await publicFormPoster(app, [400, 403, 429]);
    const model = poster.model;
    const send = ({ spanish, ...post }: Attempt) =>
      poster.send(`${spanish ? '/es' : ''}/petitions/property/sign`, post);

    await fc.assert(
      fc.asyncProperty(fc.array(attempt, { minLength: 1, maxLength: 3 }), async (attempts) => {
        // Sometimes two or three at once, so they share a batch (and a person may appear twice in one).
        await Promise.all(attempts.map(send));
      }),
      { numRuns: runs },
    );

    const after = await count();
    const written = after.signatures - before.signatures;
    expect(model.acted).toBeGreaterThan(runs / 10);
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThanOrEqual(model.acted);
    expect(after.supporters - before.supporters).toBeLessThanOrEqual(model.acted);
    expect(after.signed - before.signed).toBe(written);
    expect(after.spent - before.spent).toBe(model.spent);
    // Nothing was confirmed, so nothing counts and nobody is subscribed to anything.
    expect(after.shards).toBe(before.shards);
    expect(after.subscribed).toBe(before.subscribed);

    // Every signature is whole: its supporter, its timeline entry, and exactly one email per confirmation sent.
    const rows = await db
      .select({
        id: signatures.id,
        sent: signatures.confirmationsSent,
        status: signatures.status,
        email: supporters.email,
        givenName: signatures.givenName,
        zip: signatures.zip,
        emails: sql<number>`(select count(*)::int from ${emailOutbox} o
          where o.template = 'petition-confirm'
            and starts_with(o.idempotency_key, 'petition-confirm:' || ${signatures.tokenNonce} || ':'))`,
        signedEvents: sql<number>`(select count(*)::int from ${supporterEvents} e
          where e.kind = 'signed' and (e.detail->>'signatureId')::bigint = ${signatures.id})`,
      })
      .from(signatures)
      .innerJoin(supporters, eq(supporters.id, signatures.supporterId))
      .where(and(eq(signatures.petitionId, petition.id)));
    expect(rows).toHaveLength(written);
    for (const row of rows) {
      expect(row.status).toBe('pending');
      expect(row.emails).toBe(row.sent);
      expect(row.sent).toBeGreaterThanOrEqual(1);
      expect(row.sent).toBeLessThanOrEqual(CONFIRMATIONS_PER_SIGNATURE);
      expect(row.signedEvents).toBe(1);
      expect(row.email).toContain('@');
      expect(row.givenName.trim()).not.toBe('');
      expect(row.zip).toMatch(/^97\d{3}$/);
    }
    expect(rows.reduce((sum, r) => sum + r.sent, 0)).toBe(after.confirmEmails - before.confirmEmails);
    // The regulars signed many times: one signature each, capped emails.
    expect(rows.filter((r) => r.email === 'ana@example.org').length).toBeLessThanOrEqual(1);
  }, 600_000);
});
