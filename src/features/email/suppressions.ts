import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { rowsOf } from '../../platform/db/client.ts';
import { normalizeEmail } from '../../platform/email-address.ts';
import { emailSuppressions, type SuppressionReason } from './schema.ts';

export type Suppression = typeof emailSuppressions.$inferSelect;

/**
 * Stops all bulk mail to an address. Repeats change nothing: the first
 * report is kept, so the record says when the address first went bad.
 * Returns true when the address was not suppressed before.
 */
export async function suppress(
  db: Db,
  address: string,
  reason: SuppressionReason,
  source: string,
  at = new Date(),
): Promise<boolean> {
  const inserted = await db
    .insert(emailSuppressions)
    .values({ address: normalizeEmail(address), reason, source, at })
    .onConflictDoNothing({ target: emailSuppressions.address })
    .returning({ address: emailSuppressions.address });
  return inserted.length > 0;
}

export async function isSuppressed(db: Db, address: string): Promise<boolean> {
  const [row] = await db
    .select({ address: emailSuppressions.address })
    .from(emailSuppressions)
    .where(eq(emailSuppressions.address, normalizeEmail(address)));
  return row !== undefined;
}

/**
 * Which of these addresses are suppressed, in one query for a whole batch.
 * The set holds the addresses as given, so callers look their rows up
 * directly. The list travels as one JSON parameter: a batch of any size
 * stays within the driver's limit on parameters.
 */
export async function suppressedAmong(db: Db, addresses: readonly string[]): Promise<Set<string>> {
  if (addresses.length === 0) return new Set();
  const byNormal = new Map<string, string[]>();
  for (const given of addresses) {
    const normal = normalizeEmail(given);
    byNormal.set(normal, [...(byNormal.get(normal) ?? []), given]);
  }
  const rows = await rowsOf<{ address: string }>(
    db,
    sql`select address from email_suppressions
        where address in (select jsonb_array_elements_text(${JSON.stringify([...byNormal.keys()])}::jsonb))`,
  );
  return new Set(rows.flatMap((r) => byNormal.get(r.address) ?? []));
}

/** Newest first, for the workspace. */
export async function listSuppressions(
  db: Db,
  options: { limit?: number; offset?: number } = {},
): Promise<Suppression[]> {
  return db
    .select()
    .from(emailSuppressions)
    .orderBy(desc(emailSuppressions.at), emailSuppressions.address)
    .limit(options.limit ?? 100)
    .offset(options.offset ?? 0);
}
