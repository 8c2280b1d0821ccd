import { and, count, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { Secrets } from '../../platform/crypto.ts';
import { signInFailures } from './schema.ts';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Failed sign-ins allowed per email address in the window (whether or not an account exists). */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Failed sign-ins allowed per client address in the window, across all emails. */
export const MAX_FAILURES_PER_IP = 20;

function keysFor(secrets: Secrets, email: string, ip: string) {
  return { account: `a:${secrets.hmac('throttle', email)}`, ip: `i:${secrets.hmac('throttle', ip)}` };
}

/** True when this email or this address has failed too often lately. */
export async function isThrottled(db: Db, secrets: Secrets, email: string, ip: string, now = new Date()): Promise<boolean> {
  const keys = keysFor(secrets, email, ip);
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const [[account], [address]] = await Promise.all([
    db.select({ n: count() }).from(signInFailures).where(and(eq(signInFailures.key, keys.account), gte(signInFailures.at, since))),
    db.select({ n: count() }).from(signInFailures).where(and(eq(signInFailures.key, keys.ip), gte(signInFailures.at, since))),
  ]);
  return Number(account?.n ?? 0) >= MAX_FAILURES_PER_ACCOUNT || Number(address?.n ?? 0) >= MAX_FAILURES_PER_IP;
}

export async function recordFailure(db: Db, secrets: Secrets, email: string, ip: string, now = new Date()): Promise<void> {
  const keys = keysFor(secrets, email, ip);
  await db.insert(signInFailures).values([
    { key: keys.account, at: now },
    { key: keys.ip, at: now },
  ]);
  // Old rows tell nothing: keep the table small as we go.
  await db.delete(signInFailures).where(lt(signInFailures.at, new Date(now.getTime() - THROTTLE_WINDOW_MS)));
}

/** A correct sign-in clears that account's failures (the address keeps its own). */
export async function clearFailures(db: Db, secrets: Secrets, email: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.key, keysFor(secrets, email, '').account));
}
