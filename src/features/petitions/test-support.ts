import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../../platform/db/client.ts';
import { normalizeEmail } from '../../platform/email-address.ts';
import { legislativeDistricts, zipAreas } from '../reference/schema.ts';
import { petitions } from './schema.ts';
import type { PendingSignature } from './pending-signature.ts';

// Test helpers for the public petition side; imported by tests only.

/**
 * A few ZIP areas shaped like the Census relationship files make them: one
 * lying wholly in one district of each chamber, one spanning three Senate
 * districts, and one in one Senate district but two House districts.
 */
export const testZips = {
  single: { zip: '97204', counties: ['Multnomah'], senateDistricts: ['17'], houseDistricts: ['33'] },
  several: {
    zip: '97301',
    counties: ['Marion'],
    senateDistricts: ['9', '10', '11'],
    houseDistricts: ['17', '19', '20', '21', '22'],
  },
  houseSplit: { zip: '97405', counties: ['Lane'], senateDistricts: ['4'], houseDistricts: ['7', '8'] },
} as const;

export async function seedTestZips(db: Db): Promise<void> {
  await db
    .insert(zipAreas)
    .values(
      Object.values(testZips).map((z) => ({
        zip: z.zip,
        counties: [...z.counties],
        senateDistricts: [...z.senateDistricts],
        houseDistricts: [...z.houseDistricts],
      })),
    )
    .onConflictDoNothing();
}

/**
 * Thirty small squares standing in for the Senate districts, so the page draws a map without the real boundary files.
 */
export async function seedTestDistricts(db: Db): Promise<void> {
  await db
    .insert(legislativeDistricts)
    .values(
      Array.from({ length: 30 }, (_, i) => ({
        chamber: 'upper' as const,
        district: String(i + 1),
        name: `State Senate District ${i + 1}`,
        geometry: { type: 'Polygon' as const, coordinates: [] },
        svgPath: `M${(i % 6) * 100} ${Math.floor(i / 6) * 100}l90 0l0 90l-90 0z`,
      })),
    )
    .onConflictDoNothing();
}

export async function makeOpenPetition(db: Db, slug: string, extra: Partial<typeof petitions.$inferInsert> = {}) {
  const [row] = await db
    .insert(petitions)
    .values({
      slug,
      target: 'Oregon Legislature',
      en: {
        title: `Safety for all (${slug})`,
        summary: 'Everyone deserves safety.',
        statement: 'Everyone deserves **safety**.',
      },
      es: {
        title: `Seguridad para todos (${slug})`,
        summary: 'Todas las personas merecen seguridad.',
        statement: 'Todas las personas merecen **seguridad**.',
      },
      goal: 100,
      thresholds: [{ count: 10, message: { en: 'At 10 we celebrate.', es: 'Con 10 lo celebramos.' } }],
      status: 'open',
      ...extra,
    })
    .returning();
  return row!;
}

/** A complete, valid signature as the sign route would hand it to the batcher. */
export function pendingSignature(
  petition: { id: number; slug: string },
  email: string,
  extra: Partial<PendingSignature> = {},
): PendingSignature {
  return {
    petitionId: petition.id,
    email: normalizeEmail(email),
    emailAsTyped: email,
    givenName: 'Ana',
    familyName: 'Rivera',
    zip: testZips.single.zip,
    street: null,
    comment: null,
    showPublicly: false,
    senateDistrict: '17',
    houseDistrict: '33',
    districtSource: 'zip',
    city: null,
    county: 'Multnomah',
    locale: 'en',
    ipHash: 'test-ip-hash',
    source: null,
    newsletter: undefined,
    petition: { slug: petition.slug, title: 'Safety for all' },
    ...extra,
  };
}

/**
 * A stand-in for the Census geocoder on this machine, answering
 * /geographies/address in the documented shape (../shared/data/census-geocoder.md):
 * "1 Capitol" is in Senate 11 / House 21 (Salem), "2 Split" matches twice in
 * different districts, "3 Broken" has a failed layer, "4 Plain" comes back
 * without district layers unless asked for all of them; anything else matches nothing.
 */
export async function startFakeGeocoder(): Promise<{ url: string; requests: URL[]; close(): Promise<void> }> {
  const requests: URL[] = [];
  const match = (senate: string, house: string, city: string) => ({
    matchedAddress: `SOMEWHERE, ${city.toUpperCase()}, OR, 97301`,
    coordinates: { x: -123.03, y: 44.94 },
    addressComponents: { city: city.toUpperCase(), state: 'OR', zip: '97301' },
    geographies: {
      States: [{ STATE: '41', NAME: 'Oregon', STUSAB: 'OR' }],
      '2024 State Legislative Districts - Upper': [
        {
          GEOID: `41${senate.padStart(3, '0')}`,
          STATE: '41',
          SLDU: senate.padStart(3, '0'),
          BASENAME: senate,
          NAME: `State Senate District ${senate}`,
        },
      ],
      '2024 State Legislative Districts - Lower': [
        {
          GEOID: `41${house.padStart(3, '0')}`,
          STATE: '41',
          SLDL: house.padStart(3, '0'),
          BASENAME: house,
          NAME: `State House District ${house}`,
        },
      ],
    },
  });
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url);
    const street = url.searchParams.get('street') ?? '';
    let matches: unknown[] = [];
    if (street.startsWith('1 Capitol')) matches = [match('11', '21', 'Salem')];
    if (street.startsWith('2 Split')) matches = [match('11', '21', 'Salem'), match('10', '20', 'Salem')];
    if (street.startsWith('3 Broken')) {
      const m = match('11', '21', 'Salem');
      m.geographies['2024 State Legislative Districts - Upper'] = [
        { status: 'Layer query encountered an error: timeout' } as never,
      ];
      m.geographies['2024 State Legislative Districts - Lower'] = [
        { status: 'Layer query encountered an error: timeout' } as never,
      ];
      matches = [m];
    }
    if (street.startsWith('4 Plain')) {
      const m = match('12', '23', 'Dallas');
      if (url.searchParams.get('layers') !== 'all') {
        delete (m.geographies as Record<string, unknown>)['2024 State Legislative Districts - Upper'];
        delete (m.geographies as Record<string, unknown>)['2024 State Legislative Districts - Lower'];
      }
      matches = [m];
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ result: { input: { address: { street } }, addressMatches: matches } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/geocoder`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
