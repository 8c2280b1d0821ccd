import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { jsonRows, rowsOf } from '../../platform/db/client.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { ERASED_ADDRESS } from './addressee.ts';
import { emailOutbox, type EmailKind } from './schema.ts';

export type OutboxRow = typeof emailOutbox.$inferSelect;

export type NewEmail = {
  idempotencyKey: string;
  to: string;
  kind: EmailKind;
  template: string;
  locale: Locale;
  data?: Record<string, unknown>;
  /** The address and data are forgotten once the message is sent or given up (ADR 063). */
  forgetWhenSent?: boolean;
};

/** Attempts before a temporarily failing message is given up. */
export const MAX_ATTEMPTS = 8;

/**
 * Queues a message. Call it with the transaction of the action that causes
 * it. Returns false when that idempotency key was queued before.
 */
export async function enqueueEmail(db: Db, email: NewEmail, options: { domain: string }): Promise<boolean> {
  return (await enqueueEmails(db, [email], options)) > 0;
}

/**
 * Queues several messages in one statement, for actions that arrive in
 * groups (petition signatures committed together). Returns how many were new;
 * keys queued before are skipped, as with enqueueEmail.
 */
export async function enqueueEmails(db: Db, emails: NewEmail[], options: { domain: string }): Promise<number> {
  if (emails.length === 0) return 0;
  const inserted = await rowsOf<{ id: unknown }>(
    db,
    sql`insert into email_outbox ${OUTBOX_COLUMNS}
        select ${outboxValues(options.domain)}
        from jsonb_to_recordset(${jsonRows(outboxRecords(emails))}) as ${OUTBOX_RECORD}
        on conflict (idempotency_key) do nothing
        returning id`,
  );
  return inserted.length;
}

/**
 * Queues one message per row of `messages`, a select over the caller's own
 * tables (a broadcast's recipients), in one statement however many there are:
 * a broadcast to the whole list is 100,000 rows, which must not pass through
 * the process. Its columns, in this order: idempotency_key, to_address, kind,
 * template, locale, data (jsonb), broadcast_id. Returns how many were new.
 */
export async function enqueueEmailsFrom(db: Db, messages: SQL, options: { domain: string }): Promise<number> {
  const [row] = await rowsOf<{ n: number | string }>(
    db,
    sql`with queued as (
          insert into email_outbox (idempotency_key, message_id, to_address, kind, template, locale, data, broadcast_id)
          select m.idempotency_key, ${messageId(options.domain, sql`row_number() over ()`)},
            m.to_address, m.kind, m.template, m.locale, m.data, m.broadcast_id
          from (${messages}) as m(idempotency_key, to_address, kind, template, locale, data, broadcast_id)
          on conflict (idempotency_key) do nothing
          returning 1)
        select count(*) as n from queued`,
  );
  return Number(row?.n ?? 0);
}

/**
 * Queues messages from inside the caller's own statement, as one of its
 * data-modifying CTEs: for an action written in a single statement, so it
 * takes one round trip to the database (a batch of petition signatures).
 * Each message has a `ref`; only those whose ref is among `refs` (a subquery,
 * such as one over the RETURNING of the insert that caused them) are queued,
 * so a message is queued exactly when what caused it was written.
 */
export function queueEmailsWhere(emails: (NewEmail & { ref: string })[], options: { domain: string }, refs: SQL): SQL {
  const records = outboxRecords(emails).map((record, i) => ({ ...record, ref: emails[i]!.ref }));
  return sql`insert into email_outbox ${OUTBOX_COLUMNS}
    select ${outboxValues(options.domain)} from jsonb_to_recordset(${jsonRows(records)})
      as v(idempotency_key text, to_address text, kind text, template text, locale text, data jsonb, n int,
        forget_when_sent boolean, ref text)
    where v.ref in (${refs})
    on conflict (idempotency_key) do nothing`;
}

