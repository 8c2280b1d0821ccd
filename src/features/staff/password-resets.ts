import type { Db } from '../../platform/db/client.ts';
import type { Secrets } from '../../platform/crypto.ts';
import { recordAudit } from '../audit/service.ts';
import { findStaffByEmail, normalizeEmail } from './accounts.ts';
import { sendPasswordLink, type EmailOptions } from './password-links.ts';
import {
  countAttempt,
  linkAddressKey,
  linkEmailKey,
  MAX_LINK_REQUESTS_PER_IP,
  MAX_LINKS_PER_EMAIL,
} from './throttle.ts';

/**
 * "Forgot your password?": emails a reset link when the address is an active
 * account's, and otherwise does nothing, answering the same either way, so the
 * form tells no one who has an account. Counted per address and per email
 * before anything is looked up, as sign-in is; a throttled request sends nothing.
 */
export async function requestPasswordReset(
  db: Db,
  secrets: Secrets,
  request: { email: string; ip: string },
  options: EmailOptions,
): Promise<'sent' | 'throttled'> {
  const email = normalizeEmail(request.email).slice(0, 254);
  const counted = await countAttempt(db, [
    { key: linkEmailKey(secrets, email), max: MAX_LINKS_PER_EMAIL },
    { key: linkAddressKey(secrets, request.ip), max: MAX_LINK_REQUESTS_PER_IP },
  ]);
  const anonymous = { staffId: null, email: '', ip: request.ip };
  if (counted.over) {
    await recordAudit(db, anonymous, {
      action: 'staff.reset-throttled',
      subjectType: 'sign-in-email',
      subjectId: secrets.hmac('audit', email),
      note: 'too many requests; nothing sent',
    });
    return 'throttled';
  }
  const user = await findStaffByEmail(db, email);
  if (!user || user.disabledAt) {
    // Only the keyed hash of what was typed: the log must not collect addresses that are not staff.
    await recordAudit(db, anonymous, {
      action: 'staff.reset-requested',
      subjectType: 'sign-in-email',
      subjectId: secrets.hmac('audit', email),
      note: user ? `account disabled (staff ${user.id}); nothing sent` : 'no account has this address; nothing sent',
    });
    return 'sent';
  }
  await db.transaction(async (tx) => {
    await sendPasswordLink(tx, secrets, { staffId: user.id, to: user.email, purpose: 'reset' }, options);
    await recordAudit(tx, anonymous, {
      action: 'staff.reset-requested',
      subjectType: 'staff',
      subjectId: user.id,
      note: 'a reset link was emailed, valid for 1 hour',
    });
  });
  return 'sent';
}
