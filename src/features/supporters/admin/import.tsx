import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import type { Logger } from '../../../platform/logger.ts';
import type { FieldErrors } from '../../../platform/web/forms.tsx';
import { guessMapping, IGNORED, importFields, mappingProblems } from '../import-columns.ts';
import { ImportFileError, readHeader } from '../import-file.ts';
import {
  claimPass,
  forgetAbandonedUploads,
  getImport,
  importFolder,
  importState,
  recentImports,
  recordUpload,
  rejectionsOf,
  runPass,
  saveMapping,
  newStoredFile,
  type Pass,
  type SupporterImport,
} from '../import-job.ts';
import { supporterPermissions } from '../permissions.ts';
import { subscriptionTopics } from '../schema.ts';
import { ImportPage, ImportStartPage, type MappingValues } from './views/import.tsx';

/** The largest file staff may upload: an Action Network export of 100,000 people is about 15 MB. */
export const IMPORT_UPLOAD_MAX_BYTES = 40 * 1024 * 1024;
/** How often the page reloads itself while a pass runs, in seconds. */
const UPDATE_EVERY_SECONDS = 2;
const REFUSED_PER_PAGE = 50;
/** The columns a file may have: more is not a list of people. */
const MAX_COLUMNS = 200;
const base = '/admin/supporters/import';
const id = ':import{[0-9]{1,9}}';

/** The upload form's address: allowed a body of IMPORT_UPLOAD_MAX_BYTES by app.tsx's body limit. */
export function isSupporterImportUploadPath(path: string): boolean {
  return path === base;
}

const pageQuery = z.coerce.number().int().min(1).max(100_000).catch(1);

/**
 * Staff import supporters from a CSV file: upload, choose the columns, a
 * dry run, then the import; mounted by admin/routes.tsx under
 * /admin/supporters. Each pass runs in this process after the click is
 * answered, and its row tells every process how it goes (import-job.ts).
 */
