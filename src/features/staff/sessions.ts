import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { staffSessions, staffUsers } from './schema.ts';
import type { StaffMember } from './accounts.ts';

/** Signed out after this long without a request… */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** …and after this long whatever happens. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
// Writing last_seen_at on every request would turn each page view into a write.
const TOUCH_EVERY_MS = 60 * 1000;

export type StaffSession = { idHash: string; staff: StaffMember; awaitingSecondFactor: boolean; createdAt: Date };

/** Starts a session and returns the token for the cookie. Only its hash is stored. */
export async function startSession(
  db: Db,
  staffId: number,
  meta: { ip: string; userAgent: string; awaitingSecondFactor: boolean },
): Promise<string> {
  const token = randomToken(32);
  await db.insert(staffSessions).values({
    idHash: sha256(token),
    staffId,
    awaitingSecondFactor: meta.awaitingSecondFactor,
    ip: meta.ip,
    userAgent: meta.userAgent.slice(0, 300),
  });
  return token;
}

/** The live session for a cookie token, or undefined when it is unknown, expired or its account disabled. */
export async function findSession(db: Db, token: string, now = new Date()): Promise<StaffSession | undefined> {
  if (!token || token.length > 100) return undefined;
  const idHash = sha256(token);
  const [row] = await db
    .select({ session: staffSessions, staff: staffUsers })
    .from(staffSessions)
    .innerJoin(staffUsers, eq(staffUsers.id, staffSessions.staffId))
    .where(eq(staffSessions.idHash, idHash));
  if (!row) return undefined;
  const { session, staff } = row;
  const idleFor = now.getTime() - session.lastSeenAt.getTime();
  const age = now.getTime() - session.createdAt.getTime();
  if (idleFor > SESSION_IDLE_MS || age > SESSION_ABSOLUTE_MS || staff.disabledAt) {
    await db.delete(staffSessions).where(eq(staffSessions.idHash, idHash));
    return undefined;
  }
  if (idleFor > TOUCH_EVERY_MS)
    await db.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.idHash, idHash));
  const { passwordHash: _p, totpSecret: _t, totpLastStep: _s, ...member } = staff;
  return { idHash, staff: member, awaitingSecondFactor: session.awaitingSecondFactor, createdAt: session.createdAt };
}

export async function completeSecondFactor(db: Db, idHash: string): Promise<string> {
  // A new id once fully signed in, so a token seen before the second factor is worth nothing after it.
  const [old] = await db.delete(staffSessions).where(eq(staffSessions.idHash, idHash)).returning();
  if (!old) throw new Error('session vanished');
  return startSession(db, old.staffId, { ip: old.ip, userAgent: old.userAgent, awaitingSecondFactor: false });
}

/**
 * Counts one second-step code tried in this half-signed-in session, before it
 * is checked, and returns how many have been tried (0 when the session is gone).
 * One UPDATE both counts and reads, so parallel guesses cannot share a number.
 */
export async function countSecondStepAttempt(db: Db, idHash: string): Promise<number> {
  const [row] = await db
    .update(staffSessions)
    .set({ secondStepAttempts: sql`${staffSessions.secondStepAttempts} + 1` })
    .where(and(eq(staffSessions.idHash, idHash), eq(staffSessions.awaitingSecondFactor, true)))
    .returning({ n: staffSessions.secondStepAttempts });
  return row?.n ?? 0;
}

export async function endSession(db: Db, idHash: string): Promise<void> {
  await db.delete(staffSessions).where(eq(staffSessions.idHash, idHash));
}

/** "Sign out everywhere": ends every session of this person. */
export async function endAllSessions(db: Db, staffId: number): Promise<number> {
  const ended = await db
    .delete(staffSessions)
    .where(eq(staffSessions.staffId, staffId))
    .returning({ id: staffSessions.idHash });
  return ended.length;
}

export async function listSessions(db: Db, staffId: number) {
  return db.select().from(staffSessions).where(eq(staffSessions.staffId, staffId));
}

/** Removes expired sessions; run now and then. */
export async function pruneSessions(db: Db, now = new Date()): Promise<void> {
  await db
    .delete(staffSessions)
    .where(
      or(
        lt(staffSessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS)),
        lt(staffSessions.createdAt, new Date(now.getTime() - SESSION_ABSOLUTE_MS)),
      ),
    );
}
