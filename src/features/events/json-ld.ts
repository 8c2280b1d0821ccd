import { localizedPath, type Locale } from '../../platform/web/locale.ts';
import type { EventDetails } from './events-read.ts';

/**
 * An event as schema.org describes it, for search engines' event listings. The join link of an online event is
 * never here: it is for confirmed attendees only, so the location is the event's page itself.
 */
export function eventStructuredData(
  event: EventDetails,
  opts: { locale: Locale; publicUrl: string; organisation: string; image?: string | undefined },
): Record<string, unknown> {
  const url = opts.publicUrl + localizedPath(opts.locale, `/events/${event.slug}`);
  const place =
    event.format === 'online'
      ? { '@type': 'VirtualLocation', url }
      : {
          '@type': 'Place',
          name: event.venue || undefined,
          address: event.address ? { '@type': 'PostalAddress', streetAddress: event.address } : undefined,
        };
  const free = event.capacity === null || (event.seats.left ?? 1) > 0;
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: event.text.title,
    description: event.text.summary || undefined,
    inLanguage: event.text.locale,
    url,
    startDate: event.startsAt.toISOString(),
    endDate: event.endsAt.toISOString(),
    eventStatus:
      event.status === 'cancelled' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode:
      event.format === 'online'
        ? 'https://schema.org/OnlineEventAttendanceMode'
        : 'https://schema.org/OfflineEventAttendanceMode',
    location: place,
    image: opts.image ? [opts.image] : undefined,
    isAccessibleForFree: true,
    organizer: { '@type': 'Organization', name: opts.organisation, url: `${opts.publicUrl}/` },
    offers: {
      '@type': 'Offer',
      price: 0,
      priceCurrency: 'USD',
      url,
      availability: free ? 'https://schema.org/InStock' : 'https://schema.org/SoldOut',
    },
    subEvent:
      event.sessions.length > 0
        ? event.sessions.map((s) => ({
            '@type': 'Event',
            name: s.title,
            startDate: s.startsAt.toISOString(),
            endDate: s.endsAt.toISOString(),
          }))
        : undefined,
  };
}

/** JSON-LD is data, not script, so the strict CSP allows it; "<" is escaped so no text can close the element early. */
export function structuredDataJson(data: Record<string, unknown>): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
