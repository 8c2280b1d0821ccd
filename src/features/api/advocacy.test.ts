import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { emailOutbox } from '../email/schema.ts';
import { makeLetterCampaign, seedTestRoster } from '../letters/public-test-support.ts';
import { letterCampaigns, letters } from '../letters/schema.ts';
import { subscriptions } from '../supporters/schema.ts';
import { API_ROOT, makeKey, osdiClient, selfOf } from './test-support.ts';

type Link = { href: string };
const linkOf = (body: { _links: Record<string, unknown> }, rel: string) => (body._links[rel] as Link).href;

const writer = (n: string, more: Record<string, unknown> = {}) => ({
  person: {
    given_name: 'Sample',
    family_name: `Writer ${n}`,
    email_addresses: [{ address: `writer-${n}@example.org` }],
    postal_addresses: [{ address_lines: ['100 Sample St NE'], locality: 'Salem', region: 'OR', postal_code: '97301' }],
    ...more,
  },
});

describeEachDatabase('the OSDI API: advocacy campaigns and outreaches', (database) => {
  const app = () => createTestApp(database()).app;
  let actions = '';
  let people = '';
  let campaignId = 0;
  const client = () => osdiClient(app(), actions);

  beforeAll(async () => {
    const db = database().db;
    await seedTestRoster(db);
    campaignId = (await makeLetterCampaign(db)).id;
    await makeLetterCampaign(db, { status: 'draft' });
    actions = await makeKey(database(), ['read_actions', 'write_actions'], 'Actions');
    people = await makeKey(database(), ['read_people'], 'People');
  });

  /** The test campaign as a client finds it: from the entry point, through the collection. */
  async function findCampaign() {
    const all = await client().all(await client().link('osdi:advocacy_campaigns'), 'osdi:advocacy_campaigns');
    const found = all.find((c) => (c.identifiers as string[]).includes(`groundswell:${campaignId}`));
    expect(found, 'the open campaign is listed').toBeDefined();
    return found!;
  }

  it('lists campaigns without drafts, each with its outreaches and its helper linked', async () => {
    const all = await client().all(await client().link('osdi:advocacy_campaigns'), 'osdi:advocacy_campaigns');
    expect(all).toHaveLength(1);
    const campaign = await findCampaign();
    expect(campaign).toMatchObject({
      title: 'Test campaign',
      description: 'Write about the test bill.',
      type: 'email',
      status: 'open',
      total_outreaches: 0,
      browser_url: expect.stringMatching(/^http:\/\/localhost:3000\/letters\/test-campaign-/),
      targets: [
        { title: 'Senator', organization: 'Oregon State Senate' },
        { title: 'Representative', organization: 'Oregon House of Representatives' },
      ],
    });
    const again = await client().get(selfOf(campaign));
    expect(again.status).toBe(200);
    expect(again.body.identifiers).toEqual(campaign.identifiers);
    expect(linkOf(campaign, 'osdi:record_outreach_helper')).toMatch(/record_outreach_helper$/);
  });

  it('records a letter as the form does: districts from the address, test mode to the review address', async () => {
    const campaign = await findCampaign();
    const helper = linkOf(campaign, 'osdi:record_outreach_helper');
    const message = 'Rent took half my pay this year.\nPlease support the bill.';
    const made = await client().post(helper, { ...writer('one'), subject: 'Housing now', message });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      type: 'email',
      status: 'review',
      targets: [
        {
          title: 'Senator',
          name: 'Senator Sample 17',
          ocdid: 'ocd-division/country:us/state:or/sldu:17',
          status: 'review',
        },
        { title: 'Representative', name: 'Representative Sample 33', status: 'review' },
      ],
    });
    // The writer's words are theirs: kept for the offices, never given out by the API.
    expect(JSON.stringify(made.body)).not.toContain('Rent took');
    expect(made.body).not.toHaveProperty('message');
    const [stored] = await database().db.select().from(letters).where(eq(letters.campaignId, campaignId));
    expect(stored).toMatchObject({ body: message, subject: 'Housing now', senateDistrict: '17', houseDistrict: '33' });
    const mail = await database().db.select().from(emailOutbox);
    expect(mail.some((m) => m.toAddress === 'review@example.org')).toBe(true);
    expect(mail.some((m) => /^(senator|rep)\d+@example\.org$/.test(m.toAddress))).toBe(false);

    // The writer is linked, for a key that may read people.
    const person = await osdiClient(app(), people).get(linkOf(made.body, 'osdi:person'));
    expect(person.status).toBe(200);
    expect(person.body.email_addresses).toEqual([expect.objectContaining({ address: 'writer-one@example.org' })]);
    expect((await client().get(linkOf(made.body, 'osdi:person'))).status).toBe(403);
    // No consent is invented: writing a letter subscribes nobody, as on the form.
    expect(person.body.email_addresses).toEqual([expect.objectContaining({ status: 'unsubscribed' })]);
    expect(await database().db.select().from(subscriptions)).toEqual([]);
    expect(linkOf(made.body, 'osdi:advocacy_campaign')).toBe(selfOf(campaign));

    // One letter per person per campaign: a second answers the first and sends nothing.
    const before = mail.length;
    const again = await client().post(helper, { ...writer('one'), message: 'Another letter' });
    expect(again.status).toBe(200);
    expect(again.body.identifiers).toEqual(made.body.identifiers);
    expect(await database().db.select().from(emailOutbox)).toHaveLength(before);

    // Without a message or subject, the campaign's own words, as the form starts with them.
    const plain = await client().post(helper, writer('two'));
    expect(plain.status).toBe(201);
    const [second] = await database()
      .db.select()
      .from(letters)
      .where(eq(letters.id, Number(selfOf(plain.body).split('/').at(-1))));
    expect(second).toMatchObject({
      body: 'I am writing about the test bill.',
      subject: 'Please support the test bill',
    });

    const outreaches = await client().all(linkOf(campaign, 'osdi:outreaches'), 'osdi:outreaches');
    expect(outreaches.map(selfOf)).toEqual([selfOf(made.body), selfOf(plain.body)]);
    expect((await client().get(selfOf(made.body))).body.identifiers).toEqual(made.body.identifiers);
    expect((await findCampaign()).total_outreaches).toBe(2);
  });

  it('sends to the offices once live delivery is on', async () => {
    await database()
      .db.update(letterCampaigns)
      .set({ liveDeliveryAt: new Date() })
      .where(eq(letterCampaigns.id, campaignId));
    const made = await client().post(linkOf(await findCampaign(), 'osdi:record_outreach_helper'), writer('live'));
    expect(made.status).toBe(201);
    expect(made.body.status).toBe('queued');
    const mail = await database().db.select().from(emailOutbox);
    expect(mail.some((m) => m.toAddress === 'senator17@example.org')).toBe(true);
    await database().db.update(letterCampaigns).set({ liveDeliveryAt: null }).where(eq(letterCampaigns.id, campaignId));
  });

  it('answers what the form would refuse with 400 and a message by each field', async () => {
    const helper = linkOf(await findCampaign(), 'osdi:record_outreach_helper');
    const nameless = await client().post(helper, {
      person: { email_addresses: [{ address: 'nameless@example.org' }] },
    });
    expect(nameless.status).toBe(400);
    expect(Object.keys(nameless.body.fields as object).sort()).toEqual([
      'person.family_name',
      'person.given_name',
      'person.postal_addresses',
    ]);
    const noStreet = await client().post(helper, writer('nostreet', { postal_addresses: [{ postal_code: '97301' }] }));
    expect(noStreet.status).toBe(400);
    expect(noStreet.body.fields).toHaveProperty(['person.postal_addresses.0.address_lines']);
    // A ZIP across two districts, and no geocoder: the districts cannot be told, so nothing is sent.
    const across = await client().post(
      helper,
      writer('across', { postal_addresses: [{ address_lines: ['1 Sample Rd'], postal_code: '97005' }] }),
    );
    expect(across.status).toBe(400);
    expect(across.body.fields).toHaveProperty(['person.postal_addresses.0.postal_code']);
    const elsewhere = await client().post(
      helper,
      writer('wa', { postal_addresses: [{ address_lines: ['1 Main St'], region: 'WA', postal_code: '98101' }] }),
    );
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.fields).toHaveProperty(['person.postal_addresses.0.region']);
    const tooLong = await client().post(helper, { ...writer('long'), message: 'x'.repeat(5001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.fields).toHaveProperty(['message']);
    const [kept] = await database().db.select().from(letters).where(eq(letters.street, '1 Sample Rd'));
    expect(kept).toBeUndefined();
  });

  it('refuses a closed campaign, hides drafts, and keeps each key to its scopes', async () => {
    const closed = await makeLetterCampaign(database().db, { status: 'closed' });
    const all = await client().all(await client().link('osdi:advocacy_campaigns'), 'osdi:advocacy_campaigns');
    const shut = all.find((c) => (c.identifiers as string[]).includes(`groundswell:${closed.id}`))!;
    expect(shut.status).toBe('closed');
    const refused = await client().post(linkOf(shut, 'osdi:record_outreach_helper'), writer('late'));
    expect(refused.status).toBe(409);
    expect(all).toHaveLength(2);
    expect((await client().get(`${API_ROOT}/advocacy_campaigns/${closed.id + 99}`)).status).toBe(404);
    expect((await client().get(`${API_ROOT}/advocacy_campaigns/${campaignId}/outreaches/999999`)).status).toBe(404);

    const reader = osdiClient(app(), await makeKey(database(), ['read_actions'], 'Reader'));
    const campaign = await findCampaign();
    expect((await reader.get(selfOf(campaign))).status).toBe(200);
    const noWrite = await reader.post(linkOf(campaign, 'osdi:record_outreach_helper'), writer('reader'));
    expect(noWrite.status).toBe(403);
    expect(noWrite.body.error).toMatch(/write_actions/);
    expect((await osdiClient(app(), people).get(`${API_ROOT}/advocacy_campaigns`)).status).toBe(403);
  });

  it('pages outreaches by next links', async () => {
    const campaign = await findCampaign();
    for (let i = 0; i < 5; i++) {
      const made = await client().post(linkOf(campaign, 'osdi:record_outreach_helper'), writer(`paged-${i}`));
      expect(made.status).toBe(201);
    }
    const first = await client().get(`${linkOf(campaign, 'osdi:outreaches')}?per_page=2`);
    expect(first.body).toMatchObject({ per_page: 2, page: 1, total_records: 8, total_pages: 4 });
    const everyone = await client().all(`${linkOf(campaign, 'osdi:outreaches')}?per_page=2`, 'osdi:outreaches');
    expect(everyone).toHaveLength(8);
    expect(new Set(everyone.map(selfOf)).size).toBe(8);
  });
});
