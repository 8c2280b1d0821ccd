import type { ChangeCursor } from '../../platform/change-feed.ts';
import type { Db } from '../../platform/db/client.ts';

/** What an endpoint may receive, each named as receivers read it in `Groundswell-Event`. */
export const webhookEvents = [
  'person.created',
  'person.updated',
  'signature.verified',
  'rsvp.created',
  'letter.sent',
  'person.unsubscribed',
] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

/** Each event as the workspace names it, beside its checkbox. */
export const eventLabels: Record<WebhookEvent, string> = {
  'person.created': 'A person is added (signs up, signs, RSVPs, writes, or is added by staff)',
  'person.updated': 'A person’s record changes',
  'signature.verified': 'A petition signature is verified',
  'rsvp.created': 'Someone RSVPs to an event',
  'letter.sent': 'A letter to legislators is sent',
  'person.unsubscribed': 'A person unsubscribes from a topic',
};

/**
 * One change to tell receivers of: its place in its source (for the cursor), its idempotency key (the same
 * however often it is read: `signature.verified:123`), and the thin payload's `data` and `_links`.
 */
export type WebhookChange = {
  id: number;
  /** Exact, as ChangeCursor's `at`. */
  at: string;
  key: string;
  data: Record<string, unknown>;
  links: Record<string, { href: string }>;
};

/**
 * Where changes of one event come from: the app composes one per event from the feature that owns the data
 * (src/app/webhook-sources.ts), so this feature reads no other's tables and no write path calls it.
 */
export type WebhookSource = {
  event: WebhookEvent;
  changesSince(db: Db, after: ChangeCursor, until: Date, limit: number): Promise<WebhookChange[]>;
};
