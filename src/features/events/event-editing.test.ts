import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { listAudit } from '../audit/service.ts';
import { getContentVersion } from '../content/service.ts';
import { sampleDraft } from './admin-test-support.ts';
import { blankValues, parseEventForm, valuesOf } from './admin/event-form.ts';
import {
  createEvent,
  getEventForStaff,
  groupForStaff,
  listEventsForStaff,
  saveEvent,
  setEventStatus,
} from './event-editing.ts';

const actor = { staffId: null, email: 'organizer@staff.example', ip: '127.0.0.1' };

describe('the editor’s times', () => {
  const form = (startsAt: string, endsAt: string, more: Record<string, string> = {}) => ({
    slug: 'lobby-day',
    format: 'in-person',
    timeZone: 'America/Los_Angeles',
    startsAt,
    endsAt,
    venue: 'Capitol',
    address: '900 Court St NE, Salem',
    'en.title': 'Lobby day',
    'en.summary': 'We meet our legislators.',
    ...more,
  });

  it('reads 9:00 as 9:00 Pacific on either side of the spring change (PST, then PDT)', () => {
    const before = parseEventForm(form('2027-03-13T09:00', '2027-03-13T17:00'), []).draft!;
    const after = parseEventForm(form('2027-03-15T09:00', '2027-03-15T17:00'), []).draft!;
    expect(before.facts.startsAt.toISOString()).toBe('2027-03-13T17:00:00.000Z');
    expect(after.facts.startsAt.toISOString()).toBe('2027-03-15T16:00:00.000Z');
    // Across the night of the change itself: 8 hours by the clock, 7 hours elapsed.
    const overnight = parseEventForm(form('2027-03-13T20:00', '2027-03-14T04:00'), []).draft!;
    expect(overnight.facts.endsAt.getTime() - overnight.facts.startsAt.getTime()).toBe(7 * 3_600_000);
  });

  it('reads the time in the zone chosen, and shows it back in that zone', () => {
    const eastern = parseEventForm(form('2027-11-08T09:30', '2027-11-08T11:00', { timeZone: 'America/New_York' }), [])
      .draft!;
    expect(eastern.facts.startsAt.toISOString()).toBe('2027-11-08T14:30:00.000Z');
    const shown = valuesOf({
      ...eastern.facts,
      id: 1,
      status: 'draft',
      isDemo: false,
      sequence: 0,
      updatedAt: new Date(),
      words: eastern.words,
      sessions: [],
      questions: [],
      rsvps: { confirmed: 0, waitlisted: 0, cancelled: 0, checkedIn: 0 },
    });
    expect(shown.startsAt).toBe('2027-11-08T09:30');
  });

  it('refuses with a message by each field: the end before the start, a session outside, a choice without choices', () => {
    const { draft, errors } = parseEventForm(
      form('2027-05-01T10:00', '2027-05-01T09:00', {
        format: 'online',
        joinUrl: 'javascript:alert(1)',
        capacity: '-3',
        'es.summary': 'Solo el resumen',
        'sessions.0.titleEn': 'Morning',
        'sessions.0.startsAt': '2027-06-01T08:00',
        'sessions.0.endsAt': '2027-06-01T09:00',
        'questions.0.labelEn': 'T-shirt size',
        'questions.0.kind': 'choice',
        'questions.0.choices': 'Large | Grande',
        imageId: '4',
      }),
      [7],
    );
    expect(draft).toBeUndefined();
    expect(errors).toMatchObject({
      endsAt: 'The end must be after the start',
      joinUrl: 'Enter the join link, starting https://',
      capacity: 'Enter a whole number of seats, or leave it empty for no limit',
      'es.title': 'Enter the Spanish title',
      'sessions.0.startsAt': 'The session must start within the event’s time',
      'questions.0.choices': 'Give from 2 to 20 choices, one on each line',
      imageId: 'Choose an image from the list',
    });
  });

  it('refuses a day the calendar does not have, rather than rolling it over', () => {
    for (const typed of ['2027-02-30T09:00', '2027-03-01T25:00', '2027-13-01T09:00', '1999-12-31T09:00', 'tomorrow'])
      expect(parseEventForm(form(typed, '2027-03-02T09:00'), []).errors.startsAt).toBe(
        'Enter a date and time like 2027-03-04 09:30',
      );
  });

  it('starts a new event a week out, in Pacific Time', () => {
    const values = blankValues(new Date('2027-01-10T18:20:00Z'));
    expect(values).toMatchObject({
      timeZone: 'America/Los_Angeles',
      startsAt: '2027-01-17T11:00',
      endsAt: '2027-01-17T13:00',
    });
  });
});

