import ical, { ICalEventStatus } from 'ical-generator';
import { markdownToText } from '../../platform/web/markdown-text.ts';
import { localizedPath, type Locale } from '../../platform/web/locale.ts';
import { dateToZonedLocal } from '../../platform/web/time.ts';
import type { EventDetails } from './events-read.ts';

// Calendar files (RFC 5545) for one event (the page's download, the confirmation's attachment) or all of
// them (the feed), and the links that open the common web calendars with an event filled in.

const words = {
  en: { sample: 'Sample', online: 'Online', more: 'Details and changes' },
  es: { sample: 'Ejemplo', online: 'En línea', more: 'Detalles y cambios' },
} satisfies Record<Locale, unknown>;

/** The event's address on the site, in the language asked. */
export function eventUrl(event: Pick<EventDetails, 'slug'>, publicUrl: string, locale: Locale): string {
  return publicUrl + localizedPath(locale, `/events/${event.slug}`);
}

/**
 * A calendar file holding each event: UID stable per event (so a later file updates the same entry),
 * SEQUENCE from the event (bumped by staff's changes of time or place), times in the event's zone
 * with its VTIMEZONE, and STATUS:CANCELLED for a cancelled one, so calendars that took it drop it.
 * `joinUrl` puts an online event's link in (only in a confirmed attendee's own file).
 */
export function eventCalendar(
  events: EventDetails[],
  opts: { publicUrl: string; name: string; locale: Locale; joinUrl?: boolean },
): string {
  const host = new URL(opts.publicUrl).hostname;
  const zones = new Set(events.map((e) => e.timeZone));
  const years = events.flatMap((e) => [e.startsAt.getUTCFullYear(), e.endsAt.getUTCFullYear()]);
  const [from, to] = years.length ? [Math.min(...years) - 1, Math.max(...years) + 1] : [0, 0];
  const calendar = ical({
    name: opts.name,
    prodId: { company: host, product: 'groundswell-events', language: opts.locale.toUpperCase() },
    // Every zone used gets its VTIMEZONE, so a calendar reads TZID without a zone database of its own.
    ...(zones.size > 0 ? { timezone: { name: null, generator: (zone: string) => vtimezone(zone, from, to) } } : {}),
  });
  for (const event of events) {
    const t = words[opts.locale];
    const url = eventUrl(event, opts.publicUrl, opts.locale);
    const online = event.format === 'online';
    const sessions = event.sessions.map((s) => `${wallClock(s.startsAt, event.timeZone, true)} ${s.title}`);
    const description = [
      event.text.summary,
      markdownToText(event.text.descriptionMd, { absoluteBase: opts.publicUrl }),
      sessions.join('\n'),
      event.text.accessibilityNotes,
      online && opts.joinUrl && event.joinUrl ? event.joinUrl : '',
      `${t.more}: ${url}`,
    ]
      .filter((p) => p.trim())
      .join('\n\n');
    calendar.createEvent({
      id: `event-${event.id}@${host}`,
      sequence: event.sequence,
      stamp: event.updatedAt,
      lastModified: event.updatedAt,
      // ical-generator writes a date's UTC fields after the TZID: hand it the wall clock in the zone.
      start: zonedWallClock(event.startsAt, event.timeZone),
      end: zonedWallClock(event.endsAt, event.timeZone),
      timezone: event.timeZone,
      summary: event.isDemo ? `[${t.sample}] ${event.text.title}` : event.text.title,
      description,
      location: online ? t.online : [event.venue, event.address].filter((p) => p.trim()).join(', ') || null,
      url,
      status:
        event.status === 'cancelled'
          ? ICalEventStatus.CANCELLED
          : event.status === 'draft'
            ? ICalEventStatus.TENTATIVE
            : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

/** Links that open Google, Outlook and Yahoo calendars with the event filled in: plain links, no script. */
export function webCalendarLinks(
  event: EventDetails,
  publicUrl: string,
): { google: string; outlook: string; yahoo: string } {
  const url = eventUrl(event, publicUrl, event.text.locale);
  const title = event.text.title;
  const details = [event.text.summary, url].filter(Boolean).join('\n\n');
  const location =
    event.format === 'online'
      ? words[event.text.locale].online
      : [event.venue, event.address].filter((p) => p.trim()).join(', ');
  const utc = (d: Date) =>
    d
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
  const query = (params: Record<string, string>) => new URLSearchParams(params).toString();
  return {
    google: `https://calendar.google.com/calendar/render?${query({
      action: 'TEMPLATE',
      text: title,
      dates: `${utc(event.startsAt)}/${utc(event.endsAt)}`,
      details,
      location,
      ctz: event.timeZone,
    })}`,
    outlook: `https://outlook.live.com/calendar/0/deeplink/compose?${query({
      path: '/calendar/action/compose',
      rru: 'addevent',
      subject: title,
      startdt: event.startsAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      enddt: event.endsAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      body: details,
      location,
    })}`,
    yahoo: `https://calendar.yahoo.com/?${query({
      v: '60',
      title,
      st: utc(event.startsAt),
      et: utc(event.endsAt),
      desc: details,
      in_loc: location,
    })}`,
  };
}

// The instant's wall clock in the zone, as a Date whose UTC fields hold it (minute precision, as events have).
function zonedWallClock(at: Date, timeZone: string): Date {
  return new Date(`${dateToZonedLocal(at, timeZone)}:00Z`);
}

function wallClock(at: Date, timeZone: string, short = false): string {
  const local = dateToZonedLocal(at, timeZone).replace('T', ' ');
  return short ? local.slice(11) : local;
}

const offsetOf = (at: number, timeZone: string) =>
  Math.round((zonedWallClock(new Date(at), timeZone).getTime() - Math.floor(at / 60_000) * 60_000) / 60_000);

const icalOffset = (minutes: number) => {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
};
const icalLocal = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, '');

/**
 * A VTIMEZONE for the zone over the given years, its observances found from Intl (which knows every
 * zone's rules), so no zone database is added: each change of offset is one observance, its DTSTART the
 * local time before the change (RFC 5545 3.6.5).
 */
export function vtimezone(timeZone: string, fromYear: number, toYear: number): string {
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear + 1, 0, 1);
  const day = 24 * 60 * 60 * 1000;
  const first = offsetOf(start, timeZone);
  const observances: string[] = [observance('STANDARD', start, first, first)];
  let before = first;
  for (let t = start; t < end; t += day) {
    const after = offsetOf(t + day, timeZone);
    if (after === before) continue;
    // Offsets change on a whole minute: narrow the day down to it.
    let lo = t;
    let hi = t + day;
    while (hi - lo > 60_000) {
      const mid = Math.floor((lo + hi) / 2 / 60_000) * 60_000;
      if (offsetOf(mid, timeZone) === before) lo = mid;
      else hi = mid;
    }
    observances.push(observance(after > before ? 'DAYLIGHT' : 'STANDARD', hi, before, after));
    before = after;
  }
  return ['BEGIN:VTIMEZONE', `TZID:${timeZone}`, ...observances, 'END:VTIMEZONE'].join('\r\n');
}

function observance(kind: 'STANDARD' | 'DAYLIGHT', at: number, from: number, to: number): string {
  return [
    `BEGIN:${kind}`,
    `DTSTART:${icalLocal(at + from * 60_000)}`,
    `TZOFFSETFROM:${icalOffset(from)}`,
    `TZOFFSETTO:${icalOffset(to)}`,
    `END:${kind}`,
  ].join('\r\n');
}
