import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { listAudit } from '../audit/service.ts';
import { API_ROOT, makeKey, osdiClient, selfOf } from './test-support.ts';

type Link = { href: string };
const linkOf = (body: { _links: Record<string, unknown> }, rel: string) => (body._links[rel] as Link).href;

describeEachDatabase('the OSDI API: tags and taggings', (database) => {
  const app = () => createTestApp(database()).app;
  let token = '';
  const client = () => osdiClient(app(), token);

  beforeAll(async () => {
    token = await makeKey(database(), ['read_people', 'write_people'], 'People');
    const helper = await client().link('osdi:person_signup_helper');
    for (const [n, tags] of [
      ['ana', ['volunteer', 'board-member']],
      ['ben', ['volunteer']],
      ['cai', []],
    ] as const) {
      const made = await client().post(helper, {
        person: { given_name: n, email_addresses: [{ address: `${n}@example.org` }] },
        add_tags: tags,
      });
      expect(made.status).toBe(201);
    }
  });

  const allTags = async () => client().all(await client().link('osdi:tags'), 'osdi:tags');
  const tagNamed = async (name: string) => (await allTags()).find((t) => t.name === name);

  it('lists the tags people carry, each with its taggings and their people linked', async () => {
    const tags = await allTags();
    expect(tags.map((t) => t.name).sort()).toEqual(['board-member', 'volunteer']);
    const volunteer = tags.find((t) => t.name === 'volunteer')!;
    expect(volunteer).toMatchObject({ identifiers: ['groundswell:tag:volunteer'], total_taggings: 2 });
    expect(Date.parse(volunteer.created_date as string)).toBeLessThanOrEqual(
      Date.parse(volunteer.modified_date as string),
    );
    expect((await client().get(selfOf(volunteer))).body).toEqual(volunteer);
    const taggings = await client().all(linkOf(volunteer, 'osdi:taggings'), 'osdi:taggings');
    expect(taggings).toHaveLength(2);
    const names = [];
    for (const tagging of taggings) {
      expect(linkOf(tagging, 'osdi:tag')).toBe(selfOf(volunteer));
      expect((await client().get(selfOf(tagging))).status).toBe(200);
      names.push((await client().get(linkOf(tagging, 'osdi:person'))).body.given_name);
    }
    expect(names.sort()).toEqual(['ana', 'ben']);
  });

  it('tags a person by their link or their email, once, and never makes a person', async () => {
    const people = await client().all(await client().link('osdi:people'), 'osdi:people');
    const cai = people.find((p) => p.given_name === 'cai')!;
    const volunteer = (await tagNamed('volunteer'))!;
    const taggings = linkOf(volunteer, 'osdi:taggings');
    const linked = await client().post(taggings, { _links: { 'osdi:person': { href: selfOf(cai) } } });
    expect(linked.status).toBe(201);
    expect(linkOf(linked.body, 'osdi:person')).toBe(selfOf(cai));
    const twice = await client().post(taggings, { person: { email_addresses: [{ address: 'CAI@example.org' }] } });
    expect(twice.status).toBe(200);
    expect(selfOf(twice.body)).toBe(selfOf(linked.body));
    expect((await tagNamed('volunteer'))!.total_taggings).toBe(3);
    const stranger = await client().post(taggings, { person: { email_addresses: [{ address: 'who@example.org' }] } });
    expect(stranger.status).toBe(404);
    const personLink = (await client().get(selfOf(cai))).body;
    expect(personLink.email_addresses).toBeDefined();
    expect((await client().all(await client().link('osdi:people'), 'osdi:people')).length).toBe(people.length);
  });

  it('takes a tag off by the tagging’s own link; a tag nobody carries is gone', async () => {
    const board = (await tagNamed('board-member'))!;
    const [only] = await client().all(linkOf(board, 'osdi:taggings'), 'osdi:taggings');
    const removed = await client().send(selfOf(only!), { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect((await client().get(selfOf(only!))).status).toBe(404);
    expect((await client().send(selfOf(only!), { method: 'DELETE' })).status).toBe(404);
    expect(await tagNamed('board-member')).toBeUndefined();
    expect((await client().get(selfOf(board))).status).toBe(404);
  });

  it('answers bad input with 400 and a message by each field', async () => {
    const taggings = linkOf((await tagNamed('volunteer'))!, 'osdi:taggings');
    const empty = await client().post(taggings, {});
    expect(empty.status).toBe(400);
    expect(empty.body.fields).toHaveProperty(['person']);
    const badEmail = await client().post(taggings, { person: { email_addresses: [{ address: 'not an address' }] } });
    expect(badEmail.body.fields).toHaveProperty(['person.email_addresses.0.address']);
    const elsewhere = await client().post(taggings, {
      _links: { 'osdi:person': { href: 'https://elsewhere.example/api/v1/people/1' } },
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.fields).toHaveProperty(['_links.osdi:person.href']);
    const badName = await client().post(`${API_ROOT}/tags/Board%20Member/taggings`, {
      person: { email_addresses: [{ address: 'ana@example.org' }] },
    });
    expect(badName.status).toBe(400);
    expect(badName.body.fields).toHaveProperty(['name']);
    expect((await client().get(`${API_ROOT}/tags/nobody-has-this`)).status).toBe(404);
    expect((await client().get(`${API_ROOT}/tags?filter=name eq 1`)).status).toBe(400);
  });

  it('keeps each key to its scopes, and audits a tagging without the tag', async () => {
    const reader = osdiClient(app(), await makeKey(database(), ['read_people'], 'Reader'));
    const volunteer = (await tagNamed('volunteer'))!;
    expect((await reader.get(selfOf(volunteer))).status).toBe(200);
    const refused = await reader.post(linkOf(volunteer, 'osdi:taggings'), {
      person: { email_addresses: [{ address: 'ana@example.org' }] },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/write_people/);
    const actions = osdiClient(app(), await makeKey(database(), ['read_actions', 'write_actions'], 'Actions'));
    expect((await actions.get(`${API_ROOT}/tags`)).status).toBe(403);

    const { rows } = await listAudit(database().db, { action: 'supporter.tag-add' });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.actorEmail).toBe('API key “People”');
    expect(JSON.stringify(rows)).not.toContain('volunteer');
  });

  it('pages tags added at one moment by next links, each once, and filters by modified_date', async () => {
    const before = new Date();
    await new Promise((r) => setTimeout(r, 5));
    const many = Array.from({ length: 7 }, (_, i) => `batch-${i}`);
    const made = await client().post(await client().link('osdi:person_signup_helper'), {
      person: { given_name: 'dee', email_addresses: [{ address: 'dee@example.org' }] },
      add_tags: many,
    });
    expect(made.status).toBe(201);
    const everything = await client().all(`${await client().link('osdi:tags')}?per_page=2`, 'osdi:tags');
    expect(everything.map((t) => t.name).sort()).toEqual([...many, 'volunteer'].sort());
    const since = `${await client().link('osdi:tags')}?per_page=3&filter=${encodeURIComponent(`modified_date gt '${before.toISOString()}'`)}`;
    const recent = await client().all(since, 'osdi:tags');
    expect(recent.map((t) => t.name).sort()).toEqual(many);
  });
});
