import { z } from 'zod';
import { LoadingCache } from '../../platform/cache.ts';
import type { Db } from '../../platform/db/client.ts';
import { zipFacts, type ZipFacts } from '../reference/service.ts';
import type { DistrictSource } from './schema.ts';

/** Where a signer is, as far as we know it; never more than we know. */
export type SignerPlace = {
  senateDistrict: string | null;
  houseDistrict: string | null;
  districtSource: DistrictSource;
  /** From the geocoder's match only; a ZIP code names no single city. */
  city: string | null;
  /** When the ZIP lies in one county. */
  county: string | null;
  /**
   * Senate districts the signer may choose from afterwards: set only when the district is unknown and the ZIP spans
   * several.
   */
  senateChoices: string[];
};

/** What the geocoder found for an address: districts only when every match agrees. */
export type Geocoded = { senate?: string; house?: string; city?: string };
export type Geocoder = (address: { street: string; zip: string }) => Promise<Geocoded | undefined>;

/**
 * ZIP facts change only when reference data is imported, and a spike of
 * signers asks for the same few hundred ZIPs: each is read at most once a
 * minute per process (and there are fewer than a thousand Oregon ZIPs).
 */
export class ZipFactsCache {
  private readonly kept: LoadingCache<string, ZipFacts | undefined>;
  constructor(
    private readonly db: Db,
    keepMs = 60_000,
  ) {
    this.kept = new LoadingCache({ max: 5000, freshMs: keepMs });
  }

  get(zip: string): Promise<ZipFacts | undefined> {
    return this.kept.get(zip, () => zipFacts(this.db, zip));
  }
}

/**
 * The signer's districts, from the best source there is (issue 5): the
 * street address through the geocoder, else the ZIP when it lies wholly in
 * one district, else unknown. A choice among the ZIP's Senate districts is
 * offered afterwards when that is all we can say. Never a guess.
 */
export async function placeSigner(
  facts: ZipFacts | undefined,
  street: string,
  zip: string,
  geocoder: Geocoder | undefined,
): Promise<SignerPlace> {
  const county = facts?.counties.length === 1 ? facts.counties[0]! : null;
  const zipSenate = facts?.senateDistricts.length === 1 ? facts.senateDistricts[0]! : null;
  const zipHouse = facts?.houseDistricts.length === 1 ? facts.houseDistricts[0]! : null;
  // The geocoder may be slow or away: then the ZIP is all we have.
  const found = street && geocoder ? await geocoder({ street, zip }).catch(() => undefined) : undefined;
  if (found?.senate) {
    // Oregon's House districts nest two to a Senate district: a ZIP's single House district is used only when it
    // agrees.
    const house =
      found.house ?? (zipHouse && Math.ceil(Number(zipHouse) / 2) === Number(found.senate) ? zipHouse : null);
    return {
      senateDistrict: found.senate,
      houseDistrict: house,
      districtSource: 'geocoder',
      city: found.city ?? null,
      county,
      senateChoices: [],
    };
  }
  const city = found?.city ?? null;
  if (zipSenate || zipHouse)
    return {
      senateDistrict: zipSenate,
      houseDistrict: zipHouse,
      districtSource: 'zip',
      city,
      county,
      senateChoices: zipSenate ? [] : choicesOf(facts),
    };
  return {
    senateDistrict: null,
    houseDistrict: null,
    districtSource: 'unknown',
    city,
    county,
    senateChoices: choicesOf(facts),
  };
}

function choicesOf(facts: ZipFacts | undefined): string[] {
  const districts = facts?.senateDistricts ?? [];
  return districts.length > 1 ? [...districts].sort((a, b) => Number(a) - Number(b)) : [];
}

/** Of a ZIP's House districts, the one inside Senate district `senate`, when exactly one is. */
export function houseWithin(facts: ZipFacts | undefined, senate: string): string | null {
  const inside = (facts?.houseDistricts ?? []).filter((h) => Math.ceil(Number(h) / 2) === Number(senate));
  return inside.length === 1 ? inside[0]! : null;
}

