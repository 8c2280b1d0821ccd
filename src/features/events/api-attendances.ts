import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import { offsetOf, pageConditions, placeOf, type ApiPaging, type Placed } from '../../platform/api-paging.ts';
import { sha256 } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/client.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { eventById, rsvpOpen } from './events-read.ts';
import { rsvpInputFor } from './rsvp-inputs.ts';
import { submitRsvp } from './rsvp.ts';
import type { RsvpDeps } from './rsvp-records.ts';
import {
  eventQuestions,
  eventRsvps,
  events,
  eventSessions,
  eventTranslations,
  type EventFormat,
  type QuestionKind,
  type RsvpStatus,
} from './schema.ts';

/**
 * Events and their RSVPs as the OSDI API reads and writes them (issue 20). The API feature shapes the JSON;
 * this file is the events' side: which events (published and cancelled ones, as the public list shows;
 * drafts never), in which order, and an RSVP made by exactly the web form's rules.
 */
export type ApiEvent = {
  id: number;
  slug: string;
  status: 'published' | 'cancelled';
  format: EventFormat;
  /** English words, as the page shows them first. */
  title: string;
  summary: string;
  descriptionMd: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  /** In person only; an online event's join link is for confirmed attendees and never given here. */
  venue: string;
  address: string;
  capacity: number | null;
  /** Confirmed RSVPs. */
  accepted: number;
  /** The parts of the day one may choose, and the form's questions, in English: an RSVP answers them by id. */
  sessions: { id: number; startsAt: Date; endsAt: Date; title: string }[];
  questions: { id: number; kind: QuestionKind; label: string; choices: string[]; required: boolean }[];
  createdAt: Date;
  modifiedAt: Date;
};

/**
 * An event's words live in event_translations, edited with it: its modified time is the later of the
 * event's row and its words'. The seats taken move without changing it: a sync reads total_accepted when
 * it reads the event.
 */
const eventModified = sql<Date>`greatest(${events.updatedAt}, coalesce((select max(t.updated_at)
  from ${eventTranslations} t where t.event_id = ${events.id}), ${events.updatedAt}))`;

const eventColumns = {
  id: events.id,
  slug: events.slug,
  status: events.status,
  format: events.format,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  timeZone: events.timeZone,
  venue: events.venue,
  address: events.address,
  capacity: events.capacity,
  createdAt: events.createdAt,
  modifiedAt: sql`${eventModified}`.mapWith(events.updatedAt),
  at: placeOf(eventModified),
};

const visible = ne(events.status, 'draft');

type EventRow = Awaited<ReturnType<typeof selectEvents>>[number];
const selectEvents = (db: Db) => db.select(eventColumns).from(events);

async function eventsOf(db: Db, rows: EventRow[]): Promise<ApiEvent[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [words, seats, sessions, questions] = await Promise.all([
    db
      .select({
        eventId: eventTranslations.eventId,
        title: eventTranslations.title,
        summary: eventTranslations.summary,
        descriptionMd: eventTranslations.descriptionMd,
      })
      .from(eventTranslations)
      .where(and(inArray(eventTranslations.eventId, ids), eq(eventTranslations.locale, 'en'))),
    db
      .select({ eventId: eventRsvps.eventId, n: count() })
      .from(eventRsvps)
      .where(and(inArray(eventRsvps.eventId, ids), eq(eventRsvps.status, 'confirmed')))
      .groupBy(eventRsvps.eventId),
    db
      .select()
      .from(eventSessions)
      .where(inArray(eventSessions.eventId, ids))
      .orderBy(asc(eventSessions.position), asc(eventSessions.startsAt), asc(eventSessions.id)),
    db
      .select()
      .from(eventQuestions)
      .where(inArray(eventQuestions.eventId, ids))
      .orderBy(asc(eventQuestions.position), asc(eventQuestions.id)),
  ]);
  return rows.map(({ at: _at, ...row }) => {
    const text = words.find((w) => w.eventId === row.id);
    return {
      ...row,
      status: row.status === 'cancelled' ? 'cancelled' : 'published',
      title: text?.title ?? row.slug,
      summary: text?.summary ?? '',
      descriptionMd: text?.descriptionMd ?? '',
      accepted: seats.find((s) => s.eventId === row.id)?.n ?? 0,
      sessions: sessions
        .filter((x) => x.eventId === row.id)
        .map((x) => ({ id: x.id, startsAt: x.startsAt, endsAt: x.endsAt, title: x.titleEn })),
      questions: questions
        .filter((q) => q.eventId === row.id)
        .map((q) => ({
          id: q.id,
          kind: q.kind,
          label: q.labelEn,
          choices: q.choices.map((choice) => choice.en),
          required: q.required,
        })),
    };
  });
}

/** One page of the public's events, in the order of their last edit. */
export async function apiEventsPage(db: Db, paging: ApiPaging): Promise<{ total: number; rows: Placed<ApiEvent>[] }> {
  const { where, orderBy } = pageConditions(eventModified, events.id, paging);
  const { where: filtered } = pageConditions(eventModified, events.id, { ...paging, after: undefined });
  const [rows, [total]] = await Promise.all([
    selectEvents(db)
      .where(and(visible, where))
      .orderBy(...orderBy)
      .limit(paging.limit)
      .offset(offsetOf(paging)),
    db.select({ n: count() }).from(events).where(and(visible, filtered)),
  ]);
  const made = await eventsOf(db, rows);
  return { total: total?.n ?? 0, rows: made.map((row, i) => ({ row, at: rows[i]!.at, id: row.id })) };
}

