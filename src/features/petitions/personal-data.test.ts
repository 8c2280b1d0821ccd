import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { Secrets } from '../../platform/crypto.ts';
import { createLogger } from '../../platform/logger.ts';
import { eraseSupporter } from '../supporters/data-rights.ts';
import { supporters } from '../supporters/schema.ts';
import { signatures } from './schema.ts';
import {
  confirmSignature,
  readCount,
  recountAll,
  signaturePersonalData,
  signatureToken,
  writeSignatures,
} from './service.ts';
import { makeOpenPetition, pendingSignature, seedTestZips } from './test-support.ts';

const secrets = new Secrets('test-secret-key-that-is-long-enough-0123456789');
const silent = createLogger({ level: 'silent', pretty: false });

describeEachDatabase("petitions' part of a person's data", (database) => {
  const db = () => database().db;
  beforeAll(async () => seedTestZips(db()));

  const sign = async (petition: { id: number; slug: string }, email: string, extra = {}) => {
    await writeSignatures(db(), [pendingSignature(petition, email, { ipHash: `ip-of-${email}`, ...extra })], {
      secrets,
      emailDomain: 'localhost',
    });
    const [row] = await db()
      .select({ supporterId: supporters.id, nonce: signatures.tokenNonce, tokenHash: signatures.tokenHash })
      .from(signatures)
      .innerJoin(supporters, eq(supporters.id, signatures.supporterId))
      .where(eq(supporters.email, email));
    return row!;
  };
  const confirm = async (nonce: string | null) =>
    expect((await confirmSignature(db(), signatureToken(secrets, nonce!))).state).toBe('valid');

  it('gives a signer every signature with what they gave, and no token, nonce or hash', async () => {
    const first = await makeOpenPetition(db(), 'data-first');
    const second = await makeOpenPetition(db(), 'data-second');
    const mine = await sign(first, 'signer@example.org', {
      street: '12 Oak St',
      city: 'Portland',
      comment: 'For my brother.',
      showPublicly: true,
    });
    await confirm(mine.nonce);
    const pending = await sign(second, 'signer@example.org');
    await sign(first, 'someone-else@example.org', { givenName: 'Other', comment: 'Not theirs.' });

    const part = signaturePersonalData;
    expect(part.name).toBe('signatures');
    const copy = await part.export(db(), { supporterId: mine.supporterId, emails: ['signer@example.org'] });
    expect(copy).toEqual([
      {
        petition: { slug: 'data-first', title: 'Safety for all (data-first)' },
        givenName: 'Ana',
        familyName: 'Rivera',
        zip: '97204',
        city: 'Portland',
        street: '12 Oak St',
        comment: 'For my brother.',
        showPublicly: true,
        status: 'verified',
        language: 'en',
        districts: { senate: '17', house: '33', source: 'zip' },
        signedAt: expect.any(String),
        verifiedAt: expect.any(String),
      },
      expect.objectContaining({ petition: { slug: 'data-second', title: 'Safety for all (data-second)' } }),
    ]);
    expect(copy[1]).toMatchObject({ status: 'pending', verifiedAt: null });
    const text = JSON.stringify(copy);
    for (const secret of [mine.nonce!, mine.tokenHash, pending.nonce!, 'ip-of-signer@example.org'])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/token|nonce|hash|"ip/i);
    expect(text).not.toContain('Not theirs.');
  });

  it('keeps an erased signer in the public count as a number, through the nightly recount', async () => {
    const petition = await makeOpenPetition(db(), 'data-count');
    const leaving = await sign(petition, 'leaving@example.org');
    const staying = await sign(petition, 'staying@example.org');
    const unconfirmed = await sign(petition, 'unconfirmed@example.org');
    await confirm(leaving.nonce);
    await confirm(staying.nonce);
    expect(await readCount(db(), petition.id)).toBe(2);

    expect(await eraseSupporter(db(), leaving.supporterId, null, [signaturePersonalData])).toBe(true);
    expect(await eraseSupporter(db(), unconfirmed.supporterId, null, [signaturePersonalData])).toBe(true);
    expect(await db().select().from(signatures).where(eq(signatures.petitionId, petition.id))).toHaveLength(1);
    expect(await readCount(db(), petition.id)).toBe(2);
    // Only the verified signature counts on: the unconfirmed one never counted.
    const recount = (await recountAll(db(), silent)).find((r) => r.petitionId === petition.id);
    expect(recount).toEqual({ petitionId: petition.id, before: 2, after: 2 });
    expect(await readCount(db(), petition.id)).toBe(2);
  });
});
