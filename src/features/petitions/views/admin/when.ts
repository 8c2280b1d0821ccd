/**
 * "Mar 1, 2026, 9:00 AM PST" in the organisation's zone, for staff screens.
 * The platform's formatInZone asks Intl for dateStyle with timeZoneName,
 * which Node 24 refuses (TypeError); until that is fixed in
 * platform/web/time.ts, the petition screens spell the fields out here.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

export function formatWhen(at: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
    formats.set(timeZone, format);
  }
  return format.format(at);
}
