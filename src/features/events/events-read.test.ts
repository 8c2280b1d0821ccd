import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { eventById, eventBySlug, listEvents } from './events-read.ts';
import { makeEvent, rsvpInput, testRsvpDeps } from './rsvp-test-support.ts';
import { submitRsvp } from './rsvp.ts';
import { eventTranslations } from './schema.ts';

const day = 24 * 60 * 60 * 1000;

describeEachDatabase('reading events', (database) => {
  const db = () => database().db;

  it('lists upcoming events soonest first (cancelled ones too), past ones latest first, never drafts', async () => {
    const now = new Date('2031-06-01T12:00:00Z');
    const at = (days: number) => new Date(now.getTime() + days * day);
    const soon = await makeEvent(db(), { startsAt: at(3), title: 'Soon' });
    const later = await makeEvent(db(), { startsAt: at(20), title: 'Later' });
    const called = await makeEvent(db(), { startsAt: at(10), status: 'cancelled', title: 'Called off' });
    await makeEvent(db(), { startsAt: at(5), status: 'draft', title: 'Draft' });
    const past = await makeEvent(db(), { startsAt: at(-10), title: 'Past' });
    const older = await makeEvent(db(), { startsAt: at(-40), title: 'Older' });
    await makeEvent(db(), { startsAt: at(-20), status: 'cancelled', title: 'Past and called off' });
    // Under way now: still upcoming until it ends.
    const ongoing = await makeEvent(db(), { startsAt: at(-0.1), endsAt: at(0.1), title: 'Ongoing' });

    const upcoming = (await listEvents(db(), 'en', 'upcoming', now)).filter((e) => e.startsAt > at(-1));
    expect(upcoming.map((e) => e.id)).toEqual([ongoing.id, soon.id, called.id, later.id]);
    expect(upcoming.find((e) => e.id === called.id)!.status).toBe('cancelled');
    const archive = (await listEvents(db(), 'en', 'past', now)).filter((e) => e.startsAt > at(-50));
    expect(archive.map((e) => e.id)).toEqual([past.id, older.id]);
  });

  it('gives the asked language, else English; sessions and questions in that language; seats counted', async () => {
    const event = await makeEvent(db(), {
      capacity: 2,
      sessions: [{ titleEn: 'Morning training', titleEs: 'Capacitación de la mañana' }, { titleEn: 'Afternoon' }],
      questions: [
        {
          kind: 'choice',
          labelEn: 'T-shirt size',
          labelEs: 'Talla de camiseta',
          choices: [
            { en: 'Small', es: 'Chica' },
            { en: 'Large', es: '' },
          ],
          required: true,
        },
      ],
    });
    const es = (await eventById(db(), event.id, 'es'))!;
    expect(es.text).toMatchObject({ locale: 'es', title: 'Advocacy Day (es)' });
    expect(es.hasSpanish).toBe(true);
    expect(es.sessions.map((s) => s.title)).toEqual(['Capacitación de la mañana', 'Afternoon']);
    expect(es.questions).toEqual([
      {
        id: event.questionIds[0],
        kind: 'choice',
        label: 'Talla de camiseta',
        choices: ['Chica', 'Large'],
        required: true,
      },
    ]);
    expect(es.seats).toEqual({ confirmed: 0, waitlisted: 0, left: 2 });

    await db()
      .delete(eventTranslations)
      .where(and(eq(eventTranslations.eventId, event.id), eq(eventTranslations.locale, 'es')));
    const fallback = (await eventBySlug(db(), event.slug, 'es'))!;
    expect(fallback.text).toMatchObject({ locale: 'en', title: 'Advocacy Day' });
    expect(fallback.hasSpanish).toBe(false);

    const deps = testRsvpDeps();
    for (const n of [1, 2, 3])
      await submitRsvp(
        db(),
        deps,
        event.id,
        rsvpInput(`read${n}`, { sessionIds: [event.sessionIds[0]!], answers: { [event.questionIds[0]!]: 'Small' } }),
        { locale: 'en' },
      );
    expect((await eventById(db(), event.id, 'en'))!.seats).toEqual({ confirmed: 2, waitlisted: 1, left: 0 });
  });

  it('finds a draft by its address only when asked; an unknown address is nothing', async () => {
    const draft = await makeEvent(db(), { status: 'draft' });
    expect(await eventBySlug(db(), draft.slug, 'en')).toBeUndefined();
    expect((await eventBySlug(db(), draft.slug, 'en', { includeDrafts: true }))!.status).toBe('draft');
    expect(await eventBySlug(db(), 'no-such-event', 'en')).toBeUndefined();
    expect(await eventById(db(), 987_654, 'en')).toBeUndefined();
  });
});
