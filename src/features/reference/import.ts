import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { compareReference, type ReferenceSnapshot } from './changes.ts';
import { parseCommittee, type CommitteeMemberRow, type CommitteeRow } from './committees.ts';
import { forgetDistrictShapes } from './geometry-cache.ts';
import {
  chamberOf,
  parseCountyNames,
  parseDistricts,
  parseLegislator,
  parseZctaCounties,
  parseZctaDistricts,
  ReferenceImportError,
  type DistrictRow,
  type LegislatorRow,
} from './parse.ts';
import {
  committeeMembers,
  committees,
  legislativeDistricts,
  legislators,
  referenceImports,
  zipAreas,
  type Chamber,
  type ImportStep,
  type ReferenceChanges,
} from './schema.ts';
import { downloadReference, readLocalReference, type DownloadOptions, type RawReference } from './sources.ts';

export { ReferenceImportError } from './parse.ts';

export type ImportSummary = { senateDistricts: number; houseDistricts: number; legislators: number; zips: number };
export type ImportFrom = { dir: string } | { download: DownloadOptions };

/** An arbitrary constant: two imports at once would each delete what the other wrote. */
const IMPORT_LOCK_ID = 7_340_055;

/**
 * Loads the reference data from a folder laid out like ../shared/data, or
 * from the publishers. Everything is read and checked before the database is
 * touched, then replaced in one transaction: a bad file leaves the old data
 * in place, and running it twice gives the same tables.
 */
export async function importReference(db: Db, from: ImportFrom, now = new Date()): Promise<ImportSummary> {
  return (await importReferenceWithChanges(db, from, { now })).summary;
}

/** Told each step as it starts; `found` once the files are checked. Never called inside the transaction. */
export type ImportProgress = (step: ImportStep, found?: ImportSummary) => Promise<void>;

