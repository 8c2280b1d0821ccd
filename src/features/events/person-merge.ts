import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { putBackRows, setAsideRows } from '../../platform/db/row-snapshots.ts';
import type { MovedRows, PersonRowsPart } from '../../platform/person-merge.ts';
import { eventReminders, eventRsvps, eventTranslations, events } from './schema.ts';

type Rsvp = { id: number; eventId: number; status: string; createdAt: Date };

/**
 * One RSVP per person per event (ADR 069): when both records answered the same event, the one still standing
 * (not cancelled) stays, else the earlier; the other is set aside whole, with its reminder ledger, for the undo.
 */
function loserOf(a: Rsvp, b: Rsvp): Rsvp {
  const standing = (r: Rsvp) => (r.status === 'cancelled' ? 0 : 1);
  if (standing(a) !== standing(b)) return standing(a) > standing(b) ? b : a;
  return a.createdAt.getTime() <= b.createdAt.getTime() ? b : a;
}

async function reassignSupporter(tx: Db, fromId: number, toId: number): Promise<MovedRows> {
  const columns = {
    id: eventRsvps.id,
    eventId: eventRsvps.eventId,
    status: eventRsvps.status,
    createdAt: eventRsvps.createdAt,
  };
  const [theirs, ours] = await Promise.all([
    tx.select(columns).from(eventRsvps).where(eq(eventRsvps.supporterId, fromId)),
    tx.select(columns).from(eventRsvps).where(eq(eventRsvps.supporterId, toId)),
  ]);
  const oursByEvent = new Map(ours.map((r) => [r.eventId, r]));
  const loserIds = theirs.flatMap((r) => {
    const other = oursByEvent.get(r.eventId);
    return other ? [loserOf(r, other).id] : [];
  });
  const setAside: unknown[] = [];
  if (loserIds.length > 0) {
    // The ledger first: its rows would go with the RSVP's by the cascade.
    const reminders = await setAsideRows(tx, eventReminders, inArray(eventReminders.rsvpId, loserIds));
    const rsvps = await setAsideRows(tx, eventRsvps, inArray(eventRsvps.id, loserIds));
    setAside.push({ rsvps, reminders });
  }
  const moved = await tx
    .update(eventRsvps)
    .set({ supporterId: toId })
    .where(eq(eventRsvps.supporterId, fromId))
    .returning({ id: eventRsvps.id });
  return { moved: moved.map((m) => m.id), setAside };
}

async function restoreSupporter(tx: Db, fromId: number, toId: number, rows: MovedRows): Promise<void> {
  if (rows.moved.length > 0)
    await tx
      .update(eventRsvps)
      .set({ supporterId: fromId })
      .where(and(eq(eventRsvps.supporterId, toId), inArray(eventRsvps.id, rows.moved.map(Number))));
  for (const group of rows.setAside as { rsvps: unknown[]; reminders: unknown[] }[]) {
    await putBackRows(tx, eventRsvps, group.rsvps);
    await putBackRows(tx, eventReminders, group.reminders);
  }
}

/** The events this person answered, for their page. */
async function activity(db: Db, supporterId: number) {
  const rows = await db
    .select({ title: eventTranslations.title, slug: events.slug, status: eventRsvps.status, at: eventRsvps.createdAt })
    .from(eventRsvps)
    .innerJoin(events, eq(events.id, eventRsvps.eventId))
    .leftJoin(eventTranslations, and(eq(eventTranslations.eventId, events.id), eq(eventTranslations.locale, 'en')))
    .where(eq(eventRsvps.supporterId, supporterId))
    .orderBy(desc(eventRsvps.createdAt));
  return rows.map((r) => ({ what: r.title ?? r.slug, status: r.status, at: r.at }));
}

/** Events' rows of a person: their RSVPs. */
export const rsvpPersonRows: PersonRowsPart = {
  name: 'rsvps',
  heading: 'RSVPs',
  reassignSupporter,
  restoreSupporter,
  activity,
};
