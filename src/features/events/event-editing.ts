import { and, asc, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { bumpContentVersion } from '../content/service.ts';
import {
  eventQuestions,
  events,
  eventSessions,
  eventTranslations,
  type EventFormat,
  type EventStatus,
  type QuestionChoice,
  type QuestionKind,
} from './schema.ts';

/** Who is making a change, for the audit log; null for the demo seed. */
export type Editor = AuditActor | null;

export type EventWords = { title: string; summary: string; descriptionMd: string; accessibilityNotes: string };

/** The facts shared by both languages, as the editor stores them: times are instants. */
export type EventFacts = {
  slug: string;
  format: EventFormat;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  venue: string;
  address: string;
  joinUrl: string;
  capacity: number | null;
  rsvpDeadline: Date | null;
  meetsLegislators: boolean;
  imageId: number | null;
};

/** A session or question without `id` is new; one with an id keeps it, so RSVPs that chose or answered it still do. */
export type SessionDraft = { id?: number | undefined; titleEn: string; titleEs: string; startsAt: Date; endsAt: Date };
export type QuestionDraft = {
  id?: number | undefined;
  kind: QuestionKind;
  labelEn: string;
  labelEs: string;
  choices: QuestionChoice[];
  required: boolean;
};

/** Everything the editor saves in one go: English always, Spanish when written. */
export type EventDraft = {
  facts: EventFacts;
  words: { en: EventWords; es?: EventWords | undefined };
  sessions: SessionDraft[];
  questions: QuestionDraft[];
};

export type StaffEvent = EventFacts & {
  id: number;
  status: EventStatus;
  isDemo: boolean;
  sequence: number;
  updatedAt: Date;
  words: Partial<Record<Locale, EventWords>>;
  sessions: (SessionDraft & { id: number })[];
  questions: (QuestionDraft & { id: number })[];
  rsvps: { confirmed: number; waitlisted: number; cancelled: number; checkedIn: number };
};

export type EventOutcome =
  | { ok: true; id: number; capacityRaised: boolean }
  | { ok: false; problem: 'not-found' }
  | { ok: false; problem: 'refused'; field: string; message: string };

const notFound = { ok: false, problem: 'not-found' } as const;
const slugTaken = {
  ok: false,
  problem: 'refused',
  field: 'slug',
  message: 'Another event has this address: choose another',
} as const;

/** The title staff know it by: English, else the one it has. */
export function eventTitle(event: Pick<StaffEvent, 'words' | 'slug'>): string {
  return event.words.en?.title ?? event.words.es?.title ?? event.slug;
}

async function loadEvents(db: Db, where?: { id?: number; status?: EventStatus }): Promise<StaffEvent[]> {
  const rows = await db
    .select()
    .from(events)
    .where(
      and(
        where?.id === undefined ? undefined : eq(events.id, where.id),
        where?.status === undefined ? undefined : eq(events.status, where.status),
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [words, sessions, questions, counts] = await Promise.all([
    db.select().from(eventTranslations).where(inArray(eventTranslations.eventId, ids)),
    db
      .select()
      .from(eventSessions)
      .where(inArray(eventSessions.eventId, ids))
      .orderBy(asc(eventSessions.position), asc(eventSessions.id)),
    db
      .select()
      .from(eventQuestions)
      .where(inArray(eventQuestions.eventId, ids))
      .orderBy(asc(eventQuestions.position), asc(eventQuestions.id)),
    rowsOf<{ event_id: number; status: string; n: string | number; present: string | number }>(
      db,
      sql`select event_id, status, count(*) as n, count(checked_in_at) as present from event_rsvps
          where event_id in (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )}) group by event_id, status`,
    ),
  ]);
  return rows.map((row) => {
    const { createdAt: _created, ...facts } = row;
    const tally = { confirmed: 0, waitlisted: 0, cancelled: 0, checkedIn: 0 };
    for (const c of counts.filter((c) => Number(c.event_id) === row.id)) {
      tally[c.status as 'confirmed' | 'waitlisted' | 'cancelled'] = Number(c.n);
      tally.checkedIn += c.status === 'confirmed' ? Number(c.present) : 0;
    }
    return {
      ...facts,
      words: Object.fromEntries(
        words
          .filter((w) => w.eventId === row.id)
          .map((w) => [
            w.locale,
            {
              title: w.title,
              summary: w.summary,
              descriptionMd: w.descriptionMd,
              accessibilityNotes: w.accessibilityNotes,
            },
          ]),
      ),
      sessions: sessions
        .filter((s) => s.eventId === row.id)
        .map(({ id, titleEn, titleEs, startsAt, endsAt }) => ({ id, titleEn, titleEs, startsAt, endsAt })),
      questions: questions
        .filter((q) => q.eventId === row.id)
        .map(({ id, kind, labelEn, labelEs, choices, required }) => ({
          id,
          kind,
          labelEn,
          labelEs,
          choices,
          required,
        })),
      rsvps: tally,
    };
  });
}

/** Every event, drafts and cancelled ones too, soonest first. */
export function listEventsForStaff(db: Db): Promise<StaffEvent[]> {
  return loadEvents(db);
}

export async function getEventForStaff(db: Db, id: number): Promise<StaffEvent | undefined> {
  return (await loadEvents(db, { id }))[0];
}

/** Staff's three lists: drafts, upcoming (published or cancelled, not yet over), past (over). */
export function groupForStaff(all: StaffEvent[], now = new Date()) {
  return {
    drafts: all.filter((e) => e.status === 'draft'),
    upcoming: all.filter((e) => e.status !== 'draft' && e.endsAt >= now),
    past: all.filter((e) => e.status !== 'draft' && e.endsAt < now).reverse(),
  };
}

/** What the audit log keeps of an event: named fields, times as instants. */
function recorded(draft: EventDraft | StaffEvent) {
  const facts = 'facts' in draft ? draft.facts : draft;
  const { slug, format, startsAt, endsAt, timeZone, venue, address, joinUrl, capacity } = facts;
  const { rsvpDeadline, meetsLegislators, imageId } = facts;
  return {
    slug,
    format,
    startsAt,
    endsAt,
    timeZone,
    venue,
    address,
    joinUrl,
    capacity,
    rsvpDeadline,
    meetsLegislators,
    imageId,
    ...draft.words,
    sessions: draft.sessions.map((s) => `${s.titleEn} (${s.startsAt.toISOString()}–${s.endsAt.toISOString()})`),
    questions: draft.questions.map((q) => `${q.labelEn} [${q.kind}${q.required ? ', required' : ''}]`),
  };
}

/** Time or place changed: calendars that hold the event must replace it, so its SEQUENCE goes up. */
export function movesInCalendars(before: EventFacts, after: EventFacts): boolean {
  return (
    before.startsAt.getTime() !== after.startsAt.getTime() ||
    before.endsAt.getTime() !== after.endsAt.getTime() ||
    before.timeZone !== after.timeZone ||
    before.format !== after.format ||
    before.venue !== after.venue ||
    before.address !== after.address ||
    before.joinUrl !== after.joinUrl
  );
}

/** More seats than before (or no limit now): the waitlist may move up once this is saved. */
function raisesCapacity(before: number | null, after: number | null): boolean {
  return before !== null && (after === null || after > before);
}

async function writeWords(tx: Db, eventId: number, words: EventDraft['words']) {
  for (const locale of ['en', 'es'] as const) {
    const w = words[locale];
    if (!w) {
      await tx
        .delete(eventTranslations)
        .where(and(eq(eventTranslations.eventId, eventId), eq(eventTranslations.locale, locale)));
      continue;
    }
    await tx
      .insert(eventTranslations)
      .values({ eventId, locale, ...w })
      .onConflictDoUpdate({
        target: [eventTranslations.eventId, eventTranslations.locale],
        set: { ...w, updatedAt: new Date() },
      });
  }
}

/** Keeps the ids of sessions and questions that stay, removes those left out, adds new ones, in the given order. */
async function writeParts(tx: Db, eventId: number, draft: EventDraft) {
  const keptSessions = draft.sessions.flatMap((s) => (s.id ? [s.id] : []));
  await tx
    .delete(eventSessions)
    .where(
      and(
        eq(eventSessions.eventId, eventId),
        keptSessions.length ? notInArray(eventSessions.id, keptSessions) : undefined,
      ),
    );
  for (const [position, { id, ...s }] of draft.sessions.entries()) {
    if (id)
      await tx
        .update(eventSessions)
        .set({ ...s, position })
        .where(and(eq(eventSessions.id, id), eq(eventSessions.eventId, eventId)));
    else await tx.insert(eventSessions).values({ ...s, position, eventId });
  }
  const keptQuestions = draft.questions.flatMap((q) => (q.id ? [q.id] : []));
  await tx
    .delete(eventQuestions)
    .where(
      and(
        eq(eventQuestions.eventId, eventId),
        keptQuestions.length ? notInArray(eventQuestions.id, keptQuestions) : undefined,
      ),
    );
  for (const [position, { id, ...q }] of draft.questions.entries()) {
    if (id)
      await tx
        .update(eventQuestions)
        .set({ ...q, position })
        .where(and(eq(eventQuestions.id, id), eq(eventQuestions.eventId, eventId)));
    else await tx.insert(eventQuestions).values({ ...q, position, eventId });
  }
}

/** A new event, a draft; the seed may ask for it published and marked as a sample. */
export function createEvent(
  db: Db,
  draft: EventDraft,
  editor: Editor,
  options: { status?: EventStatus; isDemo?: boolean } = {},
): Promise<EventOutcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(events)
      .values({ ...draft.facts, status: options.status ?? 'draft', isDemo: options.isDemo ?? false })
      .onConflictDoNothing({ target: events.slug })
      .returning({ id: events.id });
    if (!row) return slugTaken;
    await writeWords(tx, row.id, draft.words);
    // A new event's parts are all new, whatever ids a form claimed for them.
    await writeParts(tx, row.id, {
      ...draft,
      sessions: draft.sessions.map(({ id: _id, ...s }) => s),
      questions: draft.questions.map(({ id: _id, ...q }) => q),
    });
    await recordAudit(tx, editor, {
      action: 'event.create',
      subjectType: 'event',
      subjectId: row.id,
      subjectLabel: draft.words.en.title,
      after: recorded(draft),
    });
    await bumpContentVersion(tx);
    return { ok: true, id: row.id, capacityRaised: false };
  });
}