/**
 * The Message-ID of a message, made once as its row is written, so every
 * attempt carries the same one and receivers can merge repeats (ADR 016): the
 * one place for every way a message is queued. 96 random bits per statement,
 * from one call to the random source, and the row's place in the statement
 * (`nth`): a broadcast's 100,000 rows never pass through the process, and a
 * random value made per row by the database cost the signing batch more.
 */
const messageId = (domain: string, nth: SQL): SQL =>
  sql`'<' || ${randomBytes(12).toString('hex')} || '.' || ${nth} || '@' || ${domain} || '>'`;

const OUTBOX_COLUMNS = sql.raw(
  '(idempotency_key, message_id, to_address, kind, template, locale, data, forget_when_sent)',
);
const outboxValues = (domain: string): SQL =>
  sql`v.idempotency_key, ${messageId(domain, sql`v.n`)}, v.to_address, v.kind, v.template, v.locale, v.data,
    coalesce(v.forget_when_sent, false)`;
const OUTBOX_RECORD = sql.raw(
  'v(idempotency_key text, to_address text, kind text, template text, locale text, data jsonb, n int, ' +
    'forget_when_sent boolean)',
);

/** Each message's outbox row, but for its Message-ID, which takes `n`. */
function outboxRecords(emails: NewEmail[]) {
  return emails.map((email, n) => ({
    idempotency_key: email.idempotencyKey,
    to_address: email.to,
    kind: email.kind,
    template: email.template,
    locale: email.locale,
    data: email.data ?? {},
    n,
    forget_when_sent: email.forgetWhenSent ?? false,
  }));
}

/**
 * Takes up to `limit` due messages for this worker: queued ones whose time
 * has come, and ones another worker took but whose lease ran out (it crashed
 * or hung). SKIP LOCKED lets several workers claim side by side without
 * waiting on each other or taking the same row.
 */
