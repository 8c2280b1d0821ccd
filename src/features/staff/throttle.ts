import { and, count, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { Secrets } from '../../platform/crypto.ts';
import { signInFailures } from './schema.ts';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/**
 * Sign-in attempts allowed per email address in the window from unknown browsers (whether or not an account exists).
 */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Sign-in attempts allowed per client address in the window, across all emails. */
export const MAX_FAILURES_PER_IP = 20;
/** Attempts allowed from one known browser (a valid device cookie for that account), counted apart from strangers'. */
export const MAX_FAILURES_PER_DEVICE = 5;
/** Second-step codes allowed per account in the window, across all its half-signed-in sessions. */
export const MAX_SECOND_STEP_ATTEMPTS = 5;

/** A counter and its limit. Keys are HMACs, so the table names no one. */
export type AttemptLimit = { key: string; max: number };

export function accountKey(secrets: Secrets, email: string): string {
  return `a:${secrets.hmac('throttle', email)}`;
}
export function addressKey(secrets: Secrets, ip: string): string {
  return `i:${secrets.hmac('throttle', ip)}`;
}
export function deviceKey(secrets: Secrets, deviceId: string): string {
  return `d:${secrets.hmac('throttle', deviceId)}`;
}
export function secondStepKey(secrets: Secrets, staffId: number): string {
  return `s:${secrets.hmac('throttle', String(staffId))}`;
}

/**
 * Counts one attempt under each key, then says whether any key is now over
 * its limit. The row is written (and committed) before counting, never after
 * a check: of N parallel attempts the k-th to commit sees at least k rows, so
 * at most `max` of them can be let through, across every app process.
 * `atLimit` says this was the last one allowed; `rows` are this attempt's own
 * rows, for `forgetRows` when it succeeds.
 */
export async function countAttempt(
  db: Db,
  limits: AttemptLimit[],
  now = new Date(),
): Promise<{ over: boolean; atLimit: boolean; rows: number[] }> {
  const inserted = await db
    .insert(signInFailures)
    .values(limits.map((l) => ({ key: l.key, at: now })))
    .returning({ id: signInFailures.id });
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const counts = await Promise.all(
    limits.map(async (l) => {
      const [row] = await db
        .select({ n: count() })
        .from(signInFailures)
        .where(and(eq(signInFailures.key, l.key), gte(signInFailures.at, since)));
      return Number(row?.n ?? 0);
    }),
  );
  // Old rows tell nothing: keep the table small as we go.
  await db.delete(signInFailures).where(lt(signInFailures.at, since));
  return {
    over: counts.some((n, i) => n > limits[i]!.max),
    atLimit: counts.some((n, i) => n >= limits[i]!.max),
    rows: inserted.map((r) => r.id),
  };
}

/** A success clears what it proved: every attempt under these keys… */
export async function forgetKeys(db: Db, keys: string[]): Promise<void> {
  if (keys.length > 0) await db.delete(signInFailures).where(inArray(signInFailures.key, keys));
}

/** …or only the rows one attempt wrote (an address keeps the count of other people's attempts). */
export async function forgetRows(db: Db, rows: number[]): Promise<void> {
  if (rows.length > 0) await db.delete(signInFailures).where(inArray(signInFailures.id, rows));
}

/**
 * Emailed links (invitations and resets) are throttled as sign-in is, under
 * keys of their own: asking for a link does not use up anyone's sign-in attempts.
 */
export const MAX_LINKS_PER_EMAIL = MAX_FAILURES_PER_ACCOUNT;
export const MAX_LINK_REQUESTS_PER_IP = MAX_FAILURES_PER_IP;
export function linkEmailKey(secrets: Secrets, email: string): string {
  return `le:${secrets.hmac('throttle', email)}`;
}
export function linkAddressKey(secrets: Secrets, ip: string): string {
  return `li:${secrets.hmac('throttle', ip)}`;
}
