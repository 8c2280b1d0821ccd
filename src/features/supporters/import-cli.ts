import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Db } from '../../platform/db/client.ts';
import { guessMapping, IGNORED, importFields, mappingProblems } from './import-columns.ts';
import { ImportFileError, readHeader } from './import-file.ts';
import { claimPass, fileSize, recordUpload, rejectionsOf, runPass, type Pass } from './import-job.ts';
import type { ImportCounts } from './import-schema.ts';
import { subscriptionTopics, type Topic } from './schema.ts';

export const supporterImportHelp =
  'Import supporters from a CSV file: <file> [--dry-run] [--map "column=field" …] [--update] [--topic newsletter]. ' +
  `Columns are matched by name (Action Network's people export as it comes); --map sets one: field is ${[...importFields, IGNORED].join(', ')}. ` +
  'Progress goes to stderr. Safe to run again: people are matched by email address.';

export type SupporterImportRequest = {
  path: string;
  dryRun: boolean;
  map: Record<string, string>;
  updateExisting: boolean;
  topic: Topic;
};

/** The command line's words → the request; a problem is an ImportFileError with the line to print. */
export function supporterImportRequest(args: string[]): SupporterImportRequest {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  const options = {
    'dry-run': { type: 'boolean' },
    update: { type: 'boolean' },
    map: { type: 'string', multiple: true },
    topic: { type: 'string' },
  } as const;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new ImportFileError(`${(error as Error).message.split('\n')[0]} (${supporterImportHelp})`);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) throw new ImportFileError('Give one CSV file: supporters:import people.csv');
  const map: Record<string, string> = {};
  for (const pair of parsed.values.map ?? []) {
    const at = pair.lastIndexOf('=');
    const field = pair.slice(at + 1);
    if (at < 1 || ![...importFields, IGNORED].includes(field as never))
      throw new ImportFileError(
        `--map ${pair}: write column=field, field one of ${[...importFields, IGNORED].join(', ')}`,
      );
    map[pair.slice(0, at)] = field;
  }
  const topic = parsed.values.topic ?? 'newsletter';
  if (!(subscriptionTopics as readonly string[]).includes(topic))
    throw new ImportFileError(`--topic is one of ${subscriptionTopics.join(', ')}`);
  return {
    path: resolve(file),
    dryRun: parsed.values['dry-run'] === true,
    map,
    updateExisting: parsed.values.update === true,
    topic: topic as Topic,
  };
}

const n = (x: number) => x.toLocaleString('en-US');

function describe(counts: ImportCounts, dryRun: boolean): string {
  const would = dryRun ? 'would be ' : '';
  return (
    `${n(counts.create)} ${would}added, ${n(counts.update)} ${would}updated, ${n(counts.unchanged)} already as the file says, ` +
    `${n(counts.rejected)} rows refused; consent ${dryRun ? 'would be ' : ''}recorded for ${n(counts.consents)}.`
  );
}

/**
 * Runs the import (or its dry run) here, to the end: the same job row and
 * passes as the workspace, with progress on `progress` (stderr) and the
 * outcome on `print`. The file is the admin's: it is read, never deleted.
 */
export async function importFromCli(
  db: Db,
  request: SupporterImportRequest,
  out: { print(line: string): void; progress(line: string): void },
): Promise<void> {
  const columns = await readHeader(request.path);
  const fields = guessMapping(columns).map((guess, i) => request.map[columns[i]!] ?? guess);
  const unknown = Object.keys(request.map).filter((name) => !columns.includes(name));
  if (unknown.length > 0)
    throw new ImportFileError(`The file has no column ${unknown.map((u) => `"${u}"`).join(', ')}.`);
  const problems = mappingProblems(fields);
  if (problems.length > 0) throw new ImportFileError(problems.map((p) => p.message).join('; '));
  out.progress(`Columns: ${columns.map((c, i) => `${c} → ${fields[i]}`).join(', ')}`);
  const job = await recordUpload(
    db,
    {
      storedFile: request.path,
      sizeBytes: await fileSize(request.path),
      columns,
      fields,
      updateExisting: request.updateExisting,
      consentTopic: request.topic,
    },
    null,
  );
  const pass: Pass = request.dryRun ? 'check' : 'import';
  const claimed = await claimPass(db, job.id, pass, null);
  if (!claimed) throw new ImportFileError('The import could not start.');
  let fault: unknown;
  let last = 0;
  const ended = await runPass(
    db,
    claimed,
    pass,
    {
      folder: undefined,
      onProgress: (done) => {
        if (Date.now() - last < 1000) return;
        last = Date.now();
        out.progress(`Import ${job.id}: ${n(done)} rows ${request.dryRun ? 'checked' : 'imported'}…`);
      },
    },
    (error) => {
      fault = error;
    },
  );
  if (fault) throw fault;
  if (ended.status === 'failed') throw new ImportFileError(ended.error ?? 'The file could not be read.');
  const counts = (request.dryRun ? ended.dryRun : ended.outcome)!;
  out.print(
    `Import ${job.id}${request.dryRun ? ' (dry run: nothing changed)' : ''}: ${n(ended.totalRows ?? 0)} rows. ${describe(counts, request.dryRun)}`,
  );
  const refused = await rejectionsOf(db, job.id, 1, 20);
  for (const r of refused.rows) out.print(`  row ${r.rowNumber}: ${r.reason}`);
  if (refused.total > refused.rows.length)
    out.print(`  … and ${n(refused.total - refused.rows.length)} more refused rows.`);
}
