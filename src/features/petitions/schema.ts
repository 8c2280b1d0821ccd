import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Locale } from '../../platform/web/locale.ts';
import { supporters } from '../supporters/schema.ts';

export const petitionStatuses = ['draft', 'open', 'closed', 'archived'] as const;
export type PetitionStatus = (typeof petitionStatuses)[number];

/**
 * A petition's words in one language. The words after signing are optional:
 * empty, the site's own texts are used. `target` is who the petition is
 * addressed to in Spanish; the English one is the `target` column, which
 * packets and exports read.
 */
export type PetitionVersion = {
  title: string;
  summary: string;
  statement: string;
  target?: string;
  /** The thank-you page after signing, Markdown. */
  thanks?: string;
  /** The confirmation email's words above its button, paragraphs split by blank lines. */
  confirmationEmail?: string;
};
export type Threshold = { count: number; message: Partial<Record<Locale, string>> };

export const petitions = pgTable('petitions', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  /** Who it is addressed to, e.g. "Oregon Legislature". */
  target: text('target').notNull(),
  en: jsonb('en').$type<PetitionVersion>().notNull(),
  es: jsonb('es').$type<PetitionVersion>(),
  goal: integer('goal').notNull(),
  thresholds: jsonb('thresholds').$type<Threshold[]>().notNull().default([]),
  status: text('status').$type<PetitionStatus>().notNull().default('draft'),
  opensAt: timestamp('opens_at', { withTimezone: true }),
  closesAt: timestamp('closes_at', { withTimezone: true }),
  /**
   * Verified signatures whose signer was erased, or forgotten by a retention rule: the rows are gone, and the count
   * keeps them only as this number, which the nightly recount adds to the rows it finds.
   */
  forgottenVerified: integer('forgotten_verified').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const signatureStatuses = ['pending', 'verified', 'expired', 'invalidated'] as const;
export type SignatureStatus = (typeof signatureStatuses)[number];
export const districtSources = ['geocoder', 'chosen', 'zip', 'unknown'] as const;
export type DistrictSource = (typeof districtSources)[number];

/**
 * One per person per petition. Pending until the signer confirms from the
 * emailed link; only verified ones count.
 */
export const signatures = pgTable(
  'petition_signatures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    petitionId: integer('petition_id')
      .notNull()
      .references(() => petitions.id, { onDelete: 'cascade' }),
    supporterId: integer('supporter_id')
      .notNull()
      .references(() => supporters.id, { onDelete: 'cascade' }),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    zip: text('zip').notNull(),
    city: text('city'),
    street: text('street'),
    comment: text('comment'),
    /** They agreed to show their first name and city among recent signers. */
    showPublicly: boolean('show_publicly').notNull().default(false),
    status: text('status').$type<SignatureStatus>().notNull().default('pending'),
    /**
     * What the emailed link's token is derived from (with SECRET_KEY): random, kept so a repeat can send
     * the same link again. Null for signatures made before it was added, whose tokens were derived from
     * "petition:supporter" (signature-follow-up.ts reads a null that way).
     */
    tokenNonce: text('token_nonce'),
    /** The emailed link's token, hashed; single use. */
    tokenHash: text('token_hash').notNull().unique(),
    confirmationsSent: smallint('confirmations_sent').notNull().default(1),
    senateDistrict: text('senate_district'),
    houseDistrict: text('house_district'),
    districtSource: text('district_source').$type<DistrictSource>().notNull().default('unknown'),
    locale: text('locale').$type<Locale>().notNull().default('en'),
    /** HMAC of the signer's IP and their email's domain: enough to see a flood, not to find a person. */
    ipHash: text('ip_hash'),
    emailDomain: text('email_domain'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('petition_signatures_person_idx').on(t.petitionId, t.supporterId),
    index('petition_signatures_list_idx').on(t.petitionId, t.status, t.createdAt),
    index('petition_signatures_district_idx').on(t.petitionId, t.senateDistrict),
    index('petition_signatures_recent_idx').on(t.createdAt),
  ],
);

/**
 * The verified count, spread over a few rows per petition so confirmations
 * never queue on one hot row (the UK petitions site fell over on that). The
 * count is their sum; a nightly recount repairs any drift.
 */
export const signatureCountShards = pgTable(
  'petition_count_shards',
  {
    petitionId: integer('petition_id')
      .notNull()
      .references(() => petitions.id, { onDelete: 'cascade' }),
    shard: smallint('shard').notNull(),
    verified: integer('verified').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.petitionId, t.shard] })],
);

export const blockKinds = ['ip', 'email-domain'] as const;
export type BlockKind = (typeof blockKinds)[number];

/** Addresses and email domains staff have blocked from signing. IPs are kept as their HMAC. */
export const signingBlocks = pgTable(
  'petition_signing_blocks',
  {
    kind: text('kind').$type<BlockKind>().notNull(),
    value: text('value').notNull(),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.value] })],
);

/** Staff-tunable limits for signing (one row). */
export const signingLimits = pgTable('petition_signing_limits', {
  id: smallint('id').primaryKey().default(1),
  perIpBurst: integer('per_ip_burst').notNull().default(10),
  perIpPerHour: integer('per_ip_per_hour').notNull().default(60),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Recounts and what they repaired, for staff to read. */
export const recounts = pgTable('petition_recounts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  petitionId: integer('petition_id').notNull(),
  before: integer('before').notNull(),
  after: integer('after').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});
