import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { Secrets } from '../../platform/crypto.ts';
import { emailOutbox } from '../email/schema.ts';
import type { RsvpInput } from './rsvp-inputs.ts';
import type { RsvpDeps } from './rsvp.ts';
import { eventQuestions, events, eventSessions, eventTranslations } from './schema.ts';

// Test helpers for events and RSVPs; imported by tests only (any helper's tests may use them).

export const testPublicUrl = 'https://psj.example';
export const testRsvpDeps = (now?: () => Date): RsvpDeps => ({
  secrets: new Secrets('test-secret-key-for-events-0123456789abcdef'),
  publicUrl: testPublicUrl,
  ...(now ? { now } : {}),
});

let made = 0;

/**
 * A published event a month from now (or as given), with English and Spanish words; `sessions` and
 * `questions` add those. Returns its id and slug.
 */
export async function makeEvent(
  db: Db,
  extra: Partial<typeof events.$inferInsert> & {
    sessions?: { titleEn: string; titleEs?: string }[];
    questions?: Omit<typeof eventQuestions.$inferInsert, 'eventId'>[];
    title?: string;
  } = {},
): Promise<{ id: number; slug: string; sessionIds: number[]; questionIds: number[] }> {
  const { sessions = [], questions = [], title = 'Advocacy Day', ...facts } = extra;
  const startsAt = facts.startsAt ?? new Date(Date.now() + 30 * 24 * 60 * 60 * 1000);
  const [row] = await db
    .insert(events)
    .values({
      slug: `test-event-${process.pid}-${++made}-${Math.random().toString(36).slice(2, 8)}`,
      status: 'published',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 6 * 60 * 60 * 1000),
      venue: 'Oregon State Capitol',
      address: '900 Court St NE, Salem, OR 97301',
      ...facts,
    })
    .returning();
  await db.insert(eventTranslations).values([
    { eventId: row!.id, locale: 'en', title, summary: 'Meet your legislators.' },
    { eventId: row!.id, locale: 'es', title: `${title} (es)`, summary: 'Reúnete con tus legisladores.' },
  ]);
  const sessionRows = sessions.length
    ? await db
        .insert(eventSessions)
        .values(
          sessions.map((s, i) => ({
            eventId: row!.id,
            position: i,
            startsAt: new Date(startsAt.getTime() + i * 3 * 60 * 60 * 1000),
            endsAt: new Date(startsAt.getTime() + (i + 1) * 3 * 60 * 60 * 1000),
            titleEn: s.titleEn,
            titleEs: s.titleEs ?? '',
          })),
        )
        .returning()
    : [];
  const questionRows = questions.length
    ? await db
        .insert(eventQuestions)
        .values(questions.map((q) => ({ ...q, eventId: row!.id })))
        .returning()
    : [];
  return {
    id: row!.id,
    slug: row!.slug,
    sessionIds: sessionRows.map((s) => s.id),
    questionIds: questionRows.map((q) => q.id),
  };
}

/** An RSVP as the form gives it, for the person `n`. */
export function rsvpInput(n: number | string, extra: Partial<RsvpInput> = {}): RsvpInput {
  return {
    givenName: `Person${n}`,
    familyName: 'Tester',
    email: `person${n}@example.org`,
    zip: '97204',
    phone: '',
    sessionIds: [],
    needs: { interpretation: [], interpretationOther: '', accessibility: '', childcare: false, travelHelp: false },
    photoConsent: false,
    eventsTopic: false,
    answers: {},
    ...extra,
  };
}

/** What the outbox holds for an address, oldest first. */
export async function outboxFor(db: Db, email: string) {
  const rows = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));
  return rows.sort((a, b) => a.id - b.id);
}
