import { describe, expect, it } from 'vitest';
import { dateToZonedLocal, formatInZone, zonedLocalToDate, zoneName } from './time.ts';
import { When } from './when.tsx';

describe("times in the organisation's zone", () => {
  it('reads a datetime-local value as Oregon time, across daylight saving', () => {
    expect(zonedLocalToDate('2026-12-01T09:30', 'America/Los_Angeles')?.toISOString()).toBe('2026-12-01T17:30:00.000Z');
    expect(zonedLocalToDate('2026-07-01T09:30', 'America/Los_Angeles')?.toISOString()).toBe('2026-07-01T16:30:00.000Z');
    expect(zonedLocalToDate('not a time', 'America/Los_Angeles')).toBeUndefined();
    expect(dateToZonedLocal(new Date('2026-12-01T17:30:00Z'), 'America/Los_Angeles')).toBe('2026-12-01T09:30');
  });

  it('formats an instant for staff with the zone named', () => {
    expect(formatInZone(new Date('2026-12-01T17:30:00Z'), 'America/Los_Angeles')).toBe('Dec 1, 2026, 9:30 AM PST');
    expect(formatInZone(new Date('2026-07-01T16:30:00Z'), 'America/Los_Angeles')).toBe('Jul 1, 2026, 9:30 AM PDT');
  });

  it('names the zone once for the frame, as people say it', () => {
    expect(zoneName('America/Los_Angeles')).toBe('Pacific Time');
    expect(zoneName('America/New_York')).toBe('Eastern Time');
    // A zone with no everyday name keeps the name staff chose in the settings.
    expect(zoneName('Etc/GMT+5')).toBe('Etc/GMT+5');
  });

  it('renders every workspace time one way: the zone’s reading, the instant for machines', () => {
    expect(String(<When at={new Date('2026-12-01T17:30:00Z')} timeZone="America/Los_Angeles" />)).toBe(
      '<time datetime="2026-12-01T17:30:00.000Z">Dec 1, 2026, 9:30 AM PST</time>',
    );
    expect(String(<When at={new Date('2026-12-01T17:30:00Z')} timeZone="America/New_York" />)).toContain(
      '12:30 PM EST',
    );
  });
});
