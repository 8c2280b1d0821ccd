import { and, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { petitions, signatureCountShards, signatures } from './schema.ts';

/**
 * Deletes the signatures `which` selects, keeping each verified one in its petition's count as a number
 * (petitions.forgotten_verified): "signatures keep only an anonymous count" (issue 18). The petitions' count
 * shards are locked first, the lock the nightly recount holds while it counts, so a recount never sees the
 * rows gone without the number, nor both. Returns how many signatures went.
 */
export async function forgetSignatures(db: Db, which: SQL): Promise<number> {
  return db.transaction(async (tx) => {
    const touched = await tx
      .selectDistinct({ petitionId: signatures.petitionId })
      .from(signatures)
      .where(which)
      .orderBy(signatures.petitionId);
    if (touched.length === 0) return 0;
    const ids = touched.map((t) => t.petitionId);
    await tx
      .select({ shard: signatureCountShards.shard })
      .from(signatureCountShards)
      .where(inArray(signatureCountShards.petitionId, ids))
      .orderBy(signatureCountShards.petitionId, signatureCountShards.shard)
      .for('update');
    const gone = await tx
      .delete(signatures)
      .where(and(which, inArray(signatures.petitionId, ids)))
      .returning({ petitionId: signatures.petitionId, status: signatures.status });
    const verified = new Map<number, number>();
    for (const row of gone)
      if (row.status === 'verified') verified.set(row.petitionId, (verified.get(row.petitionId) ?? 0) + 1);
    for (const [petitionId, n] of verified)
      await tx
        .update(petitions)
        .set({ forgottenVerified: sql`${petitions.forgottenVerified} + ${n}` })
        .where(eq(petitions.id, petitionId));
    return gone.length;
  });
}

/** A person's signatures, in their erasure: gone, and counted on. */
export function forgetSignaturesOf(db: Db, supporterId: number): Promise<number> {
  return forgetSignatures(db, eq(signatures.supporterId, supporterId));
}

/**
 * The retention rule for closed petitions (features/retention): signatures on petitions closed before
 * `closedBefore`, but for signers `kept` (an SQL condition on a supporter id: those who subscribed).
 */
export function forgetSignaturesOnClosedPetitions(
  db: Db,
  closedBefore: Date,
  kept: (supporterId: SQL) => SQL,
): Promise<number> {
  const closed = db
    .select({ id: petitions.id })
    .from(petitions)
    .where(
      or(
        and(
          inArray(petitions.status, ['closed', 'archived']),
          lt(sql`coalesce(${petitions.closesAt}, ${petitions.updatedAt})`, closedBefore),
        ),
        lt(petitions.closesAt, closedBefore),
      ),
    );
  return forgetSignatures(
    db,
    and(inArray(signatures.petitionId, closed), sql`not (${kept(sql`${signatures.supporterId}`)})`)!,
  );
}
