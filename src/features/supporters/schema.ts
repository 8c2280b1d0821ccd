import { bigserial, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import type { Locale } from '../../platform/web/locale.ts';
import { staffUsers } from '../staff/schema.ts';

export const subscriptionTopics = ['newsletter', 'action-alerts', 'events'] as const;
export type Topic = (typeof subscriptionTopics)[number];
/** `staff`: the person told a member of staff, who recorded it with the wording staff confirm they agreed to. */
export const consentMethods = ['web-form', 'import', 'api', 'staff'] as const;
export type ConsentMethod = (typeof consentMethods)[number];

/** One record per person, keyed by their normalized email. */
export const supporters = pgTable(
  'supporters',
  {
    id: serial('id').primaryKey(),
    /** Trimmed, lower-cased, Unicode NFC: the key. */
    email: text('email').notNull().unique(),
    /** As they typed it, for display. */
    emailAsTyped: text('email_as_typed').notNull(),
    givenName: text('given_name').notNull().default(''),
    familyName: text('family_name').notNull().default(''),
    phone: text('phone'),
    zip: text('zip'),
    county: text('county'),
    locale: text('locale').$type<Locale>().notNull().default('en'),
    /** Emailed links issued before this no longer open their preferences (they asked, ADR 028). */
    linksValidFrom: timestamp('links_valid_from', { withTimezone: true }),
    /** The ?source= code of the link that first brought them. */
    firstSource: text('first_source'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The staff list, newest first.
    index('supporters_created_idx').on(t.createdAt, t.id),
    index('supporters_county_idx').on(t.county),
  ],
);

/** What each person currently gets, per topic. The history is in consents and the timeline. */
export const subscriptions = pgTable(
  'subscriptions',
  {
    supporterId: integer('supporter_id')
      .notNull()
      .references(() => supporters.id, { onDelete: 'cascade' }),
    topic: text('topic').$type<Topic>().notNull(),
    status: text('status').$type<'pending' | 'subscribed' | 'unsubscribed'>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.supporterId, t.topic] })],
);

/** Every agreement and withdrawal: what, the exact wording's version, when, and how. */
export const consents = pgTable(
  'consents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    supporterId: integer('supporter_id')
      .notNull()
      .references(() => supporters.id, { onDelete: 'cascade' }),
    topic: text('topic').$type<Topic>().notNull(),
    granted: text('granted').$type<'yes' | 'no'>().notNull(),
    wordingVersion: text('wording_version').notNull(),
    method: text('method').$type<ConsentMethod>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('consents_supporter_idx').on(t.supporterId, t.at)],
);

/** The person's story with us: subscribed, confirmed, emailed, signed… newest last. */
export const supporterEvents = pgTable(
  'supporter_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    supporterId: integer('supporter_id')
      .notNull()
      .references(() => supporters.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('supporter_events_supporter_idx').on(t.supporterId, t.at)],
);

/**
 * What a sign-up form asked to change about a person already on record. It is
 * applied only when the emailed link is used: anyone can type anyone's address.
 */
export type RequestedDetails = {
  givenName: string;
  familyName: string;
  zip: string | null;
  county: string | null;
  locale: Locale;
};

/** A pending double opt-in: the emailed link's token, stored hashed, single use, 7 days. */
export const signupConfirmations = pgTable(
  'signup_confirmations',
  {
    tokenHash: text('token_hash').primaryKey(),
    supporterId: integer('supporter_id')
      .notNull()
      .references(() => supporters.id, { onDelete: 'cascade' }),
    topics: jsonb('topics').$type<Topic[]>().notNull(),
    wordingVersion: text('wording_version').notNull(),
    /** Empty for rows written before details waited for confirmation. */
    requested: jsonb('requested').$type<RequestedDetails>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('signup_confirmations_supporter_idx').on(t.supporterId, t.createdAt)],
);

/** Labels staff give people ("volunteer", "board", "2026-advocacy-day") to narrow audiences. */
export const supporterTags = pgTable(
  'supporter_tags',
  {
    supporterId: integer('supporter_id')
      .notNull()
      .references(() => supporters.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** The staff member who added it; the tag outlives their account. Null for tags from before it was kept. */
    addedBy: integer('added_by').references(() => staffUsers.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.supporterId, t.tag] }), index('supporter_tags_tag_idx').on(t.tag)],
);

/**
 * What staff write about a person ("met at the Salem rally, wants to testify").
 * Personal data like the rest of the record: in their data export, and erased
 * with them (the cascade). The text never goes to the audit log, which is kept.
 */
export const supporterNotes = pgTable(
  'supporter_notes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    supporterId: integer('supporter_id')
      .notNull()
      .references(() => supporters.id, { onDelete: 'cascade' }),
    /** The staff member who wrote it; the note outlives their account. */
    authorId: integer('author_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** When the note was last corrected; the timeline says "edited" so nobody takes it for the first wording. */
    editedAt: timestamp('edited_at', { withTimezone: true }),
  },
  (t) => [index('supporter_notes_supporter_idx').on(t.supporterId, t.at)],
);
