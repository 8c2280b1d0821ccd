/**
 * Times staff type and read are in the organisation's time zone, whatever the
 * server's zone is. No date library: Intl knows every zone's rules.
 */

/** The zone's offset from UTC, in minutes, at that instant. */
function offsetMinutes(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return Math.round((asUtc - at.getTime()) / 60_000);
}

/** "2026-12-01T09:30" (a datetime-local value) in the zone, as an instant. Undefined when malformed. */
export function zonedLocalToDate(local: string, timeZone: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return undefined;
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(guess)) return undefined;
  // Two passes settle the offset across a daylight-saving change.
  let at = guess - offsetMinutes(new Date(guess), timeZone) * 60_000;
  at = guess - offsetMinutes(new Date(at), timeZone) * 60_000;
  return new Date(at);
}

/** An instant as a datetime-local value in the zone. */
export function dateToZonedLocal(at: Date, timeZone: string): string {
  const shifted = new Date(at.getTime() + offsetMinutes(at, timeZone) * 60_000);
  return shifted.toISOString().slice(0, 16);
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * "Dec 1, 2026, 9:30 AM PST" for staff screens. (Intl refuses dateStyle together with timeZoneName, so the fields are
 * spelled out.)
 */
export function formatInZone(at: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    formats.set(timeZone, format);
  }
  return format.format(at);
}

const zoneNames = new Map<string, string>();

/** The zone as staff say it, "Pacific Time", for the one line that tells them which zone every time is in. */
export function zoneName(timeZone: string): string {
  let name = zoneNames.get(timeZone);
  if (!name) {
    const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longGeneric' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName');
    // A zone without a generic name ("GMT+05:45") is named by its IANA name, which staff chose in the settings.
    name = part && !/^GMT/.test(part.value) ? part.value : timeZone;
    zoneNames.set(timeZone, name);
  }
  return name;
}
