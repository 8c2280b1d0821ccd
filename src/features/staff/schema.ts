import { bigint, boolean, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

export const staffRoles = ['admin', 'organizer', 'editor', 'viewer'] as const;
export type StaffRole = (typeof staffRoles)[number];

/** A person who works in /admin. Not a supporter: staff records are kept apart. */
export const staffUsers = pgTable('staff_users', {
  id: serial('id').primaryKey(),
  /** Trimmed, lower-cased, NFC: the key people sign in with. */
  email: text('email').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role').$type<StaffRole>().notNull(),
  passwordHash: text('password_hash').notNull(),
  /** The TOTP secret, encrypted with a key derived from SECRET_KEY. */
  totpSecret: text('totp_secret'),
  totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
  /** The 30-second step of the last code accepted: that code and every earlier one are refused (no replay). */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  /**
   * May read survivors' stories (ADR 063): granted by an admin on top of the role, because a story's teller trusted
   * a few people, not everyone who edits the site. Admins need it too.
   */
  storiesAccess: boolean('stories_access').notNull().default(false),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Single-use codes for when the authenticator is lost; stored hashed. */
export const staffRecoveryCodes = pgTable(
  'staff_recovery_codes',
  {
    id: serial('id').primaryKey(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('staff_recovery_codes_staff_idx').on(t.staffId)],
);

/** A signed-in browser. The cookie holds a random token; only its hash is stored here. */
export const staffSessions = pgTable(
  'staff_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    /** True between a correct password and a correct second factor: such a session opens nothing else. */
    awaitingSecondFactor: boolean('awaiting_second_factor').notNull().default(false),
    /** Codes tried while awaiting the second factor; counted before each check, so parallel guesses count too. */
    secondStepAttempts: integer('second_step_attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    ip: text('ip').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [index('staff_sessions_staff_idx').on(t.staffId)],
);

/**
 * Sign-in attempts, for throttling across every app process: each is written
 * before its password or code is checked, and a success removes what it proved
 * (ADR 026). The key is an HMAC of the email, address, device or account, so
 * this table names no one.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: serial('id').primaryKey(),
    key: text('key').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sign_in_failures_key_at_idx').on(t.key, t.at)],
);

export const passwordLinkPurposes = ['invitation', 'reset'] as const;
export type PasswordLinkPurpose = (typeof passwordLinkPurposes)[number];

/**
 * An emailed link that lets a person choose a password: an admin's invitation
 * (72 hours) or a reset they asked for (1 hour). Single use. Only the hash of
 * its token is kept; the token itself is derived from this row's id and a
 * nonce that only the queued message carries (ADR 039), so neither this
 * table nor the outbox alone opens an account.
 */
export const staffPasswordLinks = pgTable(
  'staff_password_links',
  {
    id: serial('id').primaryKey(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<PasswordLinkPurpose>().notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('staff_password_links_staff_idx').on(t.staffId)],
);
