import { and, eq, getTableColumns, inArray, lt, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { putBackRows } from '../../platform/db/row-snapshots.ts';
import type { MovedRows, PersonRowsPart } from '../../platform/person-merge.ts';
import { retention } from '../../platform/retention.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { moveOwnRows, restoreOwnRows } from './merge-own-rows.ts';
import { supporterMerges } from './merge-schema.ts';
import { supporterEvents, supporters } from './schema.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
export const MERGE_UNDO_MS = retention.mergeUndoDays * DAY_MS;

/** The details staff choose between, field by field, when two records are made one. */
export const mergeFields = ['givenName', 'familyName', 'phone', 'zip', 'county', 'locale', 'firstSource'] as const;
export type MergeField = (typeof mergeFields)[number];
const side = z.enum(['kept', 'other'], { message: 'Choose one of the two' });

/** The merge form: whose email stays, each detail's winner, and the tick that says they are one person. */
export const mergeChoicesInput = z.object({
  email: side,
  ...(Object.fromEntries(mergeFields.map((f) => [f, side])) as Record<MergeField, typeof side>),
  confirm: z.literal('on', { message: 'Tick the box to confirm that these two records are one person' }),
});
export type MergeChoices = z.output<typeof mergeChoicesInput>;

export type MergeOutcome = { outcome: 'merged'; mergeId: number } | { outcome: 'missing' } | { outcome: 'same' };

/**
 * Makes two records of one person one (ADR 069), in one transaction: every row of the other record, in this
 * feature's tables and in each part's, moves to the kept one, the chosen details are written, the other record's row
 * goes, and the merge log keeps what the undo needs for 30 days. The audit entry names the two ids only.
 */
export async function mergeSupporters(
  db: Db,
  ids: { keptId: number; otherId: number },
  choices: MergeChoices,
  actor: AuditActor,
  parts: readonly PersonRowsPart[],
  now = new Date(),
): Promise<MergeOutcome> {
  const { keptId, otherId } = ids;
  if (keptId === otherId) return { outcome: 'same' };
  return db.transaction(async (tx) => {
    // Both rows locked, lower id first, so two merges of the same pair wait rather than deadlock.
    const locked = await rowsOf<{ id: number; row: Record<string, unknown> }>(
      tx,
      sql`select id, to_jsonb(${supporters}) as row from ${supporters}
          where id in (${keptId}, ${otherId}) order by id for update`,
    );
    const keptRow = locked.find((r) => r.id === keptId)?.row;
    const otherRow = locked.find((r) => r.id === otherId)?.row;
    if (!keptRow || !otherRow) return { outcome: 'missing' };
    const [kept] = await tx.select().from(supporters).where(eq(supporters.id, keptId));
    const [other] = await tx.select().from(supporters).where(eq(supporters.id, otherId));

    const moved: Record<string, MovedRows> = {};
    for (const part of parts) moved[part.name] = await part.reassignSupporter(tx, otherId, keptId);
    const own = await moveOwnRows(tx, otherId, keptId, now);
    const droppedEmail = choices.email === 'kept' ? other!.email : kept!.email;
    const [entry] = await tx
      .insert(supporterEvents)
      .values({
        supporterId: keptId,
        kind: 'merged',
        detail: { mergedId: otherId, previousEmail: droppedEmail },
        at: now,
      })
      .returning({ id: supporterEvents.id });
    await tx.delete(supporters).where(eq(supporters.id, otherId));

    const winner = (field: MergeField) => (choices[field] === 'kept' ? kept![field] : other![field]);
    const emailFrom = choices.email === 'kept' ? kept! : other!;
    await tx
      .update(supporters)
      .set({
        ...(Object.fromEntries(mergeFields.map((f) => [f, winner(f)])) as Partial<typeof supporters.$inferInsert>),
        email: emailFrom.email,
        emailAsTyped: emailFrom.emailAsTyped,
        // With us since the earlier of the two.
        createdAt: kept!.createdAt < other!.createdAt ? kept!.createdAt : other!.createdAt,
        updatedAt: now,
      })
      .where(eq(supporters.id, keptId));
    const [log] = await tx
      .insert(supporterMerges)
      .values({
        keptId,
        mergedId: otherId,
        mergedPerson: otherRow,
        keptBefore: keptRow,
        keptWrittenAt: now,
        own,
        parts: moved,
        timelineEventId: entry!.id,
        staffId: actor.staffId,
        mergedAt: now,
      })
      .returning({ id: supporterMerges.id });
    await recordAudit(tx, actor, {
      action: 'supporter.merge',
      subjectType: 'supporter',
      subjectId: keptId,
      note: `merged supporter #${otherId} into it`,
    });
    return { outcome: 'merged', mergeId: log!.id };
  });
}

export type UndoOutcome =
  | { outcome: 'undone'; keptId: number; restoredId: number }
  | { outcome: 'missing' }
  | { outcome: 'expired' }
  | { outcome: 'email-taken' };

/** Whether a merge made at `mergedAt` may still be undone at `now`: the log is purged past the same period. */
export const undoable = (mergedAt: Date, now: Date) => now.getTime() - mergedAt.getTime() < MERGE_UNDO_MS;

/**
 * Undoes a merge within 30 days: the other person comes back with their own id, email and row, exactly the rows
 * moved go back to them, the rows set aside return, and the kept person's details are as before, unless staff
 * corrected them since (then only the email goes back, so each person has their own). The log row goes.
 */
export async function undoMerge(
  db: Db,
  mergeId: number,
  actor: AuditActor,
  parts: readonly PersonRowsPart[],
  now = new Date(),
): Promise<UndoOutcome> {
  return db.transaction(async (tx) => {
    const [log] = await tx.select().from(supporterMerges).where(eq(supporterMerges.id, mergeId)).for('update');
    if (!log) return { outcome: 'missing' };
    if (!undoable(log.mergedAt, now)) return { outcome: 'expired' };
    const [kept] = await tx.select().from(supporters).where(eq(supporters.id, log.keptId)).for('update');
    if (!kept) return { outcome: 'missing' };
    const keptEmail = String(log.keptBefore.email);
    const otherEmail = String(log.mergedPerson.email);
    // Each address must be free for its owner again: someone may have signed up with the one the merge let go.
    const [taken] = await tx
      .select({ id: supporters.id })
      .from(supporters)
      .where(and(inArray(supporters.email, [keptEmail, otherEmail]), ne(supporters.id, kept.id)))
      .limit(1);
    if (taken) return { outcome: 'email-taken' };

    const unchanged = kept.updatedAt.getTime() === log.keptWrittenAt.getTime();
    const columns = Object.values(getTableColumns(supporters)).filter((c) => c.name !== 'id');
    const restored = unchanged ? columns : columns.filter((c) => c.name === 'email' || c.name === 'email_as_typed');
    const names = sql.join(
      restored.map((c) => sql.identifier(c.name)),
      sql`, `,
    );
    await tx.execute(
      sql`update ${supporters} set (${names}) = (select ${names}
          from jsonb_populate_record(null::${supporters}, ${JSON.stringify(log.keptBefore)}::jsonb))
          where ${supporters.id} = ${kept.id}`,
    );
    await putBackRows(tx, supporters, [log.mergedPerson]);
    await tx.delete(supporterEvents).where(eq(supporterEvents.id, log.timelineEventId));
    await restoreOwnRows(tx, log.mergedId, kept.id, log.own);
    for (const part of [...parts].reverse()) {
      const moved = log.parts[part.name];
      if (moved) await part.restoreSupporter(tx, log.mergedId, kept.id, moved);
    }
    await tx.delete(supporterMerges).where(eq(supporterMerges.id, log.id));
    await recordAudit(tx, actor, {
      action: 'supporter.merge-undo',
      subjectType: 'supporter',
      subjectId: kept.id,
      note: `supporter #${log.mergedId} restored`,
    });
    return { outcome: 'undone', keptId: kept.id, restoredId: log.mergedId };
  });
}

/** The merges that may still be undone, newest first; of one kept person, or all. */
export async function listMerges(db: Db, options: { keptId?: number; now?: Date; limit?: number } = {}) {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - MERGE_UNDO_MS);
  return db
    .select({
      id: supporterMerges.id,
      keptId: supporterMerges.keptId,
      mergedId: supporterMerges.mergedId,
      mergedEmail: sql<string>`${supporterMerges.mergedPerson} ->> 'email_as_typed'`,
      mergedAt: supporterMerges.mergedAt,
    })
    .from(supporterMerges)
    .where(
      and(
        options.keptId === undefined ? undefined : eq(supporterMerges.keptId, options.keptId),
        sql`${supporterMerges.mergedAt} > ${since.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(sql`${supporterMerges.mergedAt} desc, ${supporterMerges.id} desc`)
    .limit(options.limit ?? 200);
}
export type MergeListing = Awaited<ReturnType<typeof listMerges>>[number];

/**
 * The hourly privacy purge: a merge's undo data past 30 days holds a person's former row and goes (ADR 030, 066).
 * Returns how many went.
 */
export async function purgeExpiredMerges(db: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - MERGE_UNDO_MS);
  const gone = await db
    .delete(supporterMerges)
    .where(lt(supporterMerges.mergedAt, before))
    .returning({ id: supporterMerges.id });
  return gone.length;
}

/** The merge log of one person, for their copy of their data: the records merged into theirs, as they were. */
export async function mergesOf(db: Db, keptId: number) {
  const rows = await db.select().from(supporterMerges).where(eq(supporterMerges.keptId, keptId));
  return rows.map((r) => ({
    mergedId: r.mergedId,
    mergedAt: r.mergedAt.toISOString(),
    formerRecord: r.mergedPerson,
  }));
}
