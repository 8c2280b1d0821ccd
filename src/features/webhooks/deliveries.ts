import { count, desc, eq } from 'drizzle-orm';
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
