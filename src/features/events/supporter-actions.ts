import { sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/client.ts';
import { withinRange, type ActionSource } from '../../platform/supporter-actions.ts';
import { eventRsvps, events, eventTranslations } from './schema.ts';

/**
 * RSVPing, for the supporter list's filters and segments (issue 18): a confirmed or waitlisted RSVP, not one they
 * cancelled. The date is when they RSVPed; the districts those found from what they gave when they did.
 */
export const rsvpActions: ActionSource = {
  kind: 'event',
  label: 'RSVPed to the event',
  async choices(db) {
    return rowsOf<{ id: number; title: string }>(
      db,
      sql`select e.id, coalesce(
            (select t.title from ${eventTranslations} t where t.event_id = e.id and t.locale = 'en'),
            (select t.title from ${eventTranslations} t where t.event_id = e.id and t.locale = 'es'),
            e.slug) as title
          from ${events} e where e.status <> 'draft' order by e.starts_at desc, e.id desc`,
    );
  },
  supportersWho(eventId, range) {
    const within = withinRange(eventRsvps.createdAt, range);
    return sql`select ${eventRsvps.supporterId} from ${eventRsvps}
      where ${eventRsvps.eventId} = ${eventId} and ${eventRsvps.status} <> 'cancelled'${within}`;
  },
  supportersInDistrict(chamber, district) {
    const column = chamber === 'senate' ? eventRsvps.senateDistrict : eventRsvps.houseDistrict;
    return sql`select ${eventRsvps.supporterId} from ${eventRsvps}
      where ${column} = ${district} and ${eventRsvps.status} <> 'cancelled'`;
  },
};
