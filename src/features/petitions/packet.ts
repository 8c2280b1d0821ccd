import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { legislatorsFor, referenceStatus, type Chamber, type Legislator } from '../reference/service.ts';
import { signatures } from './schema.ts';

/**
 * The delivery packet: what a legislator is handed about one petition, from
 * their own district only: the verified count and what constituents wrote.
 */

/** Chambers as staff say them in addresses; the reference data says upper and lower. */
export const packetChambers = { senate: 'upper', house: 'lower' } as const satisfies Record<string, Chamber>;
export type PacketChamber = keyof typeof packetChambers;

const districtColumn = (chamber: PacketChamber) =>
  chamber === 'senate' ? signatures.senateDistrict : signatures.houseDistrict;

/** Verified signatures per district of each chamber, for the packet index. A staff page, so counting rows is fine. */
export async function districtTallies(
  db: Db,
  petitionId: number,
): Promise<Record<PacketChamber, { district: string; verified: number }[]>> {
  const tally = async (chamber: PacketChamber) => {
    const column = districtColumn(chamber);
    const rows = await db
      .select({ district: sql<string>`${column}`, verified: sql<number>`count(*)::int` })
      .from(signatures)
      .where(and(eq(signatures.petitionId, petitionId), eq(signatures.status, 'verified'), isNotNull(column)))
      .groupBy(column);
    return rows
      .map((r) => ({ district: r.district, verified: Number(r.verified) }))
      .sort((a, b) => Number(a.district) - Number(b.district));
  };
  const [senate, house] = await Promise.all([tally('senate'), tally('house')]);
  return { senate, house };
}

/** Enough comments for any packet anyone would print; the page says when there are more. */
export const PACKET_COMMENT_LIMIT = 1_000;

export type PacketComment = {
  id: number;
  comment: string;
  givenName: string | null;
  city: string | null;
  locale: Locale;
};

export type Packet = {
  verified: number;
  comments: PacketComment[];
  /** All comments from the district, which may be more than are shown. */
  commentCount: number;
  /** Undefined: the roster is not loaded at all. Empty: loaded, and the seat is vacant. */
  legislators: Legislator[] | undefined;
};

/**
 * Only verified signatures count and speak: a pending one may be someone
 * who never confirmed, or someone else using their address.
 *
 * Comments: every verified signer's comment is included, because they wrote
 * it to the petition's target, and the packet is how it reaches them. Who
 * wrote it is another matter: the first name and city appear only for
 * signers who agreed to be shown publicly; the others' comments stand as
 * "a constituent". Never a family name, street or email: a legislator's
 * office needs to know the comment is local, not who to look up.
 */
export async function packetFor(db: Db, petitionId: number, chamber: PacketChamber, district: string): Promise<Packet> {
  const column = districtColumn(chamber);
  const inDistrict = and(
    eq(signatures.petitionId, petitionId),
    eq(signatures.status, 'verified'),
    eq(column, district),
  );
  const withComment = and(inDistrict, isNotNull(signatures.comment), sql`btrim(${signatures.comment}) <> ''`);
  const [[counts], rows, status] = await Promise.all([
    db
      .select({
        verified: sql<number>`count(*)::int`,
        comments: sql<number>`(count(*) filter (where ${signatures.comment} is not null
          and btrim(${signatures.comment}) <> ''))::int`,
      })
      .from(signatures)
      .where(inDistrict),
    db
      .select({
        id: signatures.id,
        comment: signatures.comment,
        showPublicly: signatures.showPublicly,
        givenName: signatures.givenName,
        city: signatures.city,
        locale: signatures.locale,
      })
      .from(signatures)
      .where(withComment)
      .orderBy(asc(signatures.createdAt), asc(signatures.id))
      .limit(PACKET_COMMENT_LIMIT),
    referenceStatus(db),
  ]);
  const comments = rows.map((r) => ({
    id: r.id,
    comment: r.comment!.trim(),
    givenName: r.showPublicly ? r.givenName : null,
    city: r.showPublicly ? r.city : null,
    locale: r.locale,
  }));
  return {
    verified: Number(counts?.verified ?? 0),
    comments,
    commentCount: Number(counts?.comments ?? 0),
    legislators: status.legislators > 0 ? await legislatorsFor(db, packetChambers[chamber], district) : undefined,
  };
}
