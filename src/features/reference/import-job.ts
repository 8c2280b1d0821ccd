import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { referenceImportJobs } from './schema.ts';

export type ImportJob = typeof referenceImportJobs.$inferSelect;

/** Another arbitrary constant, apart from the import's own: it guards starting a job, not writing the data. */
const JOB_START_LOCK_ID = 7_340_056;

/**
 * A running job whose row has not moved for this long belonged to a process
 * that stopped (a restart, a crash): an import from a folder takes seconds.
 * Its transaction was rolled back with the process, so nothing was changed.
 */
export const ABANDONED_AFTER_MS = 5 * 60 * 1000;

export const isAbandoned = (job: ImportJob, now = new Date()) =>
  job.status === 'running' && now.getTime() - job.updatedAt.getTime() > ABANDONED_AFTER_MS;

/**
 * Starts an import of `folder`, unless one is running: two clicks, in one
 * process or two, start one job (the start is serialised by an advisory lock,
 * and the table's unique index allows one running row). Returns the job that
 * is running now, and whether this call started it (then run it with
 * runImportJob, in run-import-job.ts). Audited with who asked.
 */
export async function startImportJob(
  db: Db,
  folder: string,
  actor: AuditActor,
  now = new Date(),
): Promise<{ job: ImportJob; started: boolean }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${JOB_START_LOCK_ID})`);
    const [running] = await tx.select().from(referenceImportJobs).where(eq(referenceImportJobs.status, 'running'));
    if (running && !isAbandoned(running, now)) return { job: running, started: false };
    if (running) {
      await tx
        .update(referenceImportJobs)
        .set({
          status: 'failed',
          finishedAt: now,
          error: 'The site stopped while this import ran. Nothing was changed.',
        })
        .where(eq(referenceImportJobs.id, running.id));
    }
    const [job] = await tx
      .insert(referenceImportJobs)
      .values({ folder, startedBy: actor.staffId, startedAt: now, updatedAt: now })
      .returning();
    await recordAudit(tx, actor, {
      action: 'reference.import',
      subjectType: 'reference-import',
      subjectId: job!.id,
      after: { folder },
    });
    return { job: job!, started: true };
  });
}

/** The newest job, whatever its state, or undefined before the first. */
export async function latestImportJob(db: Db): Promise<ImportJob | undefined> {
  const [job] = await db.select().from(referenceImportJobs).orderBy(desc(referenceImportJobs.id)).limit(1);
  return job;
}
