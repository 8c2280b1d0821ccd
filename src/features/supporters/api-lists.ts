import { and, asc, count, eq, gt } from 'drizzle-orm';
import { offsetOf, pageConditions, placeOf, type ApiPaging, type Placed } from '../../platform/api-paging.ts';
import type { Db } from '../../platform/db/client.ts';
import { segmentCondition } from './segment-filters.ts';
import { supporterSegments } from './segment-schema.ts';
import { countMatching, type SegmentContext } from './segments.ts';
import { supporters } from './schema.ts';

/**
 * Saved segments as the OSDI API's lists (ADR 073). A segment is its filters; who is in it is worked out when asked,
 * exactly as the workspace counts it, so a list's items carry no dates of their own: nobody recorded when a person
 * came to match. A list's modified date is when staff last saved its name or filters.
 */

export type ApiList = { id: number; name: string; createdAt: Date; modifiedAt: Date; items: number };

/**
 * Items follow the person's id. A next link's place needs a time, and items have none: every item stands at the
 * same fixed moment, so the place is the id alone.
 */
export const ITEM_PLACE = '1970-01-01T00:00:00.000000Z';

export async function apiListsPage(
  db: Db,
  ctx: SegmentContext,
  paging: ApiPaging,
): Promise<{ total: number; rows: Placed<ApiList>[] }> {
  const { where, orderBy } = pageConditions(supporterSegments.updatedAt, supporterSegments.id, paging);
  const { where: filtered } = pageConditions(supporterSegments.updatedAt, supporterSegments.id, {
    ...paging,
    after: undefined,
  });
  const [rows, [total]] = await Promise.all([
    db
      .select({ segment: supporterSegments, at: placeOf(supporterSegments.updatedAt) })
      .from(supporterSegments)
      .where(where)
      .orderBy(...orderBy)
      .limit(paging.limit)
      .offset(offsetOf(paging)),
    db.select({ n: count() }).from(supporterSegments).where(filtered),
  ]);
  // One count per segment, as the workspace's list of segments does: each is the segment's own statement.
  const lists = await Promise.all(rows.map(({ segment }) => listOf(db, ctx, segment)));
  return { total: Number(total?.n ?? 0), rows: lists.map((row, i) => ({ row, at: rows[i]!.at, id: row.id })) };
}

export async function apiList(db: Db, ctx: SegmentContext, id: number): Promise<ApiList | undefined> {
  const [segment] = await db.select().from(supporterSegments).where(eq(supporterSegments.id, id));
  return segment ? listOf(db, ctx, segment) : undefined;
}

async function listOf(db: Db, ctx: SegmentContext, s: typeof supporterSegments.$inferSelect): Promise<ApiList> {
  return {
    id: s.id,
    name: s.name,
    createdAt: s.createdAt,
    modifiedAt: s.updatedAt,
    items: await countMatching(db, s.filters, ctx),
  };
}

/** A page of the people a segment holds now, by id; undefined when there is no such segment. */
export async function apiListItemsPage(
  db: Db,
  ctx: SegmentContext,
  id: number,
  paging: ApiPaging,
): Promise<{ total: number; rows: Placed<{ supporterId: number }>[] } | undefined> {
  const [segment] = await db.select().from(supporterSegments).where(eq(supporterSegments.id, id));
  if (!segment) return undefined;
  const members = segmentCondition(segment.filters, ctx.sources, ctx.timeZone);
  const [rows, total] = await Promise.all([
    db
      .select({ id: supporters.id })
      .from(supporters)
      .where(and(members, paging.after ? gt(supporters.id, paging.after.id) : undefined))
      .orderBy(asc(supporters.id))
      .limit(paging.limit)
      .offset(offsetOf(paging)),
    countMatching(db, segment.filters, ctx),
  ]);
  return { total, rows: rows.map((r) => ({ row: { supporterId: r.id }, at: ITEM_PLACE, id: r.id })) };
}
