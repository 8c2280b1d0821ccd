import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import { emailAddress, normalizeEmail } from '../../platform/email-address.ts';
import { isPlainText, plainText, typedPassword } from '../../platform/plain-text.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { staffRoles, staffSessions, staffUsers, type StaffRole } from './schema.ts';

export type StaffMember = Omit<typeof staffUsers.$inferSelect, 'passwordHash' | 'totpSecret' | 'totpLastStep'>;

export { normalizeEmail };

export const staffEmail = emailAddress('Enter an email address').transform(normalizeEmail);

export const newStaffInput = z.object({
  email: staffEmail,
  displayName: plainText({ max: 120, required: 'Enter a name' }),
  role: z.enum(staffRoles, { error: 'Choose a role' }),
  password: z.string(),
});
export type NewStaffInput = z.input<typeof newStaffInput>;

/**
 * The sign-in form as typed. The address is not checked as an address (a
 * wrong one is simply not an account), only held to what can be looked up.
 */
export const signInInput = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address')
    .max(254, 'Use 254 characters or fewer')
    .refine((value) => isPlainText(value), 'Enter an email address like name@example.org')
    .default(''),
  password: typedPassword({ required: 'Enter your password' }).default(''),
});

export class StaffInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const publicColumns = {
  id: staffUsers.id,
  email: staffUsers.email,
  displayName: staffUsers.displayName,
  role: staffUsers.role,
  totpEnabledAt: staffUsers.totpEnabledAt,
  disabledAt: staffUsers.disabledAt,
  passwordChangedAt: staffUsers.passwordChangedAt,
  createdAt: staffUsers.createdAt,
  updatedAt: staffUsers.updatedAt,
};

/** Creates a staff account. Throws StaffInputError naming the field when the input is refused. */
export async function createStaff(db: Db, input: NewStaffInput): Promise<StaffMember> {
  const parsed = newStaffInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StaffInputError(String(issue.path[0] ?? 'form'), issue.message);
  }
  const problem = passwordProblem(parsed.data.password, { email: parsed.data.email });
  if (problem) throw new StaffInputError('password', problem);
  const passwordHash = await hashPassword(parsed.data.password);
  const [row] = await db
    .insert(staffUsers)
    .values({ email: parsed.data.email, displayName: parsed.data.displayName, role: parsed.data.role, passwordHash })
    .onConflictDoNothing()
    .returning(publicColumns);
  if (!row) throw new StaffInputError('email', 'A staff account with this email already exists');
  return row;
}

export async function getStaff(db: Db, id: number): Promise<StaffMember | undefined> {
  const [row] = await db.select(publicColumns).from(staffUsers).where(eq(staffUsers.id, id));
  return row;
}

export async function listStaff(db: Db): Promise<StaffMember[]> {
  return db.select(publicColumns).from(staffUsers).orderBy(asc(staffUsers.displayName), asc(staffUsers.id));
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const rows = await db
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, 'admin'), isNull(staffUsers.disabledAt)));
  return rows.length;
}

/** Changes a role or disables an account. Disabling also ends every session of that person. */
export async function updateStaff(
  db: Db,
  id: number,
  change: { role?: StaffRole; disabled?: boolean; displayName?: string },
): Promise<StaffMember | undefined> {
  return db.transaction(async (tx) => {
    const set: Partial<typeof staffUsers.$inferInsert> = { updatedAt: new Date() };
    if (change.role) set.role = change.role;
    if (change.displayName) set.displayName = change.displayName;
    if (change.disabled !== undefined) set.disabledAt = change.disabled ? new Date() : null;
    const [row] = await tx.update(staffUsers).set(set).where(eq(staffUsers.id, id)).returning(publicColumns);
    if (row && change.disabled) await tx.delete(staffSessions).where(eq(staffSessions.staffId, id));
    return row;
  });
}

/** Sets a new password and signs the person out everywhere else. */
export async function setPassword(
  db: Db,
  id: number,
  password: string,
  options: { keepSession?: string } = {},
): Promise<void> {
  const [user] = await db.select({ email: staffUsers.email }).from(staffUsers).where(eq(staffUsers.id, id));
  if (!user) throw new StaffInputError('email', 'No staff account has that email');
  const problem = passwordProblem(password, { email: user.email });
  if (problem) throw new StaffInputError('password', problem);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx
      .update(staffUsers)
      .set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() })
      .where(eq(staffUsers.id, id));
    const sessions = await tx
      .select({ idHash: staffSessions.idHash })
      .from(staffSessions)
      .where(eq(staffSessions.staffId, id));
    for (const s of sessions) {
      if (s.idHash !== options.keepSession) await tx.delete(staffSessions).where(eq(staffSessions.idHash, s.idHash));
    }
  });
}

export async function findStaffByEmail(db: Db, email: string): Promise<typeof staffUsers.$inferSelect | undefined> {
  const [row] = await db
    .select()
    .from(staffUsers)
    .where(eq(staffUsers.email, normalizeEmail(email)));
  return row;
}
