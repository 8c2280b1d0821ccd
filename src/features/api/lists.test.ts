import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { sendLetter } from '../letters/letter.ts';
import { letterDeps, letterInput, makeCampaign, seedRoster } from '../letters/test-support.ts';
import { saveSegment } from '../supporters/segments.ts';
import { API_ROOT, makeKey, osdiClient, selfOf } from './test-support.ts';

type Link = { href: string };
const linkOf = (body: { _links: Record<string, unknown> }, rel: string) => (body._links[rel] as Link).href;
const staff = { staffId: null, email: 'organizer@staff.example', ip: '10.0.0.1' };

describeEachDatabase('the OSDI API: lists (saved segments)', (database) => {
  const app = () => createTestApp(database()).app;
  let token = '';
  const client = () => osdiClient(app(), token);

  beforeAll(async () => {
    const db = database().db;
    token = await makeKey(database(), ['read_people', 'write_people'], 'People');
    const helper = await client().link('osdi:person_signup_helper');
    for (let i = 0; i < 12; i++) {
      const made = await client().post(helper, {
        person: { given_name: `Volunteer ${i}`, email_addresses: [{ address: `volunteer${i}@example.org` }] },
        add_tags: ['volunteer'],
      });
      expect(made.status).toBe(201);
    }
    // A writer: matched by a segment only through the letters' action source, which the app hands in.
    await seedRoster(db);
    const campaign = await makeCampaign(db);
    const sent = await sendLetter(db, letterDeps(), campaign.id, letterInput('listed'), { locale: 'en' });
    expect(sent.kind).toBe('sent');
    for (const [name, filters] of [
      ['Volunteers', { tags: ['volunteer'] }],
      ['Letter writers', { actions: [{ kind: 'letter', id: campaign.id }] }],
      ['Nobody', { tags: ['nobody-has-this-tag'] }],
    ] as const) {
      const saved = await saveSegment(db, { name, filters: filters as never }, staff);
      expect('saved' in saved).toBe(true);
    }
  });

  const allLists = async () => client().all(await client().link('osdi:lists'), 'osdi:lists');
  const listNamed = async (name: string) => (await allLists()).find((l) => l.name === name)!;

  it('lists saved segments with the people each matches now, linked to their items', async () => {
    const lists = await allLists();
    expect(lists.map((l) => [l.name, l.total_items])).toEqual(
      expect.arrayContaining([
        ['Volunteers', 12],
        ['Letter writers', 1],
        ['Nobody', 0],
      ]),
    );
    const writers = lists.find((l) => l.name === 'Letter writers')!;
    expect((await client().get(selfOf(writers))).body).toEqual(writers);
    const [item, ...rest] = await client().all(linkOf(writers, 'osdi:items'), 'osdi:items');
    expect(rest).toEqual([]);
    expect(linkOf(item!, 'osdi:list')).toBe(selfOf(writers));
    const person = await client().get(linkOf(item!, 'osdi:person'));
    expect(person.status).toBe(200);
    expect(person.body.email_addresses).toEqual([expect.objectContaining({ address: 'writer-listed@example.org' })]);
    expect(await client().all(linkOf(lists.find((l) => l.name === 'Nobody')!, 'osdi:items'), 'osdi:items')).toEqual([]);
  });

  it('pages items and lists by next links, each once, and follows a change at once', async () => {
    const volunteers = await listNamed('Volunteers');
    const first = await client().get(`${linkOf(volunteers, 'osdi:items')}?per_page=5`);
    expect(first.body).toMatchObject({ per_page: 5, total_records: 12, total_pages: 3 });
    const items = await client().all(`${linkOf(volunteers, 'osdi:items')}?per_page=5`, 'osdi:items');
    expect(items).toHaveLength(12);
    expect(new Set(items.map((i) => linkOf(i, 'osdi:person'))).size).toBe(12);
    const byOne = await client().all(`${await client().link('osdi:lists')}?per_page=1`, 'osdi:lists');
    expect(byOne.map(selfOf).sort()).toEqual((await allLists()).map(selfOf).sort());

    // Membership is worked out when asked: a tag taken off through the API leaves the list at once.
    const tag = (await client().all(await client().link('osdi:tags'), 'osdi:tags')).find(
      (t) => t.name === 'volunteer',
    )!;
    const [tagging] = await client().all(linkOf(tag, 'osdi:taggings'), 'osdi:taggings');
    expect((await client().send(selfOf(tagging!), { method: 'DELETE' })).status).toBe(200);
    expect((await listNamed('Volunteers')).total_items).toBe(11);
  });

  it('answers a modified_date filter on items, an unknown list and a key without read_people', async () => {
    const volunteers = await listNamed('Volunteers');
    const filtered = await client().get(
      `${linkOf(volunteers, 'osdi:items')}?filter=${encodeURIComponent("modified_date gt '2026-01-01'")}`,
    );
    expect(filtered.status).toBe(400);
    expect(filtered.body.fields).toHaveProperty(['filter']);
    const since = await client().get(
      `${await client().link('osdi:lists')}?filter=${encodeURIComponent("modified_date gt '2999-01-01'")}`,
    );
    expect(since.body.total_records).toBe(0);
    expect((await client().get(`${API_ROOT}/lists/99999999`)).status).toBe(404);
    expect((await client().get(`${API_ROOT}/lists/99999999/items`)).status).toBe(404);
    expect((await client().get(`${linkOf(volunteers, 'osdi:items')}?per_page=0`)).status).toBe(400);
    const actions = osdiClient(app(), await makeKey(database(), ['read_actions'], 'Actions'));
    expect((await actions.get(selfOf(volunteers))).status).toBe(403);
  });
});
