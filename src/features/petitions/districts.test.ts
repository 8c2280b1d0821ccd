import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { Secrets } from '../../platform/crypto.ts';
import { zipFacts } from '../reference/service.ts';
import { signatures } from './schema.ts';
import {
  censusGeocoder,
  chooseDistrict,
  districtChoicesFor,
  districtChoiceToken,
  placeSigner,
  signatureFromChoiceToken,
  SignatureBatcher,
} from './service.ts';
import { makeOpenPetition, pendingSignature, seedTestZips, startFakeGeocoder, testZips } from './test-support.ts';

const secrets = new Secrets('test-secret-key-that-is-long-enough-0123456789');
const facts = (z: (typeof testZips)[keyof typeof testZips]) => ({
  counties: [...z.counties],
  senateDistricts: [...z.senateDistricts],
  houseDistricts: [...z.houseDistricts],
});

describe('where a signer is: never a guess', () => {
  let geocoder: Awaited<ReturnType<typeof startFakeGeocoder>>;
  beforeAll(async () => {
    geocoder = await startFakeGeocoder();
  });
  afterAll(() => geocoder.close());

  it('takes the districts from a ZIP that lies wholly in one, with its county', async () => {
    expect(await placeSigner(facts(testZips.single), '', '97204', undefined)).toEqual({
      senateDistrict: '17',
      houseDistrict: '33',
      districtSource: 'zip',
      city: null,
      county: 'Multnomah',
      senateChoices: [],
    });
  });

  it('leaves a ZIP across several districts unknown and offers its Senate districts to choose from', async () => {
    const place = await placeSigner(facts(testZips.several), '', '97301', undefined);
    expect(place).toMatchObject({
      senateDistrict: null,
      houseDistrict: null,
      districtSource: 'unknown',
      senateChoices: ['9', '10', '11'],
    });
  });

  it('keeps what a ZIP says for sure and nothing more: one Senate district, two House districts', async () => {
    expect(await placeSigner(facts(testZips.houseSplit), '', '97405', undefined)).toMatchObject({
      senateDistrict: '4',
      houseDistrict: null,
      districtSource: 'zip',
      senateChoices: [],
    });
  });

  it('is unknown with no reference data for the ZIP, and offers nothing to choose', async () => {
    expect(await placeSigner(undefined, '', '97999', undefined)).toMatchObject({
      districtSource: 'unknown',
      senateChoices: [],
      county: null,
    });
  });

  it('asks the geocoder when a street address is given, finding the layers by name whatever their year', async () => {
    const ask = censusGeocoder(geocoder.url);
    expect(await ask({ street: '1 Capitol St NE', zip: '97301' })).toEqual({
      senate: '11',
      house: '21',
      city: 'Salem',
    });
    const request = geocoder.requests.at(-1)!;
    expect(request.pathname).toBe('/geocoder/geographies/address');
    expect(Object.fromEntries(request.searchParams)).toMatchObject({
      street: '1 Capitol St NE',
      zip: '97301',
      state: 'OR',
      benchmark: 'Public_AR_Current',
      vintage: 'Current_Current',
      format: 'json',
    });
    const place = await placeSigner(facts(testZips.several), '1 Capitol St NE', '97301', ask);
    expect(place).toMatchObject({
      senateDistrict: '11',
      houseDistrict: '21',
      districtSource: 'geocoder',
      city: 'Salem',
      senateChoices: [],
    });
  });

  it('says nothing when matches disagree or a layer failed, and falls back to the ZIP', async () => {
    const ask = censusGeocoder(geocoder.url);
    expect(await ask({ street: '2 Split Rd', zip: '97301' })).toEqual({ city: 'Salem' });
    expect(await ask({ street: '3 Broken Ave', zip: '97301' })).toEqual({ city: 'Salem' });
    expect(await ask({ street: '99 Nowhere Ln', zip: '97301' })).toBeUndefined();
    expect(await placeSigner(facts(testZips.single), '2 Split Rd', '97204', ask)).toMatchObject({
      senateDistrict: '17',
      districtSource: 'zip',
      city: 'Salem',
    });
    expect(await placeSigner(facts(testZips.several), '99 Nowhere Ln', '97301', ask)).toMatchObject({
      districtSource: 'unknown',
      senateChoices: ['9', '10', '11'],
    });
  });

  it('asks again for every layer when the named ones do not come back', async () => {
    const ask = censusGeocoder(geocoder.url);
    const before = geocoder.requests.length;
    expect(await ask({ street: '4 Plain Way', zip: '97338' })).toEqual({ senate: '12', house: '23', city: 'Dallas' });
    expect(geocoder.requests.slice(before).map((r) => r.searchParams.get('layers'))).toEqual([
      'State Legislative Districts - Upper,State Legislative Districts - Lower',
      'all',
    ]);
  });

  it('falls back to the ZIP when the geocoder cannot be reached', async () => {
    const away = censusGeocoder('http://127.0.0.1:9/geocoder', { timeoutMs: 500 });
    expect(await placeSigner(facts(testZips.single), '1 Capitol St NE', '97204', away)).toMatchObject({
      senateDistrict: '17',
      districtSource: 'zip',
    });
  });
});

describeEachDatabase('a signer choosing their district', (database) => {
  const db = () => database().db;
  const factsOf = (zip: string) => zipFacts(db(), zip);
  beforeAll(() => seedTestZips(db()));

  it('sets a still-unknown district to one of the ZIP’s, once, and never to another', async () => {
    const petition = await makeOpenPetition(db(), 'choose');
    const batcher = new SignatureBatcher({ db: db(), secrets, emailDomain: 'localhost', maxInFlight: 1 });
    const unknown = { zip: '97301', senateDistrict: null, houseDistrict: null, districtSource: 'unknown' as const };
    const { signatureId } = await batcher.submit(pendingSignature(petition, 'chooser@example.org', unknown));
    const { signatureId: known } = await batcher.submit(pendingSignature(petition, 'known@example.org'));

    const token = districtChoiceToken(secrets, signatureId!);
    expect(signatureFromChoiceToken(secrets, token)).toBe(signatureId);
    expect(signatureFromChoiceToken(secrets, `${signatureId! + 1}.${token.split('.')[1]}`)).toBeUndefined();

    expect(await districtChoicesFor(db(), signatureId!, factsOf)).toEqual(['9', '10', '11']);
    expect(await chooseDistrict(db(), signatureId!, '17', factsOf)).toBe(false);
    expect(await chooseDistrict(db(), signatureId!, '11', factsOf)).toBe(true);
    const [row] = await db().select().from(signatures).where(eq(signatures.id, signatureId!));
    // Of 97301's House districts, 21 and 22 lie in Senate 11: still two, so the House district stays unknown.
    expect(row).toMatchObject({ senateDistrict: '11', houseDistrict: null, districtSource: 'chosen' });
    expect(await chooseDistrict(db(), signatureId!, '10', factsOf)).toBe(false);
    expect(await districtChoicesFor(db(), signatureId!, factsOf)).toEqual([]);
    // A district that came from the ZIP is not open to choice.
    expect(await chooseDistrict(db(), known!, '17', factsOf)).toBe(false);
  });
});
