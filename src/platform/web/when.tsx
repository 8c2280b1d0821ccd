import { formatInZone } from './time.ts';

/**
 * Every time a workspace screen shows, in the organisation's zone with the
 * zone's abbreviation ("Dec 1, 2026, 9:30 AM PST"), and the instant itself in
 * `datetime` for machines. The one formatter: no screen writes a time another way.
 */
export function When(props: { at: Date; timeZone: string }) {
  return <time datetime={props.at.toISOString()}>{formatInZone(props.at, props.timeZone)}</time>;
}
