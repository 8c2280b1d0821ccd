import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { plainText } from '../../platform/plain-text.ts';
import type { Db } from '../../platform/db/client.ts';
import { rowsOf } from '../../platform/db/client.ts';
import { locales } from '../../platform/web/locale.ts';
import { enqueueEmail, outboxCountsFor } from '../email/service.ts';
import { audienceCondition, noLongerWantedCondition, subscriptionTopics } from '../supporters/service.ts';
import { broadcasts, type Audience, type BroadcastStatus } from './schema.ts';

export type Broadcast = typeof broadcasts.$inferSelect;
export { type Audience } from './schema.ts';

const version = (required: boolean) =>
  z.object({
    subject: plainText({ max: 200, required: required ? 'Write a subject' : undefined }),
    preheader: plainText({ max: 200 }).default(''),
    body: plainText({ max: 50_000, lines: true, required: required ? 'Write the message' : undefined, tooLong: 'Keep the message under 50,000 characters' }),
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
    }),
  })
  .superRefine((value, ctx) => {
    // A half-written Spanish version would reach people as a blank email.
    const es = value.es;
    if ((es.subject === '') !== (es.body === '')) {
      ctx.addIssue({ code: 'custom', path: ['es', es.subject === '' ? 'subject' : 'body'], message: 'Fill in both the Spanish subject and message, or leave both empty' });
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
  const [row] = await rowsOf<{ n: number | string }>(db, sql`select count(*) as n from supporters s where ${audienceCondition(audience)}`);
  return Number(row?.n ?? 0);
}

export async function createBroadcast(db: Db, input: BroadcastInput, staffId: number | null): Promise<Broadcast> {
  const data = broadcastInput.parse(input);
  const [row] = await db.insert(broadcasts).values({ ...toRow(data), createdBy: staffId }).returning();
  return row!;
}

export class BroadcastStateError extends Error {}

/** Only drafts change: what was scheduled is what staff reviewed. */
export async function updateBroadcast(db: Db, id: number, input: BroadcastInput): Promise<Broadcast> {
  const data = broadcastInput.parse(input);
  const [row] = await db
    .update(broadcasts)
    .set({ ...toRow(data), updatedAt: new Date() })
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
      .where(and(eq(broadcasts.id, id), inArray(broadcasts.status, ['draft', 'scheduled', 'sending'] satisfies BroadcastStatus[])))
      .returning({ id: broadcasts.id });
    if (!row) throw new BroadcastStateError('It has already finished');
    const withdrawn = await rowsOf(
      tx,
      sql`update email_outbox set status = 'suppressed', last_error = 'broadcast cancelled'
          where broadcast_id = ${id} and status = 'queued' returning id`,
    );
    return { withdrawn: withdrawn.length };
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
        sql`select id, audience from broadcasts where status = 'scheduled' and scheduled_at <= ${options.now ?? new Date()}
            order by scheduled_at, id limit 1 for update skip locked`,
      );
      if (!due) return undefined;
      const id = Number(due.id);
      await tx.execute(sql`insert into broadcast_recipients (broadcast_id, supporter_id, locale)
        select ${id}, s.id, s.locale from supporters s where ${audienceCondition(due.audience)}`);
      // Message-IDs are made here, once, so every attempt at a message carries the same one (ADR 016).
      const [queued] = await rowsOf<{ n: number | string }>(
        tx,
        sql`with queued as (insert into email_outbox (idempotency_key, message_id, to_address, kind, template, locale, data, broadcast_id)
            select 'broadcast:' || r.broadcast_id || ':' || r.supporter_id,
                   '<' || replace(gen_random_uuid()::text, '-', '') || '@' || ${options.domain} || '>',
                   s.email, 'bulk', 'broadcast', r.locale,
                   jsonb_build_object('broadcastId', r.broadcast_id, 'supporterId', s.id, 'givenName', s.given_name),
                   r.broadcast_id
            from broadcast_recipients r join supporters s on s.id = r.supporter_id
            where r.broadcast_id = ${id}
            on conflict (idempotency_key) do nothing
            returning 1)
            select count(*) as n from queued`,
      );
      await tx
        .update(broadcasts)
        .set({ status: 'sending', startedAt: new Date(), recipientCount: Number(queued?.n ?? 0), updatedAt: new Date() })
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
          and not exists (select 1 from email_outbox o where o.broadcast_id = b.id and o.status in ('queued', 'sending'))
        returning id`,
  );
  return done.length;
}

export type Progress = { recipients: number; queued: number; sent: number; failed: number; withdrawn: number; bounced: number; unsubscribed: number };

/** Aggregate counts only: no per-person opens or clicks are tracked. */
export async function broadcastProgress(db: Db, broadcast: Broadcast): Promise<Progress> {
  const counts = await outboxCountsFor(db, broadcast.id);
  const since = broadcast.startedAt ?? new Date();
  const [feedback] = await rowsOf<{ bounced: number | string; unsubscribed: number | string }>(
    db,
    sql`select
          (select count(*) from broadcast_recipients r join supporters s on s.id = r.supporter_id
             join email_suppressions x on x.address = s.email
             where r.broadcast_id = ${broadcast.id} and x.at >= ${since}) as bounced,
          (select count(*) from broadcast_recipients r join subscriptions sub on sub.supporter_id = r.supporter_id
             where r.broadcast_id = ${broadcast.id} and sub.topic = ${broadcast.audience.topic}
               and sub.status = 'unsubscribed' and sub.updated_at >= ${since}) as unsubscribed`,
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
export async function unwantedBroadcastMessages(db: Db, outboxIds: number[]): Promise<Set<number>> {
  if (outboxIds.length === 0) return new Set();
  const rows = await rowsOf<{ id: number | string }>(
    db,
    sql`select o.id from email_outbox o
        join broadcasts b on b.id = o.broadcast_id
        where o.id in (${sql.join(
          outboxIds.map((id) => sql`${id}`),
          sql`, `,
        )})
          and ${noLongerWantedCondition(sql`b.audience->>'topic'`, sql`(o.data->>'supporterId')::int`, sql`o.to_address`)}`,
  );
  return new Set(rows.map((r) => Number(r.id)));
}

/** A test copy to the staff member composing it, marked as a test, with no list headers. */
export async function sendTestBroadcast(db: Db, broadcast: Broadcast, to: { email: string; locale: 'en' | 'es' }, options: { domain: string }): Promise<void> {
  await enqueueEmail(
    db,
    {
      idempotencyKey: `broadcast-test:${broadcast.id}:${Date.now()}:${Math.random().toString(36).slice(2)}`,
      to: to.email,
      kind: 'transactional',
      template: 'broadcast',
      locale: to.locale,
      data: { broadcastId: broadcast.id, givenName: '', test: true },
    },
    options,
  );
}
