import { and, asc, eq } from 'drizzle-orm';
import { afterCursor, exactTime, type ChangeFeed } from '../../platform/change-feed.ts';
import { signatures } from './schema.ts';

/** Signatures as they were verified (the signer used the emailed link), for the webhooks: ids only. */
export const signaturesVerified: ChangeFeed = async (db, after, until, limit) => {
  const rows = await db
    .select({
      id: signatures.id,
      at: exactTime(signatures.verifiedAt),
      petition: signatures.petitionId,
      person: signatures.supporterId,
    })
    .from(signatures)
    .where(and(eq(signatures.status, 'verified'), afterCursor(signatures.verifiedAt, signatures.id, after, until)))
    .orderBy(asc(signatures.verifiedAt), asc(signatures.id))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, at: r.at, ids: { signature: r.id, petition: r.petition, person: r.person } }));
};
