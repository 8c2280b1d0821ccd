import {
  bigint,
  bigserial,
  index,
  integer,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { staffUsers } from '../staff/schema.ts';
import type { WebhookEvent } from './events.ts';

export type EndpointStatus = 'active' | 'paused';
/** Why an endpoint is paused: staff paused it, or its deliveries failed for days (ADR on webhooks). */
export type PauseReason = 'staff' | 'failing';

/** A receiver an admin registered, the events it takes, and its signing secret sealed with SECRET_KEY. */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: serial('id').primaryKey(),
  url: text('url').notNull(),
  description: text('description').notNull(),
  events: text('events').array().$type<WebhookEvent[]>().notNull(),
  status: text('status').$type<EndpointStatus>().notNull().default('active'),
  pausedReason: text('paused_reason').$type<PauseReason>(),
  /** AES-256-GCM under the 'webhooks' key derived from SECRET_KEY: recoverable to sign, useless without the key. */
  secretSealed: text('secret_sealed').notNull(),
  /** Changes from this moment on are delivered: set when made and when resumed, so no history floods in. */
  listeningSince: timestamp('listening_since', { withTimezone: true }).notNull().defaultNow(),
  /** The first failure since the last success; null while deliveries succeed. */
  failingSince: timestamp('failing_since', { withTimezone: true }),
  createdBy: integer('created_by').references(() => staffUsers.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type DeliveryStatus = 'queued' | 'sending' | 'delivered';

/** One change for one endpoint: the durable outbox the sender claims from, and what staff read of each attempt. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    endpointId: integer('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    event: text('event').$type<WebhookEvent>().notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** The JSON exactly as sent and signed, the same bytes on every attempt. */
    body: text('body').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    status: text('status').$type<DeliveryStatus>().notNull().default('queued'),
    attempts: smallint('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    lastStatusCode: smallint('last_status_code'),
    /** The start of the last answer's body (or what went wrong), plain text, at most 500 characters. */
    lastResponse: text('last_response'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A change read twice is queued once per endpoint.
    uniqueIndex('webhook_deliveries_key_idx').on(t.endpointId, t.idempotencyKey),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.id),
  ],
);

/** How far each event's source has been read (platform/change-feed.ts's cursor). */
export const webhookCursors = pgTable('webhook_cursors', {
  event: text('event').$type<WebhookEvent>().primaryKey(),
  at: text('at').notNull(),
  lastId: bigint('last_id', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
