import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { emailOutbox } from '../email/schema.ts';
import { confirmSignature } from '../petitions/service.ts';
import { signingBlocks } from '../petitions/schema.ts';
import { makeOpenPetition, seedTestZips } from '../petitions/test-support.ts';
import { subscriptions, supporterEvents, supporters } from '../supporters/schema.ts';
import { API_ROOT, makeKey, osdiClient, selfOf } from './test-support.ts';

type Link = { href: string };
const linkOf = (body: { _links: Record<string, unknown> }, rel: string) => (body._links[rel] as Link).href;

describeEachDatabase('the OSDI API: petitions and signatures', (database) => {
  let made: ReturnType<typeof createTestApp>['app'] | undefined;
  const app = () => (made ??= createTestApp(database()).app);
  let token = '';
  const client = () => osdiClient(app(), token);
  const mailTo = async (address: string) =>
    (await database().db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, address))).sort(
      (a, b) => a.id - b.id,
    );
  const personNamed = async (email: string) =>
    (await database().db.select().from(supporters).where(eq(supporters.email, email)))[0];
  const signer = (n: string, extra: Record<string, unknown> = {}) => ({
    person: {
      given_name: `Signer ${n}`,
      family_name: 'Tester',
      email_addresses: [{ address: `signer-${n}@example.org` }],
      postal_addresses: [{ postal_code: '97204' }],
      ...extra,
    },
  });
  /** The petition with this title, found by following links from the entry point. */
  const petitionTitled = async (title: string) => {
    const all = await client().all(await client().link('osdi:petitions'), 'osdi:petitions');
    const found = all.find((p) => p.title === title);
    expect(found, title).toBeDefined();
    return found!;
  };
  let draftId = 0;

  beforeAll(async () => {
    const { db } = database();
    token = await makeKey(database(), ['read_people', 'write_people', 'read_actions', 'write_actions']);
    await seedTestZips(db);
    await makeOpenPetition(db, 'api-open');
    await makeOpenPetition(db, 'api-closed', { status: 'closed' });
    await makeOpenPetition(db, 'api-later', { opensAt: new Date(Date.now() + 86_400_000) });
    draftId = (await makeOpenPetition(db, 'api-draft', { status: 'draft' })).id;
  });

  it('lists the petitions the public can see, in OSDI’s shape, never a draft', async () => {
    const page = await client().get(await client().link('osdi:petitions'));
    expect(page.status).toBe(200);
    const titles = (page.body._embedded!['osdi:petitions'] ?? []).map((p) => p.title);
    expect(titles).toEqual(expect.arrayContaining(['Safety for all (api-open)', 'Safety for all (api-closed)']));
    expect(titles).not.toContain('Safety for all (api-draft)');
    const open = await petitionTitled('Safety for all (api-open)');
    expect(open).toMatchObject({
      origin_system: 'Groundswell',
      description: 'Everyone deserves safety.',
      target: [{ name: 'Oregon Legislature' }],
      total_signatures: 0,
      browser_url: 'http://localhost:3000/petitions/api-open',
      'groundswell:status': 'open',
    });
    expect(open.petition_text).toContain('<strong>safety</strong>');
    expect((open.identifiers as string[])[0]).toMatch(/^groundswell:\d+$/);
    expect(Date.parse(open.modified_date as string)).toBeGreaterThanOrEqual(Date.parse(open.created_date as string));
    expect((await petitionTitled('Safety for all (api-closed)'))['groundswell:status']).toBe('closed');
    // Following a member's own link gives the same petition.
    const again = await client().get(selfOf(open));
    expect(again.body).toEqual(open);
    expect((await client().get(`${API_ROOT}/petitions/${draftId}`)).status).toBe(404);
    expect((await client().get(`${API_ROOT}/petitions/${draftId}/signatures`)).status).toBe(404);
  });

  it('records a signature as the web form does: pending, emailed, counted only once confirmed', async () => {
    const open = await petitionTitled('Safety for all (api-open)');
    const helper = linkOf(open, 'osdi:record_signature_helper');
    const signed = await client().post(helper, { ...signer('one'), comments: 'Safety first.' });
    expect(signed.status).toBe(201);
    expect(signed.body).toMatchObject({ status: 'pending', comments: 'Safety first.' });
    expect(linkOf(signed.body, 'osdi:petition')).toBe(selfOf(open));
    const person = await client().get(linkOf(signed.body, 'osdi:person'));
    expect(person.body).toMatchObject({ given_name: 'Signer one', family_name: 'Tester' });

    // The confirmation email, as the form sends it; no list the person did not ask for.
    const mail = await mailTo('signer-one@example.org');
    expect(mail.map((m) => m.template)).toEqual(['petition-confirm']);
    const supporter = await personNamed('signer-one@example.org');
    expect(
      await database().db.select().from(subscriptions).where(eq(subscriptions.supporterId, supporter!.id)),
    ).toEqual([]);
    // The person's timeline says the signature came through the API, not the form.
    const [timeline] = await database()
      .db.select()
      .from(supporterEvents)
      .where(and(eq(supporterEvents.supporterId, supporter!.id), eq(supporterEvents.kind, 'signed')));
    expect(timeline!.detail).toMatchObject({ method: 'api' });

    // Not counted while pending; it appears among the petition's signatures.
    expect((await client().get(selfOf(open))).body.total_signatures).toBe(0);
    const listed = await client().all(linkOf(open, 'osdi:signatures'), 'osdi:signatures');
    expect(listed.map(selfOf)).toEqual([selfOf(signed.body)]);

    // The person uses their link: verified, counted, and a later modified_date.
    expect((await confirmSignature(database().db, mail[0]!.data.token as string)).state).toBe('valid');
    const verified = await client().get(selfOf(signed.body));
    expect(verified.body.status).toBe('verified');
    expect(Date.parse(verified.body.modified_date as string)).toBeGreaterThanOrEqual(
      Date.parse(signed.body.created_date as string),
    );
    expect((await client().get(selfOf(open))).body.total_signatures).toBe(1);

    // Signing again: the same signature, no second one and no email once confirmed.
    const repeat = await client().post(helper, signer('one', { given_name: 'Someone Else' }));
    expect(repeat.status).toBe(200);
    expect(repeat.body.identifiers).toEqual(signed.body.identifiers);
    expect(await mailTo('signer-one@example.org')).toHaveLength(1);
    expect((await personNamed('signer-one@example.org'))!.givenName).toBe('Signer one');
  });

  it('asks for email only when the tool says the person asked, through double opt-in', async () => {
    const open = await petitionTitled('Safety for all (api-open)');
    const signed = await client().post(
      linkOf(open, 'osdi:record_signature_helper'),
      signer('two', { email_addresses: [{ address: 'signer-two@example.org', status: 'subscribed' }] }),
    );
    expect(signed.status).toBe(201);
    expect((await mailTo('signer-two@example.org')).map((m) => m.template).sort()).toEqual([
      'petition-confirm',
      'signup-confirm',
    ]);
    const supporter = await personNamed('signer-two@example.org');
    const [sub] = await database().db.select().from(subscriptions).where(eq(subscriptions.supporterId, supporter!.id));
    expect(sub!.status).toBe('pending');
  });

  it('answers bad input with 400 and a message by each field, in the body’s own names', async () => {
    const helper = linkOf(await petitionTitled('Safety for all (api-open)'), 'osdi:record_signature_helper');
    const bad = await client().post(helper, {
      person: {
        given_name: 'Ana',
        email_addresses: [{ address: 'ana@example.org' }],
        postal_addresses: [{ postal_code: '12345' }],
      },
      comments: 'bad\u0007bell',
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields as object).sort()).toEqual([
      'comments',
      'person.family_name',
      'person.postal_addresses.0.postal_code',
    ]);
    expect((bad.body.fields as Record<string, string>)['person.postal_addresses.0.postal_code']).toMatch(/Oregon/);
    const shapeless = await client().post(helper, { person: { email_addresses: [] } });
    expect(shapeless.status).toBe(400);
    expect(shapeless.body.fields).toHaveProperty(['person.email_addresses']);
    expect(await personNamed('ana@example.org')).toBeUndefined();
  });

  it('refuses a closed petition, one not open yet, and a blocked email domain, with 4xx and a message', async () => {
    const closed = await petitionTitled('Safety for all (api-closed)');
    const refused = await client().post(linkOf(closed, 'osdi:record_signature_helper'), signer('closed'));
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/closed/);
    const later = await petitionTitled('Safety for all (api-later)');
    expect((await client().post(linkOf(later, 'osdi:record_signature_helper'), signer('later'))).status).toBe(409);
    await database().db.insert(signingBlocks).values({ kind: 'email-domain', value: 'Spam.Example' });
    const blocked = await client().post(
      linkOf(await petitionTitled('Safety for all (api-open)'), 'osdi:record_signature_helper'),
      signer('blocked', { email_addresses: [{ address: 'x@spam.example' }] }),
    );
    expect(blocked.status).toBe(422);
    expect(await personNamed('signer-closed@example.org')).toBeUndefined();
    expect(await personNamed('x@spam.example')).toBeUndefined();
  });

  it('keeps reading and writing actions to their scopes', async () => {
    const reader = osdiClient(app(), await makeKey(database(), ['read_actions'], 'Action reader'));
    const open = (await reader.all(await reader.link('osdi:petitions'), 'osdi:petitions')).find(
      (p) => p.title === 'Safety for all (api-open)',
    )!;
    expect((await reader.get(linkOf(open, 'osdi:signatures'))).status).toBe(200);
    const refused = await reader.post(linkOf(open, 'osdi:record_signature_helper'), signer('scoped'));
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/write_actions/);
    const peopleOnly = osdiClient(app(), await makeKey(database(), ['read_people'], 'People reader'));
    expect((await peopleOnly.get(selfOf(open))).status).toBe(403);
  });

  it('pages petitions and signatures by next links, and filters signatures by modified_date', async () => {
    for (let i = 0; i < 5; i++) await makeOpenPetition(database().db, `api-paged-${i}`);
    const first = await client().get(await client().link('osdi:petitions'));
    const total = first.body.total_records as number;
    expect(total).toBe(8);
    const everyPetition = await client().all(`${API_ROOT}/petitions?per_page=3`, 'osdi:petitions');
    expect(everyPetition).toHaveLength(total);
    expect(new Set(everyPetition.map(selfOf)).size).toBe(total);

    const open = await petitionTitled('Safety for all (api-open)');
    const helper = linkOf(open, 'osdi:record_signature_helper');
    const before = (await client().all(linkOf(open, 'osdi:signatures'), 'osdi:signatures')).length;
    // The times are the application's clock: a moment between the earlier signatures and these.
    const mark = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (let i = 0; i < 5; i++) expect((await client().post(helper, signer(`paged-${i}`))).status).toBe(201);
    const pages = await client().get(`${linkOf(open, 'osdi:signatures')}?per_page=2`);
    expect(pages.body).toMatchObject({
      per_page: 2,
      total_records: before + 5,
      total_pages: Math.ceil((before + 5) / 2),
    });
    const every = await client().all(`${linkOf(open, 'osdi:signatures')}?per_page=2`, 'osdi:signatures');
    expect(every).toHaveLength(before + 5);
    expect(new Set(every.map(selfOf)).size).toBe(before + 5);
    const modified = every.map((s) => Date.parse(s.modified_date as string));
    expect(modified).toEqual([...modified].sort((a, b) => a - b));

    const since = encodeURIComponent(`modified_date gt '${mark.toISOString()}'`);
    const changed = await client().all(
      `${linkOf(open, 'osdi:signatures')}?per_page=2&filter=${since}`,
      'osdi:signatures',
    );
    expect(changed.map(selfOf)).toEqual(every.slice(before).map(selfOf));
  });
});
