import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { importReference } from './import.ts';
import { legislators, referenceImports, zipAreas } from './schema.ts';
import { districtsAt, zipFacts } from './service.ts';
import { CENSUS_PATHS, downloadReference, OPENSTATES_COMMITTEES_PATH, OPENSTATES_PATH } from './sources.ts';
import { listCommittees } from './committees.ts';
import { zippedShapefile, type FixtureFeature } from './shapefile-fixture.ts';
import { describeWithSharedData, sharedData } from './test-data.ts';

/**
 * The download path against a local server, never the internet. It answers at
 * the publishers' own paths with the files in ../shared/data, turned back into
 * the Census Bureau's layout (pipe-separated, GEOID columns, other states'
 * rows mixed in) so the import reads what it would really download. Senate
 * boundaries come as a zipped shapefile, as the Census publishes them; House
 * boundaries as GeoJSON, which the download accepts too (for a mirror).
 */
const csvRows = (path: string) =>
  readFileSync(join(sharedData, path), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));

function censusZctaCounty(): string {
  const header =
    'OID_ZCTA5_20|GEOID_ZCTA5_20|NAMELSAD_ZCTA5_20|GEOID_COUNTY_20|NAMELSAD_COUNTY_20|AREALAND_PART|AREAWATER_PART';
  const rows = csvRows('or-zip/or-zcta-county.csv').map(
    ([zcta, county, land, water], i) => `${i}|${zcta}|ZCTA5 ${zcta}|${county}|County ${county}|${land}|${water}`,
  );
  // A Californian ZCTA, and county land in no ZCTA at all: both must be left out.
  rows.push('9001|96101|ZCTA5 96101|06049|Modoc County|100|0', '9002||||41035|Klamath County|5000|0');
  return `\uFEFF${header}\n${rows.join('\n')}\n`;
}

function censusZctaDistricts(chamber: 'U' | 'L', path: string): string {
  const header = [
    `OID_SLD${chamber}2024_20`,
    `GEOID_SLD${chamber}2024_20`,
    `NAMELSAD_SLD${chamber}2024_20`,
    'OID_ZCTA5_20',
    'GEOID_ZCTA5_20',
    'AREALAND_PART',
  ].join('|');
  const rows = csvRows(path).map(
    ([zcta, district], i) => `${i}|41${district!.padStart(3, '0')}|${chamber}|${i}|${zcta}|1`,
  );
  rows.push(`9001|06001|x|9001|96101|1`, `9002|41ZZZ|water|9002|97365|1`);
  return `${header}\n${rows.join('\n')}\n`;
}

function censusCounties(): string {
  const rows = csvRows('or-zip/or-counties.csv').map(
    ([, state, county, name]) => `OR|${state}|${county}|00000000|${name}|H1|A`,
  );
  return `STATE|STATEFP|COUNTYFP|COUNTYNS|COUNTYNAME|CLASSFP|FUNCSTAT\n${rows.join('\n')}\n`;
}

function senateShapefile(): Uint8Array {
  const upper = JSON.parse(readFileSync(join(sharedData, 'or-districts/OR_upper.json'), 'utf8')) as {
    features: { properties: Record<string, unknown>; geometry: FixtureFeature['geometry'] }[];
  };
  return zippedShapefile(
    'cb_2024_41_sldu_500k',
    upper.features.map((f) => ({
      properties: { SLDUST: String(f.properties.SLDUST), NAMELSAD: String(f.properties.NAMELSAD) },
      geometry: f.geometry,
    })),
  );
}

