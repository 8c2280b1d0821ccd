import { integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import type { SegmentFilters } from './segment-filters.ts';

/**
 * A named set of the supporter list's filters ("volunteers in Senate district 12 who signed since March"), kept so
 * staff can come back to it, count it, act on it and send it a broadcast (issue 18). Who is in it is worked out each
 * time from the filters, so the count is always today's.
 */
export const supporterSegments = pgTable('supporter_segments', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  filters: jsonb('filters').$type<SegmentFilters>().notNull(),
  /** The staff member who saved it; no foreign key from this file (ADR: only schema.ts files join features). */
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
