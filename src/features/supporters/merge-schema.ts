import { bigint, index, integer, jsonb, pgTable, serial, timestamp } from 'drizzle-orm/pg-core';
import type { MovedRows } from '../../platform/person-merge.ts';
import { staffUsers } from '../staff/schema.ts';
import { supporters } from './schema.ts';

/** What a merge moved of the supporter list's own tables, for its undo (ADR 069). */
export type OwnMoves = {
  consents: number[];
  events: number[];
  notes: number[];
  confirmations: string[];
  tags: string[];
  /** Tags both records had: the merged person's rows, whole. */
  tagsSetAside: unknown[];
  /** Both records' subscription rows as they were, whole; and what the merge wrote in their place. */
  subscriptionsBefore: unknown[];
  subscriptionsWritten: { topic: string; status: string; updatedAt: string }[];
};

/**
 * Two records of one person made one, kept 30 days for the undo (retention.mergeUndoDays) and then purged: it holds
 * the merged person's whole former row (their email among it) and which rows of each table were moved, so it is
 * personal data, in the kept person's copy and erased with them (the cascade). An undo deletes its row.
 */
export const supporterMerges = pgTable(
  'supporter_merges',
  {
    id: serial('id').primaryKey(),
    keptId: integer('kept_id')
      .notNull()
      .references(() => supporters.id, { onDelete: 'cascade' }),
    /** The merged person's id, given back to them by the undo. No reference: their row is gone until then. */
    mergedId: integer('merged_id').notNull(),
    /** The merged person's row as it was, as to_jsonb wrote it. */
    mergedPerson: jsonb('merged_person').$type<Record<string, unknown>>().notNull(),
    /** The kept person's row before the merge changed it. */
    keptBefore: jsonb('kept_before').$type<Record<string, unknown>>().notNull(),
    /** The kept person's updated_at as the merge wrote it: a later change is staff's, and the undo leaves it. */
    keptWrittenAt: timestamp('kept_written_at', { withTimezone: true, precision: 6 }).notNull(),
    own: jsonb('own').$type<OwnMoves>().notNull(),
    /** Each other feature's moved rows, by the part's name. */
    parts: jsonb('parts').$type<Record<string, MovedRows>>().notNull(),
    /** The "merged with" entry on the kept person's timeline, which the undo takes away. */
    timelineEventId: bigint('timeline_event_id', { mode: 'number' }).notNull(),
    staffId: integer('staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    mergedAt: timestamp('merged_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('supporter_merges_kept_idx').on(t.keptId), index('supporter_merges_at_idx').on(t.mergedAt)],
);
