import { sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/client.ts';
import { withinRange, type ActionSource } from '../../platform/supporter-actions.ts';
import { petitions, signatures } from './schema.ts';

/**
 * Signing, for the supporter list's filters and segments (issue 18). Only confirmed signatures count: a pending one
 * may have been typed by anyone. The districts are those found from the address given when signing.
 */
export const signerActions: ActionSource = {
  kind: 'petition',
  label: 'Signed the petition',
  async choices(db) {
    return rowsOf<{ id: number; title: string }>(
      db,
      sql`select ${petitions.id} as id, ${petitions.en}->>'title' as title from ${petitions}
          where ${petitions.status} <> 'draft' order by ${petitions.createdAt} desc, ${petitions.id} desc`,
    );
  },
  supportersWho(petitionId, range) {
    const within = withinRange(signatures.createdAt, range);
    return sql`select ${signatures.supporterId} from ${signatures}
      where ${signatures.petitionId} = ${petitionId} and ${signatures.status} = 'verified'${within}`;
  },
  supportersInDistrict(chamber, district) {
    const column = chamber === 'senate' ? signatures.senateDistrict : signatures.houseDistrict;
    return sql`select ${signatures.supporterId} from ${signatures}
      where ${column} = ${String(district)} and ${signatures.status} = 'verified'`;
  },
};
