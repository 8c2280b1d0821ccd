import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { Secrets } from '../../platform/crypto.ts';
import { createLogger } from '../../platform/logger.ts';
import { retention, retentionCutoffs } from '../../platform/retention.ts';
import { supporters } from '../supporters/schema.ts';
import { signatures } from './schema.ts';
import {
  confirmSignature,
  deleteUnconfirmedSignatures,
  expirePending,
  forgetSignerAddresses,
  readCount,
  recountAll,
  signatureToken,
  writeSignatures,
} from './service.ts';
import { makeOpenPetition, pendingSignature, seedTestZips } from './test-support.ts';

const secrets = new Secrets('test-secret-key-that-is-long-enough-0123456789');
const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const silent = createLogger({ level: 'silent', pretty: false });

describeEachDatabase('what petitions keep no longer than the privacy notice says', (database) => {
  const db = () => database().db;
  beforeAll(async () => {
    await seedTestZips(db());
  });

  const sign = async (petition: { id: number; slug: string }, email: string, at: Date) => {
    await writeSignatures(db(), [pendingSignature(petition, email, { ipHash: `hash-of-${email}` })], {
      secrets,
      emailDomain: 'localhost',
      now: at,
    });
  };
  const signatureOf = async (petitionId: number, email: string) => {
    const [row] = await db()
      .select({ status: signatures.status, ipHash: signatures.ipHash, nonce: signatures.tokenNonce })
      .from(signatures)
      .innerJoin(supporters, eq(supporters.id, signatures.supporterId))
      .where(and(eq(signatures.petitionId, petitionId), eq(supporters.email, email)));
    return row;
  };
  const confirm = async (petitionId: number, email: string, at: Date) => {
    const { nonce } = (await signatureOf(petitionId, email))!;
    expect((await confirmSignature(db(), signatureToken(secrets, nonce!), at)).state).toBe('valid');
  };

  it('deletes exactly the signatures whose confirmation time is up, and no count moves', async () => {
    const petition = await makeOpenPetition(db(), 'retention-unconfirmed');
    const now = new Date();
    const period = retention.unconfirmedDays * DAY;
    const longAgo = new Date(now.getTime() - period - HOUR);
    await sign(petition, 'never-confirmed@example.org', longAgo);
    await sign(petition, 'marked-expired@example.org', longAgo);
    await sign(petition, 'still-waiting@example.org', new Date(now.getTime() - period + HOUR));
    await sign(petition, 'confirmed-long-ago@example.org', longAgo);
    await confirm(petition.id, 'confirmed-long-ago@example.org', new Date(longAgo.getTime() + DAY));
    await sign(petition, 'confirmed-lately@example.org', new Date(now.getTime() - DAY));
    await confirm(petition.id, 'confirmed-lately@example.org', now);
    await sign(petition, 'invalidated@example.org', longAgo);
    await db()
      .update(signatures)
      .set({ status: 'invalidated' })
      .where(eq(signatures.tokenNonce, (await signatureOf(petition.id, 'invalidated@example.org'))!.nonce!));
    // Lapsed, then signed again: a new period started five days ago.
    await sign(petition, 'signed-again@example.org', new Date(now.getTime() - 2 * period));
    await expirePending(db(), new Date(now.getTime() - 6 * DAY));
    await sign(petition, 'signed-again@example.org', new Date(now.getTime() - 5 * DAY));
    await expirePending(db(), now);
    expect((await signatureOf(petition.id, 'marked-expired@example.org'))!.status).toBe('expired');
    const countBefore = await readCount(db(), petition.id);
    expect(countBefore).toBe(2);

    // Batches of two ids: the doomed ones lie in different batches.
    expect(await deleteUnconfirmedSignatures(db(), { now, batchSize: 2 })).toBe(2);
    const left = await db()
      .select({ email: supporters.email, status: signatures.status })
      .from(signatures)
      .innerJoin(supporters, eq(supporters.id, signatures.supporterId))
      .where(eq(signatures.petitionId, petition.id));
    expect(Object.fromEntries(left.map((r) => [r.email, r.status]))).toEqual({
      'still-waiting@example.org': 'pending',
      'confirmed-long-ago@example.org': 'verified',
      'confirmed-lately@example.org': 'verified',
      'invalidated@example.org': 'invalidated',
      'signed-again@example.org': 'pending',
    });
    expect(await readCount(db(), petition.id)).toBe(countBefore);
    const recount = (await recountAll(db(), silent, now)).find((r) => r.petitionId === petition.id)!;
    expect(recount).toEqual({ petitionId: petition.id, before: 2, after: 2 });
    // A second run, or another process's, finds nothing more.
    expect(await deleteUnconfirmedSignatures(db(), { now })).toBe(0);
  });

  it('clears IP hashes before their stated hours are up, keeping the signatures and the newer hashes', async () => {
    const petition = await makeOpenPetition(db(), 'retention-ip');
    const now = new Date();
    const { signingIpBefore } = retentionCutoffs(now);
    // The next run is an interval later: every hash it would find past its hours is cleared by this one.
    expect(signingIpBefore.getTime()).toBeGreaterThan(now.getTime() - retention.signingIpHours * HOUR);
    await sign(petition, 'old-pending@example.org', new Date(now.getTime() - retention.signingIpHours * HOUR - 1));
    await sign(petition, 'old-verified@example.org', new Date(signingIpBefore.getTime() - 1));
    await confirm(petition.id, 'old-verified@example.org', now);
    await sign(petition, 'just-inside@example.org', new Date(signingIpBefore.getTime() + 1000));
    await sign(petition, 'recent@example.org', new Date(now.getTime() - 60_000));

    // The other tests' older signatures are cleared too: the purge covers every petition.
    expect(await forgetSignerAddresses(db(), { now, batchSize: 1 })).toBeGreaterThanOrEqual(2);
    expect(await signatureOf(petition.id, 'old-pending@example.org')).toMatchObject({
      status: 'pending',
      ipHash: null,
    });
    expect(await signatureOf(petition.id, 'old-verified@example.org')).toMatchObject({
      status: 'verified',
      ipHash: null,
    });
    expect((await signatureOf(petition.id, 'just-inside@example.org'))!.ipHash).toBe('hash-of-just-inside@example.org');
    expect((await signatureOf(petition.id, 'recent@example.org'))!.ipHash).toBe('hash-of-recent@example.org');
    expect(await readCount(db(), petition.id)).toBe(1);
    expect(await forgetSignerAddresses(db(), { now })).toBe(0);
  });

  it('gives each row to one of several purges running at once', async () => {
    const petition = await makeOpenPetition(db(), 'retention-together');
    const now = new Date();
    const longAgo = new Date(now.getTime() - retention.unconfirmedDays * DAY - HOUR);
    await writeSignatures(
      db(),
      Array.from({ length: 40 }, (_, i) => pendingSignature(petition, `together-${i}@example.org`)),
      { secrets, emailDomain: 'localhost', now: longAgo },
    );
    const runs = await Promise.all([1, 2, 3].map(() => deleteUnconfirmedSignatures(db(), { now, batchSize: 5 })));
    expect(runs.reduce((a, b) => a + b, 0)).toBe(40);
    const [left] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(signatures)
      .where(eq(signatures.petitionId, petition.id));
    expect(left!.n).toBe(0);
  });
});
