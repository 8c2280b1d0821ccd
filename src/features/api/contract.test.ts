import { expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { seedDemoEvents } from '../events/seed/index.ts';
import { seedDemoLetters } from '../letters/seed/index.ts';
import { seedDemoPetition } from '../petitions/seed.ts';
import { seedTestZips } from '../petitions/test-support.ts';
import { API_ROOT, makeKey, osdiClient } from './test-support.ts';

type Hal = { _links: Record<string, unknown>; _embedded?: Record<string, Hal[]>; [field: string]: unknown };
type Link = { href: string };

/** Every href in a body's links, by relation, but the curies' templates. */
function linksOf(body: Hal): [string, string][] {
  const found: [string, string][] = [];
  for (const [rel, value] of Object.entries(body._links ?? {})) {
    // Curies are templates; self is where the body came from.
    if (rel === 'curies' || rel === 'self') continue;
    for (const link of Array.isArray(value) ? value : [value]) found.push([rel, (link as Link).href]);
  }
  return found;
}

const isHelper = (rel: string) => /_helper$/.test(rel);

/**
 * Must show 1 of issue 20: a client that knows only the entry point walks the whole API by its links, as an
 * OSDI tool does. Every link it is given answers in OSDI's shape: a collection with its paging and its
 * members under the relation's name, each member with identifiers and its own link, which answers with the
 * same member; every helper answers a body without a person with a 400 that names the field.
 */
describeEachDatabase('the OSDI API, walked from its entry point', (database) => {
  it('answers every link it gives, in OSDI’s shapes', async () => {
    const db = database().db;
    await seedTestZips(db);
    await seedDemoPetition(db);
    await seedDemoEvents(db);
    await seedDemoLetters(db);
    const { app } = createTestApp(database());
    const client = osdiClient(
      app,
      await makeKey(database(), ['read_people', 'write_people', 'read_actions', 'write_actions']),
    );

    // Something in each collection: a person, with a tag, through the API itself.
    const signup = await client.post(await client.link('osdi:person_signup_helper'), {
      person: {
        given_name: 'Walker',
        email_addresses: [{ address: 'walker@example.org' }],
        postal_addresses: [{ postal_code: '97301' }],
      },
      add_tags: ['contract-walk'],
    });
    expect(signup.status).toBe(201);

    const visited = new Map<string, number>();
    const helpers = new Set<string>();
    const queue: [string, string][] = linksOf((await client.get(API_ROOT)).body).filter(([rel]) => rel !== 'docs');
    while (queue.length > 0) {
      const [rel, href] = queue.shift()!;
      const key = href.replace(/[?&]cursor=[^&]*/, '');
      if (visited.has(key) || visited.size > 400) continue;
      if (isHelper(rel)) {
        helpers.add(href);
        continue;
      }
      const { status, body } = await client.get(href);
      visited.set(key, status);
      expect(status, `${rel} ${href}`).toBe(200);
      expect((body._links.self as Link).href, `${href} names itself`).toContain(href.split('?')[0]);
      if (body.total_records !== undefined) {
        // A collection: its paging numbers, and its members under the relation it was reached by.
        expect(body).toMatchObject({
          page: expect.any(Number),
          per_page: expect.any(Number),
          total_pages: expect.any(Number),
        });
        const members = body._embedded?.[rel];
        expect(members, `${href} embeds ${rel}`).toBeDefined();
        expect(members!.length).toBeLessThanOrEqual(body.per_page as number);
        for (const member of members!.slice(0, 2)) {
          expect(member._links.self, `a member of ${href} links itself`).toBeDefined();
          // The member's own link, which must give the member, and the links it gives.
          queue.push([`${rel} member`, (member._links.self as Link).href], ...linksOf(member));
        }
        const next = body._links.next as Link | undefined;
        if (next) queue.push([rel, next.href]);
      } else {
        // A record: identifiers, and the links it gives lead on.
        if (!rel.startsWith('groundswell:') && rel !== 'osdi:items member')
          expect(body.identifiers, `${href} has identifiers`).toEqual(
            expect.arrayContaining([expect.stringMatching(/^groundswell:/)]),
          );
        queue.push(...linksOf(body));
      }
    }

    // The walk reached every kind of record there is.
    const reached = [...visited.keys()].map((href) =>
      new URL(href).pathname.replace(/\/\d+|\/[a-z0-9-]+(?=\/taggings)/g, '/:id'),
    );
    for (const path of [
      '/api/v1/people',
      '/api/v1/people/:id',
      '/api/v1/tags',
      '/api/v1/petitions/:id',
      '/api/v1/petitions/:id/signatures',
      '/api/v1/events/:id',
      '/api/v1/events/:id/attendances',
      '/api/v1/advocacy_campaigns/:id',
      '/api/v1/advocacy_campaigns/:id/outreaches',
      '/api/v1/lists',
      '/api/v1/deleted_people',
    ])
      expect(reached, `${path} in ${[...new Set(reached)].join(' ')}`).toContain(path);

    // Every helper it was given refuses a body without a person, saying which field, and writes nothing.
    expect(helpers.size).toBeGreaterThanOrEqual(4);
    for (const href of helpers) {
      const refused = await client.post(href, {});
      expect(refused.status, href).toBe(400);
      expect(Object.keys((refused.body.fields as Record<string, string>) ?? {}), href).toContain('person');
    }
  });
});
