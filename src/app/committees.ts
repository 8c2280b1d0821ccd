import type { Db } from '../platform/db/client.ts';
import { committeeMembersOf, listCommittees } from '../features/reference/service.ts';

/**
 * The roster's committees as letter campaigns use them: the names staff pick from, and the
 * legislator ids who sit on one. Reference owns committees; letters only asks, through these.
 */
export const committeeNames = async (db: Db): Promise<string[]> => (await listCommittees(db)).map((c) => c.name);

export const committeeMemberIds = async (db: Db, committee: string): Promise<string[]> =>
  (await committeeMembersOf(db, committee)).map((m) => m.id);
