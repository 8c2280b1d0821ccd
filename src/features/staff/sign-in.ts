import type { Db } from '../../platform/db/client.ts';
import type { Secrets } from '../../platform/crypto.ts';
import { findStaffByEmail, normalizeEmail } from './accounts.ts';
import { verifyPassword } from './passwords.ts';
import { startSession } from './sessions.ts';
import { clearFailures, isThrottled, recordFailure } from './throttle.ts';

export type SignInResult =
  | { outcome: 'signed-in'; token: string; staffId: number; awaitingSecondFactor: boolean }
  /** Wrong email, wrong password, or a disabled account: deliberately one answer for all three. */
  | { outcome: 'refused' }
  | { outcome: 'throttled' };

/**
 * Checks a password sign-in. The answer and the time it takes are the same
 * whether or not the account exists, so the form tells no one who has one.
 */
export async function signIn(db: Db, secrets: Secrets, attempt: { email: string; password: string; ip: string; userAgent: string }): Promise<SignInResult> {
  const email = normalizeEmail(attempt.email).slice(0, 254);
  if (await isThrottled(db, secrets, email, attempt.ip)) {
    // Spend the same effort as a real check, so throttling cannot be told apart by timing either.
    await verifyPassword(undefined, attempt.password);
    return { outcome: 'throttled' };
  }
  const user = await findStaffByEmail(db, email);
  const ok = await verifyPassword(user?.passwordHash, attempt.password.slice(0, 200));
  if (!user || !ok || user.disabledAt) {
    await recordFailure(db, secrets, email, attempt.ip);
    return { outcome: 'refused' };
  }
  await clearFailures(db, secrets, email);
  const awaitingSecondFactor = Boolean(user.totpEnabledAt);
  const token = await startSession(db, user.id, { ip: attempt.ip, userAgent: attempt.userAgent, awaitingSecondFactor });
  return { outcome: 'signed-in', token, staffId: user.id, awaitingSecondFactor };
}
