import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { putBackRows, setAsideRows } from '../../platform/db/row-snapshots.ts';
import type { MovedRows, PersonRowsPart } from '../../platform/person-merge.ts';
import { addToCount } from './counts.ts';
import { petitions, signatures, type SignatureStatus } from './schema.ts';

// A merge's count changes go to one shard, so that its undo leaves the shards exactly as they were.
const MERGE_SHARD = 0;
const strength: Record<SignatureStatus, number> = { verified: 3, pending: 2, expired: 1, invalidated: 0 };
type Signature = { id: number; petitionId: number; status: SignatureStatus; createdAt: Date };

/**
 * One signature per person per petition (ADR 069): when both records signed the same petition, the signature that
 * counts stays (verified before pending), else the earlier; the other is set aside whole in the merge log. Two
 * verified signatures of one person were counted twice: the count loses the one set aside, and the undo gives it back.
 */
function loserOf(a: Signature, b: Signature): Signature {
  if (strength[a.status] !== strength[b.status]) return strength[a.status] > strength[b.status] ? b : a;
  return a.createdAt.getTime() <= b.createdAt.getTime() ? b : a;
}

async function reassignSupporter(tx: Db, fromId: number, toId: number): Promise<MovedRows> {
  const columns = {
    id: signatures.id,
    petitionId: signatures.petitionId,
    status: signatures.status,
    createdAt: signatures.createdAt,
  };
  const [theirs, ours] = await Promise.all([
    tx.select(columns).from(signatures).where(eq(signatures.supporterId, fromId)),
    tx.select(columns).from(signatures).where(eq(signatures.supporterId, toId)),
  ]);
  const oursByPetition = new Map(ours.map((s) => [s.petitionId, s]));
  const losers = theirs.flatMap((s) => {
    const other = oursByPetition.get(s.petitionId);
    return other ? [loserOf(s, other)] : [];
  });
  const setAside =
    losers.length === 0
      ? []
      : await setAsideRows(
          tx,
          signatures,
          inArray(
            signatures.id,
            losers.map((l) => l.id),
          ),
        );
  for (const loser of losers) if (loser.status === 'verified') await addToCount(tx, loser.petitionId, -1, MERGE_SHARD);
  const moved = await tx
    .update(signatures)
    .set({ supporterId: toId })
    .where(eq(signatures.supporterId, fromId))
    .returning({ id: signatures.id });
  return { moved: moved.map((m) => m.id), setAside };
}

async function restoreSupporter(tx: Db, fromId: number, toId: number, rows: MovedRows): Promise<void> {
  if (rows.moved.length > 0)
    await tx
      .update(signatures)
      .set({ supporterId: fromId })
      .where(and(eq(signatures.supporterId, toId), inArray(signatures.id, rows.moved.map(Number))));
  await putBackRows(tx, signatures, rows.setAside);
  for (const row of rows.setAside as { petition_id: number; status: SignatureStatus }[])
    if (row.status === 'verified') await addToCount(tx, row.petition_id, 1, MERGE_SHARD);
}

/** The petitions this person signed, for their page. */
async function activity(db: Db, supporterId: number) {
  const rows = await db
    .select({ title: petitions.en, status: signatures.status, at: signatures.createdAt })
    .from(signatures)
    .innerJoin(petitions, eq(petitions.id, signatures.petitionId))
    .where(eq(signatures.supporterId, supporterId))
    .orderBy(desc(signatures.createdAt));
  return rows.map((r) => ({ what: r.title.title, status: r.status, at: r.at }));
}

/** Petitions' rows of a person: their signatures. */
export const signaturePersonRows: PersonRowsPart = {
  name: 'signatures',
  heading: 'Signatures',
  reassignSupporter,
  restoreSupporter,
  activity,
};
