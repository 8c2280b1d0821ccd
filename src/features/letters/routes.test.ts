import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { makeLetterCampaign, pointIn, seedTestRoster } from './public-test-support.ts';
import { sendLetter } from './letter.ts';
import { letterCampaigns } from './schema.ts';
import { SAMPLE_LETTER_CAMPAIGN, seedDemoLetters } from './seed/index.ts';
import { publicLettersStamp } from './site-map.ts';

const form = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' };

describeEachDatabase('the public letter pages', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let slug: string;
  const post = (path: string, body: Record<string, string>) =>
    app.request(path, { method: 'POST', headers: form, body: new URLSearchParams(body).toString() });
  const letter = (extra: Record<string, string> = {}) => ({
    senate: '17',
    house: '33',
    foundBy: 'zip',
    subject: 'Please support the test bill',
    body: 'My own words.',
    story: '',
    givenName: 'Ana',
    familyName: 'Rivera',
    email: 'ana@example.org',
    street: '900 Court St NE',
    city: 'Salem',
    zip: '97301',
    ...extra,
  });

  beforeAll(async () => {
    const db = database().db;
    await seedTestRoster(db);
    await seedDemoLetters(db);
    slug = (await makeLetterCampaign(db)).slug;
    app = createTestApp(database()).app;
  });

  it('lists the open campaigns, the sample marked as one, in English and Spanish', async () => {
    const en = await (await app.request('/letters')).text();
    expect(en).toContain(`href="/letters/${SAMPLE_LETTER_CAMPAIGN}"`);
    expect(en).toContain('Sample campaign');
    const es = await (await app.request('/es/letters')).text();
    expect(es).toContain(`href="/es/letters/${SAMPLE_LETTER_CAMPAIGN}"`);
    expect(es).toContain('Campaña de ejemplo');
    expect((await seedDemoLetters(database().db)).seeded).toBe(false);
  });

  it('puts the open campaigns in the site map and sitemap.xml; closing one moves the pages’ version', async () => {
    const db = database().db;
    const map = await (await app.request('/es/site-map')).text();
    expect(map).toContain('href="/es/letters"');
    expect(map).toContain(`href="/es/letters/${SAMPLE_LETTER_CAMPAIGN}"`);
    expect(await (await app.request('/sitemap.xml')).text()).toContain(`/letters/${SAMPLE_LETTER_CAMPAIGN}</loc>`);
    const other = await makeLetterCampaign(db);
    const before = await publicLettersStamp(db);
    // A letter does not move it; closing does.
    const input = { ...letter(), givenName: 'Stamp', email: 'stamp@example.org', foundBy: 'zip' as const };
    const sent = await sendLetter(db, { publicUrl: 'http://localhost:3000' }, other.id, input, { locale: 'en' });
    expect(sent.kind).toBe('sent');
    expect(await publicLettersStamp(db)).toBe(before);
    await db
      .update(letterCampaigns)
      .set({ status: 'closed', updatedAt: new Date() })
      .where(eq(letterCampaigns.id, other.id));
    expect(await publicLettersStamp(db)).not.toBe(before);
  });

  it('draws the Senate map as a chooser: each district a named link, with the list beside it', async () => {
    const res = await app.request(`/letters/${slug}`);
    expect(res.status).toBe(200);
    // The finder alone may ask for the browser's location; every other page keeps it off.
    expect(res.headers.get('permissions-policy')).toContain('geolocation=(self)');
    expect((await app.request('/letters')).headers.get('permissions-policy')).toContain('geolocation=()');
    const html = await res.text();
    expect(html).toContain('role="group" aria-label="Oregon Senate districts: choose yours"');
    expect(html).toContain(`<a href="/letters/${slug}/write?senate=17" aria-label="Senate District 17"><path`);
    expect(html.match(/<a href="[^"]+write\?senate=\d+" aria-label="Senate District \d+">/g)).toHaveLength(30);
    expect(html).toContain(`<li><a href="/letters/${slug}/write?senate=17">Senate District 17</a></li>`);
    // The location button is there only for the script to show.
    expect(html).toMatch(/<section aria-labelledby="by-location" hidden/);
  });

  it('finds by a ZIP wholly in one district and says it is sure; by a ZIP across districts, asks again', async () => {
    const found = await post(`/letters/${slug}/find`, { method: 'address', zip: '97301' });
    expect(found.status).toBe(200);
    const html = await found.text();
    expect(html).toContain('Senator Sample 17, Senate District 17');
    expect(html).toContain('Representative Sample 33, House District 33');
    expect(html).toContain('Found from your ZIP code, which lies wholly in one district. We are sure of these.');
    expect(html).toContain('I am writing about the test bill.');
    expect(html).toContain('Dear legislator,');

    const across = await post(`/letters/${slug}/find`, { method: 'address', zip: '97005' });
    expect(across.status).toBe(400);
    const again = await across.text();
    expect(again).toContain('<title>Error:');
    expect(again).toContain('Your ZIP code may cross district lines');
    expect(again).toContain('value="97005"');

    const bad = await post(`/es/letters/${slug}/find`, { method: 'address', zip: '9730' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Escribe un código postal de Oregón de cinco dígitos');
  });

  it('finds by location once, saying it is where the device says; outside Oregon is refused', async () => {
    const [lon, lat] = pointIn(34);
    const found = await post(`/letters/${slug}/find`, { method: 'location', lat: String(lat), lon: String(lon) });
    expect(found.status).toBe(200);
    const html = await found.text();
    expect(html).toContain('Representative Sample 34, House District 34');
    expect(html).toContain('Found from where your device says you are.');
    // The coordinates are not carried on.
    expect(html).not.toContain(String(lat));
    const away = await post(`/letters/${slug}/find`, { method: 'location', lat: '40.7', lon: '-74' });
    expect(away.status).toBe(400);
    const none = await post(`/letters/${slug}/find`, { method: 'location', lat: '', lon: 'x' });
    expect(none.status).toBe(400);
  });

  it('takes a map pick, asks for the House district within it, and refuses districts that are not real', async () => {
    const picked = await app.request(`/letters/${slug}/write?senate=17`);
    expect(picked.status).toBe(200);
    const html = await picked.text();
    expect(html).toContain('Found from the district you picked.');
    expect(html).toContain('<option value="33">House District 33</option>');
    expect(html).toContain('<option value="34">House District 34</option>');

    for (const query of ['senate=99', 'senate=x', 'house=61', ''])
      expect((await app.request(`/letters/${slug}/write?${query}`)).status).toBe(400);
    // A House district outside the Senate district it came with is tampering: back to the finder.
    const tampered = await post(`/letters/${slug}/preview`, letter({ senate: '5', house: '33' }));
    expect(tampered.status).toBe(400);
    expect(await tampered.text()).toContain('Choose a district from the list');
  });

  it('gives the letter back with what was typed and a message by each field; previews a good one', async () => {
    const bad = await post(`/letters/${slug}/preview`, letter({ email: 'not-an-address', body: '  ' }));
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('value="not-an-address"');
    expect(html).toContain('Enter an email address like name@example.org');
    expect(html).toContain('Write your letter');
    const noHouse = await post(`/letters/${slug}/preview`, letter({ foundBy: 'map', house: '' }));
    expect(noHouse.status).toBe(400);
    expect(await noHouse.text()).toContain('<select id="house" name="house" aria-invalid="true"');

    const good = await post(`/letters/${slug}/preview`, letter());
    expect(good.status).toBe(200);
    const preview = await good.text();
    expect(preview).toContain('Check your letter');
    expect(preview).toContain('Dear legislator,\n\nMy own words.\n\nThank you.\n\nAna Rivera');
    expect(preview).toContain('<input type="hidden" name="email" value="ana@example.org"');
    expect(preview).toContain(`formaction="/letters/${slug}/write"`);
    // "Change my letter" brings it back as it was.
    const back = await post(`/letters/${slug}/write`, letter({ body: 'Changed words.' }));
    expect(await back.text()).toContain('Changed words.');
  });

  it('answers a closed or draft campaign without a form, and an unknown one with 404', async () => {
    const closed = await makeLetterCampaign(database().db, { status: 'closed' });
    const page = await app.request(`/letters/${closed.slug}`);
    expect(await page.text()).toContain('This campaign has closed.');
    expect((await post(`/letters/${closed.slug}/preview`, letter())).status).toBe(409);
    const draft = await makeLetterCampaign(database().db, { status: 'draft' });
    expect((await app.request(`/letters/${draft.slug}`)).status).toBe(404);
    expect((await app.request('/letters/no-such-campaign')).status).toBe(404);
  });
});
