import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { enqueueEmails, type NewEmail } from '../email/service.ts';
import { requestSignup } from '../supporters/service.ts';
import { PETITION_NEWSLETTER_WORDING_VERSION } from './messages.ts';
import {
  CONFIRMATIONS_PER_SIGNATURE,
  confirmationEmail,
  SIGNATURE_PENDING_MS,
  signatureToken,
  type PendingSignature,
  type SigningContext,
  type SignOutcome,
} from './pending-signature.ts';
import { signatures } from './schema.ts';
import type { Written } from './signature-statement.ts';

/** Rows written before nonces were stored derive theirs from the petition and the person, as their tokens were then. */
const nonceOf = (row: { tokenNonce: string | null; petitionId: number; supporterId: number }) =>
  row.tokenNonce ?? `${row.petitionId}:${row.supporterId}`;

/**
 * Repeats, and newsletter requests: a pending (or lapsed) signature gets its
 * link again while under the cap, a confirmed one gets nothing; ticking the
 * newsletter box asks through the supporters feature, which keeps its own
 * double opt-in and daily cap.
 */
export async function followUp(
  tx: Db,
  signers: PendingSignature[],
  written: Written,
  ctx: SigningContext,
  now: Date,
): Promise<Map<PendingSignature, SignOutcome>> {
  const expiresAt = new Date(now.getTime() + SIGNATURE_PENDING_MS);
  // Newsletter requests first: they lock supporter rows, the repeats below signature rows, the same order as the
  // batch's statement takes them, so a batch and a follow-up sharing a person cannot deadlock.
  const newsletterQueued = new Set<PendingSignature>();
  for (const s of signers) {
    if (!s.newsletter) continue;
    const asked = await requestSignup(tx, s.newsletter, {
      method: 'web-form',
      wordingVersion: PETITION_NEWSLETTER_WORDING_VERSION,
      emailDomain: ctx.emailDomain,
      now,
    });
    if (asked.confirmationQueued) newsletterQueued.add(s);
  }
  const repeats = signers.filter((s) => written.get(s)!.signatureId === undefined);
  const personOf = (s: PendingSignature) => written.get(s)!.supporterId;
  const existing = new Map<PendingSignature, number>();
  const resent = new Set<PendingSignature>();
  const emails: NewEmail[] = [];
  for (const petitionId of new Set(repeats.map((s) => s.petitionId))) {
    const mine = repeats.filter((s) => s.petitionId === petitionId);
    const ids = mine.map(personOf);
    const updated = await tx
      .update(signatures)
      .set({
        confirmationsSent: sql`${signatures.confirmationsSent} + 1`,
        status: 'pending',
        // A lapsed signature starts a new 30 days; one still waiting keeps its date.
        expiresAt: sql`case when petition_signatures.status = 'expired'
            or petition_signatures.expires_at < ${now.toISOString()}::timestamptz
          then ${expiresAt.toISOString()}::timestamptz else petition_signatures.expires_at end`,
      })
      .where(
        and(
          eq(signatures.petitionId, petitionId),
          inArray(signatures.supporterId, ids),
          lt(signatures.confirmationsSent, CONFIRMATIONS_PER_SIGNATURE),
          or(eq(signatures.status, 'pending'), eq(signatures.status, 'expired')),
        ),
      )
      .returning({
        id: signatures.id,
        supporterId: signatures.supporterId,
        nth: signatures.confirmationsSent,
        tokenNonce: signatures.tokenNonce,
        petitionId: signatures.petitionId,
      });
    const byPerson = new Map(updated.map((u) => [u.supporterId, u]));
    const found = await tx
      .select({ id: signatures.id, supporterId: signatures.supporterId })
      .from(signatures)
      .where(and(eq(signatures.petitionId, petitionId), inArray(signatures.supporterId, ids)));
    const idOf = new Map(found.map((f) => [f.supporterId, f.id]));
    for (const s of mine) {
      const id = idOf.get(personOf(s));
      if (id !== undefined) existing.set(s, id);
      const u = byPerson.get(personOf(s));
      if (!u) continue;
      resent.add(s);
      const nonce = nonceOf(u);
      emails.push(confirmationEmail(s, nonce, signatureToken(ctx.secrets, nonce), u.nth));
    }
  }
  await enqueueEmails(tx, emails, { domain: ctx.emailDomain });

  const outcomes = new Map<PendingSignature, SignOutcome>();
  for (const s of signers) {
    const fresh = written.get(s)!.signatureId;
    outcomes.set(s, {
      signatureId: fresh ?? existing.get(s),
      fresh: fresh !== undefined,
      confirmationQueued: fresh !== undefined || resent.has(s),
      newsletterQueued: newsletterQueued.has(s),
    });
  }
  return outcomes;
}
