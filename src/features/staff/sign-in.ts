import type { Db } from '../../platform/db/client.ts';
import type { Secrets } from '../../platform/crypto.ts';
import { findStaffByEmail, normalizeEmail } from './accounts.ts';
import { knownDevice, newDeviceCookie } from './devices.ts';
import { verifyPassword } from './passwords.ts';
import { completeSecondFactor, countSecondStepAttempt, endSession, startSession } from './sessions.ts';
import { verifySecondFactor } from './two-factor.ts';
import {
  accountKey,
  addressKey,
  countAttempt,
  deviceKey,
  forgetKeys,
  forgetRows,
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_DEVICE,
  MAX_FAILURES_PER_IP,
  MAX_SECOND_STEP_ATTEMPTS,
  secondStepKey,
  type AttemptLimit,
} from './throttle.ts';

export type SignInResult =
  /** `device` is a fresh device cookie for this browser and account, to give once the sign-in is complete. */
  | { outcome: 'signed-in'; token: string; staffId: number; awaitingSecondFactor: boolean; device: string }
  /**
   * Wrong email, wrong password, or a disabled account: deliberately one answer for all three. `staffId` is for the
   * audit log only.
   */
  | { outcome: 'refused'; staffId?: number | undefined }
  | { outcome: 'throttled' };

/**
 * Checks a password sign-in. The answer and the time it takes are the same
 * whether or not the account exists, so the form tells no one who has one.
 * The attempt is counted before the password is checked, so parallel guesses
 * get no more checks than the limit. `device` is the browser's device cookie:
 * a valid one for this email is counted on its own, apart from strangers.
 */
export async function signIn(
  db: Db,
  secrets: Secrets,
  attempt: { email: string; password: string; ip: string; userAgent: string; device?: string | undefined },
): Promise<SignInResult> {
  const email = normalizeEmail(attempt.email).slice(0, 254);
  const deviceId = knownDevice(secrets, attempt.device, email);
  // Cleared by a correct password; an address's count is not (other people share it).
  const personal: AttemptLimit = deviceId
    ? { key: deviceKey(secrets, deviceId), max: MAX_FAILURES_PER_DEVICE }
    : { key: accountKey(secrets, email), max: MAX_FAILURES_PER_ACCOUNT };
  const limits = deviceId ? [personal] : [personal, { key: addressKey(secrets, attempt.ip), max: MAX_FAILURES_PER_IP }];
  const counted = await countAttempt(db, limits);
  // No hash is computed for a throttled attempt: a flood costs the server next to nothing.
  if (counted.over) return { outcome: 'throttled' };
  const user = await findStaffByEmail(db, email);
  const ok = await verifyPassword(user?.passwordHash, attempt.password.slice(0, 200));
  if (!user || !ok || user.disabledAt) return { outcome: 'refused', staffId: user?.id };
  await forgetKeys(db, [personal.key]);
  await forgetRows(db, counted.rows);
  const awaitingSecondFactor = Boolean(user.totpEnabledAt);
  const token = await startSession(db, user.id, { ip: attempt.ip, userAgent: attempt.userAgent, awaitingSecondFactor });
  return {
    outcome: 'signed-in',
    token,
    staffId: user.id,
    awaitingSecondFactor,
    device: newDeviceCookie(secrets, email),
  };
}

export type SecondStepResult =
  | { outcome: 'signed-in'; token: string; used: 'totp' | 'recovery' }
  | { outcome: 'wrong' }
  /** Too many codes tried, in this session or for this account: the half-signed-in session is ended. */
  | { outcome: 'ended' }
  /** The session was no longer waiting for a code (a form sent twice, whose first copy signed in). */
  | { outcome: 'gone' };

/**
 * The second sign-in step. Each code is counted before it is checked, per
 * session and per account (an attacker who has the password could otherwise
 * open a fresh session for every few guesses); the last allowed wrong code
 * ends the session, and the person must start again with their password.
 */
export async function secondStep(
  db: Db,
  secrets: Secrets,
  session: { staffId: number; idHash: string },
  code: string,
): Promise<SecondStepResult> {
  const inSession = await countSecondStepAttempt(db, session.idHash);
  if (inSession === 0) return { outcome: 'gone' };
  const forAccount = await countAttempt(db, [
    { key: secondStepKey(secrets, session.staffId), max: MAX_SECOND_STEP_ATTEMPTS },
  ]);
  if (inSession > MAX_SECOND_STEP_ATTEMPTS || forAccount.over) {
    await endSession(db, session.idHash);
    return { outcome: 'ended' };
  }
  const used = await verifySecondFactor(db, secrets, session.staffId, code);
  if (!used) {
    if (inSession < MAX_SECOND_STEP_ATTEMPTS && !forAccount.atLimit) return { outcome: 'wrong' };
    await endSession(db, session.idHash);
    return { outcome: 'ended' };
  }
  await forgetKeys(db, [secondStepKey(secrets, session.staffId)]);
  return { outcome: 'signed-in', token: await completeSecondFactor(db, session.idHash), used };
}

/**
 * Checks a code asked for again by a signed-in person (before two-step is
 * changed), under the same per-account count as the second step, so a stolen
 * session cannot guess codes without limit either.
 */
export async function confirmWithCode(
  db: Db,
  secrets: Secrets,
  staffId: number,
  code: string,
): Promise<'right' | 'wrong' | 'throttled'> {
  const key = secondStepKey(secrets, staffId);
  if ((await countAttempt(db, [{ key, max: MAX_SECOND_STEP_ATTEMPTS }])).over) return 'throttled';
  if (!(await verifySecondFactor(db, secrets, staffId, code))) return 'wrong';
  await forgetKeys(db, [key]);
  return 'right';
}

/** The key a signed-in person's password re-checks are counted under. */
function recheckKey(secrets: Secrets, staffId: number): string {
  return `p:${secrets.hmac('throttle', String(staffId))}`;
}

/**
 * A signed-in person's password asked again, to change it or their two-step sign-in. Each try is counted
 * before it is checked, as a sign-in is, so a stolen session cannot use these forms to guess the password
 * without limit; the right password clears the count.
 */
export async function recheckPassword(
  db: Db,
  secrets: Secrets,
  staff: { id: number; email: string },
  password: unknown,
): Promise<'right' | 'wrong' | 'throttled'> {
  const key = recheckKey(secrets, staff.id);
  const counted = await countAttempt(db, [{ key, max: MAX_FAILURES_PER_ACCOUNT }]);
  if (counted.over) return 'throttled';
  const user = await findStaffByEmail(db, staff.email);
  if (typeof password !== 'string' || !(await verifyPassword(user?.passwordHash, password.slice(0, 200))))
    return 'wrong';
  await forgetKeys(db, [key]);
  return 'right';
}
