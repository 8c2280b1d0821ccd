import { expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { addSupporterTag } from '../supporters/records.ts';
import { eraseSupporter, updatePreferences } from '../supporters/service.ts';
import { editSupporterDetails } from '../supporters/supporter-editing.ts';
import { API_ROOT, makeKey, osdiClient, selfOf } from './test-support.ts';

const staff = { staffId: null, email: 'organizer@staff.example', ip: '127.0.0.1' };
const tick = () => new Promise((resolve) => setTimeout(resolve, 15));
const idOf = (member: Record<string, unknown>) => Number((member.identifiers as string[])[0]!.split(':')[1]);

/**
 * Must show 2 of issue 20: a tool that keeps a copy of the list, syncing by modified_date, sees exactly the
 * people created, changed and deleted since it last looked, whichever way they changed here.
 */
describeEachDatabase('incremental sync by modified_date', (database) => {
  it('sees exactly the people created, changed and deleted since the last sync', async () => {
    const { app } = createTestApp(database());
    const client = osdiClient(app, await makeKey(database(), ['read_people', 'write_people'], 'Mirror'));
    const helper = await client.link('osdi:person_signup_helper');
    const add = async (name: string) =>
      idOf(
        (
          await client.post(helper, {
            person: { given_name: name, email_addresses: [{ address: `${name}@example.org` }] },
          })
        ).body,
      );
    const names = ['ana', 'ben', 'cai', 'dee', 'eli', 'fay', 'gus'];
    const ids = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await add(n)] as const)));

    // The first sync: everyone, page by page.
    const mirror = new Map<number, Record<string, unknown>>();
    let since = '';
    const apply = (people: Record<string, unknown>[]) => {
      for (const p of people) {
        mirror.set(idOf(p), p);
        if ((p.modified_date as string) > since) since = p.modified_date as string;
      }
    };
    apply(await client.all(`${API_ROOT}/people?per_page=3`, 'osdi:people'));
    expect([...mirror.keys()].sort()).toEqual(Object.values(ids).sort());
    await tick();

    // Changes, each through the path that makes it in the product.
    const ana = await client.put(`${API_ROOT}/people/${ids.ana}`, { family_name: 'Through the API' });
    expect(ana.status).toBe(200);
    const edited = await editSupporterDetails(
      database().db,
      ids.ben!,
      { givenName: 'Ben', familyName: 'By staff', email: 'ben@example.org', phone: '', zip: '', language: 'es' },
      staff,
    );
    expect(edited).toBeTruthy();
    await addSupporterTag(database().db, ids.cai!, 'volunteer', staff);
    await updatePreferences(
      database().db,
      ids.dee!,
      { topics: [], locale: 'en' },
      { method: 'web-form', wordingVersion: 'test' },
    );
    await eraseSupporter(database().db, ids.eli!, staff);
    const hal = await add('hal');

    // The second sync: only what changed, and the deletions.
    const filter = `filter=${encodeURIComponent(`modified_date gt '${since}'`)}`;
    const changed = await client.all(`${API_ROOT}/people?per_page=2&${filter}`, 'osdi:people');
    expect(changed.map(idOf).sort((a, b) => a - b)).toEqual(
      [ids.ana, ids.ben, ids.cai, ids.dee, hal].sort((a, b) => a! - b!),
    );
    const deleted = await client.all(`${API_ROOT}/deleted_people?${filter}`, 'groundswell:deleted_people');
    expect(deleted.map(idOf)).toEqual([ids.eli]);
    expect(Object.keys(deleted[0]!).sort()).toEqual(['_links', 'deleted_date', 'identifiers']);

    // Applied to the copy, it now matches the site exactly.
    apply(changed);
    for (const d of deleted) mirror.delete(idOf(d));
    const everyone = await client.all(`${API_ROOT}/people`, 'osdi:people');
    expect(new Map(everyone.map((p) => [idOf(p), p]))).toEqual(mirror);
    expect(mirror.get(ids.ben!)).toMatchObject({ family_name: 'By staff', preferred_language: 'es' });
    expect((await client.get(selfOf(deleted[0]!))).status).toBe(404);

    // Nothing changed since: the next sync is empty, and lt bounds a window.
    const after = everyone.reduce(
      (max, p) => ((p.modified_date as string) > max ? (p.modified_date as string) : max),
      '',
    );
    const none = await client.get(`${API_ROOT}/people?filter=${encodeURIComponent(`modified_date gt '${after}'`)}`);
    expect(none.body).toMatchObject({ total_records: 0, total_pages: 1 });
    const window = await client.all(
      `${API_ROOT}/people?filter=${encodeURIComponent(`modified_date gt '${since}' and modified_date lt '${after}'`)}`,
      'osdi:people',
    );
    expect(window.every((p) => (p.modified_date as string) > since && (p.modified_date as string) < after)).toBe(true);
  });

  it('pages by next links without losing or repeating anyone while people change mid-sync', async () => {
    const { app } = createTestApp(database());
    const client = osdiClient(app, await makeKey(database(), ['read_people', 'write_people'], 'Busy mirror'));
    const before = (await client.get(`${API_ROOT}/people`)).body.total_records as number;
    const seen: number[] = [];
    let next: string | undefined = `${API_ROOT}/people?per_page=2`;
    let pages = 0;
    while (next) {
      const { body } = await client.get(next);
      const page = (body._embedded?.['osdi:people'] ?? []) as Record<string, unknown>[];
      seen.push(...page.map(idOf));
      // After the first page, the first person seen changes: with offsets the rest would shift by one.
      if (pages++ === 0) await client.put(selfOf(page[0] as never), { family_name: 'Changed mid-sync' });
      next = (body._links.next as { href: string } | undefined)?.href;
    }
    expect(new Set(seen).size).toBe(before);
  });
});
