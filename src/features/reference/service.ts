import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { and, asc, count, desc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { cachedDistrictShapes } from './geometry-cache.ts';
import { isAbandoned, latestImportJob } from './import-job.ts';
import { renderDistrictMap, type MapOptions } from './map.ts';
import { legislativeDistricts, legislators, referenceImports, zipAreas, type Chamber } from './schema.ts';

export { chambers, type Chamber } from './schema.ts';
// Whoever shows reference data shows the sources' credits with it. Visitors are never told it is missing (issue 13).
export { ReferenceCredits } from './views/ReferenceCredits.tsx';
// The workspace home's notice while nothing is loaded, and who may press its button.
export { ReferenceMissing } from './views/ReferenceMissing.tsx';
export { referencePermissions } from './permissions.ts';

export type ZipFacts = { counties: string[]; senateDistricts: string[]; houseDistricts: string[] };
export type Legislator = typeof legislators.$inferSelect;
export type ReferenceStatus = {
  districts: number;
  legislators: number;
  zips: number;
  imports: { dataset: string; source: string; rows: number; importedAt: Date }[];
};

/** Every Oregon ZIP code lies in 97001–97920 (USPS); anything else is out of state or mistyped. */
export function isOregonZip(zip: string): boolean {
  if (!/^\d{5}$/.test(zip)) return false;
  const n = Number(zip);
  return n >= 97001 && n <= 97920;
}

/**
 * What the Census says about a ZIP's area. A single county or district is a
 * fact about everyone in it; several mean "ask the person", never "guess".
 * Undefined when the ZIP has no ZCTA (PO boxes) or nothing is imported.
 */
export async function zipFacts(db: Db, zip: string): Promise<ZipFacts | undefined> {
  if (!/^\d{5}$/.test(zip)) return undefined;
  const [row] = await db.select().from(zipAreas).where(eq(zipAreas.zip, zip));
  if (!row) return undefined;
  return { counties: row.counties, senateDistricts: row.senateDistricts, houseDistricts: row.houseDistricts };
}

/**
 * The districts a point lies in (longitude, latitude), or neither when it is
 * outside Oregon or nothing is imported. The boundaries are simplified, so a
 * point within tens of metres of a line may land on the wrong side: callers
 * should let the person confirm.
 */
export async function districtsAt(db: Db, lon: number, lat: number): Promise<{ senate?: string; house?: string }> {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return {};
  const shapes = await cachedDistrictShapes(db);
  const found: { senate?: string; house?: string } = {};
  for (const shape of shapes) {
    const [west, south, east, north] = shape.bbox;
    if (lon < west || lon > east || lat < south || lat > north) continue;
    if (!booleanPointInPolygon([lon, lat], shape.geometry)) continue;
    if (shape.chamber === 'upper') found.senate ??= shape.district;
    else found.house ??= shape.district;
    if (found.senate && found.house) break;
  }
  return found;
}

export async function referenceStatus(db: Db): Promise<ReferenceStatus> {
  const [[districts], [people], [zips], imports] = await Promise.all([
    db.select({ n: count() }).from(legislativeDistricts),
    db.select({ n: count() }).from(legislators),
    db.select({ n: count() }).from(zipAreas),
    db
      .select({
        dataset: referenceImports.dataset,
        source: referenceImports.source,
        rows: referenceImports.rows,
        importedAt: referenceImports.importedAt,
      })
      .from(referenceImports)
      .orderBy(desc(referenceImports.importedAt), asc(referenceImports.dataset))
      .limit(20),
  ]);
  return { districts: districts?.n ?? 0, legislators: people?.n ?? 0, zips: zips?.n ?? 0, imports };
}

/**
 * Whether districts, legislators and ZIP areas are all loaded (what the
 * petitions' district section needs), and whether an import is running now.
 */
export async function referenceReadiness(db: Db): Promise<{ loaded: boolean; importing: boolean }> {
  const [status, job] = await Promise.all([referenceStatus(db), latestImportJob(db)]);
  return {
    loaded: status.districts > 0 && status.legislators > 0 && status.zips > 0,
    importing: job?.status === 'running' && !isAbandoned(job),
  };
}

/**
 * Oregon's districts of one chamber as an accessible inline SVG, shaded by
 * `shade` (district → number, e.g. verified signatures). Undefined when the
 * districts are not imported. Pass `describedBy` the id of the table that
 * gives the same numbers, and `locale` for the districts' Spanish titles.
 */
export async function districtMapSvg(
  db: Db,
  chamber: Chamber,
  shade: Map<string, number>,
  options: MapOptions,
): Promise<string | undefined> {
  const rows = await db
    .select({ district: legislativeDistricts.district, svgPath: legislativeDistricts.svgPath })
    .from(legislativeDistricts)
    .where(eq(legislativeDistricts.chamber, chamber));
  if (rows.length === 0) return undefined;
  return renderDistrictMap(chamber, rows, shade, options);
}

/** The district numbers of one chamber as imported, in order: what a form's district must be one of. */
export async function districtNumbers(db: Db, chamber: Chamber): Promise<string[]> {
  const rows = await db
    .select({ district: legislativeDistricts.district })
    .from(legislativeDistricts)
    .where(eq(legislativeDistricts.chamber, chamber));
  return rows.map((r) => r.district).sort((a, b) => Number(a) - Number(b));
}

/** The sitting member(s) for a district; empty when the seat is vacant or nothing is imported. */
export async function legislatorsFor(db: Db, chamber: Chamber, district: string): Promise<Legislator[]> {
  return db
    .select()
    .from(legislators)
    .where(and(eq(legislators.chamber, chamber), eq(legislators.district, district.replace(/^0+(?=\d)/, ''))))
    .orderBy(asc(legislators.familyName), asc(legislators.name));
}

/** Everyone, Senate first, by district number. */
export async function listLegislators(db: Db): Promise<Legislator[]> {
  const all = await db.select().from(legislators);
  return all.sort((a, b) =>
    a.chamber === b.chamber
      ? Number(a.district) - Number(b.district) || a.name.localeCompare(b.name)
      : a.chamber === 'upper'
        ? -1
        : 1,
  );
}

/** The audit log's sentences for this feature's actions; the app hands them to the audit screens. */
export { referenceAuditWords } from './audit-words.ts';

// Committees, imported with the roster and replaced with it (committees.ts).
export {
  committeeMembersOf,
  committeeMembersOf as committeeMembers,
  committeesOf,
  listCommittees,
  type Committee,
  type CommitteeChamber,
  type CommitteeMember,
  type CommitteeSeat,
} from './committees.ts';

/** One district picked out on its chamber's map (a legislator's page). */
export { districtHighlightSvg } from './district-highlight.ts';
