import { asc } from 'drizzle-orm';
import { afterCursor, exactTime, type ChangeFeed } from '../../platform/change-feed.ts';
import { letters } from './schema.ts';

/** Letters as they were sent (a letter row is written when its writer sends it), for the webhooks: ids only. */
export const lettersSent: ChangeFeed = async (db, after, until, limit) => {
  const rows = await db
    .select({
      id: letters.id,
      at: exactTime(letters.createdAt),
      campaign: letters.campaignId,
      person: letters.supporterId,
    })
    .from(letters)
    .where(afterCursor(letters.createdAt, letters.id, after, until))
    .orderBy(asc(letters.createdAt), asc(letters.id))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, at: r.at, ids: { letter: r.id, campaign: r.campaign, person: r.person } }));
};