/**
 * Saves the editor: facts, both languages' words, sessions and questions. A session or question id that is not
 * this event's is refused rather than moved across events.
 */
export function saveEvent(db: Db, id: number, draft: EventDraft, editor: Editor): Promise<EventOutcome> {
  return db.transaction(async (tx) => {
    // Locks the row, as RSVPs do, so a seat count read meanwhile never sees half a change of capacity.
    await tx.execute(sql`select id from events where id = ${id} for update`);
    const [before] = await loadEvents(tx, { id });
    if (!before) return notFound;
    const [taken] = await tx
      .select({ id: events.id })
      .from(events)
      .where(and(eq(events.slug, draft.facts.slug), ne(events.id, id)));
    if (taken) return slugTaken;
    const own = (list: { id?: number | undefined }[], have: { id: number }[]) =>
      list.every((x) => !x.id || have.some((h) => h.id === x.id));
    if (!own(draft.sessions, before.sessions) || !own(draft.questions, before.questions))
      return { ok: false, problem: 'refused', field: 'form', message: 'The form was out of date: open it again' };
    const moved = movesInCalendars(before, draft.facts);
    await tx
      .update(events)
      .set({ ...draft.facts, sequence: before.sequence + (moved ? 1 : 0), updatedAt: new Date() })
      .where(eq(events.id, id));
    await writeWords(tx, id, draft.words);
    await writeParts(tx, id, draft);
    await recordAudit(tx, editor, {
      action: 'event.update',
      subjectType: 'event',
      subjectId: id,
      subjectLabel: draft.words.en.title,
      before: recorded(before),
      after: recorded(draft),
      ...(moved ? { note: 'Time or place changed: calendar files carry the change' } : {}),
    });
    await bumpContentVersion(tx);
    return { ok: true, id, capacityRaised: raisesCapacity(before.capacity, draft.facts.capacity) };
  });
}

