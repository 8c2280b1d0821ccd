import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import type { Locale } from '../../platform/web/locale.ts';
import type { Chamber } from '../reference/service.ts';
import { supporterContact } from '../supporters/service.ts';
import { letterDeliveries, letters } from './schema.ts';

/**
 * What staff show lawmakers: how many letters each legislator received, how many of them from their own
 * constituents, letters per district (for the map), and the packet printed for a lobby meeting.
 */

export type LegislatorTally = {
  legislatorId: string;
  name: string;
  chamber: Chamber;
  district: string;
  letters: number;
  /** Letters whose writer lives in the legislator's own district. */
  constituents: number;
  /** How many went to the office itself (live delivery on); the rest went to the review address. */
  live: number;
  sent: number;
};

/** The writer's district in the legislator's chamber is the legislator's: a constituent. */
const constituent = sql`(case when ${letterDeliveries.chamber} = 'upper' then ${letters.senateDistrict}
  else ${letters.houseDistrict} end) = ${letterDeliveries.district}`;

/** Letters per legislator as delivered (the name and seat as they were when sent), most letters first. */
export async function lettersPerLegislator(db: Db, campaignId: number): Promise<LegislatorTally[]> {
  const rows = await db
    .select({
      legislatorId: letterDeliveries.legislatorId,
      name: letterDeliveries.legislatorName,
      chamber: letterDeliveries.chamber,
      district: letterDeliveries.district,
      letters: sql<number>`count(*)::int`,
      constituents: sql<number>`(count(*) filter (where ${constituent}))::int`,
      live: sql<number>`(count(*) filter (where ${letterDeliveries.live}))::int`,
      sent: sql<number>`(count(*) filter (where ${letterDeliveries.status} = 'sent'))::int`,
    })
    .from(letterDeliveries)
    .innerJoin(letters, eq(letters.id, letterDeliveries.letterId))
    .where(eq(letters.campaignId, campaignId))
    .groupBy(
      letterDeliveries.legislatorId,
      letterDeliveries.legislatorName,
      letterDeliveries.chamber,
      letterDeliveries.district,
    );
  return rows
    .map((r) => ({
      ...r,
      chamber: r.chamber as Chamber,
      letters: Number(r.letters),
      constituents: Number(r.constituents),
      live: Number(r.live),
      sent: Number(r.sent),
    }))
    .sort((a, b) => b.letters - a.letters || a.name.localeCompare(b.name));
}

export type DistrictTally = { district: string; letters: number };

/** Letters per district of each chamber, by where the writers live: what the maps shade. */
export async function lettersPerDistrict(db: Db, campaignId: number): Promise<Record<Chamber, DistrictTally[]>> {
  const tally = async (chamber: Chamber) => {
    const column = chamber === 'upper' ? letters.senateDistrict : letters.houseDistrict;
    const rows = await db
      .select({ district: sql<string>`${column}`, letters: sql<number>`count(*)::int` })
      .from(letters)
      .where(and(eq(letters.campaignId, campaignId), isNotNull(column)))
      .groupBy(column);
    return rows
      .map((r) => ({ district: r.district, letters: Number(r.letters) }))
      .sort((a, b) => Number(a.district) - Number(b.district));
  };
  const [upper, lower] = await Promise.all([tally('upper'), tally('lower')]);
  return { upper, lower };
}

/** Enough letters for any packet anyone would print; the page says when there are more. */
export const PACKET_LETTER_LIMIT = 500;

export type PacketLetter = {
  letterId: number;
  givenName: string;
  familyName: string;
  city: string;
  zip: string;
  locale: Locale;
  body: string;
  story: string;
  constituent: boolean;
  writtenAt: Date;
};

export type PacketSection = { tally: LegislatorTally; letters: PacketLetter[] };

/**
 * The lobby packet: for each legislator (or the one asked for), the count of letters and of constituents', then
 * the letters themselves, constituents first. A writer is named by name, city and ZIP, as the office already saw
 * them in the letter; never their street or email, which a packet left on a desk has no need of.
 */
export async function lobbyPacket(db: Db, campaignId: number, legislatorId?: string): Promise<PacketSection[]> {
  const tallies = (await lettersPerLegislator(db, campaignId)).filter(
    (t) => legislatorId === undefined || t.legislatorId === legislatorId,
  );
  if (tallies.length === 0) return [];
  type Row = {
    legislator_id: string;
    letter_id: string | number;
    given_name: string | null;
    family_name: string | null;
    city: string;
    zip: string;
    locale: Locale;
    body: string;
    story: string;
    constituent: boolean;
    written_at: string | Date;
  };
  const d = letterDeliveries;
  const l = letters;
  // Each legislator's first letters, constituents first, cut at the limit by a window, not in memory.
  const rows = await rowsOf<Row>(
    db,
    sql`select * from (
          select ${d.legislatorId} as legislator_id, ${l.id} as letter_id,
            ${supporterContact.givenName} as given_name, ${supporterContact.familyName} as family_name,
            ${l.city} as city, ${l.zip} as zip, ${l.locale} as locale, ${l.body} as body, ${l.story} as story,
            coalesce(${constituent}, false) as constituent, ${l.createdAt} as written_at,
            row_number() over (partition by ${d.legislatorId}
              order by coalesce(${constituent}, false) desc, ${l.createdAt}, ${l.id}) as place
          from ${d} join ${l} on ${l.id} = ${d.letterId} ${supporterContact.join(l.supporterId)}
          where ${l.campaignId} = ${campaignId}
            ${legislatorId === undefined ? sql`` : sql`and ${d.legislatorId} = ${legislatorId}`}
        ) ranked where place <= ${PACKET_LETTER_LIMIT} order by legislator_id, place`,
  );
  return tallies.map((t) => ({
    tally: t,
    letters: rows
      .filter((r) => r.legislator_id === t.legislatorId)
      .map((r) => ({
        letterId: Number(r.letter_id),
        givenName: r.given_name ?? '',
        familyName: r.family_name ?? '',
        city: r.city,
        zip: r.zip,
        locale: r.locale,
        body: r.body,
        story: r.story,
        constituent: r.constituent === true || String(r.constituent) === 't',
        writtenAt: new Date(r.written_at),
      })),
  }));
}

/** One line per legislator, for a spreadsheet: the counts, never a writer's details. */
export function tallyCsv(tallies: LegislatorTally[]): string {
  const cell = (v: string | number) => {
    const text = String(v);
    // A leading = + - @ would be a formula to a spreadsheet: quoted and prefixed, it stays text.
    const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    return /[",\n\r]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const head = ['Legislator', 'Chamber', 'District', 'Letters', 'From constituents', 'To the office', 'Sent'];
  const lines = tallies.map((t) =>
    [t.name, t.chamber === 'upper' ? 'Senate' : 'House', t.district, t.letters, t.constituents, t.live, t.sent]
      .map(cell)
      .join(','),
  );
  return `${[head.join(','), ...lines].join('\r\n')}\r\n`;
}