export async function apiEvent(db: Db, id: number): Promise<ApiEvent | undefined> {
  const rows = await selectEvents(db).where(and(visible, eq(events.id, id)));
  return (await eventsOf(db, rows))[0];
}

export type ApiAttendance = {
  id: number;
  eventId: number;
  supporterId: number;
  status: RsvpStatus;
  createdAt: Date;
  /** The RSVP's updated_at: set by every change, cancelling and moving up from the waitlist too. */
  modifiedAt: Date;
};

const attendanceColumns = {
  id: eventRsvps.id,
  eventId: eventRsvps.eventId,
  supporterId: eventRsvps.supporterId,
  status: eventRsvps.status,
  createdAt: eventRsvps.createdAt,
  modifiedAt: eventRsvps.updatedAt,
  at: placeOf(eventRsvps.updatedAt),
};

/** One page of an event's RSVPs, cancelled ones included, in the order of their last change. */
export async function apiAttendancesPage(
  db: Db,
  eventId: number,
  paging: ApiPaging,
): Promise<{ total: number; rows: Placed<ApiAttendance>[] }> {
  const mine = eq(eventRsvps.eventId, eventId);
  const { where, orderBy } = pageConditions(eventRsvps.updatedAt, eventRsvps.id, paging);
  const { where: filtered } = pageConditions(eventRsvps.updatedAt, eventRsvps.id, { ...paging, after: undefined });
  const [rows, [total]] = await Promise.all([
    db
      .select(attendanceColumns)
      .from(eventRsvps)
      .where(and(mine, where))
      .orderBy(...orderBy)
      .limit(paging.limit)
      .offset(offsetOf(paging)),
    db.select({ n: count() }).from(eventRsvps).where(and(mine, filtered)),
  ]);
  return { total: total?.n ?? 0, rows: rows.map(({ at, ...row }) => ({ row, at, id: row.id })) };
}

export async function apiAttendance(db: Db, eventId: number, id: number): Promise<ApiAttendance | undefined> {
  const [row] = await db
    .select(attendanceColumns)
    .from(eventRsvps)
    .where(and(eq(eventRsvps.eventId, eventId), eq(eventRsvps.id, id)));
  if (!row) return undefined;
  const { at: _at, ...attendance } = row;
  return attendance;
}

/** An RSVP as a tool reports it: the RSVP form's fields, by their names there (`q12` for question 12). */
export type ApiRsvpRequest = {
  givenName: string;
  familyName: string;
  email: string;
  zip: string;
  phone: string;
  sessions: string[];
  answers: Record<string, string>;
  locale: Locale;
};

export type ApiRsvpOutcome =
  | { kind: 'answered'; rsvpId: number; created: boolean }
  | { kind: 'invalid'; fields: Record<string, string> }
  | { kind: 'refused'; why: 'not-found' | 'cancelled' | 'deadline-passed' | 'over' };

/**
 * record_attendance_helper: an RSVP as the web form makes one. The same checks (rsvpInputFor: names, a
 * ZIP, the event's sessions and required questions), the same refusals (cancelled, over, past its RSVP
 * deadline), the same write: a free seat if nobody waits, else the waitlist, and the confirmation (or
 * waitlist) email with the person's manage link. Someone who holds a seat or a place keeps it, their
 * answers updated. The "email me about events" box is never ticked: the API asks for email only through
 * the people's own double opt-in. `created` is false when the person already had an RSVP that stands.
 */
export async function apiRsvp(
  db: Db,
  deps: RsvpDeps,
  eventId: number,
  request: ApiRsvpRequest,
  ctx: { source: string },
): Promise<ApiRsvpOutcome> {
  const now = deps.now?.() ?? new Date();
  // Checked in English, as the API gives the event's choices and its messages; emails go in the person's language.
  const event = await eventById(db, eventId, 'en');
  if (!event || event.status === 'draft') return { kind: 'refused', why: 'not-found' };
  const open = rsvpOpen(event, now);
  if (!open.open) return { kind: 'refused', why: open.why === 'draft' ? 'not-found' : open.why };
  const { answers, locale: _locale, ...person } = request;
  const form: Record<string, unknown> = { ...person };
  for (const [id, answer] of Object.entries(answers)) form[`q${id}`] = answer;
  const parsed = rsvpInputFor(event, 'en').safeParse(form);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? 'email')] ??= issue.message;
    return { kind: 'invalid', fields };
  }
  // One moment for the whole RSVP, so whether it is new can be read from its own created_at.
  const outcome = await submitRsvp(db, { ...deps, now: () => now }, eventId, parsed.data, {
    locale: request.locale,
    source: ctx.source,
  });
  if (outcome.kind === 'closed') return { kind: 'refused', why: outcome.why === 'draft' ? 'not-found' : outcome.why };
  const [row] = await db
    .select({ id: eventRsvps.id, createdAt: eventRsvps.createdAt })
    .from(eventRsvps)
    .where(eq(eventRsvps.manageTokenHash, sha256(outcome.manageToken)));
  return { kind: 'answered', rsvpId: row!.id, created: row!.createdAt.getTime() === now.getTime() };
}
