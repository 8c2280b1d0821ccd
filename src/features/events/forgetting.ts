import { and, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { eventRsvps, events } from './schema.ts';

/**
 * The retention rule for past events (features/retention): RSVPs to events that ended before `endedBefore`, but
 * for people `kept` (an SQL condition on a supporter id: those who subscribed). Their reminder ledger goes by its
 * cascade. Returns how many RSVPs went.
 */
export async function forgetRsvpsToPastEvents(
  db: Db,
  endedBefore: Date,
  kept: (supporterId: SQL) => SQL,
): Promise<number> {
  const ended = db.select({ id: events.id }).from(events).where(lt(events.endsAt, endedBefore));
  const gone = await db
    .delete(eventRsvps)
    .where(and(inArray(eventRsvps.eventId, ended), sql`not (${kept(sql`${eventRsvps.supporterId}`)})`))
    .returning({ id: eventRsvps.id });
  return gone.length;
}
