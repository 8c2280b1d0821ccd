import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { plainText } from '../../platform/plain-text.ts';
import type { Db } from '../../platform/db/client.ts';
import { jsonRows, rowsOf } from '../../platform/db/client.ts';
import { locales } from '../../platform/web/locale.ts';
import {
  enqueueEmail,
  enqueueEmailsFrom,
  hasUnsentMail,
  isSuppressedAddress,
  outboxCountsFor,
  withdrawQueuedFor,
  type OutboxRow,
} from '../email/service.ts';
import {
  audienceMembers,
  noLongerWantedCondition,
  subscriptionTopics,
  supporterContact,
  unsubscribedSince,
} from '../supporters/service.ts';
import { broadcastRecipients, broadcasts, type Audience, type BroadcastStatus } from './schema.ts';

export type Broadcast = typeof broadcasts.$inferSelect;
export type { Audience } from './schema.ts';

const version = (required: boolean) =>
  z.object({
    subject: plainText({ max: 200, required: required ? 'Write a subject' : undefined }),
    preheader: plainText({ max: 200 }).default(''),
    body: plainText({
      max: 50_000,
      lines: true,
      required: required ? 'Write the message' : undefined,
      tooLong: 'Keep the message under 50,000 characters',
    }),
  });

/** What staff fill in. The Spanish version is optional: without it, Spanish readers get the English one. */
export const broadcastInput = z
  .object({
    name: plainText({ max: 120, required: 'Name this broadcast (only staff see the name)' }),
    en: version(true),
    es: version(false),
    audience: z.object({
      topic: z.enum(subscriptionTopics, { error: 'Choose who it goes to' }),
      tag: z
        .string()
        .trim()
        .toLowerCase()
        .max(60)
        .regex(/^[a-z0-9-]*$/, 'Tags are lower-case letters, digits and hyphens')
        .transform((v) => v || undefined)
        .optional(),
      county: plainText({ max: 60 })
        .transform((v) => v || undefined)
        .optional(),
      locale: z
        .enum([...locales, ''])
        .transform((v) => v || undefined)
        .optional(),
      // A saved segment's id (issue 18): the routes write its people down as the draft's chosen people.
      segment: z
        .union([
          z.literal(''),
          z.string().regex(/^[1-9][0-9]{0,8}$/, 'Choose a segment from the list'),
          // The parsed form, when a route hands what it checked on to the service.
          z.number().int().min(1),
        ])
        .transform((v) => (v === '' ? undefined : Number(v)))
        .optional(),
    }),
  })
  .superRefine((value, ctx) => {
    // A half-written Spanish version would reach people as a blank email.
    const es = value.es;
    if ((es.subject === '') !== (es.body === '')) {
      ctx.addIssue({
        code: 'custom',
        path: ['es', es.subject === '' ? 'subject' : 'body'],
        message: 'Fill in both the Spanish subject and message, or leave both empty',
      });
    }
  });
export type BroadcastInput = z.input<typeof broadcastInput>;

function toRow(input: z.output<typeof broadcastInput>) {
  const audience: Audience = { topic: input.audience.topic };
  if (input.audience.tag) audience.tag = input.audience.tag;
  if (input.audience.county) audience.county = input.audience.county;
  if (input.audience.locale) audience.locale = input.audience.locale;
  return { name: input.name, en: input.en, es: input.es.subject ? input.es : null, audience };
}

/** How many people the audience holds right now: shown before sending. */
export async function audienceCount(db: Db, audience: Audience): Promise<number> {
  const [row] = await rowsOf<{ n: number | string }>(
    db,
    sql`select count(*) as n from (${audienceMembers(audience)}) m`,
  );
  return Number(row?.n ?? 0);
}

/**
 * The people another feature chose for a draft (an event's attendees), kept through every edit of it; or a saved
 * segment's people as they were when the draft was saved (`segmentId`), replaced each time it is saved again.
 */
export type ChosenPeople = { supporterIds: number[]; label: string; segmentId?: number | undefined };

export async function createBroadcast(
  db: Db,
  input: BroadcastInput,
  staffId: number | null,
  chosen?: ChosenPeople,
): Promise<Broadcast> {
  const data = broadcastInput.parse(input);
  const row = toRow(data);
  const [created] = await db
    .insert(broadcasts)
    .values({ ...row, audience: { ...row.audience, ...withoutUndefined(chosen) }, createdBy: staffId })
    .returning();
  return created!;
}

// jsonb keeps no undefined, and an audience compared before and after (the audit) should not differ by one.
function withoutUndefined(chosen: ChosenPeople | undefined): Partial<ChosenPeople> {
  return Object.fromEntries(Object.entries(chosen ?? {}).filter(([, v]) => v !== undefined));
}

