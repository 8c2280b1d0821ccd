import { and, asc, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/client.ts';
import { emailMailbox, emailOutbox, emailSuppressions } from './schema.ts';

/**
 * What email holds about one address, for the feature that knows the person
 * behind it (supporters: their record, their copy of it, their erasure).
 * Addresses are the normalized ones every sender queues to.
 */

/** Where no address can ever be delivered (RFC 2606), for messages kept after their person is erased. */
export const ERASED_ADDRESS = 'erased@erased.invalid';

/**
 * A condition for another feature's statement: this address (a column, or an expression of the statement) is on the
 * do-not-email list; with `since`, put there since then (a broadcast's bounces).
 */
export const isSuppressedAddress = (address: AnyPgColumn | SQL, since?: Date): SQL =>
  since === undefined
    ? sql`exists (select 1 from ${emailSuppressions} x where x.address = ${address})`
    : sql`exists (select 1 from ${emailSuppressions} x where x.address = ${address} and x.at >= ${since})`;

/** Why an address is on the do-not-email list, if it is. */
export async function suppressionOf(
  db: Db,
  address: string,
): Promise<Pick<typeof emailSuppressions.$inferSelect, 'reason' | 'source' | 'at'> | undefined> {
  const [row] = await db
    .select({ reason: emailSuppressions.reason, source: emailSuppressions.source, at: emailSuppressions.at })
    .from(emailSuppressions)
    .where(eq(emailSuppressions.address, address));
  return row;
}

export type MessageTo = {
  id: number;
  template: string;
  status: string;
  kind: string;
  locale: (typeof emailOutbox.$inferSelect)['locale'];
  createdAt: Date;
  sentAt: Date | null;
  /** When it went out, or when it was queued while it has not. */
  at: Date;
};

/** The messages sent or queued to an address, without their bodies: newest first (up to `limit`), or oldest first. */
export async function messagesTo(
  db: Db,
  address: string,
  order: { newestFirst: true; limit: number } | { newestFirst: false },
): Promise<MessageTo[]> {
  const at = sql`coalesce(${emailOutbox.sentAt}, ${emailOutbox.createdAt})`;
  const query = db
    .select({
      id: emailOutbox.id,
      template: emailOutbox.template,
      status: emailOutbox.status,
      kind: emailOutbox.kind,
      locale: emailOutbox.locale,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
      at: sql<Date>`${at}`.mapWith(emailOutbox.createdAt),
    })
    .from(emailOutbox)
    .where(eq(emailOutbox.toAddress, address));
  if (!order.newestFirst) return query.orderBy(asc(emailOutbox.createdAt), asc(emailOutbox.id));
  return query.orderBy(desc(at), desc(emailOutbox.id)).limit(order.limit);
}

/**
 * Forgets an address, in the caller's transaction: messages not yet sent are
 * withdrawn; sent ones stay, for the broadcasts' counts, but lose the address
 * and merge data; copies in the demo mailbox go. A do-not-email entry stays on
 * purpose: it keeps a later list import from mailing an address that bounced.
 */
export async function forgetAddress(tx: Db, address: string): Promise<void> {
  const mail = eq(emailOutbox.toAddress, address);
  await tx.delete(emailOutbox).where(and(mail, ne(emailOutbox.status, 'sent')));
  await tx
    .update(emailOutbox)
    .set({ toAddress: ERASED_ADDRESS, data: {} })
    .where(and(mail, eq(emailOutbox.status, 'sent')));
  await tx.delete(emailMailbox).where(eq(emailMailbox.toAddress, address));
}

/**
 * Forgets every message queued under idempotency keys that start with `keyPrefix` (a story's `story:<publicId>:`),
 * in the caller's transaction: the rows go whatever their state, sent ones too, since their keys name what they
 * were about, and so do their copies in the demo mailbox. Returns how many messages went.
 */
export async function forgetMessagesKeyed(tx: Db, keyPrefix: string): Promise<number> {
  if (keyPrefix.length < 3) throw new Error('forgetMessagesKeyed needs a prefix that names one subject');
  const keyed = sql`starts_with(${emailOutbox.idempotencyKey}, ${keyPrefix})`;
  await tx
    .delete(emailMailbox)
    .where(sql`${emailMailbox.outboxId} in (select ${emailOutbox.id} from ${emailOutbox} where ${keyed})`);
  const gone = await tx.delete(emailOutbox).where(keyed).returning({ id: emailOutbox.id });
  return gone.length;
}
