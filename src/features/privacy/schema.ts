import { index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import type { Locale } from '../../platform/web/locale.ts';
import { supporters } from '../supporters/schema.ts';

/** What a person may ask for under the Oregon Consumer Privacy Act, from /privacy/request. */
export const requestKinds = ['copy', 'correction', 'deletion'] as const;
export type RequestKind = (typeof requestKinds)[number];

/**
 *   awaiting-confirmation  asked; the emailed link not yet followed (deleted when it expires)
 *   open                   confirmed: staff (or the person's download) must answer by `due_at`
 *   completed              done: the copy taken, the record erased, the correction made
 *   refused                declined, with the reason staff gave
 *   appealed               the person appealed a decision; staff must decide again
 *   appeal-decided         the appeal's decision is recorded: the request is closed for good
 */
export const requestStatuses = [
  'awaiting-confirmation',
  'open',
  'completed',
  'refused',
  'appealed',
  'appeal-decided',
] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/**
 * The request log (ADR 068): one row per request, kept for the months platform/retention.ts says. It names the person
 * by supporter id while they exist, and by a keyed hash of their address, which finds their requests again without
 * holding the address. The address itself, and a correction's words, are kept only while the request is open.
 */
export const privacyRequests = pgTable(
  'privacy_requests',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').$type<RequestKind>().notNull(),
    status: text('status').$type<RequestStatus>().notNull(),
    locale: text('locale').$type<Locale>().notNull(),
    /** HMAC (purpose "privacy") of the normalised address: how a person's requests are found again. */
    emailHash: text('email_hash').notNull(),
    /** The address, to write to the person while the request is open; cleared when it closes. */
    email: text('email'),
    supporterId: integer('supporter_id').references(() => supporters.id, { onDelete: 'set null' }),
    /** What is wrong, for a correction; cleared when the request closes. */
    details: text('details'),
    confirmTokenHash: text('confirm_token_hash').unique(),
    confirmExpiresAt: timestamp('confirm_expires_at', { withTimezone: true }),
    copyTokenHash: text('copy_token_hash').unique(),
    copyExpiresAt: timestamp('copy_expires_at', { withTimezone: true }),
    copyJsonTakenAt: timestamp('copy_json_taken_at', { withTimezone: true }),
    copyHtmlTakenAt: timestamp('copy_html_taken_at', { withTimezone: true }),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    /** confirmed_at + 45 days: the law's deadline for the answer. */
    dueAt: timestamp('due_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decision: text('decision').$type<'completed' | 'refused'>(),
    decisionReason: text('decision_reason'),
    appealText: text('appeal_text'),
    appealedAt: timestamp('appealed_at', { withTimezone: true }),
    appealDecision: text('appeal_decision').$type<'upheld' | 'reversed'>(),
    appealReason: text('appeal_reason'),
    appealDecidedAt: timestamp('appeal_decided_at', { withTimezone: true }),
  },
  (t) => [index('privacy_requests_email_hash').on(t.emailHash), index('privacy_requests_status').on(t.status)],
);
export type PrivacyRequest = typeof privacyRequests.$inferSelect;