// The Census geocoder's answer, as ../shared/data/census-geocoder.md describes it; anything else is ignored.
const layer = z.array(z.record(z.string(), z.unknown()));
const answer = z.object({
  result: z.object({
    addressMatches: z
      .array(
        z.object({
          addressComponents: z.object({ city: z.string().optional(), state: z.string().optional() }).loose().optional(),
          geographies: z.record(z.string(), layer).optional(),
        }),
      )
      .default([]),
  }),
});

const LAYERS = 'State Legislative Districts - Upper,State Legislative Districts - Lower';

/**
 * The US Census Bureau's geocoder (address → Senate and House districts),
 * called from the server only, with a short timeout. The address is sent to
 * the Census Bureau and to no one else, and never logged. Layer names carry
 * the plan year ("2024 State Legislative Districts - Upper"), so they are
 * found by substring; if the named layers are not returned, one retry asks
 * for all of them.
 */
export function censusGeocoder(baseUrl: string, options: { timeoutMs?: number } = {}): Geocoder {
  const timeoutMs = options.timeoutMs ?? 4000;
  const ask = async (street: string, zip: string, layers: string) => {
    const url = new URL(`${baseUrl}/geographies/address`);
    url.search = new URLSearchParams({
      street,
      zip,
      state: 'OR',
      benchmark: 'Public_AR_Current',
      vintage: 'Current_Current',
      layers,
      format: 'json',
    }).toString();
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    if (!res.ok) return undefined;
    const parsed = answer.safeParse(await res.json());
    return parsed.success ? parsed.data.result.addressMatches : undefined;
  };
  return async ({ street, zip }) => {
    let matches = await ask(street, zip, LAYERS);
    if (
      matches &&
      matches.length > 0 &&
      matches.every((m) => !layerOf(m.geographies, 'Upper') && !layerOf(m.geographies, 'Lower'))
    )
      matches = await ask(street, zip, 'all');
    if (!matches || matches.length === 0) return undefined;
    const found = matches.map((m) => ({
      senate: districtIn(layerOf(m.geographies, 'Upper'), 'SLDU', 30),
      house: districtIn(layerOf(m.geographies, 'Lower'), 'SLDL', 60),
      city: m.addressComponents?.city ? titleCase(m.addressComponents.city) : undefined,
    }));
    // Several matches that disagree are several places: say nothing rather than pick one.
    const same = <K extends keyof Geocoded>(key: K) =>
      found.every((f) => f[key] === found[0]![key]) ? found[0]![key] : undefined;
    const result: Geocoded = {};
    const senate = same('senate');
    const house = same('house');
    const city = same('city');
    if (senate) result.senate = senate;
    if (house && (!senate || Math.ceil(Number(house) / 2) === Number(senate))) result.house = house;
    if (city) result.city = city;
    return result;
  };
}

function layerOf(geographies: Record<string, Record<string, unknown>[]> | undefined, chamber: 'Upper' | 'Lower') {
  if (!geographies) return undefined;
  const key = Object.keys(geographies).find((k) => k.includes(`State Legislative Districts - ${chamber}`));
  return key ? geographies[key] : undefined;
}

/** "011" → "11", for Oregon (state 41) only; a failed layer, another state or a code like "ZZZ" is no answer. */
function districtIn(
  rows: Record<string, unknown>[] | undefined,
  field: 'SLDU' | 'SLDL',
  max: number,
): string | undefined {
  const row = rows?.length === 1 ? rows[0] : undefined;
  if (!row || (row.STATE !== undefined && row.STATE !== '41')) return undefined;
  const code = row[field];
  if (typeof code !== 'string' || !/^\d{1,3}$/.test(code)) return undefined;
  const n = Number.parseInt(code, 10);
  return n >= 1 && n <= max ? String(n) : undefined;
}

function titleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/(^|[\s'-])(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase())
    .slice(0, 100);
}
