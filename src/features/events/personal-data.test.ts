import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { seedTestZips } from '../petitions/test-support.ts';
import { supporters } from '../supporters/schema.ts';
import { makeEvent, rsvpInput, testRsvpDeps } from './rsvp-test-support.ts';
import { eventRsvps } from './schema.ts';
import { rsvpPersonalData, submitRsvp } from './service.ts';

const deps = testRsvpDeps();
const en = { locale: 'en' as const };

describeEachDatabase("events' part of a person's data", (database) => {
  const db = () => database().db;
  beforeAll(async () => seedTestZips(db()));

  const supporterIdOf = async (email: string) => {
    const [row] = await db().select({ id: supporters.id }).from(supporters).where(eq(supporters.email, email));
    return row!.id;
  };

  it('gives a person each RSVP with their choices and answers, and no manage token, nonce or hash', async () => {
    const day = await makeEvent(db(), {
      title: 'Lobby Day',
      sessions: [{ titleEn: 'Morning training' }, { titleEn: 'Afternoon meetings' }],
      questions: [{ labelEn: 'T-shirt size', kind: 'text' }],
    });
    const full = await makeEvent(db(), { title: 'Small panel', capacity: 1 });
    const size = String(day.questionIds[0]);
    const mine = await submitRsvp(
      db(),
      deps,
      day.id,
      rsvpInput('data-me', {
        phone: '503-555-0101',
        sessionIds: [day.sessionIds[1]!],
        answers: { [size]: 'Medium' },
        photoConsent: true,
      }),
      en,
    );
    expect(mine.kind).toBe('confirmed');
    await submitRsvp(db(), deps, full.id, rsvpInput('data-other', { phone: '503-555-0199' }), en);
    expect((await submitRsvp(db(), deps, full.id, rsvpInput('data-me'), en)).kind).toBe('waitlisted');
    const supporterId = await supporterIdOf('persondata-me@example.org');
    await db().update(eventRsvps).set({ checkedInAt: new Date() }).where(eq(eventRsvps.eventId, day.id));

    expect(rsvpPersonalData.name).toBe('rsvps');
    expect(rsvpPersonalData.erase).toBeUndefined();
    const copy = await rsvpPersonalData.export(db(), { supporterId, emails: ['persondata-me@example.org'] });
    expect(copy).toEqual([
      expect.objectContaining({
        event: { slug: day.slug, title: 'Lobby Day', startsAt: expect.any(String) },
        status: 'confirmed',
        waitlistPlace: null,
        sessions: [{ title: 'Afternoon meetings', startsAt: expect.any(String) }],
        answers: [{ question: 'T-shirt size', answer: 'Medium' }],
        photoConsent: true,
        phone: '503-555-0101',
        districts: { senate: 17, house: 33 },
        checkedIn: true,
        createdAt: expect.any(String),
        changedAt: expect.any(String),
        cancelledAt: null,
      }),
      expect.objectContaining({
        event: expect.objectContaining({ slug: full.slug, title: 'Small panel' }),
        status: 'waitlisted',
        waitlistPlace: 1,
        checkedIn: false,
      }),
    ]);
    const text = JSON.stringify(copy);
    const rows = await db().select().from(eventRsvps).where(eq(eventRsvps.supporterId, supporterId));
    for (const row of rows) {
      expect(text).not.toContain(row.manageTokenHash);
      expect(text).not.toContain(row.manageTokenNonce);
    }
    if (mine.kind !== 'closed') expect(text).not.toContain(mine.manageToken);
    expect(text).not.toMatch(/token|nonce|hash/i);
    expect(text).not.toContain('503-555-0199');
  });
});
