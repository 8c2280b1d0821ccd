import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from './db/client.ts';

/** From and to, each optional, as instants: `from` inclusive, `to` exclusive. */
export type ActionRange = { from?: Date | undefined; to?: Date | undefined };
export type Chamber = 'senate' | 'house';

/** ` and <column> within the range`, to end a source's where clause (nothing when the range is open both ways). */
export function withinRange(column: AnyColumn, range: ActionRange): SQL {
  const from = range.from ? sql` and ${column} >= ${range.from.toISOString()}::timestamptz` : sql``;
  const to = range.to ? sql` and ${column} < ${range.to.toISOString()}::timestamptz` : sql``;
  return sql`${from}${to}`;
}

/**
 * Something a supporter does through another feature (signs a petition, RSVPs to an event, writes to a campaign),
 * for the supporter list's filters and saved segments (issue 18). The supporter list owns the person; each acting
 * feature offers a source, and the app hands every source to the supporter feature, which imports none of them and
 * never reads their tables. Each SQL is a select of one column, `supporter_id`, to be used as `id in (…)`.
 */
export type ActionSource = {
  /** The key in a segment's filters and in the list's query string: "petition", "event", "letter". */
  kind: string;
  /** The filter's label: "Signed the petition". */
  label: string;
  /** What staff choose from, newest first: an id and its title. */
  choices(db: Db): Promise<{ id: number; title: string }[]>;
  /** People who did it for this id (a petition's id), within the range. */
  supportersWho(id: number, range: ActionRange): SQL;
  /** People who did any of it with an address in this district (districts are kept only where people acted). */
  supportersInDistrict(chamber: Chamber, district: number): SQL;
};