export class BroadcastStateError extends Error {}

/** Only drafts change: what was scheduled is what staff reviewed. */
export async function updateBroadcast(
  db: Db,
  id: number,
  input: BroadcastInput,
  chosen?: ChosenPeople,
): Promise<Broadcast> {
  const data = broadcastInput.parse(input);
  const [before] = await db.select({ audience: broadcasts.audience }).from(broadcasts).where(eq(broadcasts.id, id));
  const next = toRow(data);
  // The compose form edits the topic and filters; the people chosen elsewhere stay chosen. A segment's people are
  // the segment's as saved now, or none once the segment is no longer chosen.
  const { supporterIds, label, segmentId } = before?.audience ?? {};
  if (chosen) next.audience = { ...next.audience, ...withoutUndefined(chosen) };
  else if (supporterIds && segmentId === undefined)
    next.audience = { ...next.audience, supporterIds, ...(label ? { label } : {}) };
  const [row] = await db
    .update(broadcasts)
    .set({ ...next, updatedAt: new Date() })
    .where(and(eq(broadcasts.id, id), eq(broadcasts.status, 'draft')))
    .returning();
  if (!row) throw new BroadcastStateError('Only a draft can be edited');
  return row;
}

export async function getBroadcast(db: Db, id: number): Promise<Broadcast | undefined> {
  const [row] = await db.select().from(broadcasts).where(eq(broadcasts.id, id));
  return row;
}

export async function listBroadcasts(db: Db, limit = 100): Promise<Broadcast[]> {
  return db.select().from(broadcasts).orderBy(sql`${broadcasts.id} desc`).limit(limit);
}

/** Schedules a draft for `at` (now or later). The scheduler starts it when its time comes. */
export async function scheduleBroadcast(db: Db, id: number, at: Date): Promise<Broadcast> {
  const [row] = await db
    .update(broadcasts)
    .set({ status: 'scheduled', scheduledAt: at, updatedAt: new Date() })
    .where(and(eq(broadcasts.id, id), eq(broadcasts.status, 'draft')))
    .returning();
  if (!row) throw new BroadcastStateError('Only a draft can be scheduled');
  return row;
}

/** Back to draft before it starts, to change or drop it. */
export async function unscheduleBroadcast(db: Db, id: number): Promise<void> {
  const [row] = await db
    .update(broadcasts)
    .set({ status: 'draft', scheduledAt: null, updatedAt: new Date() })
    .where(and(eq(broadcasts.id, id), eq(broadcasts.status, 'scheduled')))
    .returning({ id: broadcasts.id });
  if (!row) throw new BroadcastStateError('It has already started');
}

/**
 * Cancels a draft or a scheduled broadcast; one that is sending stops: the
 * messages not yet handed to the relay are withdrawn from the outbox.
 */
export async function cancelBroadcast(db: Db, id: number): Promise<{ withdrawn: number }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(broadcasts)
      .set({ status: 'cancelled', updatedAt: new Date(), finishedAt: new Date() })
      .where(
        and(
          eq(broadcasts.id, id),
          inArray(broadcasts.status, ['draft', 'scheduled', 'sending'] satisfies BroadcastStatus[]),
        ),
      )
      .returning({ id: broadcasts.id });
    if (!row) throw new BroadcastStateError('It has already finished');
    return { withdrawn: await withdrawQueuedFor(tx, id, 'broadcast cancelled') };
  });
}

/**
 * Starts every broadcast whose time has come. In one transaction per
 * broadcast it writes one recipient row per person and one outbox row per
 * recipient, so a crash leaves either nothing (it is picked up again) or
 * the complete list (the outbox resumes it). SKIP LOCKED lets several
 * worker processes run this side by side.
 */
export async function startDueBroadcasts(db: Db, options: { domain: string; now?: Date }): Promise<number[]> {
  const started: number[] = [];
  for (;;) {
    const id = await db.transaction(async (tx) => {
      const [due] = await rowsOf<{ id: number | string; audience: Audience }>(
        tx,
        sql`select id, audience from broadcasts
            where status = 'scheduled' and scheduled_at <= ${options.now ?? new Date()}
            order by scheduled_at, id limit 1 for update skip locked`,
      );
      if (!due) return undefined;
      const id = Number(due.id);
      await tx.execute(sql`insert into broadcast_recipients (broadcast_id, supporter_id, locale)
        select ${id}, m.supporter_id, m.locale from (${audienceMembers(due.audience)}) m`);
      const r = broadcastRecipients;
      const queued = await enqueueEmailsFrom(
        tx,
        sql`select 'broadcast:' || ${r.broadcastId} || ':' || ${r.supporterId}, ${supporterContact.email},
              'bulk', 'broadcast', ${r.locale},
              jsonb_build_object('broadcastId', ${r.broadcastId}, 'supporterId', ${r.supporterId},
                'givenName', ${supporterContact.givenName}),
              ${r.broadcastId}
            from ${r} ${supporterContact.join(r.supporterId)}
            where ${r.broadcastId} = ${id}`,
        options,
      );
      await tx
        .update(broadcasts)
        .set({ status: 'sending', startedAt: new Date(), recipientCount: queued, updatedAt: new Date() })
        .where(eq(broadcasts.id, id));
      return id;
    });
    if (id === undefined) return started;
    started.push(id);
  }
}

