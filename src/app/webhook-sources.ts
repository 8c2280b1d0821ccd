import type { ChangeFeed, FeedChange } from '../platform/change-feed.ts';
import { rsvpsCreated } from '../features/events/service.ts';
import { lettersSent } from '../features/letters/service.ts';
import { signaturesVerified } from '../features/petitions/service.ts';
import { peopleCreated, peopleUnsubscribed, peopleUpdated } from '../features/supporters/service.ts';
import type { WebhookChange, WebhookEvent, WebhookSource } from '../features/webhooks/service.ts';

/**
 * Where each webhook event's changes come from: a feed each owning feature exports (ids and times, read from its own
 * tables), turned here into the webhooks' thin shape. Every change names its person only as an OSDI identifier and a
 * link into the API (/api/v1/…), where the receiver's key and scopes decide what it may read: no name, no address.
 */
export function webhookSources(publicUrl: string): WebhookSource[] {
  const api = `${publicUrl.replace(/\/$/, '')}/api/v1`;
  const person = (c: FeedChange) => `${api}/people/${c.ids.person}`;
  const source = (
    event: WebhookEvent,
    feed: ChangeFeed,
    shape: (c: FeedChange) => { key: string; data?: Record<string, unknown>; self: string },
  ): WebhookSource => ({
    event,
    async changesSince(db, after, until, limit) {
      return (await feed(db, after, until, limit)).map((c): WebhookChange => {
        const { key, data, self } = shape(c);
        return {
          id: c.id,
          at: c.at,
          key: `${event}:${key}`,
          data: { identifiers: [`groundswell:${c.ids.person}`], ...data },
          links: { self: { href: self }, 'osdi:person': { href: person(c) } },
        };
      });
    },
  });
  return [
    source('person.created', peopleCreated, (c) => ({ key: String(c.id), self: person(c) })),
    // A person changes many times: the time (in microseconds, as exact as the record) tells one change from another.
    source('person.updated', peopleUpdated, (c) => ({ key: `${c.id}:${microseconds(c.at)}`, self: person(c) })),
    source('person.unsubscribed', peopleUnsubscribed, (c) => ({ key: String(c.id), self: person(c) })),
    source('signature.verified', signaturesVerified, (c) => ({
      key: String(c.id),
      data: { petition_id: c.ids.petition, signature_id: c.ids.signature },
      self: `${api}/petitions/${c.ids.petition}/signatures/${c.ids.signature}`,
    })),
    source('rsvp.created', rsvpsCreated, (c) => ({
      key: String(c.id),
      data: { event_id: c.ids.event, attendance_id: c.ids.rsvp },
      self: `${api}/events/${c.ids.event}/attendances/${c.ids.rsvp}`,
    })),
    source('letter.sent', lettersSent, (c) => ({
      key: String(c.id),
      data: { advocacy_campaign_id: c.ids.campaign, outreach_id: c.ids.letter },
      self: `${api}/advocacy_campaigns/${c.ids.campaign}/outreaches/${c.ids.letter}`,
    })),
  ];
}

/** An exact time (ISO with up to six decimals) as whole microseconds since 1970, for a key. */
function microseconds(iso: string): string {
  const fraction = /\.(\d+)/.exec(iso)?.[1] ?? '';
  const seconds = Math.floor(new Date(iso).getTime() / 1000);
  return `${seconds}${fraction.padEnd(6, '0').slice(0, 6)}`;
}
