import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { formFields } from '../../../test/support/form-fields.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { listAudit } from '../audit/service.ts';
import { audienceCount, getBroadcast } from '../broadcasts/service.ts';
import { fakeImages } from '../news/news-test-support.ts';
import { addRsvp } from './admin-test-support.ts';
import { cancellationTemplate, EVENT_CANCELLED_TEMPLATE } from './cancellation-emails.ts';
import { emailOutbox } from '../email/schema.ts';
import { eq } from 'drizzle-orm';
import { getEventForStaff, listEventsForStaff } from './event-editing.ts';

describeEachDatabase('events in the workspace (screens)', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let organizer: Browser;
  let editor: Browser;
  let viewer: Browser;
  const tokens = new Map<Browser, string>();

  beforeAll(async () => {
    app = createTestApp(database(), {}, { images: fakeImages }).app;
    organizer = await signedInAs(app, database(), 'organizer');
    editor = await signedInAs(app, database(), 'editor');
    viewer = await signedInAs(app, database(), 'viewer');
    for (const b of [organizer, editor, viewer]) tokens.set(b, await b.csrf('/admin/account'));
  });

  const send = (b: Browser, path: string, fields: Record<string, string>) =>
    b.request(path, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: tokens.get(b)!, ...fields }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  const lobbyDay = {
    slug: 'lobby-day-2027',
    timeZone: 'America/Los_Angeles',
    startsAt: '2027-03-16T08:30',
    endsAt: '2027-03-16T16:00',
    format: 'in-person',
    venue: 'Oregon State Capitol',
    address: '900 Court St NE, Salem',
    capacity: '1',
    meetsLegislators: 'on',
    imageId: '7',
    'en.title': 'Sample lobby day',
    'en.summary': 'We meet our legislators.',
    'en.descriptionMd': 'Bring **water**.',
    'es.title': 'Día de cabildeo de muestra',
    'es.summary': 'Nos reunimos con nuestros legisladores.',
    'sessions.0.titleEn': 'Training',
    'sessions.0.titleEs': 'Capacitación',
    'sessions.0.startsAt': '2027-03-16T08:30',
    'sessions.0.endsAt': '2027-03-16T11:00',
    'questions.0.labelEn': 'T-shirt size',
    'questions.0.labelEs': 'Talla de camiseta',
    'questions.0.kind': 'choice',
    'questions.0.choices': 'Small | Pequeña\nLarge | Grande',
  };

  it('creates an event from the form, in Pacific Time, as a draft, and lists it', async () => {
    const page = await editor.request('/admin/events/new');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<option value="America/Los_Angeles" selected="">');
    const res = await send(editor, '/admin/events/new', lobbyDay);
    expect(res.status).toBe(303);
    const [event] = await listEventsForStaff(database().db);
    expect(res.headers.get('location')).toBe(`/admin/events/${event!.id}?notice=created`);
    // 8:30 in March after the change is PDT, UTC−7.
    expect(event).toMatchObject({ status: 'draft', capacity: 1, imageId: 7, meetsLegislators: true });
    expect(event!.startsAt.toISOString()).toBe('2027-03-16T15:30:00.000Z');
    expect(event!.questions[0]!.choices).toEqual([
      { en: 'Small', es: 'Pequeña' },
      { en: 'Large', es: 'Grande' },
    ]);
    const list = await (await viewer.request('/admin/events')).text();
    expect(list).toContain('Sample lobby day');
    // Viewers and editors see no counts of people; those who run campaigns do.
    expect(list).not.toContain('seats taken');
    expect(await (await organizer.request('/admin/events')).text()).toContain('Sample lobby day');
  });

  it('gives a refused form back as typed, with a message by each field, and writes nothing', async () => {
    const before = (await listEventsForStaff(database().db)).length;
    const bad = await send(editor, '/admin/events/new', {
      ...lobbyDay,
      slug: 'Lobby Day!',
      endsAt: '2027-03-16T07:00',
      'en.title': '',
      'en.summary': 'Kept <as typed>',
      'questions.0.choices': 'Only one',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('<title>Error: Create an event');
    for (const message of [
      'Use lower-case letters, numbers and single hyphens',
      'The end must be after the start',
      'Enter the English title',
      'Give from 2 to 20 choices, one on each line',
    ])
      expect(html).toContain(message);
    expect(html).toContain('value="Lobby Day!"');
    expect(html).toContain('Kept &lt;as typed&gt;');
    expect((await listEventsForStaff(database().db)).length).toBe(before);
    const taken = await send(editor, '/admin/events/new', lobbyDay);
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain('Another event has this address');
  });

  it('edits through the form as shown, publishes, and asks before cancelling', async () => {
    const [event] = await listEventsForStaff(database().db);
    const path = `/admin/events/${event!.id}`;
    const fields = formFields(await (await editor.request(path)).text(), path);
    expect(fields.startsAt).toBe('2027-03-16T08:30');
    expect(fields['sessions.0.id']).toBe(String(event!.sessions[0]!.id));
    const saved = await send(editor, path, { ...fields, endsAt: '2027-03-16T17:00' });
    expect(saved.status).toBe(303);
    const after = (await getEventForStaff(database().db, event!.id))!;
    expect(after.sequence).toBe(1);
    expect(after.sessions[0]!.id).toBe(event!.sessions[0]!.id);

    expect((await send(editor, `${path}/publish`, {})).status).toBe(303);
    expect((await getEventForStaff(database().db, event!.id))!.status).toBe('published');
    // Cancelling is for those who can tell the attendees.
    expect((await editor.request(`${path}/cancel`)).status).toBe(403);
    const question = await organizer.request(`${path}/cancel`);
    expect(await question.text()).toContain('Cancel the event “Sample lobby day”?');
    expect((await send(organizer, `${path}/cancel`, {})).status).toBe(200);
    expect((await getEventForStaff(database().db, event!.id))!.status).toBe('published');
  });

  it('lets a viewer read but not change, and keeps attendees from those who do not run campaigns', async () => {
    const [event] = await listEventsForStaff(database().db);
    const path = `/admin/events/${event!.id}`;
    const read = await (await viewer.request(path)).text();
    expect(read).toContain('You can read this but not change it');
    expect(read).not.toContain('>Save<');
    expect((await send(viewer, path, { slug: 'x' })).status).toBe(403);
    expect((await viewer.request('/admin/events/new')).status).toBe(403);
    for (const screen of ['attendees', 'attendees.csv', 'sheet', 'legislators', 'check-in'])
      expect((await editor.request(`${path}/${screen}`)).status).toBe(403);
  });

  it('shows attendees, exports them (audited), checks in once, and starts a message to them', async () => {
    const db = database().db;
    const [event] = await listEventsForStaff(db);
    const path = `/admin/events/${event!.id}`;
    const ana = await addRsvp(db, event!.id, { givenName: 'Ana', familyName: 'Sample', eventsTopic: true });
    await addRsvp(db, event!.id, { givenName: 'Bea', familyName: 'Sample' });
    await addRsvp(db, event!.id, { givenName: 'Cy', familyName: 'Waiting', eventsTopic: true }, 'waitlisted');

    const list = await (await organizer.request(`${path}/attendees?status=confirmed&q=ana&need=bogus`)).text();
    expect(list).toContain('Ana Sample');
    expect(list).not.toContain('Bea Sample');
    expect(list).toContain('href="/admin/events/' + event!.id + '/attendees.csv?status=confirmed&amp;q=ana"');

    const csv = await organizer.request(`${path}/attendees.csv`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="attendees-lobby-day-2027.csv"');
    expect((await csv.text()).split('\r\n')[0]).toContain('given_name,family_name,email');
    expect((await listAudit(db, { action: 'event.export' })).rows).toHaveLength(1);

    for (let i = 0; i < 2; i++) {
      const res = await send(organizer, `${path}/check-in`, { rsvp: String(ana.rsvpId), q: 'ana', intent: 'present' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`${path}/check-in?q=ana&marked=${ana.rsvpId}#rsvp-${ana.rsvpId}`);
    }
    expect((await listAudit(db, { action: 'event.check-in' })).rows).toHaveLength(1);
    const door = await (await organizer.request(`${path}/check-in?q=ana&marked=${ana.rsvpId}`)).text();
    expect(door).toContain('Sample, Ana is marked present.');
    expect(door).toContain('Undo<span class="visually-hidden"> check-in of Sample, Ana');
    expect((await send(organizer, `${path}/check-in`, { rsvp: 'x' })).status).toBe(400);
    expect((await send(organizer, `${path}/check-in`, { rsvp: '99999999' })).status).toBe(404);

    const sheet = await (await organizer.request(`${path}/sheet`)).text();
    expect(sheet.indexOf('Sample, Ana')).toBeLessThan(sheet.indexOf('Sample, Bea'));
    expect(sheet).toContain('Waiting, Cy');
    expect(await (await organizer.request(`${path}/legislators`)).text()).toContain('District not known');

    const message = await send(organizer, `${path}/message`, { group: 'confirmed' });
    expect(message.status).toBe(303);
    const broadcastId = Number(/\/admin\/broadcasts\/(\d+)/.exec(message.headers.get('location')!)![1]);
    const broadcast = (await getBroadcast(db, broadcastId))!;
    expect(broadcast.audience).toMatchObject({ topic: 'events', label: 'Those coming to Sample lobby day' });
    expect(broadcast.audience.supporterIds).toHaveLength(2);
    // Only those who chose event emails: Ana, not Bea.
    expect(await audienceCount(db, broadcast.audience)).toBe(1);
    const page = await (await organizer.request(`/admin/broadcasts/${broadcastId}`)).text();
    expect(page).toContain('Those coming to Sample lobby day, among event news subscribers');
    // Editing the draft keeps its people.
    const fields = formFields(page, `/admin/broadcasts/${broadcastId}`);
    expect(
      (await send(organizer, `/admin/broadcasts/${broadcastId}`, { ...fields, 'audience.topic': 'events' })).status,
    ).toBe(303);
    expect((await getBroadcast(db, broadcastId))!.audience.supporterIds).toHaveLength(2);
  });

  it('moves the waitlist up when an edit adds seats', async () => {
    const db = database().db;
    const [event] = await listEventsForStaff(db);
    const path = `/admin/events/${event!.id}`;
    expect(event!.rsvps.waitlisted).toBe(1);
    const fields = formFields(await (await editor.request(path)).text(), path);
    expect((await send(editor, path, { ...fields, capacity: '5' })).status).toBe(303);
    const after = (await getEventForStaff(db, event!.id))!;
    expect(after.rsvps).toMatchObject({ confirmed: 3, waitlisted: 0 });
  });

  it('emails everyone coming or waiting when the event is cancelled, once, in their language', async () => {
    const db = database().db;
    const [event] = await listEventsForStaff(db);
    const path = `/admin/events/${event!.id}`;
    const spanish = await addRsvp(db, event!.id, { givenName: 'Eva', familyName: 'Espera' }, 'waitlisted', {
      locale: 'es',
    });
    const gone = await addRsvp(db, event!.id, { givenName: 'Ida', familyName: 'Ida' }, 'cancelled');
    const question = await (await organizer.request(`${path}/cancel`)).text();
    expect(question).toContain('3 people coming and 1 person waiting are emailed at once');
    expect((await send(organizer, `${path}/cancel`, { confirmed: 'yes' })).status).toBe(303);
    expect((await getEventForStaff(db, event!.id))!.status).toBe('cancelled');

    const told = await db.select().from(emailOutbox).where(eq(emailOutbox.template, EVENT_CANCELLED_TEMPLATE));
    expect(told).toHaveLength(4);
    expect(told.map((m) => m.toAddress)).toContain(spanish.email);
    expect(told.map((m) => m.toAddress)).not.toContain(gone.email);
    // Cancelling again changes nothing and tells no one twice.
    await send(organizer, `${path}/cancel`, { confirmed: 'yes' });
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.template, EVENT_CANCELLED_TEMPLATE))).toHaveLength(
      4,
    );

    const row = told.find((m) => m.toAddress === spanish.email)!;
    expect(row.locale).toBe('es');
    const ctx = {
      locale: 'es' as const,
      sender: { name: 'PSJ', address: 'news@psj.example', postalAddress: '', publicUrl: 'https://psj.example' },
      link: (p: string) => `https://psj.example/es${p}`,
    };
    const mail = await cancellationTemplate(db).render(row, ctx);
    expect(mail.subject).toBe(`Cancelado: ${event!.words.es?.title ?? event!.words.en?.title}`);
    expect(mail.bodyText).toContain('Hola, Eva:');
    expect(mail.bodyText).toContain('no viajes');
    expect(mail.action?.url).toBe('https://psj.example/es/events');
  });
});
