import { and, eq, isNull, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import type { Secrets } from '../../platform/crypto.ts';
import { plainText } from '../../platform/plain-text.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { staffEmail } from './accounts.ts';
import { sendPasswordLink, spendLinks, type EmailOptions } from './password-links.ts';
import { staffRoles, staffSessions, staffUsers } from './schema.ts';
import {
  countAttempt,
  linkAddressKey,
  linkEmailKey,
  MAX_LINK_REQUESTS_PER_IP,
  MAX_LINKS_PER_EMAIL,
} from './throttle.ts';

/** What an admin types to invite a person or to change their details. */
export const staffDetailsInput = z.object({
  displayName: plainText({ max: 120, required: 'Enter a name' }),
  email: staffEmail,
  role: z.enum(staffRoles, { error: 'Choose a role' }),
});
export type StaffDetails = z.output<typeof staffDetailsInput>;

/** An admin acting in the workspace, with the name the invitation gives. */
export type AdminActor = AuditActor & { name: string };

export const LAST_ADMIN = 'This is the only active admin. Make someone else an admin first.';
const TAKEN = 'A staff account with this email already exists';

/** An account invited by email has no password until its person chooses one: nothing can sign in to it. */
const NO_PASSWORD = '';

/**
 * Creates an account without a password and emails its person a link to
 * choose one (72 hours, single use). Counted per address and per invited email,
 * as sign-in counts attempts.
 */
export async function inviteStaff(
  db: Db,
  secrets: Secrets,
  actor: AdminActor,
  details: StaffDetails,
  options: EmailOptions,
): Promise<{ outcome: 'invited'; staffId: number } | { outcome: 'refused'; field: string; message: string }> {
  const counted = await countAttempt(db, [
    { key: linkEmailKey(secrets, details.email), max: MAX_LINKS_PER_EMAIL },
    { key: linkAddressKey(secrets, actor.ip), max: MAX_LINK_REQUESTS_PER_IP },
  ]);
  if (counted.over)
    return {
      outcome: 'refused',
      field: 'email',
      message: 'Too many invitations at once. Wait 15 minutes, then try again.',
    };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(staffUsers)
      .values({ ...details, passwordHash: NO_PASSWORD })
      .onConflictDoNothing()
      .returning({ id: staffUsers.id });
    if (!row) return { outcome: 'refused', field: 'email', message: TAKEN } as const;
    await sendInvitation(tx, secrets, actor, { id: row.id, ...details }, options);
    await recordAudit(tx, actor, {
      action: 'staff.invited',
      subjectType: 'staff',
      subjectId: row.id,
      after: { email: details.email, displayName: details.displayName, role: details.role },
      note: 'an invitation was emailed, valid for 72 hours',
    });
    return { outcome: 'invited', staffId: row.id } as const;
  });
}

function sendInvitation(
  tx: Db,
  secrets: Secrets,
  actor: AdminActor,
  member: { id: number; email: string; displayName: string; role: string },
  options: EmailOptions,
) {
  return sendPasswordLink(
    tx,
    secrets,
    {
      staffId: member.id,
      to: member.email,
      purpose: 'invitation',
      data: { name: member.displayName, invitedBy: actor.name, role: member.role },
    },
    options,
  );
}

/** A new invitation for a person who has not chosen a password yet (the first expired, or went astray). */
export async function inviteAgain(
  db: Db,
  secrets: Secrets,
  actor: AdminActor,
  staffId: number,
  options: EmailOptions,
): Promise<'invited' | 'not-pending' | 'throttled'> {
  const [member] = await db.select().from(staffUsers).where(eq(staffUsers.id, staffId));
  if (!member || member.passwordHash !== NO_PASSWORD || member.disabledAt) return 'not-pending';
  const counted = await countAttempt(db, [
    { key: linkEmailKey(secrets, member.email), max: MAX_LINKS_PER_EMAIL },
    { key: linkAddressKey(secrets, actor.ip), max: MAX_LINK_REQUESTS_PER_IP },
  ]);
  if (counted.over) return 'throttled';
  await db.transaction(async (tx) => {
    // Only the newest invitation works: the one sent before may be in the wrong hands.
    await spendLinks(tx, staffId, options.now);
    await sendInvitation(tx, secrets, actor, member, options);
    await recordAudit(tx, actor, {
      action: 'staff.invited',
      subjectType: 'staff',
      subjectId: staffId,
      note: 'the invitation was sent again, valid for 72 hours',
    });
  });
  return 'invited';
}

/** True when this person has been invited and has not chosen a password yet. */
export function awaitingPassword(member: { passwordHash: string }): boolean {
  return member.passwordHash === NO_PASSWORD;
}

