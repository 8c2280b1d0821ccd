import { sql } from 'drizzle-orm';
import {
  bigserial,
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Locale } from '../../platform/web/locale.ts';
import { supporters } from '../supporters/schema.ts';

export const campaignStatuses = ['draft', 'open', 'closed'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

/** Whom a campaign writes to: the writer's own senator and/or representative, a committee's members, or a list. */
export const targetKinds = ['my-senator', 'my-representative', 'committee', 'list'] as const;
export type TargetKind = (typeof targetKinds)[number];

/** Each letter as a message of its own, or one email per legislator per day listing the day's letters. */
export const deliveryModes = ['each', 'digest'] as const;
export type DeliveryMode = (typeof deliveryModes)[number];

/**
 * A letter-writing campaign. Until an admin turns on live delivery (`live_delivery_at` set, with
 * the confirmation naming how many offices will receive mail), every letter goes to
 * `review_address`, marked as a test: a demo, a test or a staging copy never writes to a real
 * legislator.
 */
export const letterCampaigns = pgTable('letter_campaigns', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  status: text('status').$type<CampaignStatus>().notNull().default('draft'),
  targetKinds: text('target_kinds').array().$type<TargetKind[]>().notNull().default(sql`'{}'::text[]`),
  /** For 'committee': the committee's name as the roster gives it. */
  committee: text('committee').notNull().default(''),
  /** For 'list': the roster's legislator ids. */
  legislatorIds: text('legislator_ids').array().notNull().default(sql`'{}'::text[]`),
  deliveryMode: text('delivery_mode').$type<DeliveryMode>().notNull().default('each'),
  /** A staff inbox: where letters go while live delivery is off. */
  reviewAddress: text('review_address').notNull(),
  liveDeliveryAt: timestamp('live_delivery_at', { withTimezone: true }),
  liveDeliveryBy: integer('live_delivery_by'),
  allowStory: boolean('allow_story').notNull().default(false),
  goal: integer('goal'),
  opensAt: timestamp('opens_at', { withTimezone: true }),
  closesAt: timestamp('closes_at', { withTimezone: true }),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A campaign's words in one language. The letter is `greeting` + the writer's text (starting as
 * `body`, theirs to edit) + their story (if the campaign asks) + `closing`: the greeting and the
 * closing are fixed, so every letter names the bill and asks the same thing.
 */
export const letterCampaignTranslations = pgTable(
  'letter_campaign_translations',
  {
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => letterCampaigns.id, { onDelete: 'cascade' }),
    locale: text('locale').$type<Locale>().notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    /** The bill or topic, as staff name it (a sample campaign never uses a real-looking bill number). */
    subjectMatter: text('subject_matter').notNull().default(''),
    talkingPointsMd: text('talking_points_md').notNull().default(''),
    subject: text('subject').notNull(),
    greeting: text('greeting').notNull().default(''),
    body: text('body').notNull().default(''),
    closing: text('closing').notNull().default(''),
    storyPrompt: text('story_prompt').notNull().default(''),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.locale] })],
);

export const findMethods = ['address', 'location', 'map', 'zip'] as const;
export type FindMethod = (typeof findMethods)[number];

/**
 * One supporter's letter in one campaign (one per person per campaign: sending again changes
 * nothing already delivered). The address is what offices ask for to see a constituent; the
 * districts and how they were found are kept so staff can count letters per district.
 */
export const letters = pgTable(
  'letters',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => letterCampaigns.id, { onDelete: 'cascade' }),
    supporterId: integer('supporter_id')
      .notNull()
      .references(() => supporters.id, { onDelete: 'cascade' }),
    locale: text('locale').$type<Locale>().notNull().default('en'),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    story: text('story').notNull().default(''),
    street: text('street').notNull(),
    city: text('city').notNull().default(''),
    zip: text('zip').notNull(),
    senateDistrict: text('senate_district'),
    houseDistrict: text('house_district'),
    foundBy: text('found_by').$type<FindMethod>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('letters_campaign_supporter_idx').on(t.campaignId, t.supporterId),
    index('letters_supporter_idx').on(t.supporterId),
  ],
);

export const deliveryStatuses = ['queued', 'in-digest', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/**
 * One letter to one legislator: the recipient is written down when the letter is sent (name,
 * office and address as they were then), so a new term in January never re-addresses an old letter.
 * `live` false means it went to the review address. The key refuses a second delivery.
 */
export const letterDeliveries = pgTable(
  'letter_deliveries',
  {
    letterId: bigint('letter_id', { mode: 'number' })
      .notNull()
      .references(() => letters.id, { onDelete: 'cascade' }),
    legislatorId: text('legislator_id').notNull(),
    legislatorName: text('legislator_name').notNull(),
    chamber: text('chamber').notNull(),
    district: text('district').notNull(),
    toAddress: text('to_address').notNull(),
    live: boolean('live').notNull(),
    status: text('status').$type<DeliveryStatus>().notNull().default('queued'),
    /** Digest mode: the day (in the site's zone) whose digest carries it. */
    digestDay: date('digest_day', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.letterId, t.legislatorId] }),
    index('letter_deliveries_legislator_idx').on(t.legislatorId, t.digestDay),
  ],
);

/** The ledger of digests: one per campaign, legislator and day, written with its outbox message. */
export const letterDigests = pgTable(
  'letter_digests',
  {
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => letterCampaigns.id, { onDelete: 'cascade' }),
    legislatorId: text('legislator_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    letterCount: integer('letter_count').notNull(),
    live: boolean('live').notNull(),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.legislatorId, t.day] })],
);