export function mountSupporterImport(
  app: Hono<AdminEnv>,
  deps: { db: Db; frame: AdminFrame; dataDir: string; logger?: Logger | undefined },
): void {
  const { db, frame } = deps;
  const folder = importFolder(deps.dataDir);
  const allowed = frame.allow(supporterPermissions.importList);
  const importId = (c: Context<AdminEnv>) => Number(c.req.param('import'));

  const startPage = async (c: Context<AdminEnv>, errors: FieldErrors = {}, status = 200) => {
    const now = new Date();
    const recent = (await recentImports(db)).map((job) => ({ job, state: importState(job, now) }));
    return frame.render(c, {
      title: Object.keys(errors).length > 0 ? 'Error: Import supporters' : 'Import supporters',
      current: 'supporters',
      status,
      body: (
        <ImportStartPage
          token={frame.csrfToken(c)}
          maxMegabytes={IMPORT_UPLOAD_MAX_BYTES / (1024 * 1024)}
          errors={errors}
          recent={recent}
          timeZone={await frame.timeZone()}
        />
      ),
    });
  };

  app.get('/import', allowed, async (c) => {
    // Uploads nobody imported are a file of people's addresses: gone after a day, checked whenever staff come here.
    await forgetAbandonedUploads(db, folder);
    return startPage(c);
  });

  app.post('/import', allowed, async (c) => {
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) return startPage(c, { file: 'Choose a CSV file to upload' }, 400);
    if (file.size > IMPORT_UPLOAD_MAX_BYTES)
      return startPage(
        c,
        { file: `The file is too large: it must be ${IMPORT_UPLOAD_MAX_BYTES / 1048576} MB or smaller` },
        413,
      );
    const stored = await newStoredFile(folder);
    await pipeline(Readable.fromWeb(file.stream() as never), createWriteStream(stored, { mode: 0o600 }));
    let columns: string[];
    try {
      columns = await readHeader(stored);
      if (columns.length > MAX_COLUMNS)
        throw new ImportFileError(`The file has ${columns.length} columns: at most ${MAX_COLUMNS} are read.`);
      if (columns.some((h) => h.includes('\u0000')))
        throw new ImportFileError('This is not a CSV file: save the spreadsheet as CSV (UTF-8) and upload that.');
    } catch (error) {
      await rm(stored, { force: true });
      if (error instanceof ImportFileError) return startPage(c, { file: error.message }, 400);
      throw error;
    }
    const job = await recordUpload(
      db,
      { storedFile: stored, sizeBytes: file.size, columns, fields: guessMapping(columns) },
      frame.actor(c),
    );
    return c.redirect(`${base}/${job.id}`, 303);
  });

  const jobPage = async (
    c: Context<AdminEnv>,
    job: SupporterImport,
    mapping?: { values: MappingValues; errors: FieldErrors },
    status = 200,
  ) => {
    const state = importState(job);
    const page = pageQuery.parse(c.req.query('page'));
    const rejected = await rejectionsOf(db, job.id, page, REFUSED_PER_PAGE);
    const autoUpdate = c.req.query('updates') !== 'off';
    const errors = mapping?.errors ?? {};
    const running = state === 'checking' || state === 'importing';
    const res = await frame.render(c, {
      title: `${Object.keys(errors).length > 0 ? 'Error: ' : ''}Import ${job.id}`,
      current: 'supporters',
      status,
      body: (
        <ImportPage
          job={job}
          state={state}
          token={frame.csrfToken(c)}
          timeZone={await frame.timeZone()}
          autoUpdate={autoUpdate}
          mapping={
            mapping ?? {
              values: { fields: job.mapping?.fields ?? [], topic: job.consentTopic, update: job.updateExisting },
              errors: {},
            }
          }
          rejected={{ ...rejected, page, perPage: REFUSED_PER_PAGE }}
        />
      ),
    });
    // No script needed: the browser reloads the page while the pass runs (the page says so, and how to stop it).
    if (running && autoUpdate) res.headers.set('Refresh', String(UPDATE_EVERY_SECONDS));
    return res;
  };

  app.get(`/import/${id}`, allowed, async (c) => {
    const job = await getImport(db, importId(c));
    return job ? jobPage(c, job) : c.notFound();
  });

  /** Starts a pass in this process, not awaited: it outlives the request, and its row says how it goes. */
  const start = async (c: Context<AdminEnv>, pass: Pass) => {
    const job = await claimPass(db, importId(c), pass, frame.actor(c));
    if (job)
      void runPass(db, job, pass, { folder }, (error) =>
        deps.logger?.error({ err: error, import: job.id }, 'supporter import failed'),
      );
    return c.redirect(`${base}/${importId(c)}`, 303);
  };

  app.post(`/import/${id}/mapping`, allowed, async (c) => {
    const job = await getImport(db, importId(c));
    if (!job) return c.notFound();
    const body = await c.req.parseBody();
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const values: MappingValues = {
      fields: job.columns.map((_, i) => text(`column-${i}`) || IGNORED),
      topic: text('topic'),
      update: body.update === 'on',
    };
    const errors: FieldErrors = {};
    for (const problem of mappingProblems(values.fields))
      errors[problem.column === undefined ? 'column-0' : `column-${problem.column}`] ??= problem.message;
    const topic = z.enum(subscriptionTopics).safeParse(values.topic);
    if (!topic.success) errors.topic = 'Choose the email their subscription is for';
    // What was sent that is not a field is shown back as "leave out", the select's own choice.
    values.fields = values.fields.map((f) => ((importFields as readonly string[]).includes(f) ? f : IGNORED));
    if (Object.keys(errors).length > 0 || !topic.success) return jobPage(c, job, { values, errors }, 400);
    const saved = await saveMapping(db, job.id, {
      fields: values.fields,
      updateExisting: values.update,
      consentTopic: topic.data,
    });
    if (!saved) return c.redirect(`${base}/${job.id}`, 303);
    return start(c, 'check');
  });

  app.post(`/import/${id}/run`, allowed, async (c) => {
    if (!(await getImport(db, importId(c)))) return c.notFound();
    return start(c, 'import');
  });
}