/**
 * Locks the active admins' rows, always first and in one order, so two admins
 * demoting or disabling each other at the same moment wait in turn (and do not
 * deadlock) and the second sees what the first did.
 */
async function lockActiveAdmins(tx: Db): Promise<number> {
  const admins = await tx
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, 'admin'), isNull(staffUsers.disabledAt)))
    .orderBy(staffUsers.id)
    .for('update');
  return admins.length;
}

/** The account, locked after the admins: undefined when nobody has that id. */
async function lockAccount(tx: Db, staffId: number) {
  const activeAdmins = await lockActiveAdmins(tx);
  const [before] = await tx.select().from(staffUsers).where(eq(staffUsers.id, staffId)).for('update');
  const isLastAdmin = Boolean(before && before.role === 'admin' && !before.disabledAt && activeAdmins <= 1);
  return before && { before, isLastAdmin };
}

export type EditResult = { outcome: 'saved' | 'not-found' } | { outcome: 'refused'; field: string; message: string };

/**
 * Changes a person's name, email, role or stories access, each change audited under its own action. Stories
 * access (ADR 063) is left as it is when not given: the invitation form does not ask it.
 */
export async function editStaff(
  db: Db,
  actor: AdminActor,
  staffId: number,
  { storiesAccess, ...details }: StaffDetails & { storiesAccess?: boolean },
): Promise<EditResult> {
  return db.transaction(async (tx): Promise<EditResult> => {
    const locked = await lockAccount(tx, staffId);
    if (!locked) return { outcome: 'not-found' };
    const { before } = locked;
    const roleChanged = details.role !== before.role;
    if (roleChanged && locked.isLastAdmin) return { outcome: 'refused', field: 'role', message: LAST_ADMIN };
    const emailChanged = details.email !== before.email;
    if (emailChanged) {
      const [other] = await tx
        .select({ id: staffUsers.id })
        .from(staffUsers)
        .where(and(eq(staffUsers.email, details.email), ne(staffUsers.id, staffId)));
      if (other) return { outcome: 'refused', field: 'email', message: TAKEN };
      // A link already sent went to the old address, which may no longer be theirs.
      await spendLinks(tx, staffId);
    }
    const accessChanged = storiesAccess !== undefined && storiesAccess !== before.storiesAccess;
    await tx
      .update(staffUsers)
      .set({ ...details, ...(accessChanged ? { storiesAccess } : {}), updatedAt: new Date() })
      .where(eq(staffUsers.id, staffId));
    if (emailChanged || details.displayName !== before.displayName)
      await recordAudit(tx, actor, {
        action: 'staff.edited',
        subjectType: 'staff',
        subjectId: staffId,
        before: { displayName: before.displayName, email: before.email },
        after: { displayName: details.displayName, email: details.email },
      });
    if (roleChanged)
      await recordAudit(tx, actor, {
        action: 'staff.role-changed',
        subjectType: 'staff',
        subjectId: staffId,
        before: { role: before.role },
        after: { role: details.role },
      });
    // Who may read survivors' stories is audited apart: the teller trusted few people (ADR 063).
    if (accessChanged)
      await recordAudit(tx, actor, {
        action: 'staff.stories-access',
        subjectType: 'staff',
        subjectId: staffId,
        before: { storiesAccess: before.storiesAccess },
        after: { storiesAccess },
      });
    return { outcome: 'saved' };
  });
}

/**
 * Disables an account (it cannot sign in, its sessions end now, its unused
 * links stop working) or enables it again.
 */
export async function setAccountDisabled(
  db: Db,
  actor: AdminActor,
  staffId: number,
  disabled: boolean,
): Promise<'done' | 'not-found' | 'unchanged' | 'last-admin'> {
  return db.transaction(async (tx) => {
    const locked = await lockAccount(tx, staffId);
    if (!locked) return 'not-found';
    if (Boolean(locked.before.disabledAt) === disabled) return 'unchanged';
    if (disabled && locked.isLastAdmin) return 'last-admin';
    const now = new Date();
    await tx
      .update(staffUsers)
      .set({ disabledAt: disabled ? now : null, updatedAt: now })
      .where(eq(staffUsers.id, staffId));
    let note: string | undefined;
    if (disabled) {
      const ended = await tx
        .delete(staffSessions)
        .where(eq(staffSessions.staffId, staffId))
        .returning({ id: staffSessions.idHash });
      await spendLinks(tx, staffId, now);
      note = `${ended.length} sessions ended`;
    }
    await recordAudit(tx, actor, {
      action: disabled ? 'staff.disabled' : 'staff.enabled',
      subjectType: 'staff',
      subjectId: staffId,
      note,
    });
    return 'done';
  });
}
