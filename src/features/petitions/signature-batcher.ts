import type { Secrets } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/client.ts';
import { GroupCommit, ItemFailure } from '../../platform/db/group-commit.ts';
import type { PendingSignature, SignOutcome } from './pending-signature.ts';
import { FollowUpFailed, writeSignatures } from './signing.ts';

/**
 * A signature that could not be written. The database's own error is not
 * passed on: its message repeats the query's parameters (names, emails),
 * which must never reach a log. Its SQLSTATE code is enough to diagnose.
 */
export class SignatureWriteError extends Error {
  override name = 'SignatureWriteError';
  constructor(readonly code: string | undefined) {
    super(`a signature could not be written (SQLSTATE ${code ?? 'unknown'})`);
  }
}

function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * Group commit for signatures (ADR 022). Requests arriving within
 * `maxWaitMs` of each other (or `maxRows` of them) are written together by
 * writeSignatures, and each is answered only after that has committed: what
 * we acknowledge, we keep. While `maxInFlight` batches are being written the
 * next one keeps filling, so under load batches grow instead of queueing.
 * The same person twice (even on two petitions, as their supporter row is
 * written once) never shares a batch: the second waits for the next, where
 * it is a repeat. A batch that fails is retried one signature at a time, so
 * one bad row cannot fail everyone else's.
 */
export class SignatureBatcher {
  private readonly batches: GroupCommit<PendingSignature, SignOutcome>;

  constructor(
    private readonly options: {
      db: Db;
      secrets: Secrets;
      emailDomain: string;
      maxRows?: number;
      maxWaitMs?: number;
      /** PostgreSQL commits several batches side by side; PGlite has one connection, so 1. */
      maxInFlight?: number;
      /** Told when a whole batch failed and was retried row by row: its SQLSTATE and size, nobody in it. */
      onBatchError?: (error: SignatureWriteError, size: number) => void;
    },
  ) {
    this.batches = new GroupCommit({
      maxItems: options.maxRows ?? 250,
      windowMs: options.maxWaitMs ?? 3,
      maxInFlight: options.maxInFlight ?? 4,
      apart: (signature) => signature.email,
      write: (batch) => this.write(batch),
    });
  }

  submit(signature: PendingSignature): Promise<SignOutcome> {
    return this.batches.add(signature);
  }

  /** Resolves once everything submitted so far is written (for a graceful stop and for tests). */
  drain(): Promise<void> {
    return this.batches.drain();
  }

  private async write(batch: PendingSignature[]): Promise<(SignOutcome | ItemFailure)[]> {
    const { db, secrets, emailDomain } = this.options;
    try {
      return await writeSignatures(db, batch, { secrets, emailDomain });
    } catch (error) {
      const refusal = new SignatureWriteError(sqlState(error));
      if (batch.length > 1) this.options.onBatchError?.(refusal, batch.length);
      // Those whose signature was written in full are answered; writeSignatures already tried each of the rest alone.
      if (error instanceof FollowUpFailed) return error.written.map((outcome) => outcome ?? new ItemFailure(refusal));
      if (batch.length === 1) return [new ItemFailure(refusal)];
      const outcomes: (SignOutcome | ItemFailure)[] = [];
      for (const signature of batch) outcomes.push(...(await this.write([signature])));
      return outcomes;
    }
  }
}
