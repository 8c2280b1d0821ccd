import { and, eq, isNotNull, isNull, ne } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { eventRsvps, eventTranslations } from './schema.ts';

export type CheckInOutcome =
  /** Marked present now, or (`already`) before: a tap sent twice on a flaky connection counts once. */
  | { kind: 'checked-in'; at: Date; already: boolean }
  | { kind: 'undone'; already: boolean }
  /** No such RSVP for this event, or it was cancelled: nothing to mark. */
  | { kind: 'not-found' };

/** The event's English title for the audit sentence; never the attendee's name, which the log would outlive. */
async function eventLabel(tx: Db, eventId: number): Promise<string | undefined> {
  const [row] = await tx
    .select({ title: eventTranslations.title })
    .from(eventTranslations)
    .where(and(eq(eventTranslations.eventId, eventId), eq(eventTranslations.locale, 'en')));
  return row?.title;
}

/**
 * Marks someone present. The time is written only when none is there yet, so a repeated request (the tablet lost
 * its answer and sent again) keeps the first time and writes no second audit entry. Someone on the waitlist who
 * comes anyway may be let in and marked; a cancelled RSVP may not.
 */
export function checkIn(db: Db, eventId: number, rsvpId: number, actor: AuditActor | null): Promise<CheckInOutcome> {
  return db.transaction(async (tx) => {
    const mine = and(eq(eventRsvps.id, rsvpId), eq(eventRsvps.eventId, eventId), ne(eventRsvps.status, 'cancelled'));
    const [marked] = await tx
      .update(eventRsvps)
      .set({ checkedInAt: new Date() })
      .where(and(mine, isNull(eventRsvps.checkedInAt)))
      .returning({ at: eventRsvps.checkedInAt });
    if (!marked) {
      const [before] = await tx.select({ at: eventRsvps.checkedInAt }).from(eventRsvps).where(mine);
      return before?.at ? { kind: 'checked-in', at: before.at, already: true } : { kind: 'not-found' };
    }
    await recordAudit(tx, actor, {
      action: 'event.check-in',
      subjectType: 'event',
      subjectId: eventId,
      subjectLabel: await eventLabel(tx, eventId),
      after: { rsvp: rsvpId, checkedIn: true },
    });
    return { kind: 'checked-in', at: marked.at!, already: false };
  });
}

/** Takes a check-in back (the wrong name tapped); again, a repeat changes nothing. */
export function undoCheckIn(
  db: Db,
  eventId: number,
  rsvpId: number,
  actor: AuditActor | null,
): Promise<CheckInOutcome> {
  return db.transaction(async (tx) => {
    const mine = and(eq(eventRsvps.id, rsvpId), eq(eventRsvps.eventId, eventId));
    const [undone] = await tx
      .update(eventRsvps)
      .set({ checkedInAt: null })
      .where(and(mine, isNotNull(eventRsvps.checkedInAt)))
      .returning({ id: eventRsvps.id });
    if (!undone) {
      const [exists] = await tx.select({ id: eventRsvps.id }).from(eventRsvps).where(mine);
      return exists ? { kind: 'undone', already: true } : { kind: 'not-found' };
    }
    await recordAudit(tx, actor, {
      action: 'event.undo-check-in',
      subjectType: 'event',
      subjectId: eventId,
      subjectLabel: await eventLabel(tx, eventId),
      before: { rsvp: rsvpId, checkedIn: true },
      after: { rsvp: rsvpId, checkedIn: false },
    });
    return { kind: 'undone', already: false };
  });
}
