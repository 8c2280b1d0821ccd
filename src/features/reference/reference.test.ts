import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { importReference, ReferenceImportError } from './import.ts';
import { legislators, referenceImports, zipAreas } from './schema.ts';
import { districtMapSvg, districtsAt, legislatorsFor, listLegislators, referenceStatus, zipFacts } from './service.ts';
import { describeWithSharedData, sharedData } from './test-data.ts';

// Places checked in or-districts/SOURCE.md, as [longitude, latitude].
const places: [string, [number, number], { senate: string; house: string }][] = [
  ['the Capitol, Salem', [-123.0302, 44.9386], { senate: '11', house: '21' }],
  ['Portland City Hall', [-122.6793, 45.5148], { senate: '17', house: '33' }],
  ['Bend', [-121.3153, 44.0582], { senate: '27', house: '54' }],
  ['Pendleton', [-118.7886, 45.6721], { senate: '29', house: '58' }],
];

describeWithSharedData('reference data', () => {
  describeEachDatabase('reference import from ../shared/data', (database) => {
    const db = () => database().db;

    it('answers "not loaded" before any import', async () => {
      expect(await zipFacts(db(), '97301')).toBeUndefined();
      expect(await districtsAt(db(), -123.0302, 44.9386)).toEqual({});
      expect(await districtMapSvg(db(), 'upper', new Map(), { title: 'Signatures' })).toBeUndefined();
      expect(await referenceStatus(db())).toEqual({ districts: 0, legislators: 0, zips: 0, imports: [] });
    });

    it('loads 30 Senate and 60 House districts, 90 legislators and 430 ZIP areas, recording each dataset', async () => {
      const summary = await importReference(db(), { dir: sharedData });
      expect(summary).toEqual({ senateDistricts: 30, houseDistricts: 60, legislators: 90, zips: 430 });
      const status = await referenceStatus(db());
      expect(status).toMatchObject({ districts: 90, legislators: 90, zips: 430 });
      expect(status.imports.map((i) => [i.dataset, i.rows]).sort()).toEqual([
        ['committees', 49],
        ['districts', 90],
        ['legislators', 90],
        ['zip-areas', 430],
      ]);
    });

    it('finds the districts of known places and nothing outside Oregon (the import refreshed the cache)', async () => {
      for (const [, [lon, lat], expected] of places) expect(await districtsAt(db(), lon, lat)).toEqual(expected);
      expect(await districtsAt(db(), -116.2023, 43.615)).toEqual({}); // Boise, Idaho
      expect(await districtsAt(db(), Number.NaN, 44)).toEqual({});
    });

    it('tells a ZIP in one county and district from one spanning several; knows nothing of PO-box ZIPs', async () => {
      expect(await zipFacts(db(), '97204')).toEqual({
        counties: ['Multnomah'],
        senateDistricts: ['17'],
        houseDistricts: ['33'],
      });
      const salem = await zipFacts(db(), '97301');
      expect(salem?.counties).toEqual(['Marion']);
      expect(salem?.senateDistricts.length).toBeGreaterThan(1);
      // Largest share of land first: 97002 is mostly Marion, partly Clackamas.
      expect((await zipFacts(db(), '97002'))?.counties).toEqual(['Marion', 'Clackamas']);
      expect((await zipFacts(db(), '97635'))?.counties).toEqual(['outside Oregon', 'Lake']);
      expect(await zipFacts(db(), '97308')).toBeUndefined(); // a Salem PO-box ZIP: no ZCTA
      expect(await zipFacts(db(), '9730')).toBeUndefined();
    });

    it('lists the sitting legislators with their contacts, and the member for a district', async () => {
      const all = await listLegislators(db());
      expect(all).toHaveLength(90);
      expect(all[0]).toMatchObject({ chamber: 'upper', district: '1' });
      expect(all.filter((l) => l.chamber === 'upper')).toHaveLength(30);
      const [member] = await legislatorsFor(db(), 'lower', '22');
      expect(member).toMatchObject({
        name: 'Lesly Muñoz',
        party: 'Democratic/Working Families',
        email: 'rep.leslymunoz@oregonlegislature.gov',
      });
      expect(member!.contact).toMatchObject({ offices: [{ classification: 'capitol', voice: '503-986-1422' }] });
      expect(JSON.stringify(member!.contact)).not.toContain('PublishingImages'); // no photo links to other hosts
      expect(await legislatorsFor(db(), 'upper', '011')).toHaveLength(1);
      expect(await legislatorsFor(db(), 'upper', '31')).toEqual([]);
    });

    it('draws the Senate map as a small accessible SVG: 30 shaded districts, each with its own title', async () => {
      const svg = (await districtMapSvg(
        db(),
        'upper',
        new Map([
          ['9', 120],
          ['11', 1],
        ]),
        { title: 'Signatures by district', describedBy: 'by-district' },
      ))!;
      const opening = [
        '^<svg xmlns="http://www\\.w3\\.org/2000/svg"',
        'viewBox="0 0 \\d+ \\d+"',
        'role="img" aria-label="Signatures by district" aria-describedby="by-district"',
      ].join(' ');
      expect(svg).toMatch(new RegExp(opening));
      expect(
        svg.match(
          /<path d="M[-\d lz M]+" fill="#[0-9a-f]{6}"><title>Senate District \d+: [\d,]+ signatures?<\/title><\/path>/g,
        ),
      ).toHaveLength(30);
      expect(svg).toContain('<title>Senate District 9: 120 signatures</title>');
      expect(svg).toContain('<title>Senate District 11: 1 signature</title>');
      expect(svg.endsWith('</g></svg>')).toBe(true);
      expect(Buffer.byteLength(svg)).toBeLessThan(40_000);
      const es = (await districtMapSvg(db(), 'lower', new Map(), { title: 'Firmas <por> distrito', locale: 'es' }))!;
      expect(es.match(/<path /g)).toHaveLength(60);
      expect(es).toContain('Firmas &#60;por&#62; distrito');
      expect(es).toContain('<title>Distrito de la Cámara 60: 0 firmas</title>');
    });

    it('gives the same tables when run again', async () => {
      const before = {
        zips: await db().select().from(zipAreas).orderBy(asc(zipAreas.zip)),
        people: await listLegislators(db()),
      };
      await importReference(db(), { dir: sharedData });
      expect(await db().select().from(zipAreas).orderBy(asc(zipAreas.zip))).toEqual(before.zips);
      const after = await listLegislators(db());
      expect(after.map(({ updatedAt: _, ...l }) => l)).toEqual(before.people.map(({ updatedAt: _, ...l }) => l));
      expect(await db().$count(referenceImports)).toBe(8); // the history of imports grows; the data does not
      expect(await districtsAt(db(), -123.0302, 44.9386)).toEqual({ senate: '11', house: '21' });
    });

    it('leaves the loaded data in place when a file is bad', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'groundswell-reference-'));
      afterAll(() => rmSync(dir, { recursive: true, force: true }));
      cpSync(sharedData, dir, { recursive: true });
      writeFileSync(join(dir, 'or-zip/or-zcta-sldl-membership.csv'), 'zcta,district\n97301,61\n');
      await expect(importReference(db(), { dir })).rejects.toThrow(
        new ReferenceImportError(`${dir}/or-zip/or-zcta-sldl-membership.csv: malformed row "97301,61"`),
      );
      expect(await db().$count(legislators)).toBe(90);
      expect(await db().$count(zipAreas)).toBe(430);
    });
  });
});
