import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { makeEvent, outboxFor } from '../events/rsvp-test-support.ts';
import { subscriptions, supporters } from '../supporters/schema.ts';
import { API_ROOT, makeKey, osdiClient, selfOf } from './test-support.ts';

type Link = { href: string };
const linkOf = (body: { _links: Record<string, unknown> }, rel: string) => (body._links[rel] as Link).href;
const DAY = 86_400_000;

describeEachDatabase('the OSDI API: events and attendances', (database) => {
  let made: ReturnType<typeof createTestApp>['app'] | undefined;
  const app = () => (made ??= createTestApp(database()).app);
  let token = '';
  const client = () => osdiClient(app(), token);
  const attendee = (n: string, extra: Record<string, unknown> = {}, more: Record<string, unknown> = {}) => ({
    person: {
      given_name: `Guest ${n}`,
      family_name: 'Tester',
      email_addresses: [{ address: `guest-${n}@example.org` }],
      postal_addresses: [{ postal_code: '97204' }],
      ...extra,
    },
    ...more,
  });
  /** The event with this title, found by following links from the entry point. */
  const eventTitled = async (title: string) => {
    const all = await client().all(await client().link('osdi:events'), 'osdi:events');
    const found = all.find((e) => e.title === title);
    expect(found, title).toBeDefined();
    return found!;
  };
  const supporterOf = async (email: string) =>
    (await database().db.select().from(supporters).where(eq(supporters.email, email)))[0];
  let draftId = 0;
  let sessions: number[] = [];
  let questions: number[] = [];

  beforeAll(async () => {
    const { db } = database();
    token = await makeKey(database(), ['read_people', 'write_people', 'read_actions', 'write_actions']);
    await makeEvent(db, { title: 'Lobby Day', capacity: 1 });
    await makeEvent(db, { title: 'Called Off', status: 'cancelled' });
    await makeEvent(db, { title: 'Last Year', startsAt: new Date(Date.now() - 2 * DAY) });
    await makeEvent(db, { title: 'Too Late', rsvpDeadline: new Date(Date.now() - DAY) });
    await makeEvent(db, { title: 'Online Training', format: 'online', venue: '', address: '' });
    const parts = await makeEvent(db, {
      title: 'Two Parts',
      sessions: [{ titleEn: 'Morning' }, { titleEn: 'Afternoon' }],
      questions: [{ labelEn: 'T-shirt size', kind: 'choice', choices: [{ en: 'S', es: 'CH' }], required: true }],
    });
    sessions = parts.sessionIds;
    questions = parts.questionIds;
    draftId = (await makeEvent(db, { title: 'Draft', status: 'draft' })).id;
  });

  it('lists the public’s events in OSDI’s shape, cancelled ones too, never a draft', async () => {
    const all = await client().all(await client().link('osdi:events'), 'osdi:events');
    expect(all.map((e) => e.title).sort()).toEqual([
      'Called Off',
      'Last Year',
      'Lobby Day',
      'Online Training',
      'Too Late',
      'Two Parts',
    ]);
    const lobby = await eventTitled('Lobby Day');
    expect(lobby).toMatchObject({
      origin_system: 'Groundswell',
      summary: 'Meet your legislators.',
      status: 'confirmed',
      capacity: 1,
      total_accepted: 0,
      'groundswell:format': 'in-person',
      location: {
        venue: 'Oregon State Capitol',
        address_lines: ['900 Court St NE'],
        locality: 'Salem',
        region: 'OR',
        postal_code: '97301',
        country: 'US',
      },
    });
    expect(lobby.browser_url).toMatch(/^http:\/\/localhost:3000\/events\/test-event-/);
    expect(Date.parse(lobby.end_date as string)).toBeGreaterThan(Date.parse(lobby.start_date as string));
    expect((await eventTitled('Called Off')).status).toBe('cancelled');
    const online = await eventTitled('Online Training');
    expect(online).not.toHaveProperty('location');
    expect(online).not.toHaveProperty('capacity');
    const parts = await eventTitled('Two Parts');
    expect((parts['groundswell:sessions'] as { id: number }[]).map((s) => s.id)).toEqual(sessions);
    expect(parts['groundswell:questions']).toEqual([
      { id: questions[0], kind: 'choice', label: 'T-shirt size', choices: ['S'], required: true },
    ]);
    expect((await client().get(selfOf(lobby))).body).toEqual(lobby);
    expect((await client().get(`${API_ROOT}/events/${draftId}`)).status).toBe(404);
    expect((await client().get(`${API_ROOT}/events/${draftId}/attendances`)).status).toBe(404);
  });

  it('RSVPs as the web form does: a seat while one is free, then the waitlist, each emailed', async () => {
    const lobby = await eventTitled('Lobby Day');
    const helper = linkOf(lobby, 'osdi:record_attendance_helper');
    const first = await client().post(helper, attendee('one'));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'accepted', 'groundswell:rsvp_status': 'confirmed' });
    expect(linkOf(first.body, 'osdi:event')).toBe(selfOf(lobby));
    expect((await client().get(linkOf(first.body, 'osdi:person'))).body).toMatchObject({ given_name: 'Guest one' });
    expect((await outboxFor(database().db, 'guest-one@example.org')).map((m) => m.template)).toEqual([
      'event-rsvp-confirmed',
    ]);

    const second = await client().post(helper, attendee('two'));
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ status: 'tentative', 'groundswell:rsvp_status': 'waitlisted' });
    expect((await outboxFor(database().db, 'guest-two@example.org')).map((m) => m.template)).toEqual([
      'event-rsvp-waitlisted',
    ]);
    expect((await client().get(selfOf(lobby))).body.total_accepted).toBe(1);

    // The same person again keeps their seat: the same attendance, the confirmation sent again as the form does.
    const again = await client().post(helper, attendee('one'));
    expect(again.status).toBe(200);
    expect(again.body.identifiers).toEqual(first.body.identifiers);
    expect(again.body.status).toBe('accepted');

    const listed = await client().all(linkOf(lobby, 'osdi:attendances'), 'osdi:attendances');
    expect(listed.map(selfOf).sort()).toEqual([selfOf(first.body), selfOf(second.body)].sort());
    expect((await client().get(selfOf(second.body))).body.status).toBe('tentative');

    // No list the person did not ask for.
    const one = await supporterOf('guest-one@example.org');
    expect(await database().db.select().from(subscriptions).where(eq(subscriptions.supporterId, one!.id))).toEqual([]);
  });

  it('asks the event’s own questions: sessions and required answers, by the body’s names', async () => {
    const parts = await eventTitled('Two Parts');
    const helper = linkOf(parts, 'osdi:record_attendance_helper');
    const missing = await client().post(helper, attendee('parts'));
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.fields as object).sort()).toEqual([
      `groundswell:answers.${questions[0]}`,
      'groundswell:sessions',
    ]);
    const answered = await client().post(
      helper,
      attendee('parts', {}, { 'groundswell:sessions': [sessions[1]], 'groundswell:answers': { [questions[0]!]: 'S' } }),
    );
    expect(answered.status).toBe(201);
    expect(answered.body.status).toBe('accepted');
  });

  it('answers bad input with 400 and a message by each field', async () => {
    const helper = linkOf(await eventTitled('Lobby Day'), 'osdi:record_attendance_helper');
    const bad = await client().post(helper, {
      person: {
        given_name: 'Ana',
        email_addresses: [{ address: 'ana-event@example.org' }],
        postal_addresses: [{ postal_code: 'ABCDE' }],
        phone_numbers: [{ number: 'call me' }],
      },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields as object).sort()).toEqual([
      'person.family_name',
      'person.phone_numbers.0.number',
      'person.postal_addresses.0.postal_code',
    ]);
    const shapeless = await client().post(helper, { person: { given_name: 'No address' } });
    expect(shapeless.status).toBe(400);
    expect(shapeless.body.fields).toHaveProperty(['person.email_addresses']);
    expect(await supporterOf('ana-event@example.org')).toBeUndefined();
  });

  it('refuses a cancelled event, one that is over and one past its RSVP deadline, with 409 and a message', async () => {
    const why = { 'Called Off': /cancelled/, 'Last Year': /over/, 'Too Late': /deadline/ };
    for (const [title, message] of Object.entries(why)) {
      const event = await eventTitled(title);
      const refused = await client().post(linkOf(event, 'osdi:record_attendance_helper'), attendee('late'));
      expect(refused.status, title).toBe(409);
      expect(refused.body.error).toMatch(message);
    }
    expect(await supporterOf('guest-late@example.org')).toBeUndefined();
  });

  it('keeps reading and writing actions to their scopes', async () => {
    const reader = osdiClient(app(), await makeKey(database(), ['read_actions'], 'Event reader'));
    const lobby = (await reader.all(await reader.link('osdi:events'), 'osdi:events')).find(
      (e) => e.title === 'Lobby Day',
    )!;
    expect((await reader.get(linkOf(lobby, 'osdi:attendances'))).status).toBe(200);
    const refused = await reader.post(linkOf(lobby, 'osdi:record_attendance_helper'), attendee('scoped'));
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/write_actions/);
    const writer = osdiClient(app(), await makeKey(database(), ['write_people'], 'People writer'));
    expect((await writer.get(selfOf(lobby))).status).toBe(403);
  });

  it('pages events and attendances by next links, and filters attendances by modified_date', async () => {
    const everyEvent = await client().all(`${API_ROOT}/events?per_page=2`, 'osdi:events');
    expect(everyEvent).toHaveLength(6);
    expect(new Set(everyEvent.map(selfOf)).size).toBe(6);

    const lobby = await eventTitled('Lobby Day');
    const helper = linkOf(lobby, 'osdi:record_attendance_helper');
    const before = (await client().all(linkOf(lobby, 'osdi:attendances'), 'osdi:attendances')).length;
    const mark = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (let i = 0; i < 4; i++) expect((await client().post(helper, attendee(`paged-${i}`))).status).toBe(201);
    const page = await client().get(`${linkOf(lobby, 'osdi:attendances')}?per_page=2`);
    expect(page.body).toMatchObject({ per_page: 2, total_records: before + 4 });
    const every = await client().all(`${linkOf(lobby, 'osdi:attendances')}?per_page=2`, 'osdi:attendances');
    expect(every).toHaveLength(before + 4);
    expect(new Set(every.map(selfOf)).size).toBe(before + 4);
    // Full: each joins the waitlist.
    expect(every.slice(before).map((a) => a.status)).toEqual(['tentative', 'tentative', 'tentative', 'tentative']);
    const since = encodeURIComponent(`modified_date gt '${mark.toISOString()}'`);
    const changed = await client().all(
      `${linkOf(lobby, 'osdi:attendances')}?per_page=3&filter=${since}`,
      'osdi:attendances',
    );
    expect(changed.map(selfOf)).toEqual(every.slice(before).map(selfOf));
  });

  it('documents the petitions’ and events’ routes in the OpenAPI document and on the docs page', async () => {
    const res = await app().request('http://localhost:3000/api/openapi.json');
    expect(res.status).toBe(200);
    const document = (await res.json()) as {
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
      components: { schemas: Record<string, unknown> };
    };
    for (const path of [
      '/petitions',
      '/petitions/{id}/signatures/{sid}',
      '/petitions/{id}/signatures/record_signature_helper',
      '/events/{id}',
      '/events/{id}/attendances/{aid}',
      '/events/{id}/attendances/record_attendance_helper',
    ])
      expect(document.paths, path).toHaveProperty([path]);
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['RecordSignatureHelper', 'RecordAttendanceHelper', 'Event', 'Attendance', 'Signature']),
    );
    const docs = await app().request('http://localhost:3000/api/docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('record_attendance_helper');
  });
});
