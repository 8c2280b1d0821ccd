import { asc } from 'drizzle-orm';
import { afterCursor, exactTime, type ChangeFeed } from '../../platform/change-feed.ts';
import { eventRsvps } from './schema.ts';

/** RSVPs as they were made (a seat or a waitlist place), for the webhooks: ids only. */
export const rsvpsCreated: ChangeFeed = async (db, after, until, limit) => {
  const rows = await db
    .select({
      id: eventRsvps.id,
      at: exactTime(eventRsvps.createdAt),
      event: eventRsvps.eventId,
      person: eventRsvps.supporterId,
    })
    .from(eventRsvps)
    .where(afterCursor(eventRsvps.createdAt, eventRsvps.id, after, until))
    .orderBy(asc(eventRsvps.createdAt), asc(eventRsvps.id))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, at: r.at, ids: { rsvp: r.id, event: r.event, person: r.person } }));
};
