import { randomBytes } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { and, asc, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { applyBatch, CountyByZip, planBatch, type BatchOptions } from './import-batch.ts';
import { fileRows, ImportFileError } from './import-file.ts';
import { checkRow, SeenAddresses, type ImportRecord } from './import-rows.ts';
import { supporterImportRejections, supporterImports, type ImportCounts } from './import-schema.ts';

/**
 * A supporter import as a job whose state is a row (ADR 041's pattern):
 * the process that took the click runs a pass, the dry run or the import,
 * and writes its progress to the row after every batch; every process
 * reads it from there. A pass streams the file and never holds it: one
 * batch of rows in memory, and a few dozen bytes per address to see repeats.
 */

export type SupporterImport = typeof supporterImports.$inferSelect;

/** Rows per statement: a few thousand parameters, well inside PostgreSQL's limit, and few round trips. */
export const IMPORT_BATCH_ROWS = 500;

/**
 * A pass whose row has not moved for this long belonged to a process that
 * stopped: a batch takes well under a second. What it committed stays (each
 * batch is one transaction), and a rerun is safe: it finds those people on
 * record and leaves them as they are.
 */
export const STALLED_AFTER_MS = 2 * 60 * 1000;

/** An upload nobody imported is deleted after this long: it is a file of people's addresses. */
export const UPLOAD_KEPT_MS = 24 * 60 * 60 * 1000;

export const importFolder = (dataDir: string) => join(dataDir, 'supporter-imports');

/** The status as staff should read it: a pass whose process stopped is interrupted. */
export function importState(job: SupporterImport, now = new Date()): SupporterImport['status'] {
  const running = job.status === 'checking' || job.status === 'importing';
  return running && now.getTime() - job.updatedAt.getTime() > STALLED_AFTER_MS ? 'interrupted' : job.status;
}

/** A new upload's row; the file is already at `file`. */
export async function recordUpload(
  db: Db,
  upload: {
    storedFile: string;
    sizeBytes: number;
    columns: string[];
    fields: string[];
    updateExisting?: boolean;
    consentTopic?: SupporterImport['consentTopic'];
  },
  actor: AuditActor | null,
): Promise<SupporterImport> {
  const [job] = await db
    .insert(supporterImports)
    .values({
      storedFile: upload.storedFile,
      sizeBytes: upload.sizeBytes,
      columns: upload.columns,
      mapping: { columns: upload.columns, fields: upload.fields },
      updateExisting: upload.updateExisting ?? false,
      consentTopic: upload.consentTopic ?? 'newsletter',
      startedBy: actor?.staffId ?? null,
    })
    .returning();
  return job!;
}

export async function getImport(db: Db, id: number): Promise<SupporterImport | undefined> {
  const [job] = await db.select().from(supporterImports).where(eq(supporterImports.id, id));
  return job;
}

export async function recentImports(db: Db, limit = 10): Promise<SupporterImport[]> {
  return db.select().from(supporterImports).orderBy(desc(supporterImports.id)).limit(limit);
}

/** The mapping staff chose; a new mapping makes the dry run before it stale. */
export async function saveMapping(
  db: Db,
  id: number,
  choice: { fields: string[]; updateExisting: boolean; consentTopic: SupporterImport['consentTopic'] },
): Promise<boolean> {
  const changed = await db
    .update(supporterImports)
    .set({
      mapping: sql`jsonb_build_object('columns', ${supporterImports.columns}, 'fields', ${JSON.stringify(choice.fields)}::jsonb)`,
      updateExisting: choice.updateExisting,
      consentTopic: choice.consentTopic,
      status: 'uploaded',
      dryRun: null,
      totalRows: null,
      rowsDone: 0,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(supporterImports.id, id),
        // A dry run whose process stopped may be checked again, with these columns or others.
        sql`(${supporterImports.status} in ('uploaded', 'checked', 'failed') or (${supporterImports.status} = 'checking'
          and ${supporterImports.updatedAt} < ${new Date(Date.now() - STALLED_AFTER_MS)}))`,
      ),
    )
    .returning({ id: supporterImports.id });
  if (changed.length > 0) await db.delete(supporterImportRejections).where(eq(supporterImportRejections.importId, id));
  return changed.length > 0;
}

export type Pass = 'check' | 'import';

/**
 * Claims the job for a pass: one statement that moves it to checking or
 * importing only from a state that allows it, so two clicks (in one process
 * or two) start one pass. An interrupted import may be run again.
 */
export async function claimPass(
  db: Db,
  id: number,
  pass: Pass,
  actor: AuditActor | null,
): Promise<SupporterImport | undefined> {
  const now = new Date();
  const stalled = lt(supporterImports.updatedAt, new Date(now.getTime() - STALLED_AFTER_MS));
  // A pass whose process stopped (its row stalled) may be claimed again, as may an interrupted import.
  const from =
    pass === 'check'
      ? sql`(${supporterImports.status} in ('uploaded', 'checked') or (${supporterImports.status} = 'checking' and ${stalled}))`
      : sql`(${supporterImports.status} in ('uploaded', 'checked', 'interrupted') or (${supporterImports.status} = 'importing' and ${stalled}))`;
  return db.transaction(async (tx) => {
    const [job] = await tx
      .update(supporterImports)
      .set({ status: pass === 'check' ? 'checking' : 'importing', rowsDone: 0, error: null, updatedAt: now })
      .where(and(eq(supporterImports.id, id), from, sql`${supporterImports.storedFile} is not null`))
      .returning();
    if (job && pass === 'import')
      await recordAudit(tx, actor, {
        action: 'supporter.import',
        subjectType: 'supporter-import',
        subjectId: id,
        after: { updateExisting: job.updateExisting, consentTopic: job.consentTopic },
      });
    return job;
  });
}

export type PassOptions = {
  /** Where stored files live; a file there is deleted once imported. Files elsewhere (the CLI's) are never touched. */
  folder: string | undefined;
  onProgress?: (rowsDone: number, total: number | null) => void;
};

const noCounts = (): ImportCounts => ({ create: 0, update: 0, unchanged: 0, rejected: 0, consents: 0 });

/**
 * Runs a claimed pass to its end. Never throws: a file that cannot be read
 * is the job's error, in words staff can act on; anything else is the
 * caller's `onFault` (the site logs it) and a plain message on the row.
 */
export async function runPass(
  db: Db,
  job: SupporterImport,
  pass: Pass,
  options: PassOptions,
  onFault: (error: unknown) => void,
): Promise<SupporterImport> {
  const fields = job.mapping?.fields ?? [];
  const batch: BatchOptions = { importId: job.id, updateExisting: job.updateExisting, topic: job.consentTopic };
  const counts = noCounts();
  const seen = new SeenAddresses();
  const counties = new CountyByZip();
  let records: ImportRecord[] = [];
  let rejected: { importId: number; rowNumber: number; reason: string }[] = [];
  let done = 0;
  const flush = async () => {
    const rows = records;
    const refused = rejected;
    records = [];
    rejected = [];
    await db.transaction(async (tx) => {
      if (pass === 'import') {
        const plans = await planBatch(tx, rows, batch, true);
        for (const p of plans) counts[p.kind] += 1;
        counts.consents += await applyBatch(tx, plans, batch, counties);
      } else {
        for (const p of await planBatch(tx, rows, batch)) {
          counts[p.kind] += 1;
          if (p.consent) counts.consents += 1;
        }
      }
      if (refused.length > 0) await tx.insert(supporterImportRejections).values(refused).onConflictDoNothing();
      await tx
        .update(supporterImports)
        .set({ rowsDone: done, updatedAt: new Date() })
        .where(eq(supporterImports.id, job.id));
    });
    options.onProgress?.(done, job.totalRows);
  };
  try {
    for await (const { rowNumber, cells } of fileRows(job.storedFile!)) {
      done += 1;
      const checked = checkRow(cells, fields, rowNumber, seen);
      if ('record' in checked) records.push(checked.record);
      else {
        counts.rejected += 1;
        rejected.push({ importId: job.id, rowNumber, reason: checked.reason });
      }
      if (records.length + rejected.length >= IMPORT_BATCH_ROWS) await flush();
    }
    await flush();
    const finished = new Date();
    return await db
      .transaction(async (tx) => {
        const [row] = await tx
          .update(supporterImports)
          .set(
            pass === 'check'
              ? { status: 'checked', dryRun: counts, totalRows: done, rowsDone: done, updatedAt: finished }
              : {
                  status: 'imported',
                  outcome: counts,
                  totalRows: done,
                  rowsDone: done,
                  updatedAt: finished,
                  finishedAt: finished,
                },
          )
          .where(eq(supporterImports.id, job.id))
          .returning();
        if (pass === 'import')
          await recordAudit(tx, null, {
            action: 'supporter.imported',
            subjectType: 'supporter-import',
            subjectId: job.id,
            after: { rows: done, ...counts },
          });
        return row!;
      })
      .then(async (row) => (pass === 'import' ? forgetFile(db, row, options.folder) : row));
  } catch (error) {
    const known = error instanceof ImportFileError;
    if (!known) onFault(error);
    const message = known ? error.message : 'Something unexpected went wrong; the site’s log has the details.';
    const [row] = await db
      .update(supporterImports)
      .set({ status: pass === 'import' && !known ? 'interrupted' : 'failed', error: message, updatedAt: new Date() })
      .where(eq(supporterImports.id, job.id))
      .returning();
    return row ?? job;
  }
}

/** The stored upload deleted, when it is ours: imported, or abandoned. */
async function forgetFile(db: Db, job: SupporterImport, folder: string | undefined): Promise<SupporterImport> {
  if (!job.storedFile || !folder || !job.storedFile.startsWith(`${folder}/`)) return job;
  await rm(job.storedFile, { force: true });
  const [row] = await db
    .update(supporterImports)
    .set({ storedFile: null })
    .where(eq(supporterImports.id, job.id))
    .returning();
  return row ?? job;
}

/** Uploads left unimported past UPLOAD_KEPT_MS: their files deleted, their rows kept as a record. */
export async function forgetAbandonedUploads(db: Db, folder: string, now = new Date()): Promise<number> {
  const old = await db
    .select()
    .from(supporterImports)
    .where(
      and(
        sql`${supporterImports.storedFile} is not null`,
        lt(supporterImports.updatedAt, new Date(now.getTime() - UPLOAD_KEPT_MS)),
        inArray(supporterImports.status, ['uploaded', 'checked', 'failed', 'interrupted', 'checking']),
      ),
    );
  for (const job of old) await forgetFile(db, job, folder);
  return old.length;
}

/** A new file's place in the folder: a random name, so nothing of the uploader's file name reaches the disk. */
export async function newStoredFile(folder: string): Promise<string> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  return join(folder, `${randomBytes(12).toString('hex')}.csv`);
}

export async function fileSize(path: string): Promise<number> {
  return (await stat(path)).size;
}

/** The refused rows of a pass, a page at a time, in file order. */
export async function rejectionsOf(db: Db, id: number, page: number, perPage: number) {
  const where = eq(supporterImportRejections.importId, id);
  const [rows, [total]] = await Promise.all([
    db
      .select({ rowNumber: supporterImportRejections.rowNumber, reason: supporterImportRejections.reason })
      .from(supporterImportRejections)
      .where(where)
      .orderBy(asc(supporterImportRejections.rowNumber))
      .limit(perPage)
      .offset((page - 1) * perPage),
    db.select({ n: count() }).from(supporterImportRejections).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}
