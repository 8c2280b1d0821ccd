import type { Db } from '../../platform/db/client.ts';
import type { PendingSignature, SigningContext, SignOutcome } from './pending-signature.ts';
import { followUp } from './signature-follow-up.ts';
import { insertSignatures } from './signature-statement.ts';

// Signing, in the order a signature travels: pending-signature.ts (what arrives, and the link it is sent),
// signature-batcher.ts (gathers signatures into batches), this file (writes one batch), signature-statement.ts
// (the one statement for new signers), signature-follow-up.ts (repeats and newsletter requests).

/**
 * Writes several people's signatures. The common case, everyone new, is one
 * statement, so one round trip: it upserts the supporters, inserts the
 * signatures, queues their confirmation emails and writes their timelines,
 * and commits on its own. Under a spike the time a batch takes is mostly
 * round trips, each waiting its turn on a busy event loop, so this is what
 * sets how many signatures a second one process can take.
 *
 * A person who signed before makes no second signature: their link is sent
 * again, up to CONFIRMATIONS_PER_SIGNATURE emails in all. That, and asking
 * for the newsletter, is done after, in one transaction for the batch. If it
 * fails, FollowUpFailed says which signers were already answered in full.
 * Each email appears at most once per batch (SignatureBatcher sees to it).
 * Outcomes come back in order.
 */
export async function writeSignatures(db: Db, batch: PendingSignature[], ctx: SigningContext): Promise<SignOutcome[]> {
  if (batch.length === 0) return [];
  const now = ctx.now ?? new Date();
  // Rows are locked in the order of their emails, so two batches sharing people wait for each other instead of
  // deadlocking.
  const sorted = [...batch].sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  const written = await insertSignatures(db, sorted, ctx, now);

  const outcomes = new Map<PendingSignature, SignOutcome>();
  const followUps: PendingSignature[] = [];
  for (const s of sorted) {
    const { signatureId } = written.get(s)!;
    if (signatureId === undefined || s.newsletter) followUps.push(s);
    else outcomes.set(s, { signatureId, fresh: true, confirmationQueued: true, newsletterQueued: false });
  }
  if (followUps.length > 0) {
    let failure: unknown;
    // Answers are taken only once the transaction has committed: one whose COMMIT fails leaves none behind.
    const attempt = (signers: PendingSignature[]) =>
      db
        .transaction((tx) => followUp(tx, signers, written, ctx, now))
        .catch((error: unknown) => {
          failure = error;
          return undefined;
        });
    const together = await attempt(followUps);
    if (together) for (const [s, outcome] of together) outcomes.set(s, outcome);
    else {
      // One at a time, so one signer's failure is only theirs.
      for (const s of followUps) {
        const outcome = (await attempt([s]))?.get(s);
        const { signatureId } = written.get(s)!;
        if (outcome) outcomes.set(s, outcome);
        // A new signer whose newsletter request failed has signed all the same, their link queued: answered so, not
        // tried again (which would send a second email and call them a repeat). The newsletter box goes unheeded.
        else if (signatureId !== undefined)
          outcomes.set(s, { signatureId, fresh: true, confirmationQueued: true, newsletterQueued: false });
      }
      if (batch.some((s) => !outcomes.has(s)))
        throw new FollowUpFailed(
          batch.map((s) => outcomes.get(s)),
          failure,
        );
    }
  }
  return batch.map((s) => outcomes.get(s)!);
}

/**
 * The follow-up transaction failed after the batch's signatures were committed: `written` holds the outcomes of those
 * already answered in full, in batch order.
 */
export class FollowUpFailed extends Error {
  override name = 'FollowUpFailed';
  constructor(
    readonly written: (SignOutcome | undefined)[],
    override readonly cause: unknown,
  ) {
    super('the follow-up to a batch of signatures failed');
  }
}