const allowedMoves: Record<EventStatus, EventStatus[]> = {
  draft: ['published', 'cancelled'],
  published: ['draft', 'cancelled'],
  cancelled: [],
};

/**
 * Publishes, takes back to draft, or cancels. Cancelling is final (a new event is made instead) and bumps the
 * sequence, so calendars that hold it mark it cancelled. Asking for the state it is in already answers ok.
 */
export function setEventStatus(
  db: Db,
  id: number,
  status: EventStatus,
  editor: Editor,
  /** Tells everyone coming or waiting, in the same transaction (cancellation-emails.ts); the count told. */
  onCancelled?: (tx: Db, eventId: number) => Promise<number>,
): Promise<EventOutcome> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select id from events where id = ${id} for update`);
    const [event] = await loadEvents(tx, { id });
    if (!event) return notFound;
    if (event.status === status) return { ok: true, id, capacityRaised: false };
    if (!allowedMoves[event.status].includes(status))
      return { ok: false, problem: 'refused', field: 'status', message: 'A cancelled event stays cancelled' };
    await tx
      .update(events)
      .set({ status, updatedAt: new Date(), sequence: event.sequence + (status === 'cancelled' ? 1 : 0) })
      .where(eq(events.id, id));
    await recordAudit(tx, editor, {
      action: status === 'published' ? 'event.publish' : status === 'cancelled' ? 'event.cancel' : 'event.unpublish',
      subjectType: 'event',
      subjectId: id,
      subjectLabel: eventTitle(event),
      before: { status: event.status },
      after: { status },
    });
    if (status === 'cancelled') await onCancelled?.(tx, id);
    await bumpContentVersion(tx);
    return { ok: true, id, capacityRaised: false };
  });
}
