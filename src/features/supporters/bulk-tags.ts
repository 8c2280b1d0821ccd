import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { supporters } from './schema.ts';

/**
 * Tagging and untagging everyone a filtered list or a segment holds, in one statement each (issue 18). The audit
 * entry says how many people and which tag, never who: the log outlives an erasure, and the filters (a name typed
 * into the search box) are not kept either. A segment is named by its id, which is no one's data.
 */
export type BulkScope = { where: SQL | undefined; segmentId?: number | undefined };

export async function bulkTag(db: Db, scope: BulkScope, tag: string, actor: AuditActor): Promise<number> {
  return db.transaction(async (tx) => {
    const where = scope.where ? sql`where ${scope.where}` : sql``;
    const added = await rowsOf(
      tx,
      sql`insert into supporter_tags (supporter_id, tag, added_by)
          select ${supporters.id}, ${tag}, ${actor.staffId} from ${supporters} ${where}
          on conflict do nothing returning supporter_id`,
    );
    await recordAudit(tx, actor, {
      action: 'supporter.bulk-tag',
      subjectType: 'supporters',
      after: { tag, people: added.length, ...(scope.segmentId ? { segment: scope.segmentId } : {}) },
    });
    return added.length;
  });
}

export async function bulkUntag(db: Db, scope: BulkScope, tag: string, actor: AuditActor): Promise<number> {
  return db.transaction(async (tx) => {
    const where = scope.where ? sql` and ${scope.where}` : sql``;
    const removed = await rowsOf(
      tx,
      sql`delete from supporter_tags where tag = ${tag}
          and supporter_id in (select ${supporters.id} from ${supporters} where true${where})
          returning supporter_id`,
    );
    await recordAudit(tx, actor, {
      action: 'supporter.bulk-untag',
      subjectType: 'supporters',
      after: { tag, people: removed.length, ...(scope.segmentId ? { segment: scope.segmentId } : {}) },
    });
    return removed.length;
  });
}