function startServer(): Promise<{ server: Server; url: string; requests: string[] }> {
  const requests: string[] = [];
  const senate = senateShapefile();
  const legislature = join(sharedData, 'openstates-or/legislature');
  const committees = join(sharedData, 'openstates-or/committees');
  let base = '';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    requests.push(path);
    const send = (body: string | Buffer, type = 'text/plain') => res.writeHead(200, { 'content-type': type }).end(body);
    if (path === OPENSTATES_PATH) {
      const files = readdirSync(legislature).map((name) => ({
        name,
        type: 'file',
        download_url: `${base}/raw/legislature/${encodeURIComponent(name)}`,
      }));
      return send(JSON.stringify([...files, { name: 'notes', type: 'dir', download_url: null }]), 'application/json');
    }
    // Committees: a listing of three of the files (the rest of the download is the whole roster).
    if (path === OPENSTATES_COMMITTEES_PATH) {
      const files = readdirSync(committees)
        .sort()
        .slice(0, 3)
        .map((name) => ({ name, type: 'file', download_url: `${base}/raw/committees/${encodeURIComponent(name)}` }));
      return send(JSON.stringify(files), 'application/json');
    }
    if (path.startsWith('/raw/committees/'))
      return send(readFileSync(join(committees, decodeURIComponent(path.slice(16)))));
    if (path.startsWith('/raw/legislature/'))
      return send(readFileSync(join(legislature, decodeURIComponent(path.slice(17)))));
    if (path === CENSUS_PATHS.senateBoundaries) return send(Buffer.from(senate), 'application/zip');
    if (path === CENSUS_PATHS.houseBoundaries)
      return send(readFileSync(join(sharedData, 'or-districts/OR_lower.json')), 'application/geo+json');
    if (path === CENSUS_PATHS.zctaCounty) return send(censusZctaCounty());
    if (path === CENSUS_PATHS.zctaSenate) return send(censusZctaDistricts('U', 'or-zip/or-zcta-sldu-membership.csv'));
    if (path === CENSUS_PATHS.zctaHouse) return send(censusZctaDistricts('L', 'or-zip/or-zcta-sldl-membership.csv'));
    if (path === CENSUS_PATHS.counties) return send(censusCounties());
    res.writeHead(404).end('not found');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve({ server, url: base, requests });
    }),
  );
}

describeWithSharedData('reference download', () => {
  let local: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    local = await startServer();
  });
  afterAll(async () => {
    local.server.closeAllConnections();
    await new Promise<void>((resolve) => local.server.close(() => resolve()));
  });

  describeEachDatabase('reference import from the publishers (a local stand-in)', (database) => {
    const db = () => database().db;

    it('downloads, converts and loads the same data as the local copies', async () => {
      local.requests.length = 0;
      const summary = await importReference(db(), {
        download: { censusUrl: local.url, openstatesUrl: `${local.url}/` },
      });
      expect(summary).toEqual({ senateDistricts: 30, houseDistricts: 60, legislators: 90, zips: 430 });
      expect(local.requests).toContain(CENSUS_PATHS.zctaCounty);
      expect(local.requests.filter((p) => p.startsWith('/raw/legislature/'))).toHaveLength(90);
      expect(await listCommittees(db())).toHaveLength(3);
      const sources = await db()
        .select({ dataset: referenceImports.dataset, source: referenceImports.source })
        .from(referenceImports);
      expect(sources.find((s) => s.dataset === 'legislators')?.source).toBe(`${local.url}${OPENSTATES_PATH}`);
      expect(await zipFacts(db(), '96101')).toBeUndefined();
      expect(await districtsAt(db(), -122.6793, 45.5148)).toEqual({ senate: '17', house: '33' });
      expect(await districtsAt(db(), -123.0302, 44.9386)).toEqual({ senate: '11', house: '21' });

      const downloaded = {
        zips: await db().select().from(zipAreas).orderBy(asc(zipAreas.zip)),
        people: await db().select().from(legislators).orderBy(asc(legislators.id)),
      };
      await importReference(db(), { dir: sharedData });
      expect(await db().select().from(zipAreas).orderBy(asc(zipAreas.zip))).toEqual(downloaded.zips);
      const strip = (rows: (typeof legislators.$inferSelect)[]) => rows.map(({ updatedAt: _, ...row }) => row);
      expect(strip(await db().select().from(legislators).orderBy(asc(legislators.id)))).toEqual(
        strip(downloaded.people),
      );
    });
  });

  it('says in one line which download failed', async () => {
    await expect(downloadReference({ censusUrl: `${local.url}/mirror`, openstatesUrl: local.url })).rejects.toThrow(
      `Could not download ${local.url}/mirror${CENSUS_PATHS.senateBoundaries}: HTTP 404`,
    );
    // No committees folder at the source is no committees, not a failure; the people listing is required.
    await expect(downloadReference({ censusUrl: local.url, openstatesUrl: `${local.url}/raw` })).rejects.toThrow(
      `Could not download ${local.url}/raw${OPENSTATES_PATH}: HTTP 404`,
    );
  });
});
