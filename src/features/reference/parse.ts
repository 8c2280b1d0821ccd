import { simplify } from '@turf/simplify';
import type { MultiPolygon, Polygon } from 'geojson';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { project, ringsToPath, type Position } from './map.ts';
import type { Chamber } from './schema.ts';

/** A problem with the data or where it comes from, told in one line a person can act on. */
export class ReferenceImportError extends Error {
  override name = 'ReferenceImportError';
}

/** Oregon's constitution fixes the seats: a file with another count is the wrong file. */
export const SEATS: Record<Chamber, number> = { upper: 30, lower: 60 };
const chamberName: Record<Chamber, string> = { upper: 'Senate', lower: 'House' };

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
}

/** "009" → "9", "ZZZ" → undefined: Census pads district codes and uses Z for water with no district. */
export function districtNumber(code: unknown): string | undefined {
  const text = String(code ?? '').trim();
  if (!/^\d{1,3}$/.test(text)) return undefined;
  return String(Number(text));
}

// ---- Districts (GeoJSON) ----

const position = z.array(z.number()).min(2);
const ring = z.array(position).min(4);
const geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
]);
const featureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({ properties: z.record(z.string(), z.unknown()).nullable(), geometry })).min(1),
});

export type DistrictRow = {
  chamber: Chamber;
  district: string;
  name: string;
  geometry: Polygon | MultiPolygon;
  svgPath: string;
};

/** Which chamber a boundary file holds, from the TIGER attribute its features carry. */
export function chamberOf(json: unknown): Chamber | undefined {
  const properties =
    (json as { features?: { properties?: Record<string, unknown> }[] })?.features?.[0]?.properties ?? {};
  if ('SLDUST' in properties) return 'upper';
  if ('SLDLST' in properties) return 'lower';
  return undefined;
}

/**
 * One chamber's boundaries: validated, district codes unpadded, coordinates
 * kept to 6 decimals (about 10 cm) for point-in-polygon, and an SVG outline in
 * map units, simplified to about one unit (under a kilometre), for drawing.
 */
