import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import type { Locale } from '../../platform/web/locale.ts';
import { staffUsers } from '../staff/schema.ts';

/** Who the teller says they are; several may be chosen, none is required. */
export const tellerKinds = ['survivor', 'family', 'incarcerated', 'other'] as const;
export type TellerKind = (typeof tellerKinds)[number];

/** What a story is about: the teller picks some, staff may change them before publishing (the public filter). */
export const storyTopics = [
  'healing',
  'accountability',
  'racial-justice',
  'families',
  'prison-and-jail',
  'coming-home',
  'victim-services',
  'youth',
] as const;
export type StoryTopic = (typeof storyTopics)[number];

/**
 * What the teller allows, one of three: (a) publish under their first name, (b) publish with no name,
 * (c) staff only, to inform the work. Testimony (d) is a separate yes or no.
 */
export const publishConsents = ['first-name', 'anonymous', 'staff-only'] as const;
export type PublishConsent = (typeof publishConsents)[number];

/**
 *   new             waiting for a moderator
 *   consent-asked   staff asked the teller to choose again; nothing is published until they answer
 *   published       approved by staff in a way the consent allows; shown at /stories
 *   kept            read and kept for staff (consent c), or unpublished after publishing
 *   rejected        not to be published; still deleted by the retention rule unless the teller consented to keeping it
 */
export const storyStatuses = ['new', 'consent-asked', 'published', 'kept', 'rejected'] as const;
export type StoryStatus = (typeof storyStatuses)[number];

/**
 * One story. Everything the teller wrote or told about themselves is encrypted with the stories key ring
 * (keys.ts), a key kept outside the database: the columns ending in `_sealed` hold `<key id>.<nonce>.<tag>.<body>`
 * and reveal nothing without it (ADR 063). Only what the site must compare or filter on is in the clear: states,
 * consent choices, dates, and the topics staff chose for a published story.
 */
export const stories = pgTable(
  'stories',
  {
    id: serial('id').primaryKey(),
    /** The story's public name in addresses: random, so ids cannot be counted or guessed. */
    publicId: text('public_id').notNull().unique(),
    status: text('status').$type<StoryStatus>().notNull().default('new'),
    /** The language the story was written in. */
    locale: text('locale').$type<Locale>().notNull(),

    /** The teller's words exactly as sent: never shown to the public, never changed. */
    originalSealed: text('original_sealed').notNull(),
    /**
     * JSON of what the teller told about themselves: { name, email, phone, county, kinds, contentNotes, topics }.
     * Contact details are for follow-up only.
     */
    tellerSealed: text('teller_sealed').notNull(),
    /**
     * Keyed hash (HMAC) of the teller's email, if given: finds their stories for a data request or an erasure
     * without storing the address in the clear.
     */
    emailHash: text('email_hash'),

    /** The consent given, with the wording version it was given on; changed only by the teller. */
    publishConsent: text('publish_consent').$type<PublishConsent>().notNull(),
    testimonyConsent: boolean('testimony_consent').notNull().default(false),
    contactBeforePublishing: boolean('contact_before_publishing').notNull().default(false),
    consentWordingVersion: text('consent_wording_version').notNull(),
    consentedAt: timestamp('consented_at', { withTimezone: true }).notNull().defaultNow(),

    /** Staff's redacted version (names and places replaced): what is published; the original stays apart. */
    redactedSealed: text('redacted_sealed'),
    /** A title staff give the published story. */
    titleSealed: text('title_sealed'),
    /** Content notes shown before the text ("mentions violence"), as staff settle them. */
    contentNotesSealed: text('content_notes_sealed'),
    /** A translation staff may add into the other language: JSON { title, text }. */
    translationSealed: text('translation_sealed'),
    /** The topics shown and filtered on at /stories: in the clear, as they are public once published. */
    topics: text('topics').array().$type<StoryTopic[]>().notNull().default(sql`'{}'::text[]`),
    /** How the published story is signed: the first name, or nothing. Must match the consent (checked at publish). */
    publishedAs: text('published_as').$type<'first-name' | 'anonymous'>(),
    approvedBy: integer('approved_by').references(() => staffUsers.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Selected by staff for a testimony packet (only with testimony consent). */
    forTestimony: boolean('for_testimony').notNull().default(false),

    /** sha256 of the link in the confirmation email that deletes the story; the link itself is never stored. */
    deletionTokenHash: text('deletion_token_hash').unique(),
    /** sha256 of the link that lets the teller choose their consent again, when staff asked. */
    consentTokenHash: text('consent_token_hash').unique(),
    consentAskedAt: timestamp('consent_asked_at', { withTimezone: true }),

    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stories_status_idx').on(t.status, t.submittedAt),
    index('stories_email_hash_idx').on(t.emailHash),
    index('stories_published_idx').on(t.publishedAt),
  ],
);
