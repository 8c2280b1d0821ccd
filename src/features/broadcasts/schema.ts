import { bigserial, bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { Locale } from '../../platform/web/locale.ts';
import type { Audience } from '../supporters/service.ts';
import { supporters } from '../supporters/schema.ts';

export const broadcastStatuses = ['draft', 'scheduled', 'sending', 'sent', 'cancelled'] as const;
export type BroadcastStatus = (typeof broadcastStatuses)[number];

export type { Audience } from '../supporters/service.ts';

/** The words of a broadcast in one language. */
export type BroadcastVersion = { subject: string; preheader: string; body: string };

/**
 * A message to many. Drafts can be edited; once it is scheduled and its time
 * comes, the recipients are written down in one transaction (the resume
 * point) and each gets one outbox row.
 */
export const broadcasts = pgTable(
  'broadcasts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    name: text('name').notNull(),
    en: jsonb('en').$type<BroadcastVersion>().notNull(),
    /** Null when there is no Spanish version: Spanish readers then get the English one. */
    es: jsonb('es').$type<BroadcastVersion>(),
    audience: jsonb('audience').$type<Audience>().notNull(),
    status: text('status').$type<BroadcastStatus>().notNull().default('draft'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    recipientCount: integer('recipient_count'),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('broadcasts_due_idx').on(t.status, t.scheduledAt)],
);

/** One row per recipient, written before any message is queued. */
export const broadcastRecipients = pgTable(
  'broadcast_recipients',
  {
    broadcastId: bigint('broadcast_id', { mode: 'number' })
      .notNull()
      .references(() => broadcasts.id, { onDelete: 'cascade' }),
    supporterId: integer('supporter_id')
      .notNull()
      .references(() => supporters.id, { onDelete: 'cascade' }),
    locale: text('locale').$type<Locale>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.broadcastId, t.supporterId] })],
);
