import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { putBackRows, setAsideRows } from '../../platform/db/row-snapshots.ts';
import type { MovedRows, PersonRowsPart } from '../../platform/person-merge.ts';
import { broadcastRecipients } from './schema.ts';

/**
 * A broadcast's recipients, one row per person: when both records were among one broadcast's recipients the kept
 * person's row stays and the other is set aside for the undo (ADR 069). What was sent is the email feature's, by address.
 */
async function reassignSupporter(tx: Db, fromId: number, toId: number): Promise<MovedRows> {
  const ours = await tx
    .select({ broadcastId: broadcastRecipients.broadcastId })
    .from(broadcastRecipients)
    .where(eq(broadcastRecipients.supporterId, toId));
  const shared = ours.map((r) => r.broadcastId);
  const setAside =
    shared.length === 0
      ? []
      : await setAsideRows(
          tx,
          broadcastRecipients,
          and(eq(broadcastRecipients.supporterId, fromId), inArray(broadcastRecipients.broadcastId, shared))!,
        );
  const moved = await tx
    .update(broadcastRecipients)
    .set({ supporterId: toId })
    .where(eq(broadcastRecipients.supporterId, fromId))
    .returning({ broadcastId: broadcastRecipients.broadcastId });
  return { moved: moved.map((m) => m.broadcastId), setAside };
}

async function restoreSupporter(tx: Db, fromId: number, toId: number, rows: MovedRows): Promise<void> {
  if (rows.moved.length > 0)
    await tx
      .update(broadcastRecipients)
      .set({ supporterId: fromId })
      .where(
        and(
          eq(broadcastRecipients.supporterId, toId),
          inArray(broadcastRecipients.broadcastId, rows.moved.map(Number)),
        ),
      );
  await putBackRows(tx, broadcastRecipients, rows.setAside);
}

/** Broadcasts' rows of a person: which broadcasts they were among the recipients of (the person page reads email's). */
export const broadcastPersonRows: PersonRowsPart = { name: 'broadcastRecipients', reassignSupporter, restoreSupporter };
