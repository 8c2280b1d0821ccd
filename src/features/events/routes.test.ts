import { and, desc, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { Writable } from 'node:stream';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, testConfig } from '../../../test/support/app.ts';
import { createApp } from '../../app/app.tsx';
import { createLogger } from '../../platform/logger.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { seedDemoContent } from '../content/seed/index.ts';
import { emailOutbox } from '../email/schema.ts';
import { eventRsvps, eventTranslations, events } from './schema.ts';
import { SAMPLE_ADVOCACY_DAY, SAMPLE_TRAINING, sampleDay, seedDemoEvents } from './seed/index.ts';
import { eventLinkTargets, searchEvents } from './service.ts';

const publicUrl = 'http://localhost:3000';
const JOIN_URL = 'https://meet.example.org/sample-training';

/** The JSON-LD blocks of a page, parsed. */
function structuredData(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!));
}

/** The events of a calendar file, as an iCalendar parser reads them. */
function calendarEvents(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

describeEachDatabase('events on the public site', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];

  beforeAll(async () => {
    const db = database().db;
    await seedDemoContent(db);
    expect((await seedDemoEvents(db)).seeded).toBe(true);
    // A past event and a draft: the archive shows the first, nothing shows the second.
    await db.insert(events).values([
      {
        slug: 'last-years-gathering',
        status: 'published',
        startsAt: new Date('2025-03-01T17:00:00Z'),
        endsAt: new Date('2025-03-01T19:00:00Z'),
        venue: 'A community hall',
      },
      {
        slug: 'a-draft',
        status: 'draft',
        startsAt: new Date('2030-03-01T17:00:00Z'),
        endsAt: new Date('2030-03-01T19:00:00Z'),
      },
    ]);
    app = createTestApp(database()).app;
  });

  it('seeds the samples once, as samples, weeks ahead on weekdays', async () => {
    expect((await seedDemoEvents(database().db)).seeded).toBe(false);
    const rows = await database().db.select().from(events).where(eq(events.isDemo, true));
    expect(rows.map((r) => r.slug).sort()).toEqual([SAMPLE_ADVOCACY_DAY, SAMPLE_TRAINING]);
    expect(rows.every((r) => r.startsAt.getTime() > Date.now() + 14 * 86_400_000)).toBe(true);
    // Wednesday, some weeks after a Saturday in the zone.
    expect(sampleDay(new Date('2026-12-05T20:00:00Z'), 6, 3)).toBe('2027-01-20');
  });

  it('lists upcoming events soonest first, then the past, in both languages, with the feed linked', async () => {
    const res = await app.request('/events');
    expect(res.status).toBe(200);
    const html = await res.text();
    const order = ['Sample training', 'Sample event: Advocacy Day', 'last-years-gathering'].map((t) => html.indexOf(t));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(html).toContain('Sample event</span>');
    expect(html).toContain('href="/events.ics"');
    expect(html).not.toContain('a-draft');
    const es = await (await app.request('/es/events')).text();
    expect(es).toContain('Evento de muestra: Día de Incidencia en el Capitolio');
    expect(es).toContain('href="/es/events/sample-advocacy-day"');
  });

  it('shows an event with its times in its own zone, sessions, seats, calendar links and the RSVP form', async () => {
    const html = await (await app.request(`/events/${SAMPLE_ADVOCACY_DAY}`)).text();
    expect(html).toContain('Times are Pacific Time.');
    expect(html).toContain('9:00 AM – 4:00 PM');
    expect(html).toContain('Oregon State Capitol');
    expect(html).toContain('Afternoon meetings with your legislators');
    expect(html).toContain('150 places left.');
    expect(html).toContain('<form method="post" action="/events/sample-advocacy-day/rsvp"');
    expect(html).toContain('name="sessions"');
    expect(html).toContain('href="/events/sample-advocacy-day.ics"');
    expect(html).toContain('https://calendar.google.com/calendar/render?');
    const [data] = structuredData(html);
    expect(data).toMatchObject({
      '@type': 'Event',
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: { '@type': 'Place', name: 'Oregon State Capitol' },
      url: `${publicUrl}/events/${SAMPLE_ADVOCACY_DAY}`,
    });
    const es = await (await app.request(`/es/events/${SAMPLE_ADVOCACY_DAY}`)).text();
    expect(es).toContain('Los horarios están en hora del Pacífico.');
    expect(es).toContain('Reuniones de la tarde con tus legisladores');
    expect(es).toContain('Quedan 150 lugares.');
  });

  it('never shows an online event’s join link on its page, in its structured data or in its calendar files', async () => {
    const res = await app.request(`/events/${SAMPLE_TRAINING}`);
    const html = await res.text();
    expect(html).not.toContain('meet.example.org');
    expect(structuredData(html)[0]).toMatchObject({
      eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode',
      location: { '@type': 'VirtualLocation', url: `${publicUrl}/events/${SAMPLE_TRAINING}` },
    });
    expect(await (await app.request(`/events/${SAMPLE_TRAINING}.ics`)).text()).not.toContain(JOIN_URL);
    expect(await (await app.request('/events.ics')).text()).not.toContain(JOIN_URL);
  });

  it('serves one event’s calendar file to download, and the feed of every public event', async () => {
    const one = await app.request(`/events/${SAMPLE_ADVOCACY_DAY}.ics`);
    expect(one.status).toBe(200);
    expect(one.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(one.headers.get('content-disposition')).toBe(`attachment; filename="${SAMPLE_ADVOCACY_DAY}.ics"`);
    const text = await one.text();
    const [event] = calendarEvents(text);
    expect(event!.summary).toContain('Advocacy Day at the Capitol');
    expect(text).toMatch(/DTSTART;TZID=America\/Los_Angeles:\d{8}T090000/);

    const feed = await app.request('/events.ics');
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(feed.headers.get('content-disposition')).toBe('inline; filename="events.ics"');
    expect(calendarEvents(await feed.text())).toHaveLength(3);
    const es = calendarEvents(await (await app.request('/es/events.ics')).text());
    expect(es.map((e) => e.summary).join(' ')).toContain('Día de Incidencia');

    const missing = await app.request('/events/a-draft.ics');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-disposition')).toBeNull();
  });

  it('gives the RSVP form back with what was typed and a message by each field, in the page’s language', async () => {
    const res = await app.request(`/es/events/${SAMPLE_ADVOCACY_DAY}/rsvp`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams([
        ['givenName', 'Rosa <b>'],
        ['email', 'not-an-address'],
        ['zip', '972'],
        ['sessions', '999999'],
        ['interpretation', 'other'],
      ]),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<title>Error: Evento de muestra');
    expect(html).toContain('class="error-summary"');
    expect(html).toContain('value="Rosa &lt;b&gt;"');
    expect(html).toContain('value="not-an-address"');
    for (const id of ['familyName', 'email', 'zip', 'sessions', 'interpretationOther'])
      expect(html).toContain(`id="${id}-error"`);
    expect(html).toContain('Escribe tu código postal de 5 dígitos');
    expect(html).toMatch(/id="interpretation-other"[^>]*checked/);
  });

  it('marks a cancelled event as cancelled, in words and in its data, and takes no RSVPs', async () => {
    const db = database().db;
    await db.update(events).set({ status: 'cancelled', updatedAt: new Date() }).where(eq(events.slug, SAMPLE_TRAINING));
    try {
      const html = await (await app.request(`/events/${SAMPLE_TRAINING}`)).text();
      expect(html).toContain('This event has been cancelled.');
      expect(html).not.toContain(`action="/events/${SAMPLE_TRAINING}/rsvp"`);
      expect(structuredData(html)[0]).toMatchObject({ eventStatus: 'https://schema.org/EventCancelled' });
      // The list (cached) shows it at once: the events' stamp moved the page cache's version.
      expect(await (await app.request('/events')).text()).toContain('Cancelled</span>');
      const sent = await app.request(`/events/${SAMPLE_TRAINING}/rsvp`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
        body: new URLSearchParams({ givenName: 'Ana', familyName: 'Rivera', email: 'ana@example.org', zip: '97204' }),
      });
      expect(sent.status).toBe(409);
    } finally {
      await db
        .update(events)
        .set({ status: 'published', updatedAt: new Date() })
        .where(eq(events.slug, SAMPLE_TRAINING));
    }
  });

  it('takes RSVPs to the last seat and the waitlist; the emailed link changes and cancels, promoting the next', async () => {
    const db = database().db;
    const [one] = await db
      .insert(events)
      .values({
        slug: 'one-seat',
        status: 'published',
        format: 'online',
        joinUrl: 'https://meet.example.org/one-seat',
        startsAt: new Date(Date.now() + 10 * 86_400_000),
        endsAt: new Date(Date.now() + 10 * 86_400_000 + 3_600_000),
        capacity: 1,
      })
      .returning({ id: events.id });
    await db.insert(eventTranslations).values({ eventId: one!.id, locale: 'en', title: 'One seat' });
    const rsvp = (email: string, address: string) =>
      app.request('/es/events/one-seat/rsvp', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'sec-fetch-site': 'same-origin',
          'x-forwarded-for': address,
        },
        body: new URLSearchParams({ givenName: 'Ana', familyName: 'Rivera', email, zip: '97204' }),
      });
    const first = await rsvp('first@example.org', '10.1.0.1');
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Vienes: tu lugar está confirmado');
    const second = await rsvp('second@example.org', '10.1.0.2');
    expect(await second.text()).toContain('eres el número 1 de la lista de espera');
    const tokenOf = async (to: string) => {
      const [mail] = await db
        .select({ data: emailOutbox.data })
        .from(emailOutbox)
        .where(eq(emailOutbox.toAddress, to))
        .orderBy(desc(emailOutbox.id))
        .limit(1);
      return String(mail!.data.token);
    };
    const token = await tokenOf('first@example.org');
    // Neither the thank-you page nor anything public carries the link to change someone's RSVP.
    expect(await (await app.request('/events/one-seat')).text()).not.toContain(token);

    const manage = await app.request(`/es/events/rsvp/${token}`);
    expect(manage.status).toBe(200);
    expect(manage.headers.get('referrer-policy')).toBe('no-referrer');
    const page = await manage.text();
    expect(page).toContain('Tu lugar está confirmado.');
    // The join link: for a confirmed attendee, on their own page only.
    expect(page).toContain('https://meet.example.org/one-seat');
    expect(await (await app.request(`/es/events/rsvp/${await tokenOf('second@example.org')}`)).text()).not.toContain(
      'meet.example.org',
    );

    const form = (body: Record<string, string>) => ({
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: manage.headers.getSetCookie()[0]!.split(';')[0]!,
      },
      body: new URLSearchParams({ _csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1]!, ...body }),
    });
    const bad = await app.request(`/es/events/rsvp/${token}`, form({ interpretation: 'other' }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('id="interpretationOther-error"');
    const changed = await app.request(`/es/events/rsvp/${token}`, form({ interpretation: 'asl', childcare: 'on' }));
    expect(changed.status).toBe(303);
    expect(changed.headers.get('location')).toBe(`/es/events/rsvp/${token}?saved=1`);
    const saved = await (await app.request(changed.headers.get('location')!)).text();
    expect(saved).toContain('Guardado.');
    expect(saved).toMatch(/id="interpretation-asl"[^>]*checked/);

    expect(await (await app.request(`/es/events/rsvp/${token}/cancel`)).text()).toContain(
      'Tu lugar pasa a la siguiente persona',
    );
    const cancelled = await app.request(`/es/events/rsvp/${token}/cancel`, form({ confirmed: 'yes' }));
    expect(cancelled.status).toBe(200);
    expect(await cancelled.text()).toContain('Tu confirmación está cancelada');
    const statuses = await db
      .select({ status: eventRsvps.status })
      .from(eventRsvps)
      .where(and(eq(eventRsvps.eventId, one!.id)))
      .orderBy(eventRsvps.id);
    expect(statuses.map((r) => r.status)).toEqual(['cancelled', 'confirmed']);
  });

  it('writes neither the manage link’s token nor the person’s details in any log line', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = createApp({
      config: testConfig({ LOG_LEVEL: 'trace' }),
      database: database(),
      logger: createLogger({ level: 'trace', destination }),
    }).app;
    const person = { givenName: 'Evangelina', familyName: 'Larkspur', email: 'evangelina.l@example.org', zip: '97204' };
    const sent = await logged.request(`/events/${SAMPLE_TRAINING}/rsvp`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ ...person, phone: '503-555-0143' }),
    });
    expect(sent.status).toBe(200);
    const [mail] = await database()
      .db.select({ data: emailOutbox.data })
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, person.email));
    const token = String(mail!.data.token);
    expect((await logged.request(`/events/rsvp/${token}`)).status).toBe(200);
    expect((await logged.request(`/events/rsvp/${token}/cancel`)).status).toBe(200);
    expect(lines.some((l) => l.includes('"route":"/events/rsvp/'))).toBe(true);
    for (const secret of [token, ...Object.values(person), '503-555-0143'])
      expect(lines.filter((l) => l.includes(secret))).toEqual([]);
  });

  it('answers a manage link that is not valid with a page never stored, indexed or passed on', async () => {
    const res = await app.request('/es/events/rsvp/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain('<meta name="robots" content="noindex"');
    expect(html).toContain('Este enlace no es válido');
    expect((await app.request('/events/a-draft')).status).toBe(404);
    expect((await app.request('/events/no-such-event')).status).toBe(404);
  });

  it('offers events to menus, search, the site map, sitemap.xml and the home page’s call to action', async () => {
    const db = database().db;
    const targets = await eventLinkTargets(db);
    expect(targets[0]).toMatchObject({ kind: 'list', ref: 'events', path: '/events', empty: false });
    expect(targets.find((t) => t.ref === SAMPLE_ADVOCACY_DAY)?.label.es).toContain('Día de Incidencia');
    expect((await searchEvents(db, 'Capitol', 'en', 10)).map((h) => h.path)).toContain(
      `/events/${SAMPLE_ADVOCACY_DAY}`,
    );
    expect((await searchEvents(db, 'capitolio', 'es', 10))[0]).toMatchObject({ kind: 'event', lang: 'es' });
    const search = await (await app.request('/search?q=legislators')).text();
    expect(search).toContain(`/events/${SAMPLE_ADVOCACY_DAY}`);
    expect(await (await app.request('/site-map')).text()).toContain(`href="/events/${SAMPLE_ADVOCACY_DAY}"`);
    expect(await (await app.request('/sitemap.xml')).text()).toContain(`${publicUrl}/events/${SAMPLE_ADVOCACY_DAY}`);
    const home = await (await app.request('/')).text();
    expect(home).toContain(`href="/events/${SAMPLE_ADVOCACY_DAY}"`);
    expect(home).toContain('Come to Advocacy Day at the Capitol');
    expect(await (await app.request('/es')).text()).toContain(`href="/es/events/${SAMPLE_ADVOCACY_DAY}"`);
  });
});
