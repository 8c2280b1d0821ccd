import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { normalizeEmail } from '../../platform/email-address.ts';
import { sha256 } from '../../platform/crypto.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { enqueueEmail } from '../email/service.ts';
import { zipFacts } from '../reference/service.ts';
import { addToTimeline, requestSignup, upsertSupportersFrom } from '../supporters/service.ts';
import { eventById, rsvpOpen } from './events-read.ts';
import { rsvpEmail } from './rsvp-emails.ts';
import type { RsvpChange, RsvpInput } from './rsvp-inputs.ts';
import { lockEvent, rsvpManageToken, rsvpWithPerson, waitlistPosition, type RsvpDeps } from './rsvp-records.ts';
import { eventRsvps, type RsvpNeeds, type RsvpStatus } from './schema.ts';

export { cancelRsvp, cancelRsvpById, promoteWaitlist } from './rsvp-waitlist.ts';
export { rsvpManagePath, rsvpManageToken, type RsvpDeps } from './rsvp-records.ts';

export type RsvpOutcome =
  | { kind: 'confirmed'; manageToken: string }
  | { kind: 'waitlisted'; position: number; manageToken: string }
  | { kind: 'closed'; why: 'cancelled' | 'deadline-passed' | 'over' | 'draft' };

/** One RSVP as its manage page shows it. `position` is the place on the waitlist (1 = next), else null. */
export type RsvpView = {
  id: number;
  eventId: number;
  status: RsvpStatus;
  position: number | null;
  locale: Locale;
  givenName: string;
  sessionIds: number[];
  needs: RsvpNeeds;
  photoConsent: boolean;
  answers: Record<string, string>;
};

/** The wording of the RSVP form's "also email me about events" box, as its consent record names it. */
export const EVENTS_TOPIC_WORDING_VERSION = 'events-rsvp-2026-12-05';

/**
 * Someone answers an event's RSVP form. They become a supporter (or are found: details on record are
 * only filled in where blank), and in one transaction that holds the event's row locked, get the
 * seat if one is free and nobody is waiting, else the next place on the waitlist. Someone who already
 * holds a seat or a place keeps it, with their answers updated, and is sent the confirmation again.
 * Answered only once committed: what we acknowledge, we keep.
 */
export async function submitRsvp(
  db: Db,
  deps: RsvpDeps,
  eventId: number,
  input: RsvpInput,
  ctx: { locale: Locale; source?: string },
): Promise<RsvpOutcome> {
  const now = deps.now?.() ?? new Date();
  const event = await eventById(db, eventId, ctx.locale);
  if (!event) return { kind: 'closed', why: 'draft' };
  const open = rsvpOpen(event, now);
  if (!open.open) return { kind: 'closed', why: open.why };
  const emailDomain = new URL(deps.publicUrl).hostname;
  const email = normalizeEmail(input.email);
  // Districts and county only when the ZIP's area lies wholly in one: a ZIP across a line says "ask", never "guess".
  const facts = await zipFacts(db, input.zip);
  const only = (values: string[] | undefined) => (values?.length === 1 ? values[0]! : null);
  const district = (values: string[] | undefined) => {
    const n = Number(only(values));
    return only(values) !== null && Number.isInteger(n) ? n : null;
  };
  const senateDistrict = district(facts?.senateDistricts);
  const houseDistrict = district(facts?.houseDistricts);

  return db.transaction(async (tx) => {
    const [person] = await rowsOf<{ id: number }>(
      tx,
      upsertSupportersFrom(
        sql`select ${email}::text, ${input.email.trim()}::text, ${input.givenName}::text, ${input.familyName}::text,
          ${input.zip || null}::text, ${only(facts?.counties)}::text, ${ctx.locale}::text, ${ctx.source || null}::text`,
        now,
      ),
    );
    const supporterId = Number(person!.id);
    // Asked before the event's lock is taken, so the lock is held no longer than the seat takes.
    if (input.eventsTopic)
      await requestSignup(
        tx,
        {
          givenName: input.givenName,
          familyName: input.familyName,
          email: input.email,
          zip: input.zip,
          locale: ctx.locale,
          topics: ['events'],
          source: ctx.source,
        },
        { method: 'web-form', wordingVersion: EVENTS_TOPIC_WORDING_VERSION, emailDomain, now },
      );

    // Whoever takes this lock first is first: it orders the seats and the waitlist.
    const locked = await lockEvent(tx, eventId);
    if (locked?.status !== 'published')
      return { kind: 'closed', why: locked?.status === 'cancelled' ? 'cancelled' : 'draft' };
    const details = {
      locale: ctx.locale,
      sessionIds: input.sessionIds,
      needs: input.needs,
      answers: input.answers,
      photoConsent: input.photoConsent,
      phone: input.phone,
      senateDistrict,
      houseDistrict,
      updatedAt: now,
    };
    const [existing] = await tx
      .select()
      .from(eventRsvps)
      .where(and(eq(eventRsvps.eventId, eventId), eq(eventRsvps.supporterId, supporterId)));

    let row: typeof eventRsvps.$inferSelect;
    let change: 'rsvp' | 'rsvp-changed';
    if (existing && existing.status !== 'cancelled') {
      [row] = (await tx.update(eventRsvps).set(details).where(eq(eventRsvps.id, existing.id)).returning()) as [
        typeof row,
      ];
      change = 'rsvp-changed';
    } else {
      const [{ confirmed, waiting, lastOrder }] = (await rowsOf<{
        confirmed: number;
        waiting: number;
        lastOrder: number;
      }>(
        tx,
        sql`select count(*) filter (where status = 'confirmed')::int as confirmed,
              count(*) filter (where status = 'waitlisted')::int as waiting,
              coalesce(max(waitlist_order), 0)::bigint as "lastOrder"
            from ${eventRsvps} where event_id = ${eventId}`,
      )) as [{ confirmed: number; waiting: number; lastOrder: number }];
      // A free seat goes to whoever waits first (promotion), never to a newcomer ahead of them.
      const seat = locked.capacity === null || (Number(confirmed) < locked.capacity && Number(waiting) === 0);
      const placed = {
        ...details,
        status: (seat ? 'confirmed' : 'waitlisted') as RsvpStatus,
        waitlistOrder: seat ? null : Number(lastOrder) + 1,
        cancelledAt: null,
        promotedAt: null,
      };
      if (existing) {
        // Coming back after cancelling: the same link works again; the place is a new one.
        [row] = (await tx.update(eventRsvps).set(placed).where(eq(eventRsvps.id, existing.id)).returning()) as [
          typeof row,
        ];
      } else {
        const nonce = randomBytes(24).toString('base64url');
        [row] = (await tx
          .insert(eventRsvps)
          .values({
            ...placed,
            eventId,
            supporterId,
            manageTokenNonce: nonce,
            manageTokenHash: sha256(rsvpManageToken(deps.secrets, nonce)),
            createdAt: now,
          })
          .returning()) as [typeof row];
      }
      change = 'rsvp';
    }
    const position = row.status === 'waitlisted' ? await waitlistPosition(tx, row) : null;
    const manageToken = rsvpManageToken(deps.secrets, row.manageTokenNonce);
    await addToTimeline(tx, {
      supporterId,
      kind: change,
      detail: { eventId, slug: event.slug, status: row.status, ...(position ? { position } : {}) },
      at: now,
    });
    await enqueueEmail(
      tx,
      rsvpEmail(row.status === 'confirmed' ? 'confirmed' : 'waitlisted', {
        to: email,
        rsvp: row,
        token: manageToken,
        givenName: input.givenName,
        position,
        now,
      }),
      { domain: emailDomain },
    );
    return row.status === 'confirmed'
      ? { kind: 'confirmed', manageToken }
      : { kind: 'waitlisted', position: position ?? 1, manageToken };
  });
}

