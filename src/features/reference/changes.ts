import type { ReferenceChanges, SeatHolder } from './schema.ts';

/** What is compared of the reference data: enough to tell staff what an import changed, not the whole rows. */
export type ReferenceSnapshot = {
  legislators: (SeatHolder & { id: string })[];
  districts: { chamber: string; district: string; svgPath: string }[];
  zips: { zip: string; counties: string[]; senateDistricts: string[]; houseDistricts: string[] }[];
};

const seat = ({ name, chamber, district, party }: SeatHolder): SeatHolder => ({ name, chamber, district, party });
const bySeat = (a: SeatHolder, b: SeatHolder) =>
  a.chamber === b.chamber
    ? Number(a.district) - Number(b.district) || a.name.localeCompare(b.name)
    : a.chamber === 'upper'
      ? -1
      : 1;

/**
 * Who arrived, who left and whose seat or party changed (Open States' person
 * id says it is the same person); how many districts were redrawn; how many
 * ZIP areas appeared, went or now lie in other counties or districts.
 */
export function compareReference(before: ReferenceSnapshot, after: ReferenceSnapshot): ReferenceChanges {
  const oldPeople = new Map(before.legislators.map((p) => [p.id, p]));
  const newPeople = new Map(after.legislators.map((p) => [p.id, p]));
  const changed: ReferenceChanges['legislators']['changed'] = [];
  for (const [id, now] of newPeople) {
    const then = oldPeople.get(id);
    if (then && JSON.stringify(seat(then)) !== JSON.stringify(seat(now)))
      changed.push({ before: seat(then), after: seat(now) });
  }
  const oldShapes = new Map(before.districts.map((d) => [`${d.chamber}:${d.district}`, d.svgPath]));
  const oldZips = new Map(before.zips.map((z) => [z.zip, z]));
  const newZips = new Set(after.zips.map((z) => z.zip));
  const facts = (z: ReferenceSnapshot['zips'][number]) =>
    JSON.stringify([z.counties, z.senateDistricts, z.houseDistricts]);
  return {
    firstImport: before.legislators.length === 0 && before.districts.length === 0 && before.zips.length === 0,
    legislators: {
      arrived: after.legislators
        .filter((p) => !oldPeople.has(p.id))
        .map(seat)
        .sort(bySeat),
      left: before.legislators
        .filter((p) => !newPeople.has(p.id))
        .map(seat)
        .sort(bySeat),
      changed: changed.sort((a, b) => bySeat(a.after, b.after)),
    },
    districts: {
      before: before.districts.length,
      after: after.districts.length,
      redrawn: after.districts.filter((d) => {
        const shape = oldShapes.get(`${d.chamber}:${d.district}`);
        return shape !== undefined && shape !== d.svgPath;
      }).length,
    },
    zips: {
      added: after.zips.filter((z) => !oldZips.has(z.zip)).length,
      removed: before.zips.filter((z) => !newZips.has(z.zip)).length,
      changed: after.zips.filter((z) => {
        const then = oldZips.get(z.zip);
        return then !== undefined && facts(then) !== facts(z);
      }).length,
    },
  };
}

/** True when the import left everything as it was. */
export function nothingChanged(changes: ReferenceChanges): boolean {
  const { legislators: l, districts: d, zips: z } = changes;
  return (
    !changes.firstImport &&
    l.arrived.length + l.left.length + l.changed.length === 0 &&
    d.before === d.after &&
    d.redrawn === 0 &&
    z.added + z.removed + z.changed === 0
  );
}
