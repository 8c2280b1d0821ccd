import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs } from '../../../test/support/staff.ts';
import { listAudit } from '../audit/service.ts';
import { emailOutbox } from '../email/schema.ts';
import { subscriptions, supporters } from '../supporters/schema.ts';
import { API_ROOT, makeKey, osdiClient, selfOf } from './test-support.ts';

describeEachDatabase('the OSDI API: entry point, keys and people', (database) => {
  const app = () => createTestApp(database()).app;
  let token = '';
  const client = () => osdiClient(app(), token);

  it('asks for a key, and refuses an unknown one, in JSON', async () => {
    const bare = await app().request(API_ROOT);
    expect(bare.status).toBe(401);
    expect(bare.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await bare.json()) as { error: string }).error).toMatch(/OSDI-API-Token/);
    const wrong = await app().request(API_ROOT, { headers: { 'OSDI-API-Token': 'gs_not-a-key' } });
    expect(wrong.status).toBe(401);
  });

  it('links every collection and helper from the entry point, with OSDI curies', async () => {
    token = await makeKey(database(), ['read_people', 'write_people', 'read_actions', 'write_actions']);
    const { status, body } = await client().get(API_ROOT);
    expect(status).toBe(200);
    expect(body.osdi_version).toBe('1.1');
    for (const rel of ['osdi:people', 'osdi:person_signup_helper', 'groundswell:deleted_people']) {
      expect((body._links[rel] as { href: string }).href).toMatch(/^http:\/\/localhost:3000\/api\/v1\//);
    }
    expect(body._links.curies).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'osdi', templated: true })]),
    );
  });

  it('adds a person through the signup helper, and matches them by email the second time', async () => {
    const helper = await client().link('osdi:person_signup_helper');
    const made = await client().post(helper, {
      person: {
        given_name: 'Sample',
        family_name: 'Person',
        email_addresses: [{ address: 'Sample.Person@Example.org' }],
        postal_addresses: [{ postal_code: '97301' }],
        phone_numbers: [{ number: '503-555-0100' }],
        preferred_language: 'es',
      },
      add_tags: ['Coalition Partner'],
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      given_name: 'Sample',
      family_name: 'Person',
      preferred_language: 'es',
      email_addresses: [{ address: 'Sample.Person@Example.org', primary: true, status: 'unsubscribed' }],
      postal_addresses: [{ postal_code: '97301' }],
      phone_numbers: [{ number: '503-555-0100' }],
    });
    expect((made.body.identifiers as string[])[0]).toMatch(/^groundswell:\d+$/);
    // Following the person's own link gives the same person.
    const again = await client().get(selfOf(made.body));
    expect(again.body.identifiers).toEqual(made.body.identifiers);

    // The same address, another tool's idea of the name: the person keeps theirs, and what was missing is filled in.
    const matched = await client().post(helper, {
      person: { given_name: 'Someone Else', email_addresses: [{ address: ' sample.person@example.org ' }] },
    });
    expect(matched.status).toBe(200);
    expect(matched.body.identifiers).toEqual(made.body.identifiers);
    expect(matched.body.given_name).toBe('Sample');
  });

  it('never subscribes anyone: subscribed sends the confirmation email, unsubscribed stops email at once', async () => {
    const helper = await client().link('osdi:person_signup_helper');
    const asked = await client().post(helper, {
      person: { given_name: 'Pending', email_addresses: [{ address: 'pending@example.org', status: 'subscribed' }] },
    });
    expect(asked.status).toBe(201);
    expect(asked.body.email_addresses).toEqual([expect.objectContaining({ status: 'unsubscribed' })]);
    expect(asked.body.custom_fields).toMatchObject({ subscription_newsletter: 'pending' });
    const [person] = await database().db.select().from(supporters).where(eq(supporters.email, 'pending@example.org'));
    const mail = await database()
      .db.select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAddress, 'pending@example.org'), eq(emailOutbox.template, 'signup-confirm')));
    expect(mail).toHaveLength(1);
    const [sub] = await database().db.select().from(subscriptions).where(eq(subscriptions.supporterId, person!.id));
    expect(sub!.status).toBe('pending');

    // Made subscribed as by their click, then a tool reports they unsubscribed there.
    await database()
      .db.update(subscriptions)
      .set({ status: 'subscribed' })
      .where(eq(subscriptions.supporterId, person!.id));
    const stopped = await client().put(selfOf(asked.body), {
      email_addresses: [{ address: 'pending@example.org', status: 'unsubscribed' }],
    });
    expect(stopped.status).toBe(200);
    expect(stopped.body.email_addresses).toEqual([expect.objectContaining({ status: 'unsubscribed' })]);

    // Subscribing needs a name for the email's greeting: refused before anything is written.
    const nameless = await client().post(helper, {
      person: { email_addresses: [{ address: 'nameless@example.org', status: 'subscribed' }] },
    });
    expect(nameless.status).toBe(400);
    expect(nameless.body.fields).toHaveProperty(['person.given_name']);
    expect(await database().db.select().from(supporters).where(eq(supporters.email, 'nameless@example.org'))).toEqual(
      [],
    );
  });

  it('corrects a person with PUT, but never their address, which is their key', async () => {
    const people = await client().all(await client().link('osdi:people'), 'osdi:people');
    const sample = people.find((p) => p.given_name === 'Sample')!;
    const changed = await client().put(selfOf(sample), {
      family_name: 'Changed',
      postal_addresses: [{ postal_code: '' }],
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ given_name: 'Sample', family_name: 'Changed', postal_addresses: [] });
    const moved = await client().put(selfOf(sample), { email_addresses: [{ address: 'other@example.org' }] });
    expect(moved.status).toBe(422);
  });

  it('answers bad input with JSON and a message by each field', async () => {
    const helper = await client().link('osdi:person_signup_helper');
    const bad = await client().post(helper, {
      person: {
        email_addresses: [{ address: 'not an address' }],
        postal_addresses: [{ postal_code: 'ABCDE' }],
        preferred_language: 'fr',
      },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields as object).sort()).toEqual([
      'person.email_addresses.0.address',
      'person.postal_addresses.0.postal_code',
      'person.preferred_language',
    ]);
    const notJson = await client().send(helper, { method: 'POST', body: '{"person":', headers: {} });
    expect(notJson.status).toBe(400);
    const form = await app().request(helper, {
      method: 'POST',
      body: 'a=b',
      headers: { 'OSDI-API-Token': token, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    for (const query of [
      '?page=0',
      '?per_page=101',
      '?filter=name eq 1',
      "?filter=modified_date gt 'soon'",
      '?cursor=abc',
    ]) {
      const res = await client().get(`${API_ROOT}/people${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error).toEqual(expect.any(String));
    }
    expect((await client().get(`${API_ROOT}/people/99999999`)).status).toBe(404);
    expect((await client().get(`${API_ROOT}/people/abc`)).status).toBe(404);
    expect((await client().get(`${API_ROOT}/nowhere`)).status).toBe(404);
  });

  it('pages by next links, 25 a page unless asked, each member linked', async () => {
    const helper = await client().link('osdi:person_signup_helper');
    for (let i = 0; i < 30; i++) {
      await client().post(helper, {
        person: { given_name: `Paged ${i}`, email_addresses: [{ address: `paged${i}@example.org` }] },
      });
    }
    const first = await client().get(await client().link('osdi:people'));
    expect(first.body).toMatchObject({ per_page: 25, page: 1 });
    const total = first.body.total_records as number;
    expect(total).toBeGreaterThanOrEqual(32);
    expect(first.body.total_pages).toBe(Math.ceil(total / 25));
    const everyone = await client().all(`${API_ROOT}/people?per_page=7`, 'osdi:people');
    expect(everyone).toHaveLength(total);
    expect(new Set(everyone.map(selfOf)).size).toBe(total);
  });

  it('keeps each key to its scopes, and a revoked key stops at once', async () => {
    const readOnly = await makeKey(database(), ['read_people'], 'Reader');
    const reader = osdiClient(app(), readOnly);
    expect((await reader.get(await reader.link('osdi:people'))).status).toBe(200);
    const refused = await reader.post(await reader.link('osdi:person_signup_helper'), {
      person: { email_addresses: [{ address: 'refused@example.org' }] },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/write_people/);
    const actionsOnly = osdiClient(app(), await makeKey(database(), ['read_actions'], 'Actions'));
    expect((await actionsOnly.get(`${API_ROOT}/people`)).status).toBe(403);
  });

  it('puts every request in the audit log, and never the key', async () => {
    const { rows } = await listAudit(database().db, { action: 'api.request' });
    expect(rows.length).toBeGreaterThan(10);
    expect(rows[0]!.actorEmail).toMatch(/^API key “/);
    expect(rows.some((r) => /POST \/api\/v1\/people\/person_signup_helper 201/.test(r.summary.note ?? ''))).toBe(true);
    const everything = JSON.stringify(await listAudit(database().db, { perPage: 10_000 }));
    expect(everything).not.toContain(token);
    expect(everything).not.toContain('sample.person@example.org');
    // The audit screen shows them; the workspace home's recent activity, for what people did, does not.
    const admin = await signedInAs(app(), database(), 'admin');
    expect(await (await admin.request('/admin/audit?action=api.request')).text()).toContain('asked GET /api/v1/people');
    expect(await (await admin.request('/admin')).text()).not.toContain('/api/v1/');
  });
});
