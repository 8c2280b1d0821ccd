import { and, count, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { webhookDeliveries } from './schema.ts';

export const DELIVERIES_PER_PAGE = 25;

export type DeliveryListing = {
  id: number;
  event: string;
  idempotencyKey: string;
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastResponse: string | null;
  createdAt: Date;
};

/** An endpoint's deliveries, newest first, a page at a time (page 1 is the newest). */
export async function listDeliveries(
  db: Db,
  endpointId: number,
  page: number,
): Promise<{ rows: DeliveryListing[]; total: number }> {
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: webhookDeliveries.id,
        event: webhookDeliveries.event,
        idempotencyKey: webhookDeliveries.idempotencyKey,
        status: webhookDeliveries.status,
        attempts: webhookDeliveries.attempts,
        nextAttemptAt: webhookDeliveries.nextAttemptAt,
        lastAttemptAt: webhookDeliveries.lastAttemptAt,
        lastStatusCode: webhookDeliveries.lastStatusCode,
        lastResponse: webhookDeliveries.lastResponse,
        createdAt: webhookDeliveries.createdAt,
      })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, endpointId))
      .orderBy(desc(webhookDeliveries.id))
      .limit(DELIVERIES_PER_PAGE)
      .offset((page - 1) * DELIVERIES_PER_PAGE),
    db.select({ n: count() }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** How long a delivered notice stays on its endpoint's page: long enough to look into a receiver's trouble. */
export const DELIVERED_KEPT_DAYS = 30;

/**
 * Deliveries delivered more than DELIVERED_KEPT_DAYS ago, deleted in the hourly purge: each holds the start of a
 * receiver's answer, which may echo anything. A change is never queued again once its cursor has passed it, so
 * nothing is sent twice for lack of its row.
 */
export async function forgetOldDeliveries(db: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - DELIVERED_KEPT_DAYS * 24 * 60 * 60 * 1000);
  const gone = await db
    .delete(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, 'delivered'), lt(webhookDeliveries.deliveredAt, before)))
    .returning({ id: webhookDeliveries.id });
  return gone.length;
}
