import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { Logger } from '../../platform/logger.ts';
import { recordAudit } from '../audit/service.ts';
import { importReferenceWithChanges, ReferenceImportError } from './import.ts';
import type { ImportJob } from './import-job.ts';
import { referenceImportJobs, type ImportStep } from './schema.ts';

/**
 * Runs a started job to its end, writing each step to its row as it goes.
 * Never throws: a bad file is the job's error, in the import's own words; anything
 * else is logged (without what a statement carried) and told to staff plainly.
 */
export async function runImportJob(db: Db, job: ImportJob, logger: Logger): Promise<void> {
  const update = (values: Partial<ImportJob>) =>
    db
      .update(referenceImportJobs)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(referenceImportJobs.id, job.id));
  try {
    const { summary, changes } = await importReferenceWithChanges(
      db,
      { dir: job.folder },
      {
        progress: async (step: ImportStep, found) => {
          await update(found ? { step, found } : { step });
        },
      },
    );
    await db.transaction(async (tx) => {
      await tx
        .update(referenceImportJobs)
        .set({
          status: 'finished',
          step: 'done',
          found: summary,
          changes,
          finishedAt: new Date(),
          updatedAt: new Date(),
        })
        .where(eq(referenceImportJobs.id, job.id));
      await recordAudit(tx, null, {
        action: 'reference.imported',
        subjectType: 'reference-import',
        subjectId: job.id,
        after: summary,
      });
    });
  } catch (error) {
    const known = error instanceof ReferenceImportError;
    if (!known) logger.error({ err: error, job: job.id }, 'reference import failed');
    const message = known
      ? error.message
      : 'Something unexpected went wrong; the site’s log has the details. Nothing was changed.';
    await db
      .transaction(async (tx) => {
        await tx
          .update(referenceImportJobs)
          .set({ status: 'failed', finishedAt: new Date(), updatedAt: new Date(), error: message })
          .where(eq(referenceImportJobs.id, job.id));
        await recordAudit(tx, null, {
          action: 'reference.import-failed',
          subjectType: 'reference-import',
          subjectId: job.id,
          note: message,
        });
      })
      .catch((again: unknown) =>
        logger.error({ err: again, job: job.id }, 'could not record the failed reference import'),
      );
  }
}
