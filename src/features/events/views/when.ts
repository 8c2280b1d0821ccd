import type { Locale } from '../../../platform/web/locale.ts';

/**
 * An event's times as people read them, in the event's own zone (not the server's, nor the reader's):
 * someone in another zone sees the time on the clock at the Capitol, and the page says which zone that is.
 */
const intlLocales: Record<Locale, string> = { en: 'en-US', es: 'es-US' };
const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: Locale, timeZone: string, kind: 'day' | 'time' | 'zone'): Intl.DateTimeFormat {
  const key = `${locale}:${timeZone}:${kind}`;
  let f = formats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'day'
        ? { timeZone, weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }
        : kind === 'time'
          ? { timeZone, hour: 'numeric', minute: '2-digit' }
          : { timeZone, timeZoneName: 'longGeneric' };
    f = new Intl.DateTimeFormat(intlLocales[locale], options);
    formats.set(key, f);
  }
  return f;
}

/** "Thursday, March 4, 2027" in the zone. */
export function eventDay(at: Date, locale: Locale, timeZone: string): string {
  return format(locale, timeZone, 'day').format(at);
}

/** "9:00 AM" in the zone. */
export function eventTime(at: Date, locale: Locale, timeZone: string): string {
  return format(locale, timeZone, 'time').format(at);
}

/** The zone as people say it: "Pacific Time", "hora del Pacífico"; its IANA name when Intl has no such name. */
export function eventZoneName(timeZone: string, locale: Locale, at: Date = new Date()): string {
  const name = format(locale, timeZone, 'zone')
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  return name && !/^GMT/.test(name) ? name : timeZone;
}

/** When an event (or a session) runs: one day and a span of hours, or two days each with its hour. */
export function eventSpan(startsAt: Date, endsAt: Date, locale: Locale, timeZone: string): string {
  const startDay = eventDay(startsAt, locale, timeZone);
  const endDay = eventDay(endsAt, locale, timeZone);
  const from = eventTime(startsAt, locale, timeZone);
  const to = eventTime(endsAt, locale, timeZone);
  if (startDay === endDay) return `${startDay}, ${from} – ${to}`;
  return `${startDay}, ${from} – ${endDay}, ${to}`;
}

/** A session's hours alone, when its day is the event's. */
export function hoursSpan(startsAt: Date, endsAt: Date, locale: Locale, timeZone: string): string {
  return `${eventTime(startsAt, locale, timeZone)} – ${eventTime(endsAt, locale, timeZone)}`;
}
