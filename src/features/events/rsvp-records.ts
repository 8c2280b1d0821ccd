import { eq, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { sha256, type Secrets } from '../../platform/crypto.ts';
import { supporterContact } from '../supporters/service.ts';
import { eventRsvps, events, type EventStatus } from './schema.ts';

// What RSVPs, their changes and the waitlist share: the link's token, the event's lock, a place in line.

/** What RSVPs need beyond the database: the key their links are made with, and the site's address. */
export type RsvpDeps = { secrets: Secrets; publicUrl: string; now?: () => Date };

/**
 * The manage link's token: an HMAC of the RSVP's random nonce, so every email about it (reminders too)
 * carries the same link, while the database keeps only the token's hash and a nonce that is no token.
 */
export function rsvpManageToken(secrets: Secrets, nonce: string): string {
  return secrets.hmac('links', `event-rsvp:${nonce}`);
}

/** The manage page's path (language-neutral; the email's `link` adds /es). */
export const rsvpManagePath = (token: string) => `/events/rsvp/${token}`;

export type LockedEvent = { id: number; slug: string; status: EventStatus; capacity: number | null; endsAt: Date };

/** The event's row, locked for the rest of the transaction: RSVPs, cancellations and promotions take turns on it. */
export async function lockEvent(tx: Db, eventId: number): Promise<LockedEvent | undefined> {
  const [row] = await tx
    .select({
      id: events.id,
      slug: events.slug,
      status: events.status,
      capacity: events.capacity,
      endsAt: events.endsAt,
    })
    .from(events)
    .where(eq(events.id, eventId))
    .for('update');
  return row;
}

/** A waiting RSVP's place in line: 1 is next. */
export async function waitlistPosition(
  db: Db,
  row: { eventId: number; waitlistOrder: number | null },
): Promise<number> {
  const [counted] = await rowsOf<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${eventRsvps}
        where event_id = ${row.eventId} and status = 'waitlisted' and waitlist_order <= ${row.waitlistOrder ?? 0}`,
  );
  return Math.max(1, Number(counted?.n ?? 1));
}

export type RsvpWithPerson = typeof eventRsvps.$inferSelect & { givenName: string; email: string };

/** The RSVP a manage link's token opens, with its owner's first name and address. */
export async function rsvpWithPerson(db: Db, token: string): Promise<RsvpWithPerson | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  // The person's name and address through the supporters feature's join; the RSVP's columns typed by the builder.
  const rows = await rowsOf<{ id: string | number }>(
    db,
    sql`select ${eventRsvps.id} as id, ${supporterContact.givenName} as "givenName", ${supporterContact.email} as email
        from ${eventRsvps} ${supporterContact.join(eventRsvps.supporterId)}
        where ${eventRsvps.manageTokenHash} = ${sha256(token)}`,
  );
  const found = rows[0] as { id: string | number; givenName: string; email: string } | undefined;
  if (!found) return undefined;
  const [rsvp] = await db
    .select()
    .from(eventRsvps)
    .where(eq(eventRsvps.id, Number(found.id)));
  return rsvp ? { ...rsvp, givenName: found.givenName, email: found.email } : undefined;
}

/**
 * For the supporters' purge: whether the person holds an RSVP. Someone who only RSVP'd has no subscription
 * or consent, and would otherwise be erased as an unconfirmed sign-up, their RSVP with them.
 */
export function hasRsvp(supporterId: SQL): SQL {
  return sql`exists (select 1 from ${eventRsvps} where ${eventRsvps.supporterId} = ${supporterId})`;
}
