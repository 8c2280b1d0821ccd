import { asc, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import { plainText } from '../../platform/plain-text.ts';
import type { ActionSource } from '../../platform/supporter-actions.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { segmentCondition, type SegmentFilters } from './segment-filters.ts';
import { supporterSegments } from './segment-schema.ts';
import { supporters } from './schema.ts';

/**
 * Saved segments (issue 18): named filters, counted live. What a segment holds is worked out from its filters each
 * time; a broadcast sent to one writes its people down when the draft is saved (ADR crm-segments), so deleting a
 * segment never changes a broadcast already prepared.
 */

export type Segment = typeof supporterSegments.$inferSelect;
/** What the segment screens and the broadcast compose form need from the app: the sources and the zone for dates. */
export type SegmentContext = { sources: readonly ActionSource[]; timeZone: string };

export const segmentName = plainText({ max: 80, required: 'Name the segment', tooLong: 'Use 80 characters or fewer' });
export const SEGMENT_NAME_TAKEN = 'Another segment has this name: choose another';

/** How many people match these filters now. */
export async function countMatching(db: Db, filters: SegmentFilters, ctx: SegmentContext): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(supporters)
    .where(segmentCondition(filters, ctx.sources, ctx.timeZone));
  return Number(row?.n ?? 0);
}

export async function listSegments(db: Db, ctx: SegmentContext): Promise<(Segment & { people: number })[]> {
  const rows = await db.select().from(supporterSegments).orderBy(asc(supporterSegments.name));
  // One count per segment: a workspace keeps a handful of them, and each count is the segment's own statement.
  return Promise.all(rows.map(async (s) => ({ ...s, people: await countMatching(db, s.filters, ctx) })));
}

export async function getSegment(db: Db, id: number): Promise<Segment | undefined> {
  const [row] = await db.select().from(supporterSegments).where(eq(supporterSegments.id, id));
  return row;
}

async function nameTaken(db: Db, name: string, exceptId?: number): Promise<boolean> {
  const [row] = await db
    .select({ id: supporterSegments.id })
    .from(supporterSegments)
    .where(sql`lower(${supporterSegments.name}) = lower(${name})`);
  return row !== undefined && row.id !== exceptId;
}

/** Saves filters under a name; `taken` when another segment has it (case aside). */
export async function saveSegment(
  db: Db,
  change: { id?: number | undefined; name: string; filters: SegmentFilters },
  actor: AuditActor,
): Promise<{ saved: Segment } | { taken: true } | { missing: true }> {
  return db.transaction(async (tx) => {
    // One at a time, so two staff saving the same name at once cannot both pass the check.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('supporter_segments'))`);
    if (await nameTaken(tx, change.name, change.id)) return { taken: true } as const;
    const now = new Date();
    const [saved] =
      change.id === undefined
        ? await tx
            .insert(supporterSegments)
            .values({ name: change.name, filters: change.filters, createdBy: actor.staffId })
            .returning()
        : await tx
            .update(supporterSegments)
            .set({ name: change.name, filters: change.filters, updatedAt: now })
            .where(eq(supporterSegments.id, change.id))
            .returning();
    if (!saved) return { missing: true } as const;
    await recordAudit(tx, actor, {
      action: change.id === undefined ? 'supporter.segment-create' : 'supporter.segment-edit',
      subjectType: 'segment',
      subjectId: saved.id,
      subjectLabel: saved.name,
    });
    return { saved };
  });
}

export async function deleteSegment(db: Db, id: number, actor: AuditActor): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [gone] = await tx.delete(supporterSegments).where(eq(supporterSegments.id, id)).returning();
    if (!gone) return false;
    await recordAudit(tx, actor, {
      action: 'supporter.segment-delete',
      subjectType: 'segment',
      subjectId: id,
      subjectLabel: gone.name,
    });
    return true;
  });
}

/** The segments a broadcast may go to, and the people each holds now (given to a broadcast as its chosen people). */
export type SegmentAudiences = {
  choices(db: Db): Promise<{ id: number; name: string }[]>;
  members(db: Db, id: number): Promise<{ name: string; supporterIds: number[] } | undefined>;
};

/** Every segment's id and name, by name. */
export async function segmentNames(db: Db): Promise<{ id: number; name: string }[]> {
  return db
    .select({ id: supporterSegments.id, name: supporterSegments.name })
    .from(supporterSegments)
    .orderBy(asc(supporterSegments.name));
}

export function segmentAudiences(ctx: { sources: readonly ActionSource[]; timeZone(): Promise<string> }) {
  return {
    choices: segmentNames,
    async members(db, id) {
      const segment = await getSegment(db, id);
      if (!segment) return undefined;
      const where = segmentCondition(segment.filters, ctx.sources, await ctx.timeZone());
      const rows = await db.select({ id: supporters.id }).from(supporters).where(where).orderBy(supporters.id);
      return { name: segment.name, supporterIds: rows.map((r) => r.id) };
    },
  } satisfies SegmentAudiences;
}

export const segmentIdInput = z.coerce.number().int().min(1).max(2_147_483_647);