describeEachDatabase('events in the workspace (service)', (database) => {
  it('creates a draft with its sessions and questions, audited, and bumps the content version', async () => {
    const db = database().db;
    const version = await getContentVersion(db);
    const draft = sampleDraft({ capacity: 50 }, 'Advocacy training');
    draft.words.es = {
      title: 'Capacitación',
      summary: 'Un evento de muestra.',
      descriptionMd: '',
      accessibilityNotes: '',
    };
    draft.sessions = [
      {
        titleEn: 'Morning',
        titleEs: 'Mañana',
        startsAt: draft.facts.startsAt,
        endsAt: new Date('2027-03-02T20:00:00Z'),
      },
    ];
    draft.questions = [
      {
        kind: 'choice',
        labelEn: 'Size',
        labelEs: 'Talla',
        choices: [
          { en: 'S', es: 'P' },
          { en: 'L', es: 'G' },
        ],
        required: true,
      },
    ];
    // Ids a form claims for a new event's parts are not taken: every part is made new.
    draft.questions[0]!.id = 1;
    const made = await createEvent(db, draft, actor);
    expect(made.ok).toBe(true);
    const event = (await getEventForStaff(db, (made as { id: number }).id))!;
    expect(event).toMatchObject({
      status: 'draft',
      capacity: 50,
      sequence: 0,
      words: { es: { title: 'Capacitación' } },
    });
    expect(event.sessions.map((s) => s.titleEs)).toEqual(['Mañana']);
    expect(event.questions[0]!.choices).toHaveLength(2);
    expect(await getContentVersion(db)).toBeGreaterThan(version);
    const [entry] = (await listAudit(db, { action: 'event.create' })).rows;
    expect(entry!.summary.subject).toBe('Advocacy training');
    expect(await createEvent(db, { ...draft }, actor)).toMatchObject({ ok: false, field: 'slug' });
  });

  it('bumps the sequence when time or place changes, not when words do, and keeps session and question ids', async () => {
    const db = database().db;
    const draft = sampleDraft({ capacity: 10 });
    draft.sessions = [
      { titleEn: 'A', titleEs: '', startsAt: draft.facts.startsAt, endsAt: draft.facts.endsAt },
      { titleEn: 'B', titleEs: '', startsAt: draft.facts.startsAt, endsAt: draft.facts.endsAt },
    ];
    draft.questions = [{ kind: 'text', labelEn: 'Diet', labelEs: '', choices: [], required: false }];
    const { id } = (await createEvent(db, draft, actor)) as { id: number };
    const first = (await getEventForStaff(db, id))!;
    const [a, b] = first.sessions;

    const reworded = { ...draft, words: { en: { ...draft.words.en, title: 'New words' } } };
    reworded.sessions = [
      { ...a!, titleEn: 'A again' },
      { titleEn: 'C', titleEs: '', startsAt: a!.startsAt, endsAt: a!.endsAt },
    ];
    reworded.questions = [{ ...first.questions[0]! }];
    expect(await saveEvent(db, id, reworded, actor)).toMatchObject({ ok: true, capacityRaised: false });
    const second = (await getEventForStaff(db, id))!;
    expect(second.sequence).toBe(0);
    expect(second.sessions.map((s) => s.titleEn)).toEqual(['A again', 'C']);
    expect(second.sessions[0]!.id).toBe(a!.id);
    expect(second.sessions.some((s) => s.id === b!.id)).toBe(false);
    expect(second.questions[0]!.id).toBe(first.questions[0]!.id);

    const moved = {
      ...reworded,
      sessions: second.sessions,
      facts: { ...draft.facts, venue: 'Another hall', capacity: 12 },
    };
    expect(await saveEvent(db, id, moved, actor)).toMatchObject({ ok: true, capacityRaised: true });
    expect((await getEventForStaff(db, id))!.sequence).toBe(1);

    // A session id from another event is refused, and nothing is written.
    const other = (await createEvent(db, sampleDraft(), actor)) as { id: number };
    const otherSlug = (await getEventForStaff(db, other.id))!.slug;
    const stolen = { ...moved, facts: { ...moved.facts, slug: otherSlug }, sessions: [{ ...second.sessions[0]! }] };
    expect(await saveEvent(db, other.id, stolen, actor)).toMatchObject({ ok: false, field: 'form' });
  });

  it('publishes, goes back to draft, cancels for good (a new sequence), and groups the lists', async () => {
    const db = database().db;
    const past = (await createEvent(
      db,
      sampleDraft({ startsAt: new Date('2020-01-01T17:00:00Z'), endsAt: new Date('2020-01-01T19:00:00Z') }),
      actor,
    )) as { id: number };
    const { id } = (await createEvent(db, sampleDraft(), actor)) as { id: number };
    expect(await setEventStatus(db, id, 'published', actor)).toMatchObject({ ok: true });
    expect(await setEventStatus(db, past.id, 'published', actor)).toMatchObject({ ok: true });
    expect(await setEventStatus(db, id, 'draft', actor)).toMatchObject({ ok: true });
    expect(await setEventStatus(db, id, 'cancelled', actor)).toMatchObject({ ok: true });
    const cancelled = (await getEventForStaff(db, id))!;
    expect(cancelled).toMatchObject({ status: 'cancelled', sequence: 1 });
    expect(await setEventStatus(db, id, 'published', actor)).toMatchObject({ ok: false, field: 'status' });
    expect(await setEventStatus(db, 999_999, 'published', actor)).toMatchObject({ ok: false, problem: 'not-found' });
    const groups = groupForStaff(await listEventsForStaff(db), new Date('2026-12-01T00:00:00Z'));
    expect(groups.upcoming.some((e) => e.id === id)).toBe(true);
    expect(groups.past.map((e) => e.id)).toContain(past.id);
    expect(groups.drafts.every((e) => e.status === 'draft')).toBe(true);
    const actions = (await listAudit(db, { perPage: 4 })).rows.map((r) => r.action);
    expect(actions).toEqual(['event.cancel', 'event.unpublish', 'event.publish', 'event.publish']);
  });
});
