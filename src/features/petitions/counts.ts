import { and, eq, lt, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { LoadingCache } from '../../platform/cache.ts';
import type { Db } from '../../platform/db/client.ts';
import { recurring } from '../../platform/recurring.ts';
import { recounts, signatureCountShards, signatures, petitions } from './schema.ts';

/**
 * A petition's verified count lives in SHARDS rows. A confirmation adds one
 * to a shard picked at random, so a thousand confirmations a second queue
 * on sixteen rows instead of one: the hot-row trap that stopped the UK
 * Parliament's petitions site in 2019. Reading the count is a sum of at
 * most sixteen small rows, cached in each process for up to a second.
 */
export const SHARDS = 16;

/** Adds `delta` verified signatures to the count; call it in the transaction that changed their status. */
export async function addToCount(
  db: Db,
  petitionId: number,
  delta: number,
  shard = Math.floor(Math.random() * SHARDS),
): Promise<void> {
  if (delta === 0) return;
  await db
    .insert(signatureCountShards)
    .values({ petitionId, shard, verified: delta })
    .onConflictDoUpdate({
      target: [signatureCountShards.petitionId, signatureCountShards.shard],
      set: { verified: sql`${signatureCountShards.verified} + ${delta}` },
    });
}

/** The count as the shards say, straight from the database. */
export async function readCount(db: Db, petitionId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${signatureCountShards.verified}), 0)::int` })
    .from(signatureCountShards)
    .where(eq(signatureCountShards.petitionId, petitionId));
  return row?.n ?? 0;
}

/**
 * Counts kept in this process for `maxAgeMs`: however many pages and
 * count.json requests arrive, each petition's shards are read about once a
 * second, and concurrent readers share one query. Once a count is older, the
 * next reader starts one new read and everyone keeps getting the previous
 * count until it lands: no visitor waits on a refresh.
 */
export class CountCache {
  private readonly kept: LoadingCache<number, number>;
  constructor(
    private readonly db: Db,
    maxAgeMs = 1000,
    maxPetitions = 1000,
  ) {
    this.kept = new LoadingCache({ max: maxPetitions, freshMs: maxAgeMs, serveStale: true });
  }

  get(petitionId: number): Promise<number> {
    return this.kept.get(petitionId, () => readCount(this.db, petitionId));
  }

  /** After a confirmation in this process: the signer sees their own signature counted at once. */
  forget(petitionId: number): void {
    this.kept.forget(petitionId);
  }
}

export type RecountResult = { petitionId: number; before: number; after: number };

/**
 * Recomputes every petition's count from its verified signatures and repairs
 * the shards when they drifted (an erased supporter's signatures vanish with
 * them, a crash between two statements of a hand-run fix…). Each petition
 * is one transaction that first locks its shard rows, so a confirmation
 * landing meanwhile is either in the recount or added after it, never lost
 * or counted twice. Every check is recorded in petition_recounts; a repair
 * is logged with numbers only.
 */
export async function recountAll(db: Db, logger: Logger, now = new Date()): Promise<RecountResult[]> {
  const expired = await expirePending(db, now);
  const all = await db.select({ id: petitions.id }).from(petitions).orderBy(petitions.id);
  const results: RecountResult[] = [];
  for (const { id } of all) {
    const result = await db.transaction(async (tx) => {
      // Every shard exists before the lock, so a confirmation cannot add a new row that the lock does not cover.
      await tx
        .insert(signatureCountShards)
        .values(Array.from({ length: SHARDS }, (_, shard) => ({ petitionId: id, shard, verified: 0 })))
        .onConflictDoNothing();
      const shards = await tx
        .select({ shard: signatureCountShards.shard, verified: signatureCountShards.verified })
        .from(signatureCountShards)
        .where(eq(signatureCountShards.petitionId, id))
        .for('update');
      const before = shards.reduce((sum, s) => sum + s.verified, 0);
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(signatures)
        .where(and(eq(signatures.petitionId, id), eq(signatures.status, 'verified')));
      // Signatures of people since erased count on as a number (forgetSignatures).
      const [petition] = await tx
        .select({ forgotten: petitions.forgottenVerified })
        .from(petitions)
        .where(eq(petitions.id, id));
      const after = (row?.n ?? 0) + (petition?.forgotten ?? 0);
      if (after !== before) {
        await tx.update(signatureCountShards).set({ verified: 0 }).where(eq(signatureCountShards.petitionId, id));
        await tx
          .update(signatureCountShards)
          .set({ verified: after })
          .where(and(eq(signatureCountShards.petitionId, id), eq(signatureCountShards.shard, 0)));
      }
      await tx.insert(recounts).values({ petitionId: id, before, after, at: now });
      return { petitionId: id, before, after };
    });
    if (result.before !== result.after)
      logger.warn({ petitionId: id, before: result.before, after: result.after }, 'petition count repaired');
    results.push(result);
  }
  const repaired = results.filter((r) => r.before !== r.after).length;
  logger.info({ petitions: results.length, repaired, expired }, 'petition recount finished');
  return results;
}

/** Pending signatures whose 30 days are over become expired (they never counted; now they stop waiting). */
export async function expirePending(db: Db, now = new Date()): Promise<number> {
  const rows = await db
    .update(signatures)
    .set({ status: 'expired' })
    .where(and(eq(signatures.status, 'pending'), lt(signatures.expiresAt, now)))
    .returning({ id: signatures.id });
  return rows.length;
}

/**
 * Runs the recount once a night at `hour` o'clock (the server's local time),
 * when few people sign. Several worker processes may each run it: the
 * shard locks make a second run find nothing to repair.
 */
export function nightlyRecount(options: { db: Db; logger: Logger; hour?: number }) {
  const hour = options.hour ?? 3;
  const untilNext = (now = new Date()) => {
    const next = new Date(now);
    next.setHours(hour, 0, 0, 0);
    if (next <= now) next.setDate(next.getDate() + 1);
    return next.getTime() - now.getTime();
  };
  return recurring({
    run: () => recountAll(options.db, options.logger),
    delayMs: () => untilNext(),
    onError: (error) => options.logger.error({ err: error }, 'petition recount failed'),
  });
}