/** What the manage page shows for a token; undefined for a link that is no RSVP's. */
export async function rsvpByToken(db: Db, token: string): Promise<RsvpView | undefined> {
  const row = await rsvpWithPerson(db, token);
  return row ? viewOf(db, row) : undefined;
}

/**
 * The person changes their sessions, needs, photo consent or answers from their manage link. Their seat
 * or place stays theirs; the confirmation is sent again with what they now said. A cancelled RSVP is
 * shown as it is, unchanged (coming back is a new RSVP, by the form).
 */
export async function changeRsvp(
  db: Db,
  deps: RsvpDeps,
  token: string,
  input: RsvpChange,
): Promise<RsvpView | undefined> {
  const now = deps.now?.() ?? new Date();
  const found = await rsvpWithPerson(db, token);
  if (!found) return undefined;
  if (found.status === 'cancelled') return viewOf(db, found);
  const emailDomain = new URL(deps.publicUrl).hostname;
  return db.transaction(async (tx) => {
    const locked = await lockEvent(tx, found.eventId);
    const [row] = await tx
      .update(eventRsvps)
      .set({
        sessionIds: input.sessionIds,
        needs: input.needs,
        answers: input.answers,
        photoConsent: input.photoConsent,
        updatedAt: now,
      })
      .where(and(eq(eventRsvps.id, found.id), sql`${eventRsvps.status} <> 'cancelled'`))
      .returning();
    if (!row) return viewOf(tx, { ...found, status: 'cancelled' });
    const position = row.status === 'waitlisted' ? await waitlistPosition(tx, row) : null;
    await addToTimeline(tx, {
      supporterId: row.supporterId,
      kind: 'rsvp-changed',
      detail: { eventId: row.eventId, slug: locked?.slug, status: row.status },
      at: now,
    });
    await enqueueEmail(
      tx,
      rsvpEmail(row.status === 'confirmed' ? 'confirmed' : 'waitlisted', {
        to: found.email,
        rsvp: row,
        token,
        givenName: found.givenName,
        position,
        now,
      }),
      { domain: emailDomain },
    );
    return viewOf(tx, { ...row, givenName: found.givenName });
  });
}

async function viewOf(db: Db, row: typeof eventRsvps.$inferSelect & { givenName: string }): Promise<RsvpView> {
  return {
    id: row.id,
    eventId: row.eventId,
    status: row.status,
    position: row.status === 'waitlisted' ? await waitlistPosition(db, row) : null,
    locale: row.locale,
    givenName: row.givenName,
    sessionIds: row.sessionIds,
    needs: row.needs,
    photoConsent: row.photoConsent,
    answers: row.answers,
  };
}
