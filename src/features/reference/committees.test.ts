import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { importReferenceWithChanges } from './import.ts';
import { committeeMembersOf, committeesOf, legislatorsFor, listCommittees, listLegislators } from './service.ts';
import { describeWithSharedData, sharedData } from './test-data.ts';

const scharf = 'ocd-person/a22ec130-3ba7-4304-9e6f-3a950b8454cb';
const newcomer = 'ocd-person/00000000-0000-4000-8000-000000000027';

/**
 * A copy of ../shared/data as it might look after the January 2027 swearing-in: one
 * representative's term ended, a (made-up, plainly sample) newcomer holds the seat,
 * and the committees were reorganised into one.
 */
function nextTerm(): string {
  const dir = mkdtempSync(join(tmpdir(), 'groundswell-next-term-'));
  for (const part of ['or-districts', 'or-zip']) symlinkSync(join(sharedData, part), join(dir, part));
  const legislature = join(dir, 'openstates-or/legislature');
  cpSync(join(sharedData, 'openstates-or/legislature'), legislature, { recursive: true });
  const file = join(legislature, 'Anna-Scharf-a22ec130-3ba7-4304-9e6f-3a950b8454cb.yml');
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace("  district: '23'", "  district: '23'\n  end_date: 2027-01-11"),
  );
  writeFileSync(
    join(legislature, 'Sample-Newcomer.yml'),
    `id: ${newcomer}\nname: Sample Newcomer\ngiven_name: Sample\nfamily_name: Newcomer\nparty:\n- name: Independent\nroles:\n- start_date: 2027-01-11\n  type: lower\n  district: '23'\n`,
  );
  const committees = join(dir, 'openstates-or/committees');
  mkdirSync(committees, { recursive: true });
  writeFileSync(
    join(committees, 'lower-Sample.yml'),
    `id: ocd-organization/00000000-0000-4000-8000-0000000000c1\nname: Sample Committee\nchamber: lower\nmembers:\n- name: Anna Scharf\n  role: chair\n  person_id: ${scharf}\n- name: Sample Newcomer\n  role: chair\n  person_id: ${newcomer}\n- name: Someone Without An Id\n  role: member\n`,
  );
  return dir;
}

describeWithSharedData('committees and the roster refresh', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  describeEachDatabase('committees in the reference import', (database) => {
    const db = () => database().db;

    it('loads every committee with its sitting members, chairs first', async () => {
      await importReferenceWithChanges(db(), { dir: sharedData }, { now: new Date('2026-12-01T12:00:00Z') });
      const all = await listCommittees(db());
      expect(all).toHaveLength(49);
      expect(all[0]!.chamber).toBe('upper');
      expect(all.at(-1)!.chamber).toBe('legislature');
      const conduct = await committeeMembersOf(db(), 'Conduct');
      const roles = conduct.map((m) => m.role);
      expect(roles[0]).toBe('co-chair');
      expect(roles.lastIndexOf('co-chair')).toBeLessThan(roles.indexOf('alternate'));
      const seats = await committeesOf(db(), scharf);
      expect(seats.map((s) => s.name)).toContain('Early Childhood and Human Services');
      expect(await committeeMembersOf(db(), 'No such committee')).toEqual([]);
    });

    it('replaces last term with the new one: who left goes, with their committee seats; who arrived comes', async () => {
      const dir = nextTerm();
      dirs.push(dir);
      const { changes } = await importReferenceWithChanges(db(), { dir }, { now: new Date('2027-02-01T12:00:00Z') });
      expect(changes.legislators.left.map((p) => p.name)).toEqual(['Anna Scharf']);
      expect(changes.legislators.arrived.map((p) => p.name)).toEqual(['Sample Newcomer']);
      expect((await legislatorsFor(db(), 'lower', '23')).map((p) => p.id)).toEqual([newcomer]);
      expect((await listLegislators(db())).some((p) => p.id === scharf)).toBe(false);
      expect(await committeesOf(db(), scharf)).toEqual([]);
      expect(await listCommittees(db())).toEqual([
        {
          id: 'ocd-organization/00000000-0000-4000-8000-0000000000c1',
          name: 'Sample Committee',
          chamber: 'lower',
          members: 1,
        },
      ]);
      expect((await committeeMembersOf(db(), 'Sample Committee')).map((m) => m.name)).toEqual(['Sample Newcomer']);
      // The same files again change nothing.
      const again = await importReferenceWithChanges(db(), { dir }, { now: new Date('2027-02-01T12:00:00Z') });
      expect(again.changes.legislators).toEqual({ arrived: [], left: [], changed: [] });
    });
  });
});
