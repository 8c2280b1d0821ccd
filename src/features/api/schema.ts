import { index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { staffUsers } from '../staff/schema.ts';

export const apiScopes = ['read_people', 'write_people', 'read_actions', 'write_actions'] as const;
export type ApiScope = (typeof apiScopes)[number];

/**
 * A key another tool uses to read or write through the OSDI API. The token is shown once, when it is
 * made; only its keyed hash is kept (ADR 073), with the first characters for staff to tell keys apart.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: serial('id').primaryKey(),
    /** What staff call it: "Action Network sync". */
    name: text('name').notNull(),
    /** The token's first characters, shown in lists ("gs_3fa9…"): not enough to use it. */
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    scopes: jsonb('scopes').$type<ApiScope[]>().notNull(),
    createdBy: integer('created_by').references(() => staffUsers.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Kept to the minute: the list shows which keys are still in use. */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_keys_created_idx').on(t.createdAt)],
);
