import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { randomToken, sha256, type Secrets } from '../../platform/crypto.ts';
import type { AuditActor } from '../audit/service.ts';
import { recordAudit } from '../audit/service.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { countAttempt, forgetRows, linkAddressKey, MAX_LINK_REQUESTS_PER_IP } from './throttle.ts';
import { staffPasswordLinks, staffSessions, staffUsers, type PasswordLinkPurpose } from './schema.ts';

/** How long an emailed link lets its reader choose a password. */
export const LINK_LIFETIME_MS: Record<PasswordLinkPurpose, number> = {
  invitation: 72 * 60 * 60 * 1000,
  reset: 60 * 60 * 1000,
};

/** The outbox templates that carry each kind of link (email/templates/staff.ts). */
export const LINK_TEMPLATE: Record<PasswordLinkPurpose, string> = {
  invitation: 'staff-invitation',
  reset: 'staff-password-reset',
};

/**
 * The token in a link, derived from the nonce its message carries. The table
 * keeps only the token's hash, and the outbox only the nonce: a copy of the
 * database without SECRET_KEY opens no account, however recent.
 */
export function passwordLinkToken(secrets: Secrets, nonce: string): string {
  return secrets.hmac('links', `staff-password:${nonce}`);
}

/**
 * Queues one transactional message in the given transaction. The email
 * feature sits above staff (its mailbox asks staff's roles), so the app hands
 * its outbox in rather than staff importing it.
 */
export type QueueStaffEmail = (
  tx: Db,
  email: { idempotencyKey: string; to: string; template: string; data: Record<string, unknown> },
) => Promise<unknown>;

/** How the staff feature's messages leave: through the outbox, in the action's transaction. */
export type EmailOptions = { queue: QueueStaffEmail; now?: Date };

/**
 * Makes a link for this account and queues the message that carries it, in
 * the caller's transaction. `data` is merged into the message (a name, who invited).
 */
export async function sendPasswordLink(
  tx: Db,
  secrets: Secrets,
  link: { staffId: number; to: string; purpose: PasswordLinkPurpose; data?: Record<string, unknown> },
  options: EmailOptions,
): Promise<void> {
  const now = options.now ?? new Date();
  const nonce = randomToken(24);
  const [row] = await tx
    .insert(staffPasswordLinks)
    .values({
      staffId: link.staffId,
      purpose: link.purpose,
      tokenHash: sha256(passwordLinkToken(secrets, nonce)),
      expiresAt: new Date(now.getTime() + LINK_LIFETIME_MS[link.purpose]),
      createdAt: now,
    })
    .returning({ id: staffPasswordLinks.id });
  await options.queue(tx, {
    idempotencyKey: `staff-password-link:${row!.id}`,
    to: link.to,
    template: LINK_TEMPLATE[link.purpose],
    data: { ...link.data, nonce },
  });
}

export type OpenedLink =
  | { state: 'valid'; linkId: number; purpose: PasswordLinkPurpose; staff: { id: number; email: string; name: string } }
  | { state: 'expired' | 'used'; purpose: PasswordLinkPurpose }
  /** No such link, or its account is disabled: a disabled person gets no way back in by email. */
  | { state: 'unknown' };

/** What a link in the address bar leads to, checking nothing but the token. */
export async function openPasswordLink(db: Db, token: string, now = new Date()): Promise<OpenedLink> {
  if (!/^[\w-]{20,100}$/.test(token)) return { state: 'unknown' };
  const [row] = await db
    .select({
      link: staffPasswordLinks,
      email: staffUsers.email,
      name: staffUsers.displayName,
      off: staffUsers.disabledAt,
    })
    .from(staffPasswordLinks)
    .innerJoin(staffUsers, eq(staffUsers.id, staffPasswordLinks.staffId))
    .where(eq(staffPasswordLinks.tokenHash, sha256(token)));
  if (!row || row.off) return { state: 'unknown' };
  const { link } = row;
  if (link.usedAt) return { state: 'used', purpose: link.purpose };
  if (link.expiresAt <= now) return { state: 'expired', purpose: link.purpose };
  return {
    state: 'valid',
    linkId: link.id,
    purpose: link.purpose,
    staff: { id: link.staffId, email: row.email, name: row.name },
  };
}

export type ChosenPassword =
  | { outcome: 'chosen'; staffId: number; purpose: PasswordLinkPurpose }
  | { outcome: 'refused' | 'throttled'; message: string }
  | Exclude<OpenedLink, { state: 'valid' }>;

/**
 * Sets the password a link's reader chose. The link is spent, with every other
 * unused link of the account, and every session of the account ends (whoever
 * held the old password is out), all in one transaction with the audit entry.
 */
export async function choosePassword(
  db: Db,
  secrets: Secrets,
  token: string,
  password: string,
  meta: { ip: string },
  now = new Date(),
): Promise<ChosenPassword> {
  // Counted per address before anything is checked, as sign-in is: each post costs a memory-hard hash.
  const counted = await countAttempt(db, [{ key: linkAddressKey(secrets, meta.ip), max: MAX_LINK_REQUESTS_PER_IP }]);
  if (counted.over) return { outcome: 'throttled', message: 'Too many attempts. Wait 15 minutes, then try again.' };
  const opened = await openPasswordLink(db, token, now);
  if (opened.state !== 'valid') return opened;
  const problem = await passwordProblem(password, { email: opened.staff.email });
  if (problem) return { outcome: 'refused', message: problem };
  // Hashed before the transaction: a memory-hard hash holds no lock.
  const passwordHash = await hashPassword(password);
  const chosen = await db.transaction(async (tx): Promise<ChosenPassword> => {
    // Claimed with a condition, so of two tabs posting the same link only one sets a password.
    const [claimed] = await tx
      .update(staffPasswordLinks)
      .set({ usedAt: now })
      .where(
        and(
          eq(staffPasswordLinks.id, opened.linkId),
          isNull(staffPasswordLinks.usedAt),
          gt(staffPasswordLinks.expiresAt, now),
        ),
      )
      .returning({ id: staffPasswordLinks.id });
    if (!claimed) return { state: 'used', purpose: opened.purpose };
    await spendLinks(tx, opened.staff.id, now);
    await tx
      .update(staffUsers)
      .set({ passwordHash, passwordChangedAt: now, updatedAt: now })
      .where(eq(staffUsers.id, opened.staff.id));
    const ended = await tx
      .delete(staffSessions)
      .where(eq(staffSessions.staffId, opened.staff.id))
      .returning({ id: staffSessions.idHash });
    const actor: AuditActor = { staffId: opened.staff.id, email: opened.staff.email, ip: meta.ip };
    await recordAudit(tx, actor, {
      action: opened.purpose === 'invitation' ? 'staff.invitation-accepted' : 'staff.password-reset',
      subjectType: 'staff',
      subjectId: opened.staff.id,
      note:
        opened.purpose === 'invitation'
          ? 'chose a password through the emailed invitation'
          : `through an emailed link; ${ended.length} sessions ended`,
    });
    return { outcome: 'chosen', staffId: opened.staff.id, purpose: opened.purpose };
  });
  if ('outcome' in chosen && chosen.outcome === 'chosen') await forgetRows(db, counted.rows);
  return chosen;
}

/** Every unused link of an account stops working: a new password was set, or the account was disabled. */
export async function spendLinks(tx: Db, staffId: number, now = new Date()): Promise<void> {
  await tx
    .update(staffPasswordLinks)
    .set({ usedAt: now })
    .where(and(eq(staffPasswordLinks.staffId, staffId), isNull(staffPasswordLinks.usedAt)));
}
