import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { gradeRecord, type GradedRecord } from './grade.ts';
import type { BillInput, ScorecardInput } from './inputs.ts';
import { agendaBills, legislatorVotes, scorecards, type VoteChoice } from './schema.ts';

export type AgendaBill = typeof agendaBills.$inferSelect;
export type Scorecard = typeof scorecards.$inferSelect;

/** A bill's name for staff and the audit log: its number and title, or the title alone for a sample. */
export const billLabel = (b: { billNumber: string; titleEn: string }) =>
  b.billNumber ? `${b.billNumber}: ${b.titleEn}` : b.titleEn;

export async function listBills(db: Db): Promise<AgendaBill[]> {
  return db.select().from(agendaBills).orderBy(desc(agendaBills.session), asc(agendaBills.id));
}

export async function getBill(db: Db, id: number): Promise<AgendaBill | undefined> {
  const [row] = await db.select().from(agendaBills).where(eq(agendaBills.id, id));
  return row;
}

export async function createBill(db: Db, input: BillInput, actor: AuditActor | null, isDemo = false): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(agendaBills)
      .values({ ...input, isDemo })
      .returning({ id: agendaBills.id });
    await recordAudit(tx, actor, {
      action: 'legislators.bill-create',
      subjectType: 'agenda-bill',
      subjectId: row!.id,
      subjectLabel: billLabel(input),
      after: { ...input },
    });
    return row!.id;
  });
}

export async function saveBill(db: Db, id: number, input: BillInput, actor: AuditActor): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(agendaBills).where(eq(agendaBills.id, id)).for('update');
    if (!before) return false;
    await tx.update(agendaBills).set(input).where(eq(agendaBills.id, id));
    const { id: _id, createdAt: _c, isDemo: _d, ...was } = before;
    await recordAudit(tx, actor, {
      action: 'legislators.bill-update',
      subjectType: 'agenda-bill',
      subjectId: id,
      subjectLabel: billLabel(input),
      before: was,
      after: { ...input },
    });
    return true;
  });
}

/** Deletes a bill and every vote entered on it. */
export async function deleteBill(db: Db, id: number, actor: AuditActor): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [gone] = await tx.delete(agendaBills).where(eq(agendaBills.id, id)).returning();
    if (!gone) return false;
    await recordAudit(tx, actor, {
      action: 'legislators.bill-delete',
      subjectType: 'agenda-bill',
      subjectId: id,
      subjectLabel: billLabel(gone),
    });
    return true;
  });
}

/** The votes entered on a bill, by legislator id. */
export async function votesOn(db: Db, billId: number): Promise<Map<string, VoteChoice>> {
  const rows = await db.select().from(legislatorVotes).where(eq(legislatorVotes.billId, billId));
  return new Map(rows.map((r) => [r.legislatorId, r.vote]));
}

/**
 * Replaces a bill's votes with the table staff sent: a legislator left "not entered" has no vote.
 * Votes of legislators no longer on the roster are kept (they voted; the record stands).
 */
export async function saveVotes(
  db: Db,
  billId: number,
  votes: Map<string, VoteChoice | ''>,
  actor: AuditActor,
): Promise<{ changed: number } | undefined> {
  return db.transaction(async (tx) => {
    const [bill] = await tx.select().from(agendaBills).where(eq(agendaBills.id, billId)).for('update');
    if (!bill) return undefined;
    const before = new Map(
      (await tx.select().from(legislatorVotes).where(eq(legislatorVotes.billId, billId))).map((r) => [
        r.legislatorId,
        r.vote,
      ]),
    );
    const changed = [...votes].filter(([id, vote]) => (before.get(id) ?? '') !== vote);
    if (changed.length === 0) return { changed: 0 };
    await tx.delete(legislatorVotes).where(
      and(
        eq(legislatorVotes.billId, billId),
        inArray(
          legislatorVotes.legislatorId,
          changed.map(([id]) => id),
        ),
      ),
    );
    const entered = changed.filter((c): c is [string, VoteChoice] => c[1] !== '');
    if (entered.length > 0)
      await tx.insert(legislatorVotes).values(entered.map(([legislatorId, vote]) => ({ billId, legislatorId, vote })));
    await recordAudit(tx, actor, {
      action: 'legislators.votes',
      subjectType: 'agenda-bill',
      subjectId: billId,
      subjectLabel: billLabel(bill),
      note: `${changed.length} ${changed.length === 1 ? 'vote' : 'votes'} changed`,
    });
    return { changed: changed.length };
  });
}

export async function listScorecards(db: Db): Promise<Scorecard[]> {
  return db.select().from(scorecards).orderBy(desc(scorecards.session));
}

export async function getScorecard(db: Db, session: string): Promise<Scorecard | undefined> {
  const [row] = await db.select().from(scorecards).where(eq(scorecards.session, session));
  return row;
}

/** Creates or replaces a session's scorecard. */
export async function saveScorecard(db: Db, input: ScorecardInput, actor: AuditActor | null): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(scorecards).where(eq(scorecards.session, input.session)).for('update');
    const values = { ...input, updatedAt: new Date() };
    await tx.insert(scorecards).values(values).onConflictDoUpdate({ target: scorecards.session, set: values });
    await recordAudit(tx, actor, {
      action: before ? 'legislators.scorecard-update' : 'legislators.scorecard-create',
      subjectType: 'scorecard',
      subjectId: input.session,
      subjectLabel: `${input.session} scorecard`,
      before: before
        ? { gradeSteps: before.gradeSteps, absencesCount: before.absencesCount, published: before.published }
        : undefined,
      after: { gradeSteps: input.gradeSteps, absencesCount: input.absencesCount, published: input.published },
    });
  });
}

export type LegislatorRecord = {
  sponsored: AgendaBill[];
  votes: { bill: AgendaBill; vote: VoteChoice }[];
  grades: ({ session: string } & GradedRecord)[];
};

/**
 * One legislator's record on the agenda: the bills they sponsor, their votes, and their grade on
 * each scorecard (published ones only, unless staff ask).
 */
export async function legislatorRecord(
  db: Db,
  legislatorId: string,
  options: { includeUnpublished?: boolean } = {},
): Promise<LegislatorRecord> {
  const [bills, votes, cards] = await Promise.all([
    listBills(db),
    db.select().from(legislatorVotes).where(eq(legislatorVotes.legislatorId, legislatorId)),
    listScorecards(db),
  ]);
  const byId = new Map(bills.map((b) => [b.id, b]));
  const voted = votes.flatMap((v) => {
    const bill = byId.get(v.billId);
    return bill ? [{ bill, vote: v.vote }] : [];
  });
  const grades = cards
    .filter((card) => card.published || options.includeUnpublished)
    .map((card) => ({
      session: card.session,
      ...gradeRecord(
        voted.filter((v) => v.bill.session === card.session).map((v) => ({ position: v.bill.position, vote: v.vote })),
        card,
      ),
    }));
  return { sponsored: bills.filter((b) => b.sponsorIds.includes(legislatorId)), votes: voted, grades };
}
