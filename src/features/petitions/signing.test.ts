import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { Secrets, sha256 } from '../../platform/crypto.ts';
import { createLogger } from '../../platform/logger.ts';
import { emailOutbox } from '../email/schema.ts';
import { supporterEvents, supporters } from '../supporters/schema.ts';
import { subscriptionsOf } from '../supporters/service.ts';
import { recounts, signatureCountShards, signatures } from './schema.ts';
import {
  checkSignature,
  confirmSignature,
  CONFIRMATIONS_PER_SIGNATURE,
  expirePending,
  readCount,
  recountAll,
  SIGNATURE_PENDING_MS,
  SignatureBatcher,
  signatureToken,
  writeSignatures,
} from './service.ts';
import { makeOpenPetition, pendingSignature, seedTestZips } from './test-support.ts';

const secrets = new Secrets('test-secret-key-that-is-long-enough-0123456789');
const ctx = { secrets, emailDomain: 'localhost' };

describeEachDatabase('signing a petition', (database) => {
  const db = () => database().db;
  let batcher: SignatureBatcher;
  beforeAll(async () => {
    await seedTestZips(db());
    batcher = new SignatureBatcher({
      db: db(),
      secrets,
      emailDomain: 'localhost',
      maxInFlight: database().kind === 'pglite' ? 1 : 4,
    });
  });

  const signatureOf = async (petitionId: number, email: string) => {
    const [row] = await db()
      .select({ signature: signatures })
      .from(signatures)
      .innerJoin(supporters, eq(supporters.id, signatures.supporterId))
      .where(and(eq(signatures.petitionId, petitionId), eq(supporters.email, email)));
    return row?.signature;
  };
  const emailsTo = (to: string) =>
    db()
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAddress, to), eq(emailOutbox.template, 'petition-confirm')));
  /**
   * Runs `body` while the database refuses `event` ("insert on
   * some_table"), as a lock timeout would (SQLSTATE 55P03).
   */
  const refusing = async (event: string, body: () => Promise<void>) => {
    const table = event.split(' on ')[1]!;
    await db().execute(
      sql.raw(`create function refuse() returns trigger language plpgsql as $$
        begin raise exception 'refused' using errcode = '55P03'; end $$`),
    );
    await db().execute(sql.raw(`create trigger refuse before ${event} for each row execute function refuse()`));
    try {
      await body();
    } finally {
      await db().execute(sql.raw(`drop trigger refuse on ${table}`));
      await db().execute(sql.raw('drop function refuse()'));
    }
  };
  const tokenFor = async (petitionId: number, email: string) =>
    signatureToken(secrets, (await signatureOf(petitionId, email))!.tokenNonce!);

  it('records a pending signature, its supporter, the timeline entry and the confirmation email together', async () => {
    const petition = await makeOpenPetition(db(), 'first-sign');
    const outcome = await batcher.submit(
      pendingSignature(petition, 'Ana.Rivera@Example.org', { comment: 'For my family.' }),
    );
    expect(outcome).toMatchObject({ fresh: true, confirmationQueued: true, newsletterQueued: false });
    const row = await signatureOf(petition.id, 'ana.rivera@example.org');
    expect(row).toMatchObject({
      status: 'pending',
      confirmationsSent: 1,
      senateDistrict: '17',
      districtSource: 'zip',
      emailDomain: 'example.org',
      comment: 'For my family.',
    });
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(SIGNATURE_PENDING_MS);
    const [person] = await db().select().from(supporters).where(eq(supporters.email, 'ana.rivera@example.org'));
    expect(person).toMatchObject({
      emailAsTyped: 'Ana.Rivera@Example.org',
      givenName: 'Ana',
      zip: '97204',
      county: 'Multnomah',
    });
    const events = await db().select().from(supporterEvents).where(eq(supporterEvents.supporterId, person!.id));
    expect(events.map((e) => e.kind)).toEqual(['signed']);
    const mail = await emailsTo('ana.rivera@example.org');
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({
      kind: 'transactional',
      locale: 'en',
      idempotencyKey: `petition-confirm:${row!.tokenNonce}:1`,
    });
    // The emailed token is never stored, only its hash.
    expect(mail[0]!.data.token).toBe(await tokenFor(petition.id, 'ana.rivera@example.org'));
    expect(row!.tokenHash).not.toBe(mail[0]!.data.token);
    expect(await readCount(db(), petition.id)).toBe(0);
  });

  it('keeps one signature per person; a repeat re-sends the same link, three emails at most', async () => {
    const petition = await makeOpenPetition(db(), 'repeat');
    for (let i = 0; i < 5; i++)
      await batcher.submit(
        pendingSignature(petition, 'lee@example.org', { givenName: i === 0 ? 'Lee' : 'Someone Else' }),
      );
    const row = await signatureOf(petition.id, 'lee@example.org');
    expect(row).toMatchObject({ confirmationsSent: CONFIRMATIONS_PER_SIGNATURE, givenName: 'Lee' });
    const mail = await emailsTo('lee@example.org');
    expect(mail).toHaveLength(CONFIRMATIONS_PER_SIGNATURE);
    expect(new Set(mail.map((m) => m.data.token)).size).toBe(1);
    const [n] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(signatures)
      .where(eq(signatures.petitionId, petition.id));
    expect(n!.n).toBe(1);
  });

  it('writes any name people type, a broken surrogate pair becoming the replacement character', async () => {
    const petition = await makeOpenPetition(db(), 'unicode');
    await batcher.submit(
      pendingSignature(petition, 'unicode@example.org', {
        givenName: 'José 👩🏽‍⚖️ \ud800',
        comment: 'Línea uno\n"dos" \\ tres',
      }),
    );
    const row = await signatureOf(petition.id, 'unicode@example.org');
    expect(row).toMatchObject({ givenName: 'José 👩🏽‍⚖️ \ufffd', comment: 'Línea uno\n"dos" \\ tres' });
  });

  it('fills what a known supporter left blank and overwrites nothing', async () => {
    const petition = await makeOpenPetition(db(), 'known');
    await db().insert(supporters).values({
      email: 'kim@example.org',
      emailAsTyped: 'kim@example.org',
      givenName: 'Kim',
      familyName: '',
      locale: 'es',
    });
    await batcher.submit(pendingSignature(petition, 'kim@example.org', { givenName: 'Not Kim', familyName: 'Park' }));
    const [person] = await db().select().from(supporters).where(eq(supporters.email, 'kim@example.org'));
    expect(person).toMatchObject({ givenName: 'Kim', familyName: 'Park', locale: 'es', zip: '97204' });
  });

  it('groups signatures arriving together into one statement, and one person twice into one signature', async () => {
    const petition = await makeOpenPetition(db(), 'grouped');
    // Every statement sent outside a transaction goes through execute, on either database.
    const spies = [vi.spyOn(db(), 'execute'), vi.spyOn(db(), 'transaction')];
    const emails = Array.from({ length: 40 }, (_, i) => `group-${i}@example.org`);
    const outcomes = await Promise.all(
      [...emails, 'group-0@example.org'].map((e) => batcher.submit(pendingSignature(petition, e))),
    );
    const roundTrips = spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
    for (const spy of spies) spy.mockRestore();
    expect(outcomes.filter((o) => o.fresh)).toHaveLength(40);
    expect(outcomes.at(-1)).toMatchObject({
      fresh: false,
      confirmationQueued: true,
      signatureId: outcomes[0]!.signatureId,
    });
    // Forty-one requests, a handful of statements: the duplicate
    // waited for the next batch, a statement and a transaction.
    expect(roundTrips).toBeLessThanOrEqual(6);
    expect((await signatureOf(petition.id, 'group-0@example.org'))!.confirmationsSent).toBe(2);
  });

  it('writes whatever else was in a batch when one signature cannot be written', async () => {
    const petition = await makeOpenPetition(db(), 'one-bad');
    const errors: [string | undefined, number][] = [];
    const careful = new SignatureBatcher({
      db: db(),
      secrets,
      emailDomain: 'localhost',
      maxInFlight: 1,
      onBatchError: (e, size) => errors.push([e.code, size]),
    });
    const results = await Promise.allSettled([
      careful.submit(pendingSignature(petition, 'fine-1@example.org')),
      careful.submit(pendingSignature({ id: 999_999, slug: 'nowhere' }, 'nowhere@example.org')),
      careful.submit(pendingSignature(petition, 'fine-2@example.org')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // A foreign key violation, said without the query's parameters: no one's email reaches a log.
    expect(errors).toEqual([['23503', 3]]);
    const reason = String((results[1] as PromiseRejectedResult).reason);
    expect(reason).toBe('SignatureWriteError: a signature could not be written (SQLSTATE 23503)');
    expect(await signatureOf(petition.id, 'fine-2@example.org')).toBeDefined();
  });

  it('answers the new signers of a batch whose follow-up failed, and tries only the others again', async () => {
    const petition = await makeOpenPetition(db(), 'follow-up-fails');
    await batcher.submit(pendingSignature(petition, 'again@example.org'));
    // The database refuses to re-send the repeat's link, as a lock timeout would.
    await refusing('update of confirmations_sent on petition_signatures', async () => {
      const errors: [string | undefined, number][] = [];
      const careful = new SignatureBatcher({
        db: db(),
        secrets,
        emailDomain: 'localhost',
        maxInFlight: 1,
        onBatchError: (e, size) => errors.push([e.code, size]),
      });
      const results = await Promise.allSettled([
        careful.submit(pendingSignature(petition, 'first-time@example.org')),
        careful.submit(pendingSignature(petition, 'again@example.org')),
      ]);
      expect(results[0]).toMatchObject({ status: 'fulfilled', value: { fresh: true, confirmationQueued: true } });
      expect(String((results[1] as PromiseRejectedResult).reason)).toBe(
        'SignatureWriteError: a signature could not be written (SQLSTATE 55P03)',
      );
      expect(errors).toEqual([['55P03', 2]]);
      // Answered once, emailed once: the new signer was not tried again as a repeat.
      expect(await emailsTo('first-time@example.org')).toHaveLength(1);
      expect((await signatureOf(petition.id, 'first-time@example.org'))!.confirmationsSent).toBe(1);
    });
  });

  it('answers a new signer as signed, once emailed, when only their newsletter request fails', async () => {
    const petition = await makeOpenPetition(db(), 'newsletter-fails');
    await refusing('insert on signup_confirmations', async () => {
      const newsletter = {
        givenName: 'Ana',
        familyName: 'Rivera',
        email: 'keen@example.org',
        zip: '97204',
        locale: 'en' as const,
        topics: ['newsletter' as const],
      };
      const outcome = await batcher.submit(pendingSignature(petition, 'keen@example.org', { newsletter }));
      expect(outcome).toMatchObject({ fresh: true, confirmationQueued: true, newsletterQueued: false });
      expect(await emailsTo('keen@example.org')).toHaveLength(1);
      expect((await signatureOf(petition.id, 'keen@example.org'))!.confirmationsSent).toBe(1);
    });
  });

  it('re-sends signatures made before nonces were kept the link they were first sent', async () => {
    const petition = await makeOpenPetition(db(), 'older-link');
    await batcher.submit(pendingSignature(petition, 'older@example.org'));
    const row = (await signatureOf(petition.id, 'older@example.org'))!;
    // As such a row is after migration 0009: no nonce, and a token derived from the petition and the person.
    const olderToken = secrets.hmac('links', `petition-signature:${petition.id}:${row.supporterId}`);
    await db()
      .update(signatures)
      .set({ tokenNonce: null, tokenHash: sha256(olderToken) })
      .where(eq(signatures.id, row.id));
    expect(await batcher.submit(pendingSignature(petition, 'older@example.org'))).toMatchObject({
      fresh: false,
      confirmationQueued: true,
    });
    const mail = (await emailsTo('older@example.org')).sort((a, b) => a.id - b.id);
    expect(mail.at(-1)!.data.token).toBe(olderToken);
    expect(await confirmSignature(db(), olderToken)).toMatchObject({ state: 'valid' });
  });

  it('confirms once, from a POST, and only then counts: in one of the shards', async () => {
    const petition = await makeOpenPetition(db(), 'confirm');
    await batcher.submit(pendingSignature(petition, 'rosa@example.org'));
    const token = await tokenFor(petition.id, 'rosa@example.org');
    expect(await checkSignature(db(), token)).toMatchObject({ state: 'valid', petitionId: petition.id });
    expect(await confirmSignature(db(), token)).toMatchObject({ state: 'valid' });
    expect(await confirmSignature(db(), token)).toEqual({ state: 'used', petitionId: petition.id });
    expect(await checkSignature(db(), 'x'.repeat(43))).toEqual({ state: 'unknown' });
    expect(await readCount(db(), petition.id)).toBe(1);
    const shards = await db()
      .select()
      .from(signatureCountShards)
      .where(eq(signatureCountShards.petitionId, petition.id));
    expect(shards).toHaveLength(1);
    expect(shards[0]!.shard).toBeGreaterThanOrEqual(0);
    expect(shards[0]!.shard).toBeLessThan(16);
    const row = await signatureOf(petition.id, 'rosa@example.org');
    expect(row!.status).toBe('verified');
    const events = await db().select().from(supporterEvents).where(eq(supporterEvents.supporterId, row!.supporterId));
    expect(events.map((e) => e.kind)).toEqual(['signed', 'signature-confirmed']);
    // Signing again once confirmed sends nothing.
    expect(await batcher.submit(pendingSignature(petition, 'rosa@example.org'))).toMatchObject({
      fresh: false,
      confirmationQueued: false,
    });
  });

  it('lets a pending signature expire after 30 days; a later repeat starts it again while under the cap', async () => {
    const petition = await makeOpenPetition(db(), 'expiry');
    const longAgo = new Date(Date.now() - SIGNATURE_PENDING_MS - 60_000);
    await writeSignatures(db(), [pendingSignature(petition, 'late@example.org')], { ...ctx, now: longAgo });
    const token = await tokenFor(petition.id, 'late@example.org');
    expect(await confirmSignature(db(), token)).toEqual({ state: 'expired', petitionId: petition.id });
    expect(await expirePending(db())).toBeGreaterThanOrEqual(1);
    expect((await signatureOf(petition.id, 'late@example.org'))!.status).toBe('expired');
    expect(await batcher.submit(pendingSignature(petition, 'late@example.org'))).toMatchObject({
      fresh: false,
      confirmationQueued: true,
    });
    const revived = await signatureOf(petition.id, 'late@example.org');
    expect(revived).toMatchObject({ status: 'pending', confirmationsSent: 2 });
    expect(revived!.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(await confirmSignature(db(), token)).toMatchObject({ state: 'valid' });
    expect(await readCount(db(), petition.id)).toBe(1);
  });

  it('asks for the newsletter through its own double opt-in, never subscribing directly', async () => {
    const petition = await makeOpenPetition(db(), 'newsletter');
    const newsletter = {
      givenName: 'Ana',
      familyName: 'Rivera',
      email: 'news@example.org',
      zip: '97204',
      locale: 'es' as const,
      topics: ['newsletter' as const],
    };
    const outcome = await batcher.submit(pendingSignature(petition, 'news@example.org', { newsletter }));
    expect(outcome.newsletterQueued).toBe(true);
    expect(await subscriptionsOf(db(), 'news@example.org')).toEqual({ newsletter: 'pending' });
    const mail = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'news@example.org'));
    expect(mail.map((m) => m.template).sort()).toEqual(['petition-confirm', 'signup-confirm']);
    await batcher.submit(pendingSignature(petition, 'nonews@example.org'));
    expect(await subscriptionsOf(db(), 'nonews@example.org')).toEqual({});
  });

  it('recounts from verified signatures, repairs drifted shards, records and logs what it fixed', async () => {
    const petition = await makeOpenPetition(db(), 'recount');
    for (let i = 0; i < 5; i++) {
      await batcher.submit(pendingSignature(petition, `count-${i}@example.org`));
      if (i < 4) await confirmSignature(db(), await tokenFor(petition.id, `count-${i}@example.org`));
    }
    expect(await readCount(db(), petition.id)).toBe(4);
    // Drift: a hand-made mistake in one shard, and a verified signature deleted with its supporter.
    await db()
      .insert(signatureCountShards)
      .values({ petitionId: petition.id, shard: 7, verified: 3 })
      .onConflictDoUpdate({
        target: [signatureCountShards.petitionId, signatureCountShards.shard],
        set: { verified: sql`${signatureCountShards.verified} + 3` },
      });
    await db().delete(supporters).where(eq(supporters.email, 'count-0@example.org'));
    expect(await readCount(db(), petition.id)).toBe(7);

    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ level: 'info', pretty: false });
    const spy = vi
      .spyOn(logger, 'warn')
      .mockImplementation(((obj: Record<string, unknown>) => lines.push(obj)) as never);
    vi.spyOn(logger, 'info').mockImplementation((() => {}) as never);
    const results = await recountAll(db(), logger);
    spy.mockRestore();
    expect(results.find((r) => r.petitionId === petition.id)).toEqual({ petitionId: petition.id, before: 7, after: 3 });
    expect(await readCount(db(), petition.id)).toBe(3);
    expect(lines).toContainEqual({ petitionId: petition.id, before: 7, after: 3 });
    // Numbers only: nothing about any person reaches the log.
    expect(JSON.stringify(lines)).not.toContain('@');
    const recorded = await db().select().from(recounts).where(eq(recounts.petitionId, petition.id));
    expect(recorded.map((r) => [r.before, r.after])).toEqual([[7, 3]]);
    // Confirmations after the repair still add up, and a second recount finds nothing to fix.
    await confirmSignature(db(), await tokenFor(petition.id, 'count-4@example.org'));
    const again = await recountAll(db(), createLogger({ level: 'silent', pretty: false }));
    expect(again.find((r) => r.petitionId === petition.id)).toEqual({ petitionId: petition.id, before: 4, after: 4 });
  });
});
