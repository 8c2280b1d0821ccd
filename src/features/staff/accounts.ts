import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import { emailAddress, normalizeEmail } from '../../platform/email-address.ts';
import { isPlainText, plainText, typedPassword } from '../../platform/plain-text.ts';
import { spendLinks } from './password-links.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { staffRoles, staffSessions, staffUsers } from './schema.ts';

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
  storiesAccess: staffUsers.storiesAccess,
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
  const problem = await passwordProblem(parsed.data.password, { email: parsed.data.email });
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

/** A staff member as the staff screens list them: `passwordSet` is false while an invitation is pending. */
export type StaffListing = StaffMember & { passwordSet: boolean };
const listingColumns = { ...publicColumns, passwordSet: sql<boolean>`${staffUsers.passwordHash} <> ''` };

export async function getStaff(db: Db, id: number): Promise<StaffListing | undefined> {
  const [row] = await db.select(listingColumns).from(staffUsers).where(eq(staffUsers.id, id));
  return row;
}

export async function listStaff(db: Db): Promise<StaffListing[]> {
  return db.select(listingColumns).from(staffUsers).orderBy(asc(staffUsers.displayName), asc(staffUsers.id));
}

/** Sets a new password and signs the person out everywhere else; links emailed before stop working. */
export async function setPassword(
  db: Db,
  id: number,
  password: string,
  options: { keepSession?: string } = {},
): Promise<void> {
  const [user] = await db.select({ email: staffUsers.email }).from(staffUsers).where(eq(staffUsers.id, id));
  if (!user) throw new StaffInputError('email', 'No staff account has that email');
  const problem = await passwordProblem(password, { email: user.email });
  if (problem) throw new StaffInputError('password', problem);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx
      .update(staffUsers)
      .set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date() })
      .where(eq(staffUsers.id, id));
    await spendLinks(tx, id);
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
