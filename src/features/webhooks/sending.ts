import { eq, inArray, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Secrets } from '../../platform/crypto.ts';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { tellAdminsPaused } from './emails.ts';
import { signatureHeader } from './signature.ts';
import { webhookDeliveries, webhookEndpoints } from './schema.ts';

export const SEND_TIMEOUT_MS = 10_000;
/** The most of an answer read; the rest is left unread (a receiver cannot make the worker hold megabytes). */
export const RESPONSE_READ_BYTES = 16 * 1024;
export const EXCERPT_CHARS = 500;
export const PAUSE_AFTER_MS = 3 * 24 * 60 * 60 * 1000;
const LEASE_MS = 2 * SEND_TIMEOUT_MS + 10_000;
const MINUTE = 60_000;
/** After the 1st, 2nd … failed attempt; then every 12 hours until a success or the pause. */
const BACKOFF_MS = [MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE, 360 * MINUTE];
const LAST_BACKOFF_MS = 720 * MINUTE;

/** The wait after `attempts` failed attempts, give or take a tenth, so many failing deliveries never move as one. */
export function retryDelayMs(attempts: number, random = Math.random): number {
  const base = BACKOFF_MS[attempts - 1] ?? LAST_BACKOFF_MS;
  return Math.round(base * (0.9 + random() * 0.2));
}

export type SendDeps = {
  db: Db;
  secrets: Secrets;
  logger: Logger;
  /** The site's host name, for the Message-ID of the admins' email. */
  domain: string;
  /** Called when an email was queued (the pause notice), so the email worker looks at once. */
  onEmailQueued?: () => void;
  /** For tests: how the request is made. */
  fetch?: typeof fetch;
};

type Claimed = {
  id: number;
  endpointId: number;
  event: string;
  idempotencyKey: string;
  body: string;
  attempts: number;
};

/**
 * Takes up to `limit` due deliveries of active endpoints, with a lease: due ones, and ones whose lease ran out (a
 * worker that stopped mid-send). SKIP LOCKED lets several workers claim side by side, as the email outbox does.
 */
export async function claimDueDeliveries(db: Db, now: Date, limit: number): Promise<Claimed[]> {
  const at = now.toISOString();
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`update webhook_deliveries d set status = 'sending', attempts = d.attempts + 1, last_attempt_at = ${at}::timestamptz,
          lease_until = ${at}::timestamptz + ${`${LEASE_MS} milliseconds`}::interval
        where d.id in (
          select w.id from webhook_deliveries w join webhook_endpoints e on e.id = w.endpoint_id
          where e.status = 'active'
            and ((w.status = 'queued' and w.next_attempt_at <= ${at}::timestamptz)
              or (w.status = 'sending' and w.lease_until < ${at}::timestamptz))
          order by w.next_attempt_at, w.id
          limit ${limit}
          for update of w skip locked)
        returning d.id, d.endpoint_id, d.event, d.idempotency_key, d.body, d.attempts`,
  );
  return rows
    .map((r) => ({
      id: Number(r.id),
      endpointId: Number(r.endpoint_id),
      event: String(r.event),
      idempotencyKey: String(r.idempotency_key),
      body: String(r.body),
      attempts: Number(r.attempts),
    }))
    .sort((a, b) => a.id - b.id);
}

/** An answer's first characters as plain text: no control characters (PostgreSQL refuses NUL), at most 500. */
export function excerptOf(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false })
    .decode(bytes)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '')
    .toWellFormed()
    .slice(0, EXCERPT_CHARS);
}

async function readCapped(response: Response): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < RESPONSE_READ_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).subarray(0, RESPONSE_READ_BYTES);
}

type Outcome = { ok: boolean; status: number | null; excerpt: string };

/** One POST: signed, 10 seconds at most, redirects not followed (a 3xx is an answer, and a failure). */
async function post(
  deps: SendDeps,
  target: { url: string; secret: string },
  delivery: Claimed,
  now: Date,
  stopping: AbortSignal,
): Promise<Outcome> {
  try {
    const response = await (deps.fetch ?? fetch)(target.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.any([AbortSignal.timeout(SEND_TIMEOUT_MS), stopping]),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Groundswell-Webhooks/1',
        'groundswell-event': delivery.event,
        'idempotency-key': delivery.idempotencyKey,
        'groundswell-signature': signatureHeader(target.secret, delivery.body, now),
      },
      body: delivery.body,
    });
    const excerpt = excerptOf(await readCapped(response));
    return { ok: response.status >= 200 && response.status < 300, status: response.status, excerpt };
  } catch (error) {
    const name = (error as Error).name;
    const reason =
      name === 'TimeoutError' ? `No answer within ${SEND_TIMEOUT_MS / 1000} seconds` : 'Could not connect or send';
    return { ok: false, status: null, excerpt: reason };
  }
}

/**
 * Records an attempt. A success clears the endpoint's failing streak; a failure queues the next attempt and, when
 * the streak has lasted `PAUSE_AFTER_MS`, pauses the endpoint and tells the admins, once (the update that pauses it
 * is conditional, so of two workers only one sees it happen).
 */
