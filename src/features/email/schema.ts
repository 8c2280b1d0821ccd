import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Locale } from '../../platform/web/locale.ts';

export const emailKinds = ['transactional', 'bulk'] as const;
export type EmailKind = (typeof emailKinds)[number];
export const outboxStatuses = ['queued', 'sending', 'sent', 'failed', 'suppressed'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/**
 * One row per message to send, written in the same transaction as the action
 * that caused it, so an acknowledged sign-up always has its email. A worker
 * claims due rows with FOR UPDATE SKIP LOCKED and a lease (see ADR 016).
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The same key never queues a second message: retries of an action are harmless. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** A stable RFC 5322 Message-ID, the same on every attempt, so receivers can merge repeats. */
    messageId: text('message_id').notNull(),
    toAddress: text('to_address').notNull(),
    kind: text('kind').$type<EmailKind>().notNull(),
    template: text('template').notNull(),
    locale: text('locale').$type<Locale>().notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status').$type<OutboxStatus>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** While a worker holds the row; after it passes, another worker may take the row over. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    /** Set for a broadcast's messages, so its progress page counts them by status. */
    broadcastId: bigint('broadcast_id', { mode: 'number' }),
    /**
     * Forget the address and merge data once the message is sent or given up (a story's teller, ADR 063): the
     * outbox then keeps no contact detail, only that a message went.
     */
    forgetWhenSent: boolean('forget_when_sent').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('email_outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('email_outbox_broadcast_idx').on(t.broadcastId, t.status),
    // A person's page, data export and erasure look messages up by address.
    index('email_outbox_to_idx').on(t.toAddress),
  ],
);

/** Where messages go when no SMTP relay is configured (the demo): readable by admins in the workspace. */
export const emailMailbox = pgTable('email_mailbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  outboxId: bigint('outbox_id', { mode: 'number' }),
  toAddress: text('to_address').notNull(),
  subject: text('subject').notNull(),
  text: text('text').notNull(),
  html: text('html').notNull(),
  headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
  /** Files the message carried (an event's calendar file), as sent: the demo mailbox offers them for download. */
  attachments: jsonb('attachments')
    .$type<{ filename: string; contentType: string; content: string }[]>()
    .notNull()
    .default([]),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const suppressionReasons = ['hard-bounce', 'complaint', 'manual'] as const;
export type SuppressionReason = (typeof suppressionReasons)[number];

/**
 * Addresses that get no bulk mail, whatever their subscriptions say: a hard
 * bounce or a spam complaint reported by the relay, or a staff decision.
 * Keyed by the normalized address, so it holds even for someone deleted
 * and signed up again by a list import.
 */
export const emailSuppressions = pgTable('email_suppressions', {
  address: text('address').primaryKey(),
  reason: text('reason').$type<SuppressionReason>().notNull(),
  /** Where the report came from: "webhook:generic", "webhook:postmark", "staff". */
  source: text('source').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});
