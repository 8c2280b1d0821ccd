import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';

/** A bill on the organisation's agenda, by the name staff give it (never an invented number in samples). */
export const agendaBills = pgTable('agenda_bills', {
  id: serial('id').primaryKey(),
  /** The Legislature's session, e.g. "2027 regular session". */
  session: text('session').notNull(),
  /** A campaign or page about it, for the legislator pages to link to (a path on this site); empty for none. */
  path: text('path').notNull().default(''),
  /** As the Legislature numbers it; empty for a sample. */
  billNumber: text('bill_number').notNull().default(''),
  titleEn: text('title_en').notNull(),
  titleEs: text('title_es').notNull().default(''),
  /** What the organisation asks: 'support' or 'oppose'. */
  position: text('position').$type<'support' | 'oppose'>().notNull().default('support'),
  sponsorIds: text('sponsor_ids').array().notNull().default(sql`'{}'::text[]`),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const voteChoices = ['yes', 'no', 'absent', 'excused'] as const;
export type VoteChoice = (typeof voteChoices)[number];

/** How a legislator voted on an agenda bill, as staff enter it. */
export const legislatorVotes = pgTable(
  'legislator_votes',
  {
    billId: integer('bill_id')
      .notNull()
      .references(() => agendaBills.id, { onDelete: 'cascade' }),
    legislatorId: text('legislator_id').notNull(),
    vote: text('vote').$type<VoteChoice>().notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.billId, t.legislatorId] })],
);

/** A grade from a share of votes with the organisation's position, e.g. 90 % and up is "A". */
export type GradeStep = { atLeast: number; grade: string };

/** A session's scorecard: which rule turns a legislator's record on the agenda's bills into a grade. */
export const scorecards = pgTable('scorecards', {
  session: text('session').primaryKey(),
  published: boolean('published').notNull().default(false),
  /** Highest first; a record below every step gets the last step's grade. */
  gradeSteps: jsonb('grade_steps')
    .$type<GradeStep[]>()
    .notNull()
    .default(
      sql`'[{"atLeast":90,"grade":"A"},{"atLeast":80,"grade":"B"},{"atLeast":70,"grade":"C"},{"atLeast":60,"grade":"D"},{"atLeast":0,"grade":"F"}]'::jsonb`,
    ),
  /** Whether an absence counts against the record, or is left out of it. */
  absencesCount: boolean('absences_count').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
