import { and, asc, lt, ne, sql } from 'drizzle-orm';
import { retentionCutoffs } from '../../platform/retention.ts';
import { recordAudit } from '../audit/service.ts';
import { eraseStories } from './erasure.ts';
import { stories } from './schema.ts';
import type { StoryDeps } from './story-records.ts';

const BATCH = 200;

/**
 * The keeping rule of the privacy notice: a story not published, whose teller did not ask for it to be kept (staff
 * only, or read as testimony), is deleted with its mail once it was sent longer ago than the keeping period
 * (platform/retention.ts). Run hourly by the privacy purge. One audit entry per run that deleted anything, with how
 * many: no list of ids, nothing the stories said. Rows another process holds are skipped, for its run to take.
 */
export async function purgeExpiredStories(deps: Pick<StoryDeps, 'db'>, now = new Date()): Promise<number> {
  const before = retentionCutoffs(now).storiesUnpublishedBefore;
  let purged = 0;
  for (;;) {
    const count = await deps.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: stories.id })
        .from(stories)
        .where(
          and(
            ne(stories.status, 'published'),
            ne(stories.publishConsent, 'staff-only'),
            sql`not ${stories.testimonyConsent}`,
            lt(stories.submittedAt, before),
          ),
        )
        .orderBy(asc(stories.id))
        .limit(BATCH)
        .for('update', { skipLocked: true });
      return eraseStories(
        tx,
        due.map((row) => row.id),
      );
    });
    purged += count;
    if (count < BATCH) break;
  }
  if (purged > 0)
    await recordAudit(deps.db, null, {
      action: 'story.purge',
      subjectType: 'stories',
      after: { count: purged },
      note: 'kept past the keeping period of the privacy notice',
    });
  return purged;
}
