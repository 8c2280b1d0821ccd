import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { putBackRows, setAsideRows } from '../../platform/db/row-snapshots.ts';
import type { MovedRows, PersonRowsPart } from '../../platform/person-merge.ts';
import { letterCampaignTranslations, letterCampaigns, letterDeliveries, letters } from './schema.ts';

/**
 * One letter per person per campaign (ADR 069): when both records wrote in the same campaign, the earlier letter
 * stays on the kept person and the later is set aside whole, with its deliveries, for the undo. Both were sent:
 * the offices' mail is the email feature's and is not touched.
 */
async function reassignSupporter(tx: Db, fromId: number, toId: number): Promise<MovedRows> {
  const columns = { id: letters.id, campaignId: letters.campaignId, createdAt: letters.createdAt };
  const [theirs, ours] = await Promise.all([
    tx.select(columns).from(letters).where(eq(letters.supporterId, fromId)),
    tx.select(columns).from(letters).where(eq(letters.supporterId, toId)),
  ]);
  const oursByCampaign = new Map(ours.map((l) => [l.campaignId, l]));
  const loserIds = theirs.flatMap((l) => {
    const other = oursByCampaign.get(l.campaignId);
    if (!other) return [];
    return [l.createdAt.getTime() < other.createdAt.getTime() ? other.id : l.id];
  });
  const setAside: unknown[] = [];
  if (loserIds.length > 0) {
    const deliveries = await setAsideRows(tx, letterDeliveries, inArray(letterDeliveries.letterId, loserIds));
    const rows = await setAsideRows(tx, letters, inArray(letters.id, loserIds));
    setAside.push({ letters: rows, deliveries });
  }
  const moved = await tx
    .update(letters)
    .set({ supporterId: toId })
    .where(eq(letters.supporterId, fromId))
    .returning({ id: letters.id });
  return { moved: moved.map((m) => m.id), setAside };
}

async function restoreSupporter(tx: Db, fromId: number, toId: number, rows: MovedRows): Promise<void> {
  if (rows.moved.length > 0)
    await tx
      .update(letters)
      .set({ supporterId: fromId })
      .where(and(eq(letters.supporterId, toId), inArray(letters.id, rows.moved.map(Number))));
  for (const group of rows.setAside as { letters: unknown[]; deliveries: unknown[] }[]) {
    await putBackRows(tx, letters, group.letters);
    await putBackRows(tx, letterDeliveries, group.deliveries);
  }
}

/** The campaigns this person wrote in, for their page. */
async function activity(db: Db, supporterId: number) {
  const rows = await db
    .select({ title: letterCampaignTranslations.title, slug: letterCampaigns.slug, at: letters.createdAt })
    .from(letters)
    .innerJoin(letterCampaigns, eq(letterCampaigns.id, letters.campaignId))
    .leftJoin(
      letterCampaignTranslations,
      and(eq(letterCampaignTranslations.campaignId, letters.campaignId), eq(letterCampaignTranslations.locale, 'en')),
    )
    .where(eq(letters.supporterId, supporterId))
    .orderBy(desc(letters.createdAt));
  return rows.map((r) => ({ what: r.title ?? r.slug, status: 'sent', at: r.at }));
}

/** Letters' rows of a person: the letters they wrote. */
export const letterPersonRows: PersonRowsPart = {
  name: 'letters',
  heading: 'Letters',
  reassignSupporter,
  restoreSupporter,
  activity,
};
