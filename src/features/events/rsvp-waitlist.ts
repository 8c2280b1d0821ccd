import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { enqueueEmails, type NewEmail } from '../email/service.ts';
import { addToTimeline, supporterContact } from '../supporters/service.ts';
import { rsvpEmail } from './rsvp-emails.ts';
import {
  lockEvent,
  rsvpManageToken,
  rsvpWithPerson,
  type LockedEvent,
  type RsvpDeps,
  type RsvpWithPerson,
} from './rsvp-records.ts';
import { eventRsvps } from './schema.ts';

// Cancellations, and the waitlist moving up: each in the transaction that holds the event's row, as RSVPs are.

export type CancelOutcome = { cancelled: boolean; promoted: number[] };

/**
 * The person cancels from their manage link. A second press (or a link opened twice) finds it cancelled
 * already and changes nothing. A seat given up goes to the first person waiting, who is emailed.
 */
export async function cancelRsvp(db: Db, deps: RsvpDeps, token: string): Promise<CancelOutcome> {
  return cancel(db, deps, await rsvpWithPerson(db, token), 'person');
}

/** Staff cancel someone's RSVP (they told us they cannot come): the same as their own cancelling. */
export async function cancelRsvpById(db: Db, deps: RsvpDeps, rsvpId: number): Promise<CancelOutcome> {
  const [row] = await db
    .select({ nonce: eventRsvps.manageTokenNonce })
    .from(eventRsvps)
    .where(eq(eventRsvps.id, rsvpId));
  if (!row) return { cancelled: false, promoted: [] };
  return cancel(db, deps, await rsvpWithPerson(db, rsvpManageToken(deps.secrets, row.nonce)), 'staff');
}

/** Seats that became free (staff raised the capacity) go to those waiting, in order; each is emailed. */
export async function promoteWaitlist(db: Db, deps: RsvpDeps, eventId: number): Promise<number[]> {
  const now = deps.now?.() ?? new Date();
  return db.transaction(async (tx) => {
    const locked = await lockEvent(tx, eventId);
    return locked ? promoteIn(tx, deps, locked, now) : [];
  });
}

async function cancel(
  db: Db,
  deps: RsvpDeps,
  found: RsvpWithPerson | undefined,
  by: 'person' | 'staff',
): Promise<CancelOutcome> {
  if (!found || found.status === 'cancelled') return { cancelled: false, promoted: [] };
  const now = deps.now?.() ?? new Date();
  return db.transaction(async (tx) => {
    const locked = await lockEvent(tx, found.eventId);
    // The state is read again under the lock: of two cancels at once, one cancels and the other finds it done.
    const [row] = await tx
      .update(eventRsvps)
      .set({ status: 'cancelled', cancelledAt: now, updatedAt: now })
      .where(and(eq(eventRsvps.id, found.id), ne(eventRsvps.status, 'cancelled')))
      .returning({ id: eventRsvps.id, status: eventRsvps.status });
    if (!row || !locked) return { cancelled: false, promoted: [] };
    await addToTimeline(tx, {
      supporterId: found.supporterId,
      kind: 'rsvp-cancelled',
      detail: { eventId: found.eventId, slug: locked.slug, was: found.status, by },
      at: now,
    });
    await enqueueEmails(
      tx,
      [
        rsvpEmail('cancelled', {
          to: found.email,
          rsvp: found,
          token: rsvpManageToken(deps.secrets, found.manageTokenNonce),
          givenName: found.givenName,
          position: null,
          now,
        }),
      ],
      { domain: new URL(deps.publicUrl).hostname },
    );
    const promoted = found.status === 'confirmed' ? await promoteIn(tx, deps, locked, now) : [];
    return { cancelled: true, promoted };
  });
}

/**
 * Fills the event's free seats from the waitlist, first come first served, in the caller's transaction,
 * which holds the event's row. Nobody moves up for a cancelled event or one that is over.
 */
async function promoteIn(tx: Db, deps: RsvpDeps, event: LockedEvent, now: Date): Promise<number[]> {
  if (event.status !== 'published' || event.endsAt.getTime() <= now.getTime()) return [];
  const [counted] = await rowsOf<{ n: number }>(
    tx,
    sql`select count(*)::int as n from ${eventRsvps} where event_id = ${event.id} and status = 'confirmed'`,
  );
  const free = event.capacity === null ? null : event.capacity - Number(counted?.n ?? 0);
  if (free !== null && free <= 0) return [];
  const next = await tx
    .select({ id: eventRsvps.id })
    .from(eventRsvps)
    .where(and(eq(eventRsvps.eventId, event.id), eq(eventRsvps.status, 'waitlisted')))
    .orderBy(asc(eventRsvps.waitlistOrder), asc(eventRsvps.id))
    .limit(free ?? 1_000_000);
  if (next.length === 0) return [];
  const ids = next.map((n) => n.id);
  const moved = await tx
    .update(eventRsvps)
    .set({ status: 'confirmed', promotedAt: now, updatedAt: now })
    .where(sql`${eventRsvps.id} in (${sql.join(ids, sql`, `)})`)
    .returning();
  const people = await rowsOf<{ supporterId: number; givenName: string; email: string }>(
    tx,
    sql`select distinct ${eventRsvps.supporterId} as "supporterId", ${supporterContact.givenName} as "givenName",
          ${supporterContact.email} as email
        from ${eventRsvps} ${supporterContact.join(eventRsvps.supporterId)}
        where ${eventRsvps.id} in (${sql.join(ids, sql`, `)})`,
  );
  const emails: NewEmail[] = [];
  for (const row of moved.sort((a, b) => (a.waitlistOrder ?? 0) - (b.waitlistOrder ?? 0))) {
    const person = people.find((p) => Number(p.supporterId) === row.supporterId);
    if (!person) continue;
    await addToTimeline(tx, {
      supporterId: row.supporterId,
      kind: 'rsvp-promoted',
      detail: { eventId: event.id, slug: event.slug, status: 'confirmed' },
      at: now,
    });
    emails.push(
      rsvpEmail('promoted', {
        to: person.email,
        rsvp: row,
        token: rsvpManageToken(deps.secrets, row.manageTokenNonce),
        givenName: person.givenName,
        position: null,
        now,
      }),
    );
  }
  await enqueueEmails(tx, emails, { domain: new URL(deps.publicUrl).hostname });
  return moved.map((r) => r.id);
}
