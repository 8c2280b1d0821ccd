import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Db } from '../../platform/db/client.ts';
import { importReference, ReferenceImportError, type ImportSummary } from './import.ts';

export const referenceImportHelp =
  'Load Oregon districts, legislators and ZIP areas: ' +
  '--from DIR (laid out like ../shared/data), ' +
  'or without it download from the US Census Bureau and Open States (hosts: ' +
  '--census-url / REFERENCE_CENSUS_URL, --openstates-url / REFERENCE_OPENSTATES_URL).';

/** The flags `reference:import` takes, each with an example of its value. */
export const referenceImportFlags = { from: 'DIR', 'census-url': 'https://…', 'openstates-url': 'https://…' };

export type ReferenceImportRequest = { dir: string } | { download: { censusUrl?: string; openstatesUrl?: string } };

type ReferenceImportFlags = Partial<Record<keyof typeof referenceImportFlags, string>>;

/** Flags → what to import; throws ReferenceImportError with the line to print for a bad flag. */
export function referenceImportRequest(
  flags: ReferenceImportFlags,
  env: NodeJS.ProcessEnv = process.env,
): ReferenceImportRequest {
  if (flags.from !== undefined) {
    if (flags.from === 'true' || flags.from === '')
      throw new ReferenceImportError('--from needs a folder, e.g. --from ../shared/data');
    const dir = resolve(flags.from);
    if (!existsSync(dir)) throw new ReferenceImportError(`Reference data folder not found: ${dir}`);
    return { dir };
  }
  const url = (name: string, value: string | undefined) => {
    if (value === undefined || value === '') return undefined;
    if (!/^https?:\/\/[^/\s]+/.test(value))
      throw new ReferenceImportError(`${name} must be an http(s) URL, got "${value}"`);
    return value;
  };
  return {
    download: {
      censusUrl: url('--census-url', flags['census-url'] ?? env.REFERENCE_CENSUS_URL),
      openstatesUrl: url('--openstates-url', flags['openstates-url'] ?? env.REFERENCE_OPENSTATES_URL),
    },
  };
}

export function describeImport(summary: ImportSummary, from: ReferenceImportRequest): string {
  const where = 'dir' in from ? from.dir : 'the US Census Bureau and Open States';
  return (
    `Imported ${summary.senateDistricts} Senate and ${summary.houseDistricts} House districts, ` +
    `${summary.legislators} legislators and ${summary.zips} ZIP areas from ${where}.`
  );
}

export async function importFromCli(db: Db, request: ReferenceImportRequest): Promise<string> {
  return describeImport(await importReference(db, request), request);
}
