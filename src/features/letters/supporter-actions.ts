import { sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/client.ts';
import { withinRange, type ActionSource } from '../../platform/supporter-actions.ts';
import { letterCampaigns, letterCampaignTranslations, letters } from './schema.ts';

/**
 * Writing to a campaign, for the supporter list's filters and segments (issue 18). The date is when the letter was
 * written; the districts those found from the address on it.
 */
export const writerActions: ActionSource = {
  kind: 'letter',
  label: 'Wrote to the campaign',
  async choices(db) {
    return rowsOf<{ id: number; title: string }>(
      db,
      sql`select c.id, coalesce(
            (select t.title from ${letterCampaignTranslations} t where t.campaign_id = c.id and t.locale = 'en'),
            (select t.title from ${letterCampaignTranslations} t where t.campaign_id = c.id and t.locale = 'es'),
            c.slug) as title
          from ${letterCampaigns} c where c.status <> 'draft' order by c.created_at desc, c.id desc`,
    );
  },
  supportersWho(campaignId, range) {
    const within = withinRange(letters.createdAt, range);
    return sql`select ${letters.supporterId} from ${letters} where ${letters.campaignId} = ${campaignId}${within}`;
  },
  supportersInDistrict(chamber, district) {
    const column = chamber === 'senate' ? letters.senateDistrict : letters.houseDistrict;
    return sql`select ${letters.supporterId} from ${letters} where ${column} = ${String(district)}`;
  },
};
