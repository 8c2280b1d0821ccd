import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseZip } from 'shpjs';
import { z } from 'zod';
import { ReferenceImportError } from './parse.ts';

/** Files as read, before any parsing: the same shape from a folder or from the publishers. */
export type Text = { text: string; source: string };
export type RawReference = {
  districts: { json: unknown; source: string }[];
  legislators: Text[];
  /** Open States committee files; none when the source has no committees folder. */
  committees: Text[];
  zip: { counties: Text; zctaCounty: Text; senate: Text; house: Text };
  /** Where each dataset came from, recorded in reference_imports. */
  from: { districts: string; legislators: string; committees: string; zips: string };
};

/** The layout of ../shared/data, which tests, CI and the demo use. */
export const LOCAL_LAYOUT = {
  districts: 'or-districts',
  legislators: 'openstates-or/legislature',
  committees: 'openstates-or/committees',
  counties: 'or-zip/or-counties.csv',
  zctaCounty: 'or-zip/or-zcta-county.csv',
  senate: 'or-zip/or-zcta-sldu-membership.csv',
  house: 'or-zip/or-zcta-sldl-membership.csv',
} as const;

export function readLocalReference(dir: string): RawReference {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new ReferenceImportError(`Reference data folder not found: ${dir}`);
  const list = (folder: string, extension: string) => {
    const path = join(dir, folder);
    const names =
      existsSync(path) && statSync(path).isDirectory()
        ? readdirSync(path)
            .filter((n) => n.endsWith(extension))
            .sort()
        : [];
    if (names.length === 0)
      throw new ReferenceImportError(`No ${extension} files in ${path} (expected the layout of ../shared/data)`);
    return names.map((name) => join(path, name));
  };
  const read = (path: string): Text => {
    if (!existsSync(path)) throw new ReferenceImportError(`Missing ${path} (expected the layout of ../shared/data)`);
    return { text: readFileSync(path, 'utf8'), source: path };
  };
  return {
    districts: list(LOCAL_LAYOUT.districts, '.json').map((path) => ({ json: parseJson(read(path)), source: path })),
    legislators: list(LOCAL_LAYOUT.legislators, '.yml').map(read),
    // Committees came later than the rest of the layout: an older copy without them still imports.
    committees: existsSync(join(dir, LOCAL_LAYOUT.committees)) ? list(LOCAL_LAYOUT.committees, '.yml').map(read) : [],
    zip: {
      counties: read(join(dir, LOCAL_LAYOUT.counties)),
      zctaCounty: read(join(dir, LOCAL_LAYOUT.zctaCounty)),
      senate: read(join(dir, LOCAL_LAYOUT.senate)),
      house: read(join(dir, LOCAL_LAYOUT.house)),
    },
    from: {
      districts: join(dir, LOCAL_LAYOUT.districts),
      legislators: join(dir, LOCAL_LAYOUT.legislators),
      committees: join(dir, LOCAL_LAYOUT.committees),
      zips: join(dir, 'or-zip'),
    },
  };
}

function parseJson({ text, source }: Text): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ReferenceImportError(`${source}: not valid JSON (${(error as Error).message})`);
  }
}

/**
 * The publishers' own files. The hosts are configurable (for a mirror, and for
 * the tests' local server); the paths are the publishers'.
 */
export const DEFAULT_CENSUS_URL = 'https://www2.census.gov';
export const DEFAULT_OPENSTATES_URL = 'https://api.github.com';
export const CENSUS_PATHS = {
  /** Cartographic boundary files, 1:500,000, zipped shapefiles (a GeoJSON answer is accepted too). */
  senateBoundaries: '/geo/tiger/GENZ2024/shp/cb_2024_41_sldu_500k.zip',
  houseBoundaries: '/geo/tiger/GENZ2024/shp/cb_2024_41_sldl_500k.zip',
  /** 2020 ZCTA ↔ county, and 2020 ZCTA ↔ 2024 state legislative districts (national, pipe-separated). */
  zctaCounty: '/geo/docs/maps-data/data/rel2020/zcta520/tab20_zcta520_county20_natl.txt',
  zctaSenate: '/geo/docs/maps-data/data/rel2020/cd-sld/tab20_sldu202420_zcta520_natl.txt',
  zctaHouse: '/geo/docs/maps-data/data/rel2020/cd-sld/tab20_sldl202420_zcta520_natl.txt',
  /** Oregon's county names. */
  counties: '/geo/docs/reference/codes2020/cou/st41_or_cou2020.txt',
} as const;
/** Open States' people repository, through GitHub's contents listing: one YAML file per sitting legislator. */
export const OPENSTATES_PATH = '/repos/openstates/people/contents/data/or/legislature';
/** The same repository's committees: one YAML file per committee. */
export const OPENSTATES_COMMITTEES_PATH = '/repos/openstates/people/contents/data/or/committees';

