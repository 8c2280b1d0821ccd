import { sql } from 'drizzle-orm';
import {
  bigserial,
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Locale } from '../../platform/web/locale.ts';
import { supporters } from '../supporters/schema.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const eventStatuses = ['draft', 'published', 'cancelled'] as const;
export type EventStatus = (typeof eventStatuses)[number];

export const eventFormats = ['in-person', 'online'] as const;
export type EventFormat = (typeof eventFormats)[number];

/**
 * An event: Advocacy Day at the Capitol, a training, a panel. Language-neutral facts here; its
 * words in event_translations. Times are instants; `time_zone` is the zone they are shown in.
 * `capacity` null means no limit. The row is also the lock RSVPs take (select … for update), so
 * that two people can never both take the last seat.
 */
export const events = pgTable(
  'events',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    status: text('status').$type<EventStatus>().notNull().default('draft'),
    format: text('format').$type<EventFormat>().notNull().default('in-person'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    timeZone: text('time_zone').notNull().default('America/Los_Angeles'),
    /** In person: the place's name and street address, as printed on the page and in the calendar file. */
    venue: text('venue').notNull().default(''),
    address: text('address').notNull().default(''),
    /** Online: the join link, shown only to confirmed attendees (their emails and their RSVP page). */
    joinUrl: text('join_url').notNull().default(''),
    capacity: integer('capacity'),
    rsvpDeadline: timestamp('rsvp_deadline', { withTimezone: true }),
    /** A lobby day: attendees are told their legislators, and staff group them by legislator. */
    meetsLegislators: boolean('meets_legislators').notNull().default(false),
    /** An image from the media library (the app's ImageLibrary); no foreign key, as the library is another's. */
    imageId: integer('image_id'),
    isDemo: boolean('is_demo').notNull().default(false),
    /** Bumped on every change of time or place, so calendar files carry a new SEQUENCE. */
    sequence: integer('sequence').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('events_starts_at_idx').on(t.status, t.startsAt)],
);

const rowDictionary = "case when locale = 'es' then 'spanish'::regconfig else 'english'::regconfig end";

export const eventTranslations = pgTable(
  'event_translations',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    locale: text('locale').$type<Locale>().notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    descriptionMd: text('description_md').notNull().default(''),
    /** Step-free entrance, interpretation offered, quiet room: what someone needs to know before coming. */
    accessibilityNotes: text('accessibility_notes').notNull().default(''),
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(
        sql.raw(
          `setweight(to_tsvector(${rowDictionary}, coalesce(title, '')), 'A') || ` +
            `setweight(to_tsvector(${rowDictionary}, coalesce(summary, '') || ' ' || coalesce(description_md, '')), 'B')`,
        ),
      ),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.locale] }),
    index('event_translations_search_idx').using('gin', t.search),
  ],
);

/** Parts of an event a person can choose (a morning training, afternoon legislator meetings). */
export const eventSessions = pgTable(
  'event_sessions',
  {
    id: serial('id').primaryKey(),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    titleEn: text('title_en').notNull(),
    titleEs: text('title_es').notNull().default(''),
  },
  (t) => [index('event_sessions_event_idx').on(t.eventId, t.position)],
);

export const questionKinds = ['text', 'yes-no', 'choice'] as const;
export type QuestionKind = (typeof questionKinds)[number];
export type QuestionChoice = { en: string; es: string };

/** A question staff add to an event's RSVP form (a T-shirt size, a dietary need). */
export const eventQuestions = pgTable(
  'event_questions',
  {
    id: serial('id').primaryKey(),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    kind: text('kind').$type<QuestionKind>().notNull().default('text'),
    labelEn: text('label_en').notNull(),
    labelEs: text('label_es').notNull().default(''),
    choices: jsonb('choices').$type<QuestionChoice[]>().notNull().default(sql`'[]'::jsonb`),
    required: boolean('required').notNull().default(false),
  },
  (t) => [index('event_questions_event_idx').on(t.eventId, t.position)],
);

export const rsvpStatuses = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type RsvpStatus = (typeof rsvpStatuses)[number];

export const interpretationLanguages = ['spanish', 'asl', 'other'] as const;
export type InterpretationLanguage = (typeof interpretationLanguages)[number];

/** What a person asked for to be able to come. Stored as they gave it; shown to staff who plan the day. */
export type RsvpNeeds = {
  interpretation: InterpretationLanguage[];
  interpretationOther: string;
  accessibility: string;
  childcare: boolean;
  travelHelp: boolean;
};

/**
 * One person's answer to one event. Name, email and ZIP live on the supporter record; the row keeps
 * what belongs to this event. `waitlist_order` is the arrival order among those waiting (a
 * sequence, so concurrent RSVPs still get distinct places). The manage link's token is kept only
 * as its hash.
 */
export const eventRsvps = pgTable(
  'event_rsvps',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    supporterId: integer('supporter_id')
      .notNull()
      .references(() => supporters.id, { onDelete: 'cascade' }),
    status: text('status').$type<RsvpStatus>().notNull(),
    locale: text('locale').$type<Locale>().notNull().default('en'),
    waitlistOrder: bigint('waitlist_order', { mode: 'number' }),
    sessionIds: integer('session_ids').array().notNull().default(sql`'{}'::integer[]`),
    needs: jsonb('needs').$type<RsvpNeeds>().notNull(),
    /** Question id → answer, as typed or chosen. */
    answers: jsonb('answers').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    photoConsent: boolean('photo_consent').notNull().default(false),
    /** Their districts when the RSVP was made, from their ZIP or address (reference data); null when unknown. */
    senateDistrict: integer('senate_district'),
    houseDistrict: integer('house_district'),
    manageTokenHash: text('manage_token_hash').notNull().unique(),
    /**
     * Random; the manage link's token is an HMAC of it with SECRET_KEY (as petitions' links are), so every email,
     * reminders too, carries the same working link while the database holds no token that works.
     */
    manageTokenNonce: text('manage_token_nonce').notNull(),
    /** For texts on the day, when those come: optional, as given with this RSVP. */
    phone: text('phone').notNull().default(''),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    promotedAt: timestamp('promoted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('event_rsvps_event_supporter_idx').on(t.eventId, t.supporterId),
    index('event_rsvps_event_status_idx').on(t.eventId, t.status, t.waitlistOrder),
    index('event_rsvps_supporter_idx').on(t.supporterId),
  ],
);

export const reminderKinds = ['week', 'day'] as const;
export type ReminderKind = (typeof reminderKinds)[number];

/**
 * The ledger of reminders: a row is written in the same transaction as the reminder's outbox
 * message, and its key refuses a second one, so each is sent exactly once, across restarts.
 */
export const eventReminders = pgTable(
  'event_reminders',
  {
    rsvpId: bigint('rsvp_id', { mode: 'number' })
      .notNull()
      .references(() => eventRsvps.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ReminderKind>().notNull(),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.rsvpId, t.kind] })],
);