export async function claimDue(db: Db, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`update email_outbox set status = 'sending', attempts = attempts + 1,
          lease_until = now() + ${`${leaseMs} milliseconds`}::interval
        where id in (
          select id from email_outbox
          where (status = 'queued' and next_attempt_at <= now())
             or (status = 'sending' and lease_until < now())
          order by next_attempt_at, id
          limit ${limit}
          for update skip locked)
        returning id`,
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => Number(r.id));
  const claimed = await db
    .select()
    .from(emailOutbox)
    .where(
      sql`${emailOutbox.id} in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
  return claimed.sort((a, b) => a.id - b.id);
}

/** Hands claimed but unsent messages back (a worker stopping), so they need not wait out their lease. */
export async function releaseClaimed(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`update email_outbox
    set status = 'queued', lease_until = null, attempts = greatest(attempts - 1, 0)
    where status = 'sending' and id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`);
}

/** Marks several messages sent in one statement (the worker's group commit). */
export async function markManySent(db: Db, sent: { id: number; providerMessageId: string }[]): Promise<void> {
  if (sent.length === 0) return;
  // One JSON parameter, so the statement's text is the same whatever the batch size.
  const rows = JSON.stringify(sent.map((s) => ({ id: s.id, pid: s.providerMessageId })));
  await db.execute(sql`update email_outbox o
    set status = 'sent', sent_at = now(), lease_until = null, provider_message_id = v.pid, last_error = null,
      ${FORGOTTEN_IF_ASKED}
    from jsonb_to_recordset(${rows}::jsonb) as v(id bigint, pid text)
    where o.id = v.id and o.status = 'sending'`);
}

/**
 * The assignments that make a message asked to be forgotten (`forget_when_sent`, a story's teller, ADR 063) keep
 * no contact detail once it is sent or given up: part of the very statement that records it, so no moment holds
 * a finished message with its address.
 */
const FORGOTTEN_IF_ASKED = sql.raw(
  `to_address = case when forget_when_sent then '${ERASED_ADDRESS}' else to_address end, ` +
    `data = case when forget_when_sent then '{}'::jsonb else data end`,
);

/** FORGOTTEN_IF_ASKED for the query builder's `set`. */
const forgottenIfAsked = {
  toAddress: sql`case when ${emailOutbox.forgetWhenSent} then ${ERASED_ADDRESS} else ${emailOutbox.toAddress} end`,
  data: sql`case when ${emailOutbox.forgetWhenSent} then '{}'::jsonb else ${emailOutbox.data} end`,
};

/** Exponential backoff: 1 min, 2, 4 … capped at 6 hours, with a little jitter so retries don't stampede. */
export function retryDelayMs(attempts: number): number {
  const base = Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60 * 1000);
  return Math.round(base * (0.9 + Math.random() * 0.2));
}

export async function markFailedAttempt(
  db: Db,
  row: Pick<OutboxRow, 'id' | 'attempts'>,
  error: { message: string; temporary: boolean },
): Promise<'retry' | 'failed'> {
  const giveUp = !error.temporary || row.attempts >= MAX_ATTEMPTS;
  await db
    .update(emailOutbox)
    .set({
      status: giveUp ? 'failed' : 'queued',
      leaseUntil: null,
      lastError: error.message.slice(0, 500),
      nextAttemptAt: giveUp ? undefined : new Date(Date.now() + retryDelayMs(row.attempts)),
      ...(giveUp ? forgottenIfAsked : {}),
    })
    .where(eq(emailOutbox.id, row.id));
  return giveUp ? 'failed' : 'retry';
}

/** Withdraws messages that are not to be sent after all, in one statement. */
export async function markSuppressed(db: Db, ids: number[], reason: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(emailOutbox)
    .set({ status: 'suppressed', leaseUntil: null, lastError: reason, ...forgottenIfAsked })
    .where(inArray(emailOutbox.id, ids));
}

/** Withdraws a broadcast's messages not yet taken by a worker (it was cancelled); returns how many. */
export async function withdrawQueuedFor(db: Db, broadcastId: number, reason: string): Promise<number> {
  const withdrawn = await rowsOf(
    db,
    sql`update email_outbox set status = 'suppressed', last_error = ${reason}
    where broadcast_id = ${broadcastId} and status = 'queued' returning id`,
  );
  return withdrawn.length;
}

/** The condition that a broadcast (its id, from the caller's statement) still has messages waiting or being sent. */
export const hasUnsentMail = (broadcastId: SQL): SQL =>
  sql`exists (
    select 1 from email_outbox o where o.broadcast_id = ${broadcastId} and o.status in ('queued', 'sending')
  )`;

export async function outboxCounts(db: Db): Promise<Record<string, number>> {
  const rows = await rowsOf<{ status: string; n: string | number }>(
    db,
    sql`select status, count(*) as n from email_outbox group by status`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** A broadcast's messages by status, for its progress page (an index covers it). */
export async function outboxCountsFor(db: Db, broadcastId: number): Promise<Record<string, number>> {
  const rows = await rowsOf<{ status: string; n: string | number }>(
    db,
    sql`select status, count(*) as n from email_outbox where broadcast_id = ${broadcastId} group by status`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/**
 * Where given messages stand, by their idempotency keys: a feature shows the delivery of what it queued
 * (a letter to each legislator) without reading the outbox itself. Keys never queued are absent.
 */
export async function outboxStatesByKey(
  db: Db,
  keys: string[],
): Promise<Map<string, { status: OutboxRow['status']; sentAt: Date | null; attempts: number }>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select({
      key: emailOutbox.idempotencyKey,
      status: emailOutbox.status,
      sentAt: emailOutbox.sentAt,
      attempts: emailOutbox.attempts,
    })
    .from(emailOutbox)
    .where(inArray(emailOutbox.idempotencyKey, keys));
  return new Map(rows.map((r) => [r.key, { status: r.status, sentAt: r.sentAt, attempts: r.attempts }]));
}
