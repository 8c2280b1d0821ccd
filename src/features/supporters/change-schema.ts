import { index, integer, pgTable, timestamp } from 'drizzle-orm/pg-core';

/**
 * When each person's record last changed, and when it was deleted: what the OSDI API's `modified_date`
 * reads and what an incremental sync follows (ADR 073). Triggers in the database keep it (migration
 * 0xxx_person_changes_triggers), on the person, their subscriptions and their tags, so no write path can
 * forget it: a form, an import, a merge, an erasure. Only the id is kept once a person is deleted, so a
 * syncing tool can delete its copy and learn nothing else. No foreign key: the row outlives the person.
 */
export const personChanges = pgTable(
  'person_changes',
  {
    /** The person's id (not named supporter_id: it is no row of theirs, and outlives them). */
    personId: integer('person_id').primaryKey(),
    modifiedAt: timestamp('modified_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [index('person_changes_modified_idx').on(t.modifiedAt, t.personId)],
);
