import { describe, expect, it } from 'vitest';
import { compareReference, nothingChanged, type ReferenceSnapshot } from './changes.ts';

const person = (id: string, name: string, district: string, party = 'Democratic') => ({
  id,
  name,
  chamber: 'upper' as const,
  district,
  party,
});
const before: ReferenceSnapshot = {
  legislators: [person('a', 'Ana Alvarez', '1'), person('b', 'Ben Brooks', '2'), person('c', 'Cy Chen', '3')],
  districts: [
    { chamber: 'upper', district: '1', svgPath: 'M0 0' },
    { chamber: 'upper', district: '2', svgPath: 'M1 1' },
  ],
  zips: [
    { zip: '97001', counties: ['Wasco'], senateDistricts: ['1'], houseDistricts: ['1'] },
    { zip: '97002', counties: ['Marion'], senateDistricts: ['2'], houseDistricts: ['3'] },
  ],
};

describe('what an import changed', () => {
  it('names who arrived, who left and whose seat or party changed, and counts redrawn districts and moved ZIPs', () => {
    const after: ReferenceSnapshot = {
      legislators: [
        person('a', 'Ana Alvarez', '1', 'Independent'),
        person('c', 'Cy Chen', '3'),
        person('d', 'Di Diaz', '2'),
      ],
      districts: [
        { chamber: 'upper', district: '1', svgPath: 'M0 0' },
        { chamber: 'upper', district: '2', svgPath: 'M2 2' },
        { chamber: 'upper', district: '3', svgPath: 'M3 3' },
      ],
      zips: [
        { zip: '97002', counties: ['Marion', 'Clackamas'], senateDistricts: ['2'], houseDistricts: ['3'] },
        { zip: '97003', counties: ['Polk'], senateDistricts: ['3'], houseDistricts: ['5'] },
      ],
    };
    const changes = compareReference(before, after);
    expect(changes.firstImport).toBe(false);
    expect(changes.legislators.arrived.map((p) => p.name)).toEqual(['Di Diaz']);
    expect(changes.legislators.left.map((p) => p.name)).toEqual(['Ben Brooks']);
    expect(changes.legislators.changed).toEqual([
      {
        before: { name: 'Ana Alvarez', chamber: 'upper', district: '1', party: 'Democratic' },
        after: { name: 'Ana Alvarez', chamber: 'upper', district: '1', party: 'Independent' },
      },
    ]);
    expect(changes.districts).toEqual({ before: 2, after: 3, redrawn: 1 });
    expect(changes.zips).toEqual({ added: 1, removed: 1, changed: 1 });
    expect(nothingChanged(changes)).toBe(false);
  });

  it('calls a load into empty tables the first import, and the same data again no change', () => {
    const empty = { legislators: [], districts: [], zips: [] };
    expect(compareReference(empty, before).firstImport).toBe(true);
    expect(nothingChanged(compareReference(empty, before))).toBe(false);
    expect(nothingChanged(compareReference(before, structuredClone(before)))).toBe(true);
  });
});
