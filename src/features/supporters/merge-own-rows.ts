import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { putBackRows, setAsideRows } from '../../platform/db/row-snapshots.ts';
import type { OwnMoves } from './merge-schema.ts';
import {
  consents,
  signupConfirmations,
  subscriptions,
  supporterEvents,
  supporterNotes,
  supporterTags,
} from './schema.ts';

type Status = 'pending' | 'subscribed' | 'unsubscribed';
/**
 * When both records have a topic, the more protective status wins: an unsubscribe is never lost, and a pending
 * sign-up never becomes a subscription by being merged with one (ADR 069).
 */
const protection: Record<Status, number> = { unsubscribed: 2, pending: 1, subscribed: 0 };

/** Moves every row of the supporter list's own tables from one record to the other, saying which, for the undo. */
export async function moveOwnRows(tx: Db, fromId: number, toId: number, now: Date): Promise<OwnMoves> {
  const move = async (table: typeof consents | typeof supporterEvents | typeof supporterNotes) => {
    const rows = await tx
      .update(table)
      .set({ supporterId: toId })
      .where(eq(table.supporterId, fromId))
      .returning({ id: table.id });
    return rows.map((r) => r.id);
  };
  const consentIds = await move(consents);
  const eventIds = await move(supporterEvents);
  const noteIds = await move(supporterNotes);
  const confirmations = await tx
    .update(signupConfirmations)
    .set({ supporterId: toId })
    .where(eq(signupConfirmations.supporterId, fromId))
    .returning({ tokenHash: signupConfirmations.tokenHash });

  const ours = await tx
    .select({ tag: supporterTags.tag })
    .from(supporterTags)
    .where(eq(supporterTags.supporterId, toId));
  const tagsSetAside =
    ours.length === 0
      ? []
      : await setAsideRows(
          tx,
          supporterTags,
          and(
            eq(supporterTags.supporterId, fromId),
            inArray(
              supporterTags.tag,
              ours.map((t) => t.tag),
            ),
          )!,
        );
  const tags = await tx
    .update(supporterTags)
    .set({ supporterId: toId })
    .where(eq(supporterTags.supporterId, fromId))
    .returning({ tag: supporterTags.tag });

  const subscriptionsBefore = await setAsideRows(tx, subscriptions, inArray(subscriptions.supporterId, [fromId, toId]));
  const byTopic = new Map<string, Status>();
  for (const row of subscriptionsBefore as { topic: string; status: Status }[]) {
    const seen = byTopic.get(row.topic);
    if (seen === undefined || protection[row.status] > protection[seen]) byTopic.set(row.topic, row.status);
  }
  const written = [...byTopic].map(([topic, status]) => ({ supporterId: toId, topic, status, updatedAt: now }));
  if (written.length > 0) await tx.insert(subscriptions).values(written as (typeof subscriptions.$inferInsert)[]);
  return {
    consents: consentIds,
    events: eventIds,
    notes: noteIds,
    confirmations: confirmations.map((c) => c.tokenHash),
    tags: tags.map((t) => t.tag),
    tagsSetAside,
    subscriptionsBefore,
    subscriptionsWritten: written.map((w) => ({ topic: w.topic, status: w.status, updatedAt: now.toISOString() })),
  };
}

/**
 * Moves back exactly what moveOwnRows moved. A subscription the merge wrote and nobody changed since goes back to
 * what each record had; one changed since (they unsubscribed after the merge) is the person's word and stays.
 */
export async function restoreOwnRows(tx: Db, fromId: number, toId: number, own: OwnMoves): Promise<void> {
  const back = async (table: typeof consents | typeof supporterEvents | typeof supporterNotes, ids: number[]) => {
    if (ids.length > 0)
      await tx
        .update(table)
        .set({ supporterId: fromId })
        .where(and(eq(table.supporterId, toId), inArray(table.id, ids)));
  };
  await back(consents, own.consents);
  await back(supporterEvents, own.events);
  await back(supporterNotes, own.notes);
  if (own.confirmations.length > 0)
    await tx
      .update(signupConfirmations)
      .set({ supporterId: fromId })
      .where(and(eq(signupConfirmations.supporterId, toId), inArray(signupConfirmations.tokenHash, own.confirmations)));
  if (own.tags.length > 0)
    await tx
      .update(supporterTags)
      .set({ supporterId: fromId })
      .where(and(eq(supporterTags.supporterId, toId), inArray(supporterTags.tag, own.tags)));
  await putBackRows(tx, supporterTags, own.tagsSetAside);
  for (const w of own.subscriptionsWritten)
    await tx
      .delete(subscriptions)
      .where(
        and(
          eq(subscriptions.supporterId, toId),
          eq(subscriptions.topic, w.topic as (typeof subscriptions.$inferSelect)['topic']),
          eq(subscriptions.status, w.status as Status),
          sql`${subscriptions.updatedAt} = ${w.updatedAt}::timestamptz`,
        ),
      );
  await putBackRows(tx, subscriptions, own.subscriptionsBefore);
}
