import { eq } from 'drizzle-orm';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import type { Db } from '../../platform/db/client.ts';
import { randomToken } from '../../platform/crypto.ts';
import { recordAudit } from '../audit/service.ts';
import { staffUsers } from './schema.ts';
import {
  createStaff,
  disableTotp,
  findStaffByEmail,
  listStaff,
  setPassword,
  StaffInputError,
  staffRoles,
  type StaffRole,
} from './service.ts';

/**
 * Reads a password without echoing it when a person types it, or the first
 * line of standard input when a script pipes it in.
 */
export async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    let data = '';
    for await (const chunk of process.stdin) data += chunk;
    return data.split(/\r?\n/)[0] ?? '';
  }
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const answer = rl.question(prompt);
  muted = true;
  const password = await answer;
  rl.close();
  process.stdout.write('\n');
  return password;
}

/** What the staff commands read from their flags (src/admin-commands.ts). */
export type StaffFlags = { email?: string; role?: string; name?: string };

/** No default: a forgotten --role must not quietly make an admin. */
export function roleFlagProblem(flags: StaffFlags): string | undefined {
  if (!flags.role || !staffRoles.includes(flags.role as StaffRole))
    return `--role is required: one of ${staffRoles.join(', ')}`;
  return undefined;
}

export async function createStaffFromCli(db: Db, flags: StaffFlags, password: string): Promise<string> {
  const problem = roleFlagProblem(flags);
  if (problem) throw new StaffInputError('role', problem);
  const role = flags.role as StaffRole;
  if (!flags.email) throw new StaffInputError('email', '--email is required');
  const member = await db.transaction(async (tx) => {
    const created = await createStaff(tx, {
      email: flags.email!,
      displayName: flags.name ?? flags.email!.split('@')[0]!,
      role,
      password,
    });
    await recordAudit(tx, null, {
      action: 'staff.create',
      subjectType: 'staff',
      subjectId: created.id,
      after: { email: created.email, role: created.role },
      note: 'from the command line',
    });
    return created;
  });
  return `Created ${member.role} ${member.email}.`;
}

export async function resetPasswordFromCli(db: Db, flags: StaffFlags, password: string): Promise<string> {
  const user = flags.email ? await findStaffByEmail(db, flags.email) : undefined;
  if (!user) throw new StaffInputError('email', 'No staff account has that email (--email)');
  await setPassword(db, user.id, password);
  await recordAudit(db, null, {
    action: 'staff.password-reset',
    subjectType: 'staff',
    subjectId: user.id,
    note: 'from the command line; all sessions ended',
  });
  return `New password set for ${user.email}; they were signed out everywhere.`;
}

/**
 * For a person who lost the phone with their authenticator app and their recovery codes: an admin at the
 * server's terminal turns their two-step sign-in off, so their password alone lets them in to set it up again.
 */
export async function clearTwoStepFromCli(db: Db, flags: StaffFlags): Promise<string> {
  const user = flags.email ? await findStaffByEmail(db, flags.email) : undefined;
  if (!user) throw new StaffInputError('email', 'No staff account has that email (--email)');
  await disableTotp(db, user.id);
  await recordAudit(db, null, {
    action: 'staff.two-step-off',
    subjectType: 'staff',
    subjectId: user.id,
    note: 'from the command line',
  });
  return `Two-step sign-in turned off for ${user.email}; they can sign in with their password and turn it on again.`;
}

export const DEMO_ADMIN_EMAIL = 'admin@groundswell.example';

/**
 * On a demo start, an admin so the whole product can be tried at once. Its
 * password is random and shown once on the terminal (see announceDemoAdmin);
 * production never gets one.
 */
export async function ensureDemoAdmin(db: Db): Promise<{ email: string; password: string } | undefined> {
  if ((await listStaff(db)).length > 0) return undefined;
  const password = `demo-${randomToken(12)}`;
  await createStaffFromCli(db, { email: DEMO_ADMIN_EMAIL, name: 'Demo Admin', role: 'admin' }, password);
  // The demo shows the stories workspace too, so its admin may read the (made-up) stories; audited like any grant.
  const [admin] = await db
    .update(staffUsers)
    .set({ storiesAccess: true })
    .where(eq(staffUsers.email, DEMO_ADMIN_EMAIL))
    .returning({ id: staffUsers.id });
  if (admin)
    await recordAudit(db, null, {
      action: 'staff.stories-access',
      subjectType: 'staff',
      subjectId: admin.id,
      before: { storiesAccess: false },
      after: { storiesAccess: true },
      note: 'the demo admin',
    });
  return { email: DEMO_ADMIN_EMAIL, password };
}

/**
 * Says how to sign in as the demo admin: the password goes to the terminal
 * once, written directly and never through the logger, so it reaches no log
 * file, collector or search index; the log line says only that it was shown.
 */
export function announceDemoAdmin(
  demoAdmin: { email: string; password: string },
  logger: { info(object: object, message: string): void },
  terminal: { write(text: string): unknown } = process.stderr,
): void {
  terminal.write(
    `Demo admin: sign in at /admin as ${demoAdmin.email} with password ${demoAdmin.password} ` +
      `(shown once, not logged)\n`,
  );
  logger.info(
    { demoAdmin: { login: demoAdmin.email } },
    `Demo admin created: sign in at /admin as ${demoAdmin.email}; ` +
      `its password was printed once on the terminal, not in the log`,
  );
}
