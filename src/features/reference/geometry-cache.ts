import type { MultiPolygon, Polygon } from 'geojson';
import type { Db } from '../../platform/db/client.ts';
import { legislativeDistricts, type Chamber } from './schema.ts';

export type DistrictShape = {
  chamber: Chamber;
  district: string;
  geometry: Polygon | MultiPolygon;
  /** [west, south, east, north]: most points are ruled out without touching the polygon. */
  bbox: [number, number, number, number];
};

/**
 * Parsed boundaries, read once per database handle per process: a lookup per
 * signature must not read 1.5 MB of JSON. An import in this process forgets
 * them; another process picks new boundaries up when it restarts (imports
 * happen after elections, not during a campaign).
 *
 * Not a LoadingCache (ADR 032) on purpose: this is one value per database
 * handle, keyed by the handle itself. A WeakMap lets a closed handle and its
 * 1.5 MB of shapes be collected with it (tests open one per file), so memory
 * is bounded by the handles alive; an LRU would hold closed handles until
 * evicted and needs a max that means nothing here, and there is no expiry.
 */
const shapes = new WeakMap<Db, Promise<DistrictShape[]>>();

export function cachedDistrictShapes(db: Db): Promise<DistrictShape[]> {
  let loading = shapes.get(db);
  if (!loading) {
    loading = loadShapes(db);
    shapes.set(db, loading);
    // A failed read (database down) must not be remembered.
    loading.catch(() => shapes.delete(db));
  }
  return loading;
}

export function forgetDistrictShapes(db: Db): void {
  shapes.delete(db);
}

async function loadShapes(db: Db): Promise<DistrictShape[]> {
  const rows = await db
    .select({
      chamber: legislativeDistricts.chamber,
      district: legislativeDistricts.district,
      geometry: legislativeDistricts.geometry,
    })
    .from(legislativeDistricts);
  // An empty table is not cached: the demo import may arrive a moment after the first lookup.
  if (rows.length === 0) shapes.delete(db);
  return rows.map((row) => {
    const geometry = row.geometry as Polygon | MultiPolygon;
    return { chamber: row.chamber, district: row.district, geometry, bbox: boundingBox(geometry) };
  });
}

function boundingBox(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const polygon of polygons) {
    for (const [lon, lat] of polygon[0] ?? []) {
      if (lon! < west) west = lon!;
      if (lon! > east) east = lon!;
      if (lat! < south) south = lat!;
      if (lat! > north) north = lat!;
    }
  }
  return [west, south, east, north];
}
