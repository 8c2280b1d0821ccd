import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { eventCalendar, vtimezone, webCalendarLinks } from './calendar.ts';
import type { EventDetails } from './events-read.ts';

const publicUrl = 'https://psj.example';

function details(extra: Partial<EventDetails> = {}): EventDetails {
  return {
    id: 7,
    slug: 'advocacy-day',
    status: 'published',
    format: 'in-person',
    startsAt: new Date('2027-03-09T17:00:00Z'),
    endsAt: new Date('2027-03-10T00:30:00Z'),
    timeZone: 'America/Los_Angeles',
    venue: 'Oregon State Capitol',
    address: '900 Court St NE, Salem',
    joinUrl: '',
    capacity: null,
    rsvpDeadline: null,
    meetsLegislators: true,
    imageId: null,
    isDemo: false,
    sequence: 0,
    updatedAt: new Date('2027-01-02T03:04:05Z'),
    text: {
      locale: 'en',
      title: 'Advocacy Day',
      summary: 'Meet your legislators.',
      descriptionMd: 'Bring **comfortable shoes**; see [the guide](/advocacy-day-guide).',
      accessibilityNotes: 'Step-free entrance on Court Street.',
    },
    hasSpanish: true,
    sessions: [],
    questions: [],
    seats: { confirmed: 0, waitlisted: 0, left: null },
    ...extra,
  };
}

/** The file as a calendar program reads it: its zones registered, its events with their times as instants. */
function parse(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  for (const zone of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return comp.getAllSubcomponents('vevent').map((v) => ({ vevent: v, event: new ICAL.Event(v) }));
}

describe('calendar files', () => {
  it('keeps the instants in the event zone, across daylight saving, winter and summer', () => {
    const winter = details({ startsAt: new Date('2027-01-12T18:00:00Z'), endsAt: new Date('2027-01-12T20:00:00Z') });
    const summer = details({
      id: 8,
      slug: 'training',
      startsAt: new Date('2027-07-01T01:30:00Z'),
      endsAt: new Date('2027-07-01T03:00:00Z'),
    });
    const text = eventCalendar([winter, summer], { publicUrl, name: 'PSJ events', locale: 'en' });
    expect(text).toContain('DTSTART;TZID=America/Los_Angeles:20270112T100000');
    // 01:30 UTC on 1 July is 6:30 PM on 30 June in Oregon (PDT, UTC−7).
    expect(text).toContain('DTSTART;TZID=America/Los_Angeles:20270630T183000');
    const [a, b] = parse(text);
    expect(a!.event.startDate.toJSDate().toISOString()).toBe(winter.startsAt.toISOString());
    expect(a!.event.endDate.toJSDate().toISOString()).toBe(winter.endsAt.toISOString());
    expect(b!.event.startDate.toJSDate().toISOString()).toBe(summer.startsAt.toISOString());
    expect(b!.event.startDate.zone?.tzid).toBe('America/Los_Angeles');
  });

  it('gives each event a stable UID, its SEQUENCE, its page, its place and its words as plain text', () => {
    const one = parse(eventCalendar([details({ sequence: 4 })], { publicUrl, name: 'x', locale: 'en' }))[0]!;
    const again = parse(eventCalendar([details({ sequence: 5 })], { publicUrl, name: 'x', locale: 'es' }))[0]!;
    expect(one.event.uid).toBe('event-7@psj.example');
    expect(again.event.uid).toBe(one.event.uid);
    expect([one.event.sequence, again.event.sequence]).toEqual([4, 5]);
    expect(one.event.location).toBe('Oregon State Capitol, 900 Court St NE, Salem');
    expect(one.vevent.getFirstPropertyValue('url')).toBe('https://psj.example/events/advocacy-day');
    expect(again.vevent.getFirstPropertyValue('url')).toBe('https://psj.example/es/events/advocacy-day');
    expect(one.vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(one.event.description).toContain(
      'Bring comfortable shoes; see the guide (https://psj.example/advocacy-day-guide).',
    );
    expect(one.event.description).toContain('Step-free entrance on Court Street.');
    expect(one.event.description).not.toContain('**');
  });

  it('marks a cancelled event CANCELLED and a sample as a sample; an online link only when asked', () => {
    const online = details({ format: 'online', joinUrl: 'https://meet.example/x', status: 'cancelled', isDemo: true });
    const feed = parse(eventCalendar([online], { publicUrl, name: 'x', locale: 'es' }))[0]!;
    expect(feed.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(feed.event.summary).toBe('[Ejemplo] Advocacy Day');
    expect(feed.event.location).toBe('En línea');
    expect(feed.event.description).not.toContain('meet.example');
    const own = parse(eventCalendar([online], { publicUrl, name: 'x', locale: 'en', joinUrl: true }))[0]!;
    expect(own.event.description).toContain('https://meet.example/x');
  });

  it('writes a zone without daylight saving, and one off the hour, as calendars read them', () => {
    for (const timeZone of ['America/Phoenix', 'Asia/Kolkata', 'UTC']) {
      const event = details({ timeZone });
      const [parsed] = parse(eventCalendar([event], { publicUrl, name: 'x', locale: 'en' }));
      expect(parsed!.event.startDate.toJSDate().toISOString()).toBe(event.startsAt.toISOString());
    }
    expect(vtimezone('Asia/Kolkata', 2026, 2027)).toContain('TZOFFSETTO:+0530');
    expect(vtimezone('America/Los_Angeles', 2027, 2027).match(/BEGIN:DAYLIGHT/g)).toHaveLength(1);
  });

  it('an empty feed is still a calendar', () => {
    const text = eventCalendar([], { publicUrl, name: 'PSJ events', locale: 'en' });
    expect(new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent')).toHaveLength(0);
  });
});

describe('web calendar links', () => {
  it('fill in the title, the times in UTC, the place and the page, with everything escaped', () => {
    const event = details({ text: { ...details().text, title: 'Día & noche ?x=1' } });
    const links = webCalendarLinks(event, publicUrl);
    const google = new URL(links.google);
    expect(google.origin + google.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(google.searchParams.get('text')).toBe('Día & noche ?x=1');
    expect(google.searchParams.get('dates')).toBe('20270309T170000Z/20270310T003000Z');
    expect(google.searchParams.get('ctz')).toBe('America/Los_Angeles');
    expect(google.searchParams.get('details')).toContain('https://psj.example/events/advocacy-day');
    const outlook = new URL(links.outlook);
    expect(outlook.searchParams.get('startdt')).toBe('2027-03-09T17:00:00Z');
    expect(outlook.searchParams.get('location')).toBe('Oregon State Capitol, 900 Court St NE, Salem');
    const yahoo = new URL(links.yahoo);
    expect([yahoo.searchParams.get('st'), yahoo.searchParams.get('et')]).toEqual([
      '20270309T170000Z',
      '20270310T003000Z',
    ]);
    expect(yahoo.searchParams.get('title')).toBe('Día & noche ?x=1');
  });
});
