import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { subscriptions, supporters } from '../supporters/schema.ts';
import type { EventDraft } from './event-editing.ts';
import { eventRsvps, type RsvpNeeds, type RsvpStatus } from './schema.ts';

let made = 0;

/** An event's editor draft, in person, Tuesday 3 March 2027 9:00–16:00 Pacific, unless told otherwise. */
export function sampleDraft(more: Partial<EventDraft['facts']> = {}, title = 'Sample training'): EventDraft {
  return {
    facts: {
      slug: `sample-${Date.now().toString(36)}-${made++}`,
      format: 'in-person',
      startsAt: new Date('2027-03-02T17:00:00Z'),
      endsAt: new Date('2027-03-03T00:00:00Z'),
      timeZone: 'America/Los_Angeles',
      venue: 'Sample hall',
      address: '1 Sample Street, Salem',
      joinUrl: '',
      capacity: null,
      rsvpDeadline: null,
      meetsLegislators: false,
      imageId: null,
      ...more,
    },
    words: { en: { title, summary: 'A sample event.', descriptionMd: '', accessibilityNotes: '' } },
    sessions: [],
    questions: [],
  };
}

const noNeeds: RsvpNeeds = {
  interpretation: [],
  interpretationOther: '',
  accessibility: '',
  childcare: false,
  travelHelp: false,
};

/**
 * An RSVP written straight into the tables, as the RSVP side would leave it: the staff screens are tested without
 * going through the public form. A waitlisted one takes the next place in line.
 */
export async function addRsvp(
  db: Db,
  eventId: number,
  person: { givenName: string; familyName: string; zip?: string; eventsTopic?: boolean },
  status: RsvpStatus = 'confirmed',
  more: Partial<typeof eventRsvps.$inferInsert> = {},
) {
  const email = `${person.givenName}.${person.familyName}.${made++}@example.org`
    .toLowerCase()
    .replace(/[^a-z0-9.@]/g, 'x');
  const [supporter] = await db
    .insert(supporters)
    .values({
      email,
      emailAsTyped: email,
      givenName: person.givenName,
      familyName: person.familyName,
      zip: person.zip ?? null,
    })
    .returning({ id: supporters.id });
  if (person.eventsTopic)
    await db.insert(subscriptions).values({ supporterId: supporter!.id, topic: 'events', status: 'subscribed' });
  const [rsvp] = await db
    .insert(eventRsvps)
    .values({
      eventId,
      supporterId: supporter!.id,
      status,
      needs: noNeeds,
      waitlistOrder:
        status === 'waitlisted' ? sql`(select coalesce(max(waitlist_order), 0) + 1 from event_rsvps)` : null,
      manageTokenHash: randomBytes(16).toString('hex'),
      manageTokenNonce: randomBytes(16).toString('hex'),
      ...more,
    })
    .returning({ id: eventRsvps.id });
  return { rsvpId: rsvp!.id, supporterId: supporter!.id, email };
}
