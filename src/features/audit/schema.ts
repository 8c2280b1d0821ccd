import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Who changed what, when, from where. Append-only: the application has no
 * route or function that edits or deletes a row, and a database trigger
 * (migration 0002) refuses UPDATE and DELETE outright.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** The staff member; kept as a plain number so the entry outlives their account. */
    actorId: integer('actor_id'),
    /** Their email when they acted, for reading the log after an account is gone. */
    actorEmail: text('actor_email').notNull().default(''),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull().default(''),
    ip: text('ip').notNull().default(''),
    /** What changed: the fields before and after, each value shortened. */
    summary: jsonb('summary').$type<AuditSummary>().notNull().default({}),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorId, t.at),
    index('audit_log_subject_idx').on(t.subjectType, t.subjectId),
  ],
);

export type AuditSummary = {
  /** What the change was to, as it was called then ("Advocacy Day (English)"): a name can change or go. */
  subject?: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  note?: string;
};
