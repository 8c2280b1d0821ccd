import { and, desc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import { plainText } from '../../platform/plain-text.ts';
import { retentionCutoffs } from '../../platform/retention.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { forgetMessagesKeyed } from '../email/service.ts';
import { closed } from './requests.ts';
import { privacyRequests, requestStatuses, type PrivacyRequest, type RequestStatus } from './schema.ts';

// Staff's side of the request log (ADR 068): the list with its deadlines, the decision, an appeal and its decision.
// Every change is one transaction with its audit entry, which names the request's id and nothing of the person.

export const REASON_MAX_LENGTH = 2000;

export const decisionInput = z.object({
  decision: z.enum(['completed', 'refused'], { message: 'Choose completed or refused' }),
  reason: plainText({ max: REASON_MAX_LENGTH, lines: true, required: 'Say what was done, or why it was refused' }),
});
export const appealInput = z.object({
  appeal: plainText({ max: REASON_MAX_LENGTH, lines: true, required: 'Write what the person appeals, in brief' }),
});
export const appealDecisionInput = z.object({
  appealDecision: z.enum(['upheld', 'reversed'], { message: 'Choose whether the decision stands' }),
  appealReason: plainText({ max: REASON_MAX_LENGTH, lines: true, required: 'Say why' }),
});

/** The list's filter: one state, or every state that still needs staff (`waiting`), or all. */
export const listFilters = ['waiting', 'all', ...requestStatuses] as const;
export type ListFilter = (typeof listFilters)[number];

const waiting: RequestStatus[] = ['open', 'appealed'];

export async function listRequests(db: Db, filter: ListFilter): Promise<PrivacyRequest[]> {
  const where =
    filter === 'all'
      ? undefined
      : filter === 'waiting'
        ? inArray(privacyRequests.status, waiting)
        : eq(privacyRequests.status, filter);
  return db
    .select()
    .from(privacyRequests)
    .where(where)
    .orderBy(sql`${privacyRequests.dueAt} asc nulls last`, desc(privacyRequests.requestedAt))
    .limit(500);
}

export async function getRequest(db: Db, id: number): Promise<PrivacyRequest | undefined> {
  const [request] = await db.select().from(privacyRequests).where(eq(privacyRequests.id, id));
  return request;
}

/** Whole days until the deadline (negative once past it); undefined before the request is confirmed. */
export function daysLeft(request: Pick<PrivacyRequest, 'dueAt'>, now = new Date()): number | undefined {
  if (!request.dueAt) return undefined;
  return Math.ceil((request.dueAt.getTime() - now.getTime()) / (24 * 60 * 60 * 1000));
}

/** Whether staff still owe an answer: an open request, or an appeal waiting. */
export const needsAnswer = (request: Pick<PrivacyRequest, 'status'>) => waiting.includes(request.status);

type Outcome = 'done' | 'not-found' | 'wrong-state';

async function change(
  db: Db,
  id: number,
  from: readonly RequestStatus[],
  actor: AuditActor,
  action: string,
  set: (request: PrivacyRequest) => Partial<typeof privacyRequests.$inferInsert>,
): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const [request] = await tx.select().from(privacyRequests).where(eq(privacyRequests.id, id)).for('update');
    if (!request) return 'not-found';
    if (!from.includes(request.status)) return 'wrong-state';
    const values = set(request);
    await tx.update(privacyRequests).set(values).where(eq(privacyRequests.id, id));
    await recordAudit(tx, actor, {
      action,
      subjectType: 'privacy-request',
      subjectId: id,
      before: { status: request.status },
      after: { status: values.status ?? request.status },
    });
    return 'done';
  });
}

/** Staff's decision on an open request; closing it forgets the address and a correction's words. */
export function decideRequest(
  db: Db,
  id: number,
  input: z.output<typeof decisionInput>,
  actor: AuditActor,
  now = new Date(),
): Promise<Outcome> {
  return change(db, id, ['open'], actor, 'privacy.decide', () => ({
    ...closed,
    copyTokenHash: null,
    copyExpiresAt: null,
    status: input.decision,
    decision: input.decision,
    decisionReason: input.reason,
    decidedAt: now,
  }));
}

/**
 * An appeal the person made (by email or letter; staff record it). A decided request may be appealed once; the
 * answer is due 45 days from the appeal, as the law gives for appeals.
 */
export function recordAppeal(
  db: Db,
  id: number,
  input: z.output<typeof appealInput>,
  actor: AuditActor,
  now = new Date(),
): Promise<Outcome> {
  return change(db, id, ['completed', 'refused'], actor, 'privacy.appeal', (request) => ({
    status: 'appealed',
    appealText: input.appeal,
    appealedAt: now,
    // An unconfirmed request closed at once (nothing held) was never confirmed: its deadline starts here.
    dueAt: new Date(now.getTime() + 45 * 24 * 60 * 60 * 1000),
    confirmedAt: request.confirmedAt ?? now,
  }));
}

export function decideAppeal(
  db: Db,
  id: number,
  input: z.output<typeof appealDecisionInput>,
  actor: AuditActor,
  now = new Date(),
): Promise<Outcome> {
  return change(db, id, ['appealed'], actor, 'privacy.appeal-decide', () => ({
    ...closed,
    status: 'appeal-decided',
    appealDecision: input.appealDecision,
    appealReason: input.appealReason,
    appealDecidedAt: now,
  }));
}

/**
 * The hourly purge's part (ADR 068): requests never confirmed go once their link has expired, with their mail;
 * copy links past their days are cleared; closed entries go once their last decision is older than the log's months.
 */
export async function purgePrivacyLog(db: Db, now = new Date()): Promise<{ unconfirmed: number; expired: number }> {
  return db.transaction(async (tx) => {
    const unconfirmed = await tx
      .delete(privacyRequests)
      .where(and(eq(privacyRequests.status, 'awaiting-confirmation'), lt(privacyRequests.confirmExpiresAt, now)))
      .returning({ id: privacyRequests.id });
    for (const { id } of unconfirmed) await forgetMessagesKeyed(tx, `privacy:${id}:`);
    await tx
      .update(privacyRequests)
      .set({ copyTokenHash: null, copyExpiresAt: null })
      .where(and(isNotNull(privacyRequests.copyTokenHash), lt(privacyRequests.copyExpiresAt, now)));
    const before = retentionCutoffs(now).privacyLogBefore;
    const expired = await tx
      .delete(privacyRequests)
      .where(
        and(
          inArray(privacyRequests.status, ['completed', 'refused', 'appeal-decided']),
          lt(
            sql`coalesce(${privacyRequests.appealDecidedAt}, ${privacyRequests.decidedAt}, ${privacyRequests.requestedAt})`,
            before,
          ),
        ),
      )
      .returning({ id: privacyRequests.id });
    for (const { id } of expired) await forgetMessagesKeyed(tx, `privacy:${id}:`);
    return { unconfirmed: unconfirmed.length, expired: expired.length };
  });
}