/** Marks sending broadcasts sent once nothing of theirs waits in the outbox. */
export async function finishBroadcasts(db: Db): Promise<number> {
  const done = await rowsOf(
    db,
    sql`update broadcasts b set status = 'sent', finished_at = now(), updated_at = now()
        where b.status = 'sending'
          and not ${hasUnsentMail(sql`b.id`)}
        returning id`,
  );
  return done.length;
}

export type Progress = {
  recipients: number;
  queued: number;
  sent: number;
  failed: number;
  withdrawn: number;
  bounced: number;
  unsubscribed: number;
};

/** Aggregate counts only: no per-person opens or clicks are tracked. */
export async function broadcastProgress(db: Db, broadcast: Broadcast): Promise<Progress> {
  const counts = await outboxCountsFor(db, broadcast.id);
  const since = broadcast.startedAt ?? new Date();
  const r = broadcastRecipients;
  const [feedback] = await rowsOf<{ bounced: number | string; unsubscribed: number | string }>(
    db,
    sql`select
          (select count(*) from ${r} ${supporterContact.join(r.supporterId)}
             where ${r.broadcastId} = ${broadcast.id}
               and ${isSuppressedAddress(supporterContact.email, since)}) as bounced,
          (select count(*) from ${r}
             where ${r.broadcastId} = ${broadcast.id}
               and ${unsubscribedSince(r.supporterId, broadcast.audience.topic, since)}) as unsubscribed`,
  );
  return {
    recipients: broadcast.recipientCount ?? 0,
    queued: (counts.queued ?? 0) + (counts.sending ?? 0),
    sent: counts.sent ?? 0,
    failed: counts.failed ?? 0,
    withdrawn: counts.suppressed ?? 0,
    bounced: Number(feedback?.bounced ?? 0),
    unsubscribed: Number(feedback?.unsubscribed ?? 0),
  };
}

/**
 * Of a batch of broadcast messages about to go out, those whose person no
 * longer wants them: unsubscribed from the topic since it was queued, or
 * suppressed by a bounce or complaint. Checked just before sending, so an
 * unsubscribe takes effect at once even mid-broadcast.
 */
export async function unwantedBroadcastMessages(
  db: Db,
  messages: Pick<OutboxRow, 'id' | 'broadcastId' | 'data' | 'toAddress'>[],
): Promise<Set<number>> {
  const mine = messages.filter((m) => m.broadcastId !== null);
  if (mine.length === 0) return new Set();
  const rows = await rowsOf<{ id: number | string }>(
    db,
    sql`select m.id from jsonb_to_recordset(${jsonRows(
      mine.map((m) => ({
        id: m.id,
        broadcast_id: m.broadcastId,
        supporter_id: m.data.supporterId,
        address: m.toAddress,
      })),
    )}) as m(id bigint, broadcast_id bigint, supporter_id int, address text)
        join broadcasts b on b.id = m.broadcast_id
        where ${noLongerWantedCondition(sql`b.audience->>'topic'`, sql`m.supporter_id`, sql`m.address`)}`,
  );
  return new Set(rows.map((r) => Number(r.id)));
}

/** A test copy to the staff member composing it, marked as a test, with no list headers. */
export async function sendTestBroadcast(
  db: Db,
  broadcast: Broadcast,
  to: { email: string; locale: 'en' | 'es'; givenName?: string },
  options: { domain: string },
): Promise<void> {
  await enqueueEmail(
    db,
    {
      idempotencyKey: `broadcast-test:${broadcast.id}:${Date.now()}:${Math.random().toString(36).slice(2)}`,
      to: to.email,
      kind: 'transactional',
      template: 'broadcast',
      locale: to.locale,
      data: { broadcastId: broadcast.id, givenName: to.givenName ?? '', test: true },
    },
    options,
  );
}

/** The audit log's sentences for this feature's actions; the app hands them to the audit screens. */
export { broadcastAuditWords } from './audit-words.ts';
export { broadcastPersonRows } from './person-merge.ts';