/** The import, with what it changed against the data loaded before, and each step told to `progress`. */
export async function importReferenceWithChanges(
  db: Db,
  from: ImportFrom,
  options: { now?: Date; progress?: ImportProgress } = {},
): Promise<{ summary: ImportSummary; changes: ReferenceChanges }> {
  const now = options.now ?? new Date();
  const progress = options.progress ?? (async () => {});
  await progress('reading');
  const raw = 'dir' in from ? readLocalReference(from.dir) : await downloadReference(from.download);
  await progress('checking');
  const data = parseReference(raw, now);
  const count = (chamber: Chamber) => data.districts.filter((d) => d.chamber === chamber).length;
  const summary = {
    senateDistricts: count('upper'),
    houseDistricts: count('lower'),
    legislators: data.legislators.length,
    zips: data.zips.length,
  };
  await progress('writing', summary);
  const changes = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK_ID})`);
    // Read under the lock, so the comparison is with what this import replaces.
    const before: ReferenceSnapshot = {
      legislators: await tx
        .select({
          id: legislators.id,
          name: legislators.name,
          chamber: legislators.chamber,
          district: legislators.district,
          party: legislators.party,
        })
        .from(legislators),
      districts: await tx
        .select({
          chamber: legislativeDistricts.chamber,
          district: legislativeDistricts.district,
          svgPath: legislativeDistricts.svgPath,
        })
        .from(legislativeDistricts),
      zips: await tx.select().from(zipAreas),
    };
    // The whole roster is replaced, committees with it: a new term's legislators and seats replace the old,
    // and since nothing refers to a roster row by foreign key, the ones who left simply go.
    await tx.delete(committeeMembers);
    await tx.delete(committees);
    await tx.delete(legislativeDistricts);
    await tx.delete(legislators);
    await tx.delete(zipAreas);
    // Boundaries are large (about 1.5 MB of JSON in all): a few per statement keeps each message small.
    for (let i = 0; i < data.districts.length; i += 10)
      await tx.insert(legislativeDistricts).values(data.districts.slice(i, i + 10));
    await tx.insert(legislators).values(data.legislators.map((row) => ({ ...row, updatedAt: now })));
    for (let i = 0; i < data.zips.length; i += 500) await tx.insert(zipAreas).values(data.zips.slice(i, i + 500));
    if (data.committees.length > 0) await tx.insert(committees).values(data.committees);
    for (let i = 0; i < data.committeeMembers.length; i += 500)
      await tx.insert(committeeMembers).values(data.committeeMembers.slice(i, i + 500));
    await tx
      .insert(referenceImports)
      .values([
        { dataset: 'districts', source: raw.from.districts, rows: data.districts.length, importedAt: now },
        { dataset: 'legislators', source: raw.from.legislators, rows: data.legislators.length, importedAt: now },
        { dataset: 'zip-areas', source: raw.from.zips, rows: data.zips.length, importedAt: now },
        ...(data.committees.length > 0
          ? [{ dataset: 'committees', source: raw.from.committees, rows: data.committees.length, importedAt: now }]
          : []),
      ]);
    return compareReference(before, data);
  });
  forgetDistrictShapes(db);
  await progress('done', summary);
  return { summary, changes };
}

type ParsedReference = {
  districts: DistrictRow[];
  legislators: LegislatorRow[];
  committees: CommitteeRow[];
  committeeMembers: CommitteeMemberRow[];
  zips: { zip: string; counties: string[]; senateDistricts: string[]; houseDistricts: string[] }[];
};

export function parseReference(raw: RawReference, now: Date): ParsedReference {
  const districts: DistrictRow[] = [];
  for (const file of raw.districts) {
    const chamber = chamberOf(file.json);
    if (!chamber)
      throw new ReferenceImportError(`${file.source}: features carry neither SLDUST (Senate) nor SLDLST (House) codes`);
    if (districts.some((d) => d.chamber === chamber))
      throw new ReferenceImportError(
        `${file.source}: a second file of ${chamber === 'upper' ? 'Senate' : 'House'} districts`,
      );
    districts.push(...parseDistricts(chamber, file.json, file.source));
  }
  for (const chamber of ['upper', 'lower'] as const) {
    if (!districts.some((d) => d.chamber === chamber))
      throw new ReferenceImportError(
        `No ${chamber === 'upper' ? 'Senate' : 'House'} district boundaries among ${raw.from.districts}`,
      );
  }

  const today = now.toISOString().slice(0, 10);
  const people = raw.legislators
    .map((file) => parseLegislator(file.text, file.source, today))
    .filter((p): p is LegislatorRow => p !== undefined);
  if (people.length === 0)
    throw new ReferenceImportError(`${raw.from.legislators}: no sitting Oregon legislators found`);
  const ids = new Set<string>();
  for (const person of people) {
    if (ids.has(person.id)) throw new ReferenceImportError(`${raw.from.legislators}: ${person.id} appears twice`);
    ids.add(person.id);
  }

  const names = parseCountyNames(raw.zip.counties.text, raw.zip.counties.source);
  const counties = parseZctaCounties(raw.zip.zctaCounty.text, raw.zip.zctaCounty.source, names);
  const senate = parseZctaDistricts('upper', raw.zip.senate.text, raw.zip.senate.source);
  const house = parseZctaDistricts('lower', raw.zip.house.text, raw.zip.house.source);
  const zips = [...counties.keys()].sort().map((zip) => ({
    zip,
    counties: counties.get(zip)!,
    senateDistricts: senate.get(zip) ?? [],
    houseDistricts: house.get(zip) ?? [],
  }));
  const committeeRows: CommitteeRow[] = [];
  const memberRows: CommitteeMemberRow[] = [];
  for (const file of raw.committees) {
    const parsed = parseCommittee(file.text, file.source, ids);
    if (committeeRows.some((c) => c.id === parsed.committee.id))
      throw new ReferenceImportError(`${raw.from.committees}: ${parsed.committee.id} appears twice`);
    committeeRows.push(parsed.committee);
    memberRows.push(...parsed.members);
  }
  return { districts, legislators: people, committees: committeeRows, committeeMembers: memberRows, zips };
}
