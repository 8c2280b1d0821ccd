import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { DataSubject, PersonalDataPart } from '../../platform/personal-data.ts';
import { waitlistPosition } from './rsvp-records.ts';
import { eventQuestions, eventRsvps, eventSessions, eventTranslations, events } from './schema.ts';

/**
 * A person's RSVPs for their copy of their data (issue 18): each event with the sessions they chose, what they
 * answered and asked for, and when it changed. Never the manage link's hash or nonce: the link would still work.
 * No `erase`: the supporter row's cascade takes the RSVPs (and their reminder ledger).
 */
export async function rsvpsOf(db: Db, subject: DataSubject): Promise<unknown[]> {
  const rows = await db
    .select({
      eventId: events.id,
      slug: events.slug,
      title: eventTranslations.title,
      startsAt: events.startsAt,
      status: eventRsvps.status,
      waitlistOrder: eventRsvps.waitlistOrder,
      language: eventRsvps.locale,
      sessionIds: eventRsvps.sessionIds,
      needs: eventRsvps.needs,
      answers: eventRsvps.answers,
      photoConsent: eventRsvps.photoConsent,
      senateDistrict: eventRsvps.senateDistrict,
      houseDistrict: eventRsvps.houseDistrict,
      phone: eventRsvps.phone,
      checkedInAt: eventRsvps.checkedInAt,
      createdAt: eventRsvps.createdAt,
      updatedAt: eventRsvps.updatedAt,
      cancelledAt: eventRsvps.cancelledAt,
      promotedAt: eventRsvps.promotedAt,
    })
    .from(eventRsvps)
    .innerJoin(events, eq(events.id, eventRsvps.eventId))
    .leftJoin(eventTranslations, and(eq(eventTranslations.eventId, events.id), eq(eventTranslations.locale, 'en')))
    .where(eq(eventRsvps.supporterId, subject.supporterId))
    .orderBy(asc(eventRsvps.createdAt), asc(eventRsvps.id));
  if (rows.length === 0) return [];
  const eventIds = [...new Set(rows.map((r) => r.eventId))];
  const [sessions, questions] = await Promise.all([
    db
      .select({ id: eventSessions.id, title: eventSessions.titleEn, startsAt: eventSessions.startsAt })
      .from(eventSessions)
      .where(inArray(eventSessions.eventId, eventIds)),
    db
      .select({ id: eventQuestions.id, label: eventQuestions.labelEn })
      .from(eventQuestions)
      .where(inArray(eventQuestions.eventId, eventIds)),
  ]);
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const labelOf = new Map(questions.map((q) => [String(q.id), q.label]));
  const iso = (at: Date | null) => at?.toISOString() ?? null;
  return Promise.all(
    rows.map(async (r) => ({
      event: { slug: r.slug, title: r.title ?? r.slug, startsAt: r.startsAt.toISOString() },
      status: r.status,
      waitlistPlace: r.status === 'waitlisted' ? await waitlistPosition(db, r) : null,
      language: r.language,
      sessions: r.sessionIds.map((id) => {
        const session = sessionById.get(id);
        return { title: session?.title ?? null, startsAt: iso(session?.startsAt ?? null) };
      }),
      // A question staff removed since keeps its answer, without its words.
      answers: Object.entries(r.answers).map(([id, answer]) => ({ question: labelOf.get(id) ?? null, answer })),
      needs: r.needs,
      photoConsent: r.photoConsent,
      phone: r.phone,
      districts: { senate: r.senateDistrict, house: r.houseDistrict },
      checkedIn: r.checkedInAt !== null,
      checkedInAt: iso(r.checkedInAt),
      createdAt: r.createdAt.toISOString(),
      changedAt: r.updatedAt.toISOString(),
      cancelledAt: iso(r.cancelledAt),
      promotedFromWaitlistAt: iso(r.promotedAt),
    })),
  );
}

/** Events' part of a person's data: their RSVPs. */
export const rsvpPersonalData: PersonalDataPart = { name: 'rsvps', export: rsvpsOf };
