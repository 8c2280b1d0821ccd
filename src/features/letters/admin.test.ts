import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { formFields } from '../../../test/support/form-fields.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { listAudit } from '../audit/service.ts';
import { legislators } from '../reference/schema.ts';
import { addLetter } from './admin-test-support.ts';
import { getCampaignForStaff, listCampaignsForStaff } from './campaign-editing.ts';

describeEachDatabase('letter campaigns in the workspace', (database) => {
  let admin: Browser;
  let organizer: Browser;
  let editor: Browser;
  let viewer: Browser;
  const tokens = new Map<Browser, string>();

  beforeAll(async () => {
    const app = createTestApp(database()).app;
    admin = await signedInAs(app, database(), 'admin');
    organizer = await signedInAs(app, database(), 'organizer');
    editor = await signedInAs(app, database(), 'editor');
    viewer = await signedInAs(app, database(), 'viewer');
    for (const b of [admin, organizer, editor, viewer]) tokens.set(b, await b.csrf('/admin/account'));
    // A small roster: two senators with addresses, one representative without.
    await database()
      .db.insert(legislators)
      .values([
        { id: 'ocd-person/s1', name: 'Sample Senator One', chamber: 'upper', district: '1', email: 's1@leg.example' },
        { id: 'ocd-person/s2', name: 'Sample Senator Two', chamber: 'upper', district: '2', email: 's2@leg.example' },
        { id: 'ocd-person/h3', name: 'Sample Rep Three', chamber: 'lower', district: '3', email: null },
      ]);
  });

  const send = (b: Browser, path: string, fields: Record<string, string> | URLSearchParams) => {
    const body = new URLSearchParams(fields);
    body.set('_csrf', tokens.get(b)!);
    return b.request(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  };
  const waterLetters = {
    slug: 'sample-water-letters',
    'target.my-senator': 'on',
    deliveryMode: 'each',
    reviewAddress: 'review@staff.example',
    allowStory: 'on',
    goal: '250',
    opensAt: '2027-01-12T09:00',
    closesAt: '2027-03-01T17:00',
    'en.title': 'Sample water letters',
    'en.subjectMatter': 'The sample water bill',
    'en.subject': 'Please vote for clean water',
    'en.greeting': 'Dear',
    'en.body': 'Clean water matters to my family.',
    'en.closing': 'Sincerely,',
    'en.talkingPointsMd': '- **Safe** taps',
    'es.title': 'Cartas de muestra por el agua',
    'es.subjectMatter': 'El proyecto de ley de muestra sobre el agua',
    'es.subject': 'Por favor, vote por el agua limpia',
    'es.greeting': 'Estimado/a',
    'es.body': 'El agua limpia importa a mi familia.',
    'es.closing': 'Atentamente,',
  };

  it('creates a campaign from the form as a draft in test mode, and lists it', async () => {
    expect((await editor.request('/admin/letters/new')).status).toBe(403);
    expect((await send(editor, '/admin/letters/new', waterLetters)).status).toBe(403);
    const res = await send(organizer, '/admin/letters/new', waterLetters);
    expect(res.status).toBe(303);
    const [campaign] = await listCampaignsForStaff(database().db);
    expect(res.headers.get('location')).toBe(`/admin/letters/${campaign!.id}?notice=created`);
    expect(campaign).toMatchObject({
      status: 'draft',
      targetKinds: ['my-senator'],
      reviewAddress: 'review@staff.example',
      goal: 250,
      allowStory: true,
      liveDeliveryAt: null,
    });
    expect(campaign!.words.es?.closing).toBe('Atentamente,');
    // 9:00 in January is PST, UTC−8.
    expect(campaign!.opensAt?.toISOString()).toBe('2027-01-12T17:00:00.000Z');
    const list = await (await viewer.request('/admin/letters')).text();
    expect(list).toContain('Sample water letters');
    expect(list).toContain('Test mode');
    const page = await (await viewer.request(`/admin/letters/${campaign!.id}`)).text();
    expect(page).toContain('letters go to review@staff.example');
    expect(page).toContain('You can read this but not change it');
  });

  it('gives a refused form back as typed, with a message by each field, and writes nothing', async () => {
    const bad = await send(organizer, '/admin/letters/new', {
      ...waterLetters,
      slug: 'Water!',
      'target.my-senator': '',
      'target.list': '',
      reviewAddress: 's2@leg.example',
      closesAt: '2027-01-01T09:00',
      'en.body': '',
      'en.title': 'Kept <as typed>',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('<title>Error: Create a letter campaign');
    for (const message of [
      'Use lower-case letters, numbers and single hyphens',
      'Choose whom the letters go to',
      'This is a legislator’s address: enter a staff inbox',
      'The close must be after the opening',
      'Enter the English letter',
    ])
      expect(html).toContain(message);
    expect(html).toContain('Kept &lt;as typed&gt;');
    const list = new URLSearchParams({ ...waterLetters, slug: 'listed', 'target.list': 'on' });
    list.append('legislatorIds', 'ocd-person/nobody');
    expect(await (await send(organizer, '/admin/letters/new', list)).text()).toContain(
      'Choose legislators from the list',
    );
    expect((await listCampaignsForStaff(database().db)).length).toBe(1);
    const taken = await send(organizer, '/admin/letters/new', waterLetters);
    expect(await taken.text()).toContain('Another campaign has this address');
  });

  it('edits through the form as shown; opens, asks before closing, and keeps a written campaign out of draft', async () => {
    const [campaign] = await listCampaignsForStaff(database().db);
    const path = `/admin/letters/${campaign!.id}`;
    const fields = formFields(await (await organizer.request(path)).text(), path);
    expect(fields.opensAt).toBe('2027-01-12T09:00');
    const body = new URLSearchParams({ ...fields, 'target.list': 'on' });
    body.append('legislatorIds', 'ocd-person/h3');
    expect((await send(organizer, path, body)).status).toBe(303);
    expect((await getCampaignForStaff(database().db, campaign!.id))!.legislatorIds).toEqual(['ocd-person/h3']);

    expect((await send(organizer, `${path}/open`, {})).status).toBe(303);
    expect((await getCampaignForStaff(database().db, campaign!.id))!.status).toBe('open');
    await addLetter(database().db, campaign!.id, { givenName: 'Ana', familyName: 'Sample', senate: '1' }, [
      { id: 'ocd-person/s1', name: 'Sample Senator One', chamber: 'upper', district: '1' },
    ]);
    expect((await send(organizer, `${path}/draft`, {})).status).toBe(303);
    expect((await getCampaignForStaff(database().db, campaign!.id))!.status).toBe('open');
    expect(await (await organizer.request(`${path}/close`)).text()).toContain('Close the letter campaign');
    expect((await send(organizer, `${path}/close`, {})).status).toBe(200);
    expect((await send(organizer, `${path}/close`, { confirmed: 'yes' })).status).toBe(303);
    expect((await getCampaignForStaff(database().db, campaign!.id))!.status).toBe('closed');
    expect((await send(organizer, `${path}/open`, {})).status).toBe(303);
    const actions = (await listAudit(database().db, { subjectType: 'letter-campaign' })).rows.map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['letters.create', 'letters.update', 'letters.open', 'letters.close']),
    );
  });

  it('turns on live delivery only for an admin, after a confirmation naming the offices, and off again', async () => {
    const [campaign] = await listCampaignsForStaff(database().db);
    const path = `/admin/letters/${campaign!.id}`;
    expect((await organizer.request(`${path}/live`)).status).toBe(403);
    expect((await send(organizer, `${path}/live`, { confirmed: 'yes', offices: '2' })).status).toBe(403);
    // Every senator with an address (2) and the listed representative, who has none: 2 offices.
    const question = await (await admin.request(`${path}/live`)).text();
    expect(question).toContain('Letters will go to 2 offices');
    expect(question).toContain('Yes, send letters to 2 offices');
    // Confirmed for a count that is not the one now: asked again, nothing turned on.
    const stale = await send(admin, `${path}/live`, { confirmed: 'yes', offices: '1' });
    expect(stale.status).toBe(200);
    expect(await stale.text()).toContain('changed since you last looked');
    expect((await getCampaignForStaff(database().db, campaign!.id))!.liveDeliveryAt).toBeNull();

    const on = await send(admin, `${path}/live`, { confirmed: 'yes', offices: '2' });
    expect(on.headers.get('location')).toBe(`${path}?notice=live-on`);
    expect(await (await admin.request(`${path}?notice=live-on`)).text()).toContain('Live delivery is on');
    const live = (await getCampaignForStaff(database().db, campaign!.id))!;
    expect(live.liveDeliveryAt).not.toBeNull();
    const page = await (await organizer.request(path)).text();
    expect(page).toContain('Live delivery:</strong> letters go to legislators’ offices');
    expect(page).not.toContain('Test mode:');

    expect(await (await admin.request(`${path}/live/off`)).text()).toContain('Yes, back to test mode');
    expect((await send(admin, `${path}/live/off`, { confirmed: 'yes' })).status).toBe(303);
    expect((await getCampaignForStaff(database().db, campaign!.id))!.liveDeliveryAt).toBeNull();
    const actions = (await listAudit(database().db, { subjectType: 'letter-campaign' })).rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['letters.live-delivery', 'letters.live-off']));
  });

  it('reports letters per legislator and district, on the maps, and prints the lobby packet', async () => {
    const [campaign] = await listCampaignsForStaff(database().db);
    const db = database().db;
    const s2 = { id: 'ocd-person/s2', name: 'Sample Senator Two', chamber: 'upper' as const, district: '2' };
    await addLetter(db, campaign!.id, { givenName: 'Bea', familyName: 'Sample', senate: '2', body: 'From home.' }, [
      { ...s2, live: true, status: 'sent' },
    ]);
    await addLetter(db, campaign!.id, { givenName: 'Cy', familyName: 'Sample', senate: '1', body: 'From afar.' }, [s2]);
    const path = `/admin/letters/${campaign!.id}`;
    expect((await editor.request(`${path}/report`)).status).toBe(403);
    const report = await (await organizer.request(`${path}/report`)).text();
    expect(report).toContain('Sample Senator Two');
    // Senator Two: 2 letters, 1 from a constituent, 1 to the office, 1 sent.
    expect(report).toMatch(/Sample Senator Two<\/th><td>Senate 2<\/td><td>2<\/td><td>1<\/td><td>1<\/td><td>1<\/td>/);
    expect(report).toContain('Letters per Senate district');

    const csv = await (await organizer.request(`${path}/report.csv`)).text();
    expect(csv).toContain('Sample Senator Two,Senate,2,2,1,1,1');

    const packet = await (await organizer.request(`${path}/packet?legislator=ocd-person/s2`)).text();
    expect(packet).toContain('Sample Senator Two, Senate District 2');
    expect(packet).not.toContain('Sample Senator One, Senate District 1');
    // Constituents first; never a street or an email.
    expect(packet.indexOf('From home.')).toBeLessThan(packet.indexOf('From afar.'));
    expect(packet).not.toContain('1 Sample Street');
    expect(packet).not.toContain('@example.org');

    const deliveries = await (await organizer.request(`${path}/deliveries`)).text();
    expect(deliveries).toContain('Review address (test)');
    expect(deliveries).toContain('The office');
  });
});