async function record(
  deps: SendDeps,
  delivery: Claimed,
  outcome: Outcome,
  now: Date,
): Promise<'delivered' | 'retry' | 'paused'> {
  return deps.db.transaction(async (tx) => {
    const answer = { lastStatusCode: outcome.status, lastResponse: outcome.excerpt, leaseUntil: null };
    if (outcome.ok) {
      await tx
        .update(webhookDeliveries)
        .set({ ...answer, status: 'delivered', deliveredAt: now })
        .where(eq(webhookDeliveries.id, delivery.id));
      await tx.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, delivery.endpointId));
      return 'delivered';
    }
    await tx
      .update(webhookDeliveries)
      .set({ ...answer, status: 'queued', nextAttemptAt: new Date(now.getTime() + retryDelayMs(delivery.attempts)) })
      .where(eq(webhookDeliveries.id, delivery.id));
    const [endpoint] = await tx
      .update(webhookEndpoints)
      .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now.toISOString()}::timestamptz)` })
      .where(eq(webhookEndpoints.id, delivery.endpointId))
      .returning({ failingSince: webhookEndpoints.failingSince });
    const since = endpoint?.failingSince;
    if (!since || now.getTime() - since.getTime() < PAUSE_AFTER_MS) return 'retry';
    const [paused] = await tx
      .update(webhookEndpoints)
      .set({ status: 'paused', pausedReason: 'failing', updatedAt: now })
      .where(sql`${webhookEndpoints.id} = ${delivery.endpointId} and ${webhookEndpoints.status} = 'active'`)
      .returning({ description: webhookEndpoints.description, url: webhookEndpoints.url });
    if (!paused) return 'retry';
    const host = new URL(paused.url).host;
    await recordAudit(tx, null, {
      action: 'webhook.auto-pause',
      subjectType: 'webhook',
      subjectId: delivery.endpointId,
      subjectLabel: `${paused.description} (${host})`,
      before: { status: 'active' },
      after: { status: 'paused' },
    });
    const days = Math.floor(PAUSE_AFTER_MS / (24 * 60 * 60 * 1000));
    const told = await tellAdminsPaused(
      tx,
      { id: delivery.endpointId, description: paused.description, host, failingSince: since, days },
      deps.domain,
    );
    if (told > 0) deps.onEmailQueued?.();
    return 'paused';
  });
}

/**
 * One sending pass: claims what is due, posts each (a few at a time), records each answer. Returns the outcomes.
 * `stopping` aborts requests in flight when the process stops; those are handed back unclaimed.
 */
export async function sendDueDeliveries(
  deps: SendDeps,
  options: { now?: Date; limit?: number; concurrency?: number; stopping?: AbortSignal } = {},
): Promise<{ delivered: number; retry: number; paused: number }> {
  const now = options.now ?? new Date();
  const stopping = options.stopping ?? new AbortController().signal;
  const claimed = await claimDueDeliveries(deps.db, now, options.limit ?? 50);
  const tally = { delivered: 0, retry: 0, paused: 0 };
  if (claimed.length === 0) return tally;
  const endpointIds = [...new Set(claimed.map((c) => c.endpointId))];
  const targets = new Map(
    (
      await deps.db
        .select({ id: webhookEndpoints.id, url: webhookEndpoints.url, sealed: webhookEndpoints.secretSealed })
        .from(webhookEndpoints)
        .where(inArray(webhookEndpoints.id, endpointIds))
    ).map((e) => [e.id, { url: e.url, secret: unsealed(deps.secrets, e.sealed) }]),
  );
  const queue = [...claimed];
  const work = async () => {
    for (let delivery = queue.shift(); delivery; delivery = queue.shift()) {
      const target = targets.get(delivery.endpointId);
      if (!target) continue; // Deleted meanwhile: its deliveries went with it.
      const outcome = stopping.aborted
        ? undefined
        : target.secret === undefined
          ? UNREADABLE_SECRET
          : await post(deps, { url: target.url, secret: target.secret }, delivery, now, stopping);
      if (!outcome || stopping.aborted) {
        await release(deps.db, delivery.id);
        continue;
      }
      const result = await record(deps, delivery, outcome, now);
      tally[result] += 1;
      // Ids and codes only: an endpoint's address may itself be a secret, and answers may quote what was sent.
      deps.logger.info(
        { webhookDelivery: delivery.id, endpoint: delivery.endpointId, status: outcome.status, result },
        'webhook delivery attempted',
      );
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, work));
  return tally;
}

/**
 * A secret that cannot be opened (SECRET_KEY changed since it was sealed) fails each attempt with this, so the
 * endpoint's page says why and, days later, the pause tells the admins; the other endpoints are sent as usual.
 */
const UNREADABLE_SECRET: Outcome = {
  ok: false,
  status: null,
  excerpt: 'Not sent: the signing secret cannot be read (SECRET_KEY changed?). Change the secret on this page.',
};

function unsealed(secrets: Secrets, sealed: string): string | undefined {
  try {
    return secrets.decrypt('webhooks', sealed);
  } catch {
    return undefined;
  }
}

/** Hands a claimed delivery back untried (the process is stopping), its attempt not counted. */
async function release(db: Db, id: number): Promise<void> {
  await db.execute(sql`update webhook_deliveries set status = 'queued', lease_until = null,
    attempts = greatest(attempts - 1, 0) where id = ${id} and status = 'sending'`);
}
