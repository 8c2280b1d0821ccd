import type { Db } from '../../platform/db/client.ts';
import { placeSigner, type Geocoder } from '../petitions/service.ts';
import { districtNumbers, districtsAt, isOregonZip, zipFacts } from '../reference/service.ts';
import type { FindMethod } from './schema.ts';

/**
 * A writer's districts and how we know them. `sure` is what the page says: an address the geocoder
 * matched, or a ZIP wholly inside one district, is a fact; a device's location or a district picked
 * on the map is only what the writer or their device told us, and the page asks them to check.
 */
export type FoundDistricts = { senate?: string; house?: string; method: FindMethod; sure: boolean };

/** Oregon's House districts nest two to a Senate district: n-1 and n within n/2. */
export const senateOf = (house: string): string => String(Math.ceil(Number(house) / 2));
export const housesWithin = (senate: string): [string, string] => [
  String(Number(senate) * 2 - 1),
  String(Number(senate) * 2),
];

/**
 * By street address (through the geocoder when there is one) or by ZIP alone when the ZIP lies wholly
 * in one district of a chamber. Undefined when neither says anything: we never guess.
 */
export async function findByAddress(
  db: Db,
  address: { street: string; zip: string },
  geocoder: Geocoder | undefined,
): Promise<FoundDistricts | undefined> {
  if (!isOregonZip(address.zip)) return undefined;
  const place = await placeSigner(await zipFacts(db, address.zip), address.street, address.zip, geocoder);
  if (place.districtSource === 'unknown') return undefined;
  const found: FoundDistricts = { method: place.districtSource === 'geocoder' ? 'address' : 'zip', sure: true };
  if (place.senateDistrict) found.senate = place.senateDistrict;
  if (place.houseDistrict) found.house = place.houseDistrict;
  // A ZIP whose House district is known names its Senate district too.
  if (!found.senate && found.house) found.senate = senateOf(found.house);
  return found;
}

/** By the browser's location, used for this look-up only: nothing here stores or logs it. */
export async function findByLocation(db: Db, lon: number, lat: number): Promise<FoundDistricts | undefined> {
  const at = await districtsAt(db, lon, lat);
  if (!at.senate && !at.house) return undefined;
  return { ...at, method: 'location', sure: false };
}

/**
 * Districts as a form carried them (hidden fields, a map link): each must be one the roster has,
 * and a House district must lie within the Senate district given with it. Anything else is no answer.
 */
export async function checkedDistricts(
  db: Db,
  given: { senate?: string | undefined; house?: string | undefined },
): Promise<{ senate?: string; house?: string } | undefined> {
  const senate = given.senate?.trim() || undefined;
  const house = given.house?.trim() || undefined;
  if (!senate && !house) return undefined;
  const [senates, houses] = await Promise.all([districtNumbers(db, 'upper'), districtNumbers(db, 'lower')]);
  if (senate && !senates.includes(senate)) return undefined;
  if (house && !houses.includes(house)) return undefined;
  if (senate && house && senateOf(house) !== senate) return undefined;
  const checked: { senate?: string; house?: string } = {};
  if (senate) checked.senate = senate;
  if (house) checked.house = house;
  if (!checked.senate && checked.house) checked.senate = senateOf(checked.house);
  return checked;
}

/** A district picked on the map (or its list): the Senate district; the House one the writer chooses next. */
export async function findByMapPick(db: Db, senate: string): Promise<FoundDistricts | undefined> {
  const checked = await checkedDistricts(db, { senate });
  return checked ? { ...checked, method: 'map', sure: false } : undefined;
}

/** What a form says about how the districts were found; anything else is taken as the least sure, a map pick. */
export function methodOf(text: string | undefined): FindMethod {
  return text === 'address' || text === 'zip' || text === 'location' ? text : 'map';
}

/** Whether the method is a fact about where the writer lives. */
export const isSure = (method: FindMethod): boolean => method === 'address' || method === 'zip';
