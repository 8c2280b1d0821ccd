import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { MovedRows, PersonRowsPart } from '../../platform/person-merge.ts';
import { privacyRequests } from './schema.ts';

/**
 * A person's privacy requests follow them into a merge (ADR 069), so the kept record shows every request the
 * person made and the request log keeps its link to them; the undo gives each back. Any number may be on one
 * person, so nothing is set aside.
 */
export const privacyRequestPersonRows: PersonRowsPart = {
  name: 'privacyRequests',
  async reassignSupporter(tx: Db, fromId: number, toId: number): Promise<MovedRows> {
    const moved = await tx
      .update(privacyRequests)
      .set({ supporterId: toId })
      .where(eq(privacyRequests.supporterId, fromId))
      .returning({ id: privacyRequests.id });
    return { moved: moved.map((m) => m.id), setAside: [] };
  },
  async restoreSupporter(tx: Db, fromId: number, toId: number, rows: MovedRows): Promise<void> {
    if (rows.moved.length === 0) return;
    await tx
      .update(privacyRequests)
      .set({ supporterId: fromId })
      .where(and(eq(privacyRequests.supporterId, toId), inArray(privacyRequests.id, rows.moved.map(Number))));
  },
};
