import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Proof-of-work challenges (ALTCHA) already used, so one solution cannot be
 * replayed for a thousand posts. Rows are only needed until the challenge
 * expires; the clean-up deletes older ones.
 */
export const spentFormChallenges = pgTable('spent_form_challenges', {
  /** The challenge's signature, which is unique per challenge. */
  signature: text('signature').primaryKey(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
