import { and, asc, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { Locale } from '../../platform/web/locale.ts';
import {
  eventQuestions,
  eventRsvps,
  eventSessions,
  eventTranslations,
  events,
  type EventFormat,
  type EventStatus,
  type QuestionKind,
} from './schema.ts';

/** An event as pages, emails and calendar files read it: its facts, its words in one language, its seats. */
export type EventDetails = {
  id: number;
  slug: string;
  status: EventStatus;
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
  isDemo: boolean;
  sequence: number;
  updatedAt: Date;
  /** The asked-for language's words, else English's (`text.locale` says which). */
  text: { locale: Locale; title: string; summary: string; descriptionMd: string; accessibilityNotes: string };
  hasSpanish: boolean;
  sessions: { id: number; startsAt: Date; endsAt: Date; title: string }[];
  questions: { id: number; kind: QuestionKind; label: string; choices: string[]; required: boolean }[];
  /** `left` is null when the event has no limit; never below zero. */
  seats: { confirmed: number; waitlisted: number; left: number | null };
};

type EventRow = typeof events.$inferSelect;

/** One event by its address; drafts only when asked (staff previews). */
export async function eventBySlug(
  db: Db,
  slug: string,
  locale: Locale,
  opts: { includeDrafts?: boolean } = {},
): Promise<EventDetails | undefined> {
  const [row] = await db.select().from(events).where(eq(events.slug, slug)).limit(1);
  if (!row || (row.status === 'draft' && !opts.includeDrafts)) return undefined;
  return (await detailsOf(db, [row], locale))[0];
}

/** One event by id, whatever its state (emails, staff, RSVPs). */
export async function eventById(db: Db, id: number, locale: Locale): Promise<EventDetails | undefined> {
  const [row] = await db.select().from(events).where(eq(events.id, id)).limit(1);
  return row ? (await detailsOf(db, [row], locale))[0] : undefined;
}

/**
 * The public list: upcoming (not yet ended; published, and cancelled ones so people who planned to
 * come see it), soonest first; or past (published), latest first.
 */
export async function listEvents(
  db: Db,
  locale: Locale,
  which: 'upcoming' | 'past',
  now: Date = new Date(),
): Promise<EventDetails[]> {
  const rows =
    which === 'upcoming'
      ? await db
          .select()
          .from(events)
          .where(and(or(eq(events.status, 'published'), eq(events.status, 'cancelled')), gte(events.endsAt, now)))
          .orderBy(asc(events.startsAt), asc(events.id))
      : await db
          .select()
          .from(events)
          .where(and(eq(events.status, 'published'), lt(events.endsAt, now)))
          .orderBy(desc(events.startsAt), desc(events.id));
  return detailsOf(db, rows, locale);
}

/** Whether the RSVP form takes answers now. A full event still does: new answers join the waitlist. */
export function rsvpOpen(
  event: EventDetails,
  now: Date = new Date(),
): { open: true } | { open: false; why: 'cancelled' | 'deadline-passed' | 'over' | 'draft' } {
  if (event.status === 'draft') return { open: false, why: 'draft' };
  if (event.status === 'cancelled') return { open: false, why: 'cancelled' };
  if (event.endsAt.getTime() <= now.getTime()) return { open: false, why: 'over' };
  if (event.rsvpDeadline && event.rsvpDeadline.getTime() <= now.getTime())
    return { open: false, why: 'deadline-passed' };
  return { open: true };
}

// Words, sessions, questions and seats for many events in four statements, whatever their number.
async function detailsOf(db: Db, rows: EventRow[], locale: Locale): Promise<EventDetails[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [words, sessions, questions, seats] = await Promise.all([
    db.select().from(eventTranslations).where(inArray(eventTranslations.eventId, ids)),
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
    db
      .select({
        eventId: eventRsvps.eventId,
        confirmed: sql<number>`count(*) filter (where ${eventRsvps.status} = 'confirmed')`.mapWith(Number),
        waitlisted: sql<number>`count(*) filter (where ${eventRsvps.status} = 'waitlisted')`.mapWith(Number),
      })
      .from(eventRsvps)
      .where(inArray(eventRsvps.eventId, ids))
      .groupBy(eventRsvps.eventId),
  ]);
  const inLocale = (en: string, es: string) => (locale === 'es' && es.trim() ? es : en);
  return rows.map((row) => {
    const mine = words.filter((w) => w.eventId === row.id);
    const chosen = mine.find((w) => w.locale === locale) ?? mine.find((w) => w.locale === 'en') ?? mine[0];
    const counted = seats.find((s) => s.eventId === row.id);
    const confirmed = counted?.confirmed ?? 0;
    const updatedAt = Math.max(row.updatedAt.getTime(), ...mine.map((w) => w.updatedAt.getTime()));
    return {
      id: row.id,
      slug: row.slug,
      status: row.status,
      format: row.format,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      timeZone: row.timeZone,
      venue: row.venue,
      address: row.address,
      joinUrl: row.joinUrl,
      capacity: row.capacity,
      rsvpDeadline: row.rsvpDeadline,
      meetsLegislators: row.meetsLegislators,
      imageId: row.imageId,
      isDemo: row.isDemo,
      sequence: row.sequence,
      updatedAt: new Date(updatedAt),
      text: {
        locale: chosen?.locale ?? 'en',
        title: chosen?.title ?? row.slug,
        summary: chosen?.summary ?? '',
        descriptionMd: chosen?.descriptionMd ?? '',
        accessibilityNotes: chosen?.accessibilityNotes ?? '',
      },
      hasSpanish: mine.some((w) => w.locale === 'es'),
      sessions: sessions
        .filter((s) => s.eventId === row.id)
        .map((s) => ({ id: s.id, startsAt: s.startsAt, endsAt: s.endsAt, title: inLocale(s.titleEn, s.titleEs) })),
      questions: questions
        .filter((q) => q.eventId === row.id)
        .map((q) => ({
          id: q.id,
          kind: q.kind,
          label: inLocale(q.labelEn, q.labelEs),
          choices: q.choices.map((c) => inLocale(c.en, c.es)),
          required: q.required,
        })),
      seats: {
        confirmed,
        waitlisted: counted?.waitlisted ?? 0,
        left: row.capacity === null ? null : Math.max(0, row.capacity - confirmed),
      },
    };
  });
}
