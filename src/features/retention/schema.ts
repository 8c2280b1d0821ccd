import { bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { staffUsers } from '../staff/schema.ts';
import type { RetentionRuleKind } from './kinds.ts';

/** A rule staff set: after how many months its data goes. No row: the rule is off. */
export const retentionRules = pgTable('retention_rules', {
  kind: text('kind').$type<RetentionRuleKind>().primaryKey(),
  months: integer('months').notNull(),
  updatedBy: integer('updated_by').references(() => staffUsers.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Each time a rule deleted something: what, when, how many. Counts only, never who. */
export const retentionRuns = pgTable(
  'retention_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').$type<RetentionRuleKind>().notNull(),
    months: integer('months').notNull(),
    affected: integer('affected').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('retention_runs_at_idx').on(t.at)],
);
