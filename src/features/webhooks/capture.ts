import { eq, sql } from 'drizzle-orm';
import { jsonRows, rowsOf, type Db } from '../../platform/db/client.ts';
import type { WebhookChange, WebhookEvent, WebhookSource } from './events.ts';
import { webhookCursors } from './schema.ts';

/** Changes read per source per statement; a pass reads on while a read comes back full, up to `MAX_READS`. */
export const CAPTURE_BATCH = 500;
const MAX_READS = 20;
/**
 * How long a change is left before it is read: a row bears the time its transaction set, and may commit a moment
 * later than a row with a later time. A transaction open longer than this could still be passed over (ADR).
 */
export const SETTLE_MS = 5_000;

/** The thin payload, as it is signed and sent: ids and links, never a name or an address. */
export function payloadOf(event: WebhookEvent, change: WebhookChange): string {
  return JSON.stringify({
    id: change.key,
    event,
    occurred_at: new Date(change.at).toISOString(),
    data: change.data,
    _links: change.links,
  });
}

/**
 * One pass: each source that some active endpoint listens to is read from its cursor, and each change becomes a
 * delivery for every active endpoint that takes its event and was listening when it happened. The insert and the
 * cursor's move are one transaction, and the cursor row is locked meanwhile, so two workers never read the same
 * stretch at once; the unique (endpoint, idempotency key) makes a change read again queue nothing new. Returns how
 * many deliveries were queued.
 */
export async function captureChanges(
  db: Db,
  sources: readonly WebhookSource[],
  options: { now?: Date; batch?: number; settleMs?: number } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const until = new Date(now.getTime() - (options.settleMs ?? SETTLE_MS));
  // Each event some active endpoint takes, and the earliest moment any of them listens from.
  const listeners = new Map(
    (
      await rowsOf<{ event: string; since: string }>(
        db,
        sql`select e.event, to_json(min(w.listening_since)) #>> '{}' as since
            from webhook_endpoints w, unnest(w.events) as e(event)
            where w.status = 'active' group by e.event`,
      )
    ).map((r) => [r.event, r.since]),
  );
  let queued = 0;
  for (const source of sources) {
    const since = listeners.get(source.event);
    // Nobody listens: nothing is read or written.
    if (since === undefined) continue;
    for (let read = 0; read < MAX_READS; read++) {
      const step = await captureOnce(db, source, { until, now, since, batch: options.batch ?? CAPTURE_BATCH });
      queued += step.queued;
      if (!step.full) break;
    }
  }
  return queued;
}

async function captureOnce(
  db: Db,
  source: WebhookSource,
  options: { until: Date; now: Date; since: string; batch: number },
): Promise<{ queued: number; full: boolean }> {
  const { until, now, since } = options;
  return db.transaction(async (tx) => {
    await tx.insert(webhookCursors).values({ event: source.event, at: since, lastId: 0 }).onConflictDoNothing();
    await tx.select().from(webhookCursors).where(eq(webhookCursors.event, source.event)).for('update');
    // Never from before the earliest listener began: a source nobody listened to for a while has no backlog to wade
    // through, and a new endpoint receives nothing from before it was made.
    const [cursor] = await rowsOf<{ at: string; id: number | string }>(
      tx,
      sql`select case when at::timestamptz >= ${since}::timestamptz then at else ${since} end as at,
            case when at::timestamptz >= ${since}::timestamptz then last_id else 0 end as id
          from webhook_cursors where event = ${source.event}`,
    );
    const changes = await source.changesSince(tx, { at: cursor!.at, id: Number(cursor!.id) }, until, options.batch);
    if (changes.length === 0) return { queued: 0, full: false };
    const records = changes.map((change) => ({
      key: change.key,
      at: change.at,
      body: payloadOf(source.event, change),
    }));
    const inserted = await rowsOf(
      tx,
      sql`insert into webhook_deliveries (endpoint_id, event, idempotency_key, body, occurred_at, next_attempt_at)
          select e.id, ${source.event}, c.key, c.body, c.at::timestamptz, ${now.toISOString()}::timestamptz
          from jsonb_to_recordset(${jsonRows(records)}) as c(key text, at text, body text)
          join webhook_endpoints e on e.status = 'active' and ${source.event} = any(e.events)
            and e.listening_since <= c.at::timestamptz
          on conflict (endpoint_id, idempotency_key) do nothing
          returning 1`,
    );
    const last = changes.at(-1)!;
    await tx
      .update(webhookCursors)
      .set({ at: last.at, lastId: last.id, updatedAt: now })
      .where(eq(webhookCursors.event, source.event));
    return { queued: inserted.length, full: changes.length === options.batch };
  });
}