export function parseDistricts(chamber: Chamber, json: unknown, source: string): DistrictRow[] {
  const parsed = featureCollection.safeParse(json);
  if (!parsed.success)
    throw new ReferenceImportError(
      `${source}: not a GeoJSON FeatureCollection of district polygons (${firstIssue(parsed.error)})`,
    );
  const key = chamber === 'upper' ? 'SLDUST' : 'SLDLST';
  const rows = new Map<string, DistrictRow>();
  for (const feature of parsed.data.features) {
    const district = districtNumber(feature.properties?.[key]);
    if (!district) continue;
    const number = Number(district);
    if (number < 1 || number > SEATS[chamber])
      throw new ReferenceImportError(
        `${source}: ${chamberName[chamber]} district ${district} does not exist in Oregon`,
      );
    if (rows.has(district))
      throw new ReferenceImportError(`${source}: ${chamberName[chamber]} district ${district} appears twice`);
    const shape = roundGeometry(feature.geometry as Polygon | MultiPolygon);
    const name =
      typeof feature.properties?.NAMELSAD === 'string'
        ? feature.properties.NAMELSAD
        : `State ${chamberName[chamber]} District ${district}`;
    rows.set(district, { chamber, district, name, geometry: shape, svgPath: outline(shape) });
  }
  if (rows.size !== SEATS[chamber]) {
    throw new ReferenceImportError(
      `${source}: found ${rows.size} ${chamberName[chamber]} districts with a ${key} code, expected ${SEATS[chamber]}`,
    );
  }
  return [...rows.values()].sort((a, b) => Number(a.district) - Number(b.district));
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

function roundGeometry(shape: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const roundPolygon = (rings: number[][][]) => rings.map((r) => r.map((p) => [round6(p[0]!), round6(p[1]!)]));
  return shape.type === 'Polygon'
    ? { type: 'Polygon', coordinates: roundPolygon(shape.coordinates) }
    : { type: 'MultiPolygon', coordinates: shape.coordinates.map(roundPolygon) };
}

/** Simplification tolerance in map units (the map is 1,000 units wide). */
const SIMPLIFY_TOLERANCE = 0.7;

function outline(shape: Polygon | MultiPolygon): string {
  const polygons = shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates;
  const projected: MultiPolygon = {
    type: 'MultiPolygon',
    coordinates: polygons.map((rings) => rings.map((r) => r.map((p) => project(p as Position)))),
  };
  const simpler = simplify(projected, { tolerance: SIMPLIFY_TOLERANCE, highQuality: true, mutate: true });
  return ringsToPath(simpler.coordinates.flat() as Position[][]);
}

// ---- Legislators (Open States YAML) ----

const dateish = z.union([z.string(), z.date()]).optional();
const person = z.object({
  id: z.string().startsWith('ocd-person/'),
  name: z.string().min(1),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
  email: z.string().optional(),
  party: z.array(z.object({ name: z.string(), end_date: dateish })).default([]),
  roles: z
    .array(
      z.object({
        type: z.string(),
        district: z.union([z.string(), z.number()]).optional(),
        jurisdiction: z.string().optional(),
        end_date: dateish,
      }),
    )
    .default([]),
  offices: z
    .array(
      z.object({
        classification: z.string(),
        address: z.string().optional(),
        voice: z.string().optional(),
        fax: z.string().optional(),
      }),
    )
    .optional(),
  links: z.array(z.object({ url: z.string(), note: z.string().optional() })).optional(),
});

export type LegislatorRow = {
  id: string;
  name: string;
  givenName: string;
  familyName: string;
  party: string;
  chamber: Chamber;
  district: string;
  email: string | null;
  contact: Record<string, unknown>;
};

const ended = (date: string | Date | undefined, today: string) =>
  date !== undefined && (date instanceof Date ? date.toISOString().slice(0, 10) : date) < today;

/**
 * A person file → a sitting legislator, or undefined when they hold no current
 * seat in Oregon's legislature (a former member, a statewide official). The
 * photo URL is left out: pages must not load anything from other hosts.
 */
export function parseLegislator(text: string, source: string, today: string): LegislatorRow | undefined {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new ReferenceImportError(`${source}: not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
  const parsed = person.safeParse(data);
  if (!parsed.success)
    throw new ReferenceImportError(`${source}: not an Open States person (${firstIssue(parsed.error)})`);
  const p = parsed.data;
  const seat = p.roles.find(
    (r) =>
      (r.type === 'upper' || r.type === 'lower') &&
      !ended(r.end_date, today) &&
      (!r.jurisdiction || r.jurisdiction.includes('state:or/')),
  );
  if (!seat) return undefined;
  const chamber = seat.type as Chamber;
  const district = districtNumber(seat.district);
  if (!district || Number(district) < 1 || Number(district) > SEATS[chamber]) {
    throw new ReferenceImportError(
      `${source}: ${chamberName[chamber]} district "${String(seat.district)}" does not exist in Oregon`,
    );
  }
  const party = p.party.find((x) => !ended(x.end_date, today)) ?? p.party[0];
  return {
    id: p.id,
    name: p.name,
    givenName: p.given_name ?? '',
    familyName: p.family_name ?? '',
    party: party?.name ?? '',
    chamber,
    district,
    email: p.email ?? null,
    contact: { offices: p.offices ?? [], links: p.links ?? [] },
  };
}

// ---- ZIP areas (Census relationship files, or the CSV copies in or-zip/) ----

type Table = { columns: string[]; rows: string[][] };

/** Comma- or pipe-separated text with a header row (the Census uses pipes, the copies commas). */
export function readTable(text: string, source: string): Table {
  const body = text.replace(/^\uFEFF/, '');
  const header = body.slice(0, body.search(/\r?\n|$/));
  let records: string[][];
  try {
    records = parseCsv(body, {
      delimiter: header.includes('|') ? '|' : ',',
      skip_empty_lines: true,
      relax_column_count: true,
    });
  } catch (error) {
    throw new ReferenceImportError(`${source}: not readable as a table (${(error as Error).message})`);
  }
  const rows = records.filter((row) => row.some((field) => field.trim() !== ''));
  if (rows.length < 2) throw new ReferenceImportError(`${source}: empty, expected a header row and data`);
  return { columns: rows[0]!.map((c) => c.trim().toLowerCase()), rows: rows.slice(1) };
}

/** The index of the first column named like one of `names` (exact, or a RegExp for Census vintage suffixes). */
function column(table: Table, source: string, ...names: (string | RegExp)[]): number {
  for (const name of names) {
    const index = table.columns.findIndex((c) => (typeof name === 'string' ? c === name : name.test(c)));
    if (index >= 0) return index;
  }
  throw new ReferenceImportError(`${source}: no column ${names.map(String).join(' or ')} in the header`);
}

const zcta = z.string().regex(/^\d{5}$/);

/** County FIPS → name without " County", from or-counties.csv or the Census county code list. */
export function parseCountyNames(text: string, source: string): Map<string, string> {
  const table = readTable(text, source);
  const name = column(table, source, 'county', 'countyname');
  const fips = table.columns.includes('county_fips') ? column(table, source, 'county_fips') : undefined;
  const state = fips === undefined ? column(table, source, 'statefp') : -1;
  const county = fips === undefined ? column(table, source, 'countyfp') : -1;
  const names = new Map<string, string>();
  for (const row of table.rows) {
    const code = fips !== undefined ? row[fips]?.trim() : `${row[state]?.trim()}${row[county]?.trim()}`;
    if (!code || !/^\d{5}$/.test(code))
      throw new ReferenceImportError(`${source}: "${code ?? ''}" is not a 5-digit county FIPS code`);
    names.set(code, (row[name] ?? '').trim().replace(/ County$/, ''));
  }
  return names;
}

/** Parts of ZCTAs outside Oregon are named for what they are, not for a county a reader might take for Oregon's. */
export const OUTSIDE_OREGON = 'outside Oregon';

/**
 * ZCTA → counties, largest land share first. Only ZCTAs that touch Oregon are
 * kept (the Census file is national). A part with no land is no one's home,
 * so it does not make a ZIP "span" a county.
 */
export function parseZctaCounties(text: string, source: string, names: Map<string, string>): Map<string, string[]> {
  const table = readTable(text, source);
  const zip = column(table, source, 'zcta', 'geoid_zcta5_20', /^geoid_zcta5/);
  const fips = column(table, source, 'county_fips', 'geoid_county_20', /^geoid_county/);
  const land = column(table, source, 'arealand_part');
  const parts = new Map<string, { county: string; land: number }[]>();
  for (const row of table.rows) {
    const code = row[zip]?.trim() ?? '';
    if (code === '') continue; // land in no ZCTA at all
    const county = row[fips]?.trim() ?? '';
    const area = Number(row[land]);
    if (!zcta.safeParse(code).success || !/^\d{5}$/.test(county) || !Number.isFinite(area)) {
      throw new ReferenceImportError(`${source}: malformed row "${row.join(',')}"`);
    }
    const list = parts.get(code) ?? [];
    list.push({ county, land: area });
    parts.set(code, list);
  }
  const result = new Map<string, string[]>();
  for (const [code, list] of parts) {
    if (!list.some((p) => p.county.startsWith('41')) && !isOregonRange(code)) continue;
    const counties: string[] = [];
    for (const part of list.filter((p) => p.land > 0).sort((a, b) => b.land - a.land)) {
      const name = part.county.startsWith('41') ? names.get(part.county) : OUTSIDE_OREGON;
      if (!name) throw new ReferenceImportError(`${source}: county ${part.county} is not in the county list`);
      if (!counties.includes(name)) counties.push(name);
    }
    // So a ZIP area's only county is always an Oregon county.
    if (counties.every((name) => name === OUTSIDE_OREGON)) continue;
    result.set(code, counties);
  }
  if (result.size === 0) throw new ReferenceImportError(`${source}: no ZIP areas in Oregon`);
  return result;
}

const isOregonRange = (code: string) => Number(code) >= 97001 && Number(code) <= 97920;

/** ZCTA → the districts of one chamber it overlaps, in number order. */
export function parseZctaDistricts(chamber: Chamber, text: string, source: string): Map<string, string[]> {
  const table = readTable(text, source);
  const zip = column(table, source, 'zcta', 'geoid_zcta5_20', /^geoid_zcta5/);
  const census = table.columns.findIndex((c) => (chamber === 'upper' ? /^geoid_sldu/ : /^geoid_sldl/).test(c));
  const plain = census < 0 ? column(table, source, 'district') : -1;
  const result = new Map<string, string[]>();
  for (const row of table.rows) {
    const code = row[zip]?.trim() ?? '';
    let raw = plain >= 0 ? row[plain]?.trim() : row[census]?.trim();
    if (census >= 0) {
      // Census GEOIDs are state FIPS + padded code ("41009"); other states' rows are skipped.
      if (!raw?.startsWith('41') || code === '') continue;
      raw = raw.slice(2);
    }
    const district = districtNumber(raw);
    if (census >= 0 && district === undefined) continue; // ZZZ: water with no district
    if (!zcta.safeParse(code).success || !district || Number(district) < 1 || Number(district) > SEATS[chamber]) {
      throw new ReferenceImportError(`${source}: malformed row "${row.join(',')}"`);
    }
    const list = result.get(code) ?? [];
    if (!list.includes(district)) list.push(district);
    result.set(code, list);
  }
  for (const list of result.values()) list.sort((a, b) => Number(a) - Number(b));
  if (result.size === 0) throw new ReferenceImportError(`${source}: no Oregon ${chamberName[chamber]} districts found`);
  return result;
}