export type DownloadOptions = { censusUrl?: string; openstatesUrl?: string; timeoutMs?: number };

const listing = z.array(z.object({ name: z.string(), type: z.string(), download_url: z.string().nullable() }));

export async function downloadReference(options: DownloadOptions = {}): Promise<RawReference> {
  const census = (options.censusUrl ?? DEFAULT_CENSUS_URL).replace(/\/$/, '');
  const openstates = (options.openstatesUrl ?? DEFAULT_OPENSTATES_URL).replace(/\/$/, '');
  const timeoutMs = options.timeoutMs ?? 120_000;
  // The first failure stops the other downloads: the import is abandoned anyway.
  const stop = new AbortController();
  const get = async (url: string) => {
    try {
      return await fetchBytes(url, AbortSignal.any([stop.signal, AbortSignal.timeout(timeoutMs)]));
    } catch (error) {
      stop.abort();
      throw error;
    }
  };
  const text = async (url: string): Promise<Text> => ({ text: new TextDecoder().decode(await get(url)), source: url });

  const listingUrl = `${openstates}${OPENSTATES_PATH}`;
  const files = listing.safeParse(parseJson(await text(listingUrl)));
  if (!files.success) throw new ReferenceImportError(`${listingUrl}: not a folder listing of Open States files`);
  const yamlUrls = files.data
    .filter((f) => f.type === 'file' && f.name.endsWith('.yml') && f.download_url)
    .map((f) => f.download_url!);
  if (yamlUrls.length === 0) throw new ReferenceImportError(`${listingUrl}: no legislator files listed`);

  // Before the others and without stopping them: a missing committees folder is not a failed import.
  const committees = await downloadCommittees(openstates, async (url) => ({
    text: new TextDecoder().decode(await fetchBytes(url, AbortSignal.timeout(timeoutMs))),
    source: url,
  }));

  const boundaryUrls = [`${census}${CENSUS_PATHS.senateBoundaries}`, `${census}${CENSUS_PATHS.houseBoundaries}`];
  const [districts, legislators, counties, zctaCounty, senate, house] = await Promise.all([
    Promise.all(boundaryUrls.map(async (url) => ({ json: await boundaries(await get(url), url), source: url }))),
    inBatches(yamlUrls, 8, text),
    text(`${census}${CENSUS_PATHS.counties}`),
    text(`${census}${CENSUS_PATHS.zctaCounty}`),
    text(`${census}${CENSUS_PATHS.zctaSenate}`),
    text(`${census}${CENSUS_PATHS.zctaHouse}`),
  ]);
  return {
    districts,
    legislators,
    committees,
    zip: { counties, zctaCounty, senate, house },
    from: {
      districts: `${census}/geo/tiger/GENZ2024/shp/`,
      legislators: listingUrl,
      committees: `${openstates}${OPENSTATES_COMMITTEES_PATH}`,
      zips: `${census}/geo/docs/maps-data/data/rel2020/`,
    },
  };
}

/** Open States' committee files; a listing that is not there (HTTP 404) means the source keeps none. */
async function downloadCommittees(openstates: string, text: (url: string) => Promise<Text>): Promise<Text[]> {
  const listingUrl = `${openstates}${OPENSTATES_COMMITTEES_PATH}`;
  let listed: Text;
  try {
    listed = await text(listingUrl);
  } catch (error) {
    if (error instanceof ReferenceImportError && error.message.endsWith('HTTP 404')) return [];
    throw error;
  }
  const files = listing.safeParse(parseJson(listed));
  if (!files.success) throw new ReferenceImportError(`${listingUrl}: not a folder listing of Open States files`);
  const urls = files.data
    .filter((f) => f.type === 'file' && f.name.endsWith('.yml') && f.download_url)
    .map((f) => f.download_url!);
  return inBatches(urls, 8, text);
}

async function fetchBytes(url: string, signal: AbortSignal): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { 'user-agent': 'Groundswell reference import' } });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new ReferenceImportError(
      `Could not download ${url}: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
    );
  }
  if (!response.ok) throw new ReferenceImportError(`Could not download ${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The Census serves zipped shapefiles; a mirror (or the tests) may serve the same boundaries as GeoJSON. */
async function boundaries(bytes: Uint8Array, url: string): Promise<unknown> {
  const start = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart();
  if (start.startsWith('{')) return parseJson({ text: new TextDecoder().decode(bytes), source: url });
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    try {
      const layers = await parseZip(bytes);
      return Array.isArray(layers) ? layers[0] : layers;
    } catch (error) {
      throw new ReferenceImportError(`${url}: not a readable zipped shapefile (${(error as Error).message})`);
    }
  }
  throw new ReferenceImportError(`${url}: neither GeoJSON nor a zipped shapefile`);
}

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return results;
}
