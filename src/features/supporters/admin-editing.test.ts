import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { auditLog } from '../audit/schema.ts';
import { emailOutbox } from '../email/schema.ts';
import { enqueueEmail, suppress, suppressionOf } from '../email/service.ts';
import { eraseSupporter, exportSupporter } from './data-rights.ts';
import { consents, subscriptions, supporterEvents, supporters } from './schema.ts';
import { preferencesToken } from './service.ts';
import { STAFF_CONSENT } from './staff-consent.ts';

const addForm = {
  givenName: 'Rosa',
  familyName: 'Martinez',
  email: 'Rosa.Martinez@Example.org',
  phone: '503-555-0143',
  zip: '',
  language: 'es',
  'topic-newsletter': 'on',
  'topic-events': 'on',
  consent: 'on',
};

describeEachDatabase('staff add and edit supporters', (database) => {
  let made: ReturnType<typeof createTestApp>;
  let organizer: Browser & { staffId: number };
  const db = () => database().db;
  const audits = async (id: number) =>
    db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'supporter'), eq(auditLog.subjectId, String(id))));
  const statuses = async (id: number) =>
    Object.fromEntries(
      (await db().select().from(subscriptions).where(eq(subscriptions.supporterId, id))).map((s) => [
        s.topic,
        s.status,
      ]),
    );

  beforeAll(async () => {
    made = createTestApp(database());
    organizer = await signedInAs(made.app, database(), 'organizer');
  });

  /** Posts the edit form of the person at `base`: their details as given, empty where not. */
  const edit = (base: string, details: Record<string, string>) =>
    organizer.post(
      `${base}/edit`,
      { givenName: '', familyName: '', email: '', phone: '', zip: '', language: 'en', ...details },
      { from: `${base}/edit` },
    );

  /** Adds someone through the form and returns their id. */
  async function added(fields: Record<string, string>): Promise<number> {
    const res = await organizer.post('/admin/supporters/new', fields, { from: '/admin/supporters/new' });
    expect(res.status).toBe(303);
    return Number(/\/admin\/supporters\/(\d+)\?added=new$/.exec(res.headers.get('location')!)![1]);
  }

  it('shows the add form with the consent wording, linked from the list', async () => {
    expect(await (await organizer.request('/admin/supporters')).text()).toContain('href="/admin/supporters/new"');
    const page = await organizer.request('/admin/supporters/new');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<h1>Add a supporter</h1>');
    expect(html).toContain(STAFF_CONSENT.wording);
    for (const name of ['givenName', 'familyName', 'email', 'phone', 'zip', 'language', 'topic-newsletter', 'consent'])
      expect(html).toContain(`name="${name}"`);
  });

  it('refuses a bad add: the form again, what was typed, a message by each field, nothing written', async () => {
    const before = await db().select({ id: supporters.id }).from(supporters);
    const res = await organizer.post(
      '/admin/supporters/new',
      { givenName: '', email: 'not <an> address', phone: 'call me', zip: '9721', language: 'fr' },
      { from: '/admin/supporters/new' },
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<title>Error: Add a supporter');
    expect(html).toContain('class="error-summary"');
    expect(html).toContain('value="not &lt;an&gt; address"');
    expect(html).toContain('value="call me"');
    expect(html).toContain('value="9721"');
    for (const field of ['givenName', 'email', 'phone', 'zip', 'language', 'topics', 'consent'])
      expect(html, field).toContain(`id="${field}-error"`);
    expect(html).toContain('Enter their first name');
    expect(html).toContain(STAFF_CONSENT.missing);
    expect(await db().select({ id: supporters.id }).from(supporters)).toEqual(before);

    // Topics ticked without the consent box: refused, the boxes still ticked.
    const unconsented = await organizer.post(
      '/admin/supporters/new',
      { ...addForm, email: 'no-consent@example.org', consent: '' },
      { from: '/admin/supporters/new' },
    );
    expect(unconsented.status).toBe(400);
    const again = await unconsented.text();
    expect(again).toMatch(/name="topic-newsletter" value="on" checked/);
    expect(again).toContain(STAFF_CONSENT.missing);
  });

  it('adds a person subscribed, with consent given to staff and its wording, timeline and audit', async () => {
    const id = await added(addForm);
    const [person] = await db().select().from(supporters).where(eq(supporters.id, id));
    expect(person).toMatchObject({
      email: 'rosa.martinez@example.org',
      emailAsTyped: 'Rosa.Martinez@Example.org',
      givenName: 'Rosa',
      familyName: 'Martinez',
      phone: '503-555-0143',
      zip: null,
      locale: 'es',
      firstSource: 'staff',
    });
    expect(await statuses(id)).toEqual({ newsletter: 'subscribed', events: 'subscribed' });
    const agreed = await db().select().from(consents).where(eq(consents.supporterId, id));
    expect(agreed.map((c) => [c.topic, c.granted, c.method, c.wordingVersion]).sort()).toEqual([
      ['events', 'yes', 'staff', STAFF_CONSENT.version],
      ['newsletter', 'yes', 'staff', STAFF_CONSENT.version],
    ]);
    const [entry] = await audits(id);
    expect(entry).toMatchObject({ action: 'supporter.add', actorId: organizer.staffId });
    expect(JSON.stringify(entry!.summary)).not.toMatch(/rosa|martinez|555/i);

    const page = await (await organizer.request(`/admin/supporters/${id}?added=new`)).text();
    expect(page).toContain('Added. They are subscribed');
    expect(page).toContain('Added by staff, subscribed to Newsletter, Events (told staff)');
    expect(page).toContain('told staff');
    expect(page).toContain(STAFF_CONSENT.version);
  });

  it('leads to the person already on the list for an address they have, never a second record', async () => {
    const id = await added({ ...addForm, email: 'already@example.org', 'topic-events': '' });
    await organizer.post(`/admin/supporters/${id}/subscriptions`, {}, { from: `/admin/supporters/${id}` });
    expect(await statuses(id)).toEqual({ newsletter: 'unsubscribed' });
    const again = await organizer.post(
      '/admin/supporters/new',
      { ...addForm, givenName: 'Someone else', email: '  ALREADY@example.org ' },
      { from: '/admin/supporters/new' },
    );
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(`/admin/supporters/${id}?added=existing`);
    expect(await db().select().from(supporters).where(eq(supporters.email, 'already@example.org'))).toHaveLength(1);
    // Nothing changed: still unsubscribed, still their name.
    expect(await statuses(id)).toEqual({ newsletter: 'unsubscribed' });
    const [person] = await db().select().from(supporters).where(eq(supporters.id, id));
    expect(person!.givenName).toBe('Rosa');
    const page = await (await organizer.request(again.headers.get('location')!)).text();
    expect(page).toContain('already on the list');
  });

  it('edits details, refusing bad input as typed, each change in the timeline and audit log', async () => {
    const id = await added({ ...addForm, email: 'edit-me@example.org' });
    const base = `/admin/supporters/${id}`;
    const form = await (await organizer.request(`${base}/edit`)).text();
    expect(form).toContain('value="edit-me@example.org"');
    expect(form).toContain('value="503-555-0143"');

    const bad = await edit(base, {
      givenName: 'Rosa\u0007',
      familyName: 'M',
      email: 'edit-me@example.org',
      zip: 'abcde',
      language: 'es',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('<title>Error: Edit details');
    expect(html).toContain('value="abcde"');
    expect(html).toContain('id="zip-error"');
    expect(html).toContain('id="givenName-error"');

    const saved = await edit(base, {
      givenName: 'Rosa María',
      familyName: 'Martinez',
      email: 'edit-me@example.org',
    });
    expect(saved.status).toBe(303);
    const [person] = await db().select().from(supporters).where(eq(supporters.id, id));
    expect(person).toMatchObject({ givenName: 'Rosa María', phone: null, locale: 'en' });
    const page = await (await organizer.request(base)).text();
    expect(page).toContain('Staff changed their first name, phone number, language');
    const audited = (await audits(id)).find((a) => a.action === 'supporter.edit');
    expect(audited?.summary).toEqual({ after: { fields: ['givenName', 'phone', 'language'] } });

    // Saving without a change records nothing.
    const count = (await audits(id)).length;
    await edit(base, {
      givenName: 'Rosa María',
      familyName: 'Martinez',
      email: 'edit-me@example.org',
    });
    expect(await audits(id)).toHaveLength(count);

    // Another person's address: refused by the field.
    const other = await added({ ...addForm, email: 'taken@example.org' });
    const taken = await edit(base, { givenName: 'Rosa', email: 'Taken@example.org' });
    expect(taken.status).toBe(400);
    const takenHtml = await taken.text();
    expect(takenHtml).toContain(`Another supporter (number ${other}) has this address`);
    expect(takenHtml).toContain('value="Taken@example.org"');
  });

  it('keeps unsubscribes and suppressions honest when the email address changes', async () => {
    const id = await added({ ...addForm, email: 'old-address@example.org' });
    const base = `/admin/supporters/${id}`;
    // They stopped the newsletter and reported us as spam at the old address.
    await organizer.post(`${base}/subscriptions`, { 'topic-events': 'on' }, { from: base });
    await suppress(db(), 'old-address@example.org', 'complaint', 'test');
    const oldLink = `/preferences/${preferencesToken(made.secrets, id, new Date(Date.now() - 60_000))}`;
    expect(await (await made.app.request(oldLink)).text()).toContain('Save my choices');

    const moved = await edit(base, { givenName: 'Rosa', email: 'new-address@example.org', language: 'es' });
    expect(moved.status).toBe(303);
    expect(await statuses(id)).toEqual({ newsletter: 'unsubscribed', events: 'subscribed' });
    expect(await suppressionOf(db(), 'new-address@example.org')).toMatchObject({ reason: 'complaint' });
    expect(await (await made.app.request(oldLink)).text()).toContain('This link no longer works');

    // A bounce belongs to the old mailbox: the new address is the cure, and is not suppressed.
    const bounced = await added({ ...addForm, email: 'bounced@example.org' });
    await suppress(db(), 'bounced@example.org', 'hard-bounce', 'test');
    await edit(`/admin/supporters/${bounced}`, { givenName: 'Rosa', email: 'working@example.org', language: 'es' });
    expect(await suppressionOf(db(), 'working@example.org')).toBeUndefined();
    expect(await statuses(bounced)).toEqual({ newsletter: 'subscribed', events: 'subscribed' });
  });

  it('keeps mail sent to an old address in the person’s copy, and forgets it when they are erased', async () => {
    const mail = (to: string, key: string) =>
      enqueueEmail(
        db(),
        { idempotencyKey: key, to, kind: 'transactional', template: 'welcome', locale: 'en', data: { givenName: 'R' } },
        { domain: 'psj.example' },
      );
    const id = await added({ ...addForm, email: 'first-address@example.org' });
    await mail('first-address@example.org', `old-${id}`);
    const details = { givenName: 'Rosa' };
    await edit(`/admin/supporters/${id}`, { ...details, email: 'second-address@example.org' });
    await mail('second-address@example.org', `new-${id}`);
    expect((await exportSupporter(db(), id))!.emails).toHaveLength(2);
    // Someone else takes the first address: erasing Rosa leaves their mail alone.
    const other = await added({ ...addForm, email: 'first-address@example.org' });
    await mail('first-address@example.org', `other-${other}`);
    expect(await eraseSupporter(db(), id, null)).toBe(true);
    const left = await db().select({ to: emailOutbox.toAddress }).from(emailOutbox);
    expect(left.map((m) => m.to)).not.toContain('second-address@example.org');
    expect(left.filter((m) => m.to === 'first-address@example.org')).toHaveLength(2);

    // Nobody else has the old address: it is forgotten too.
    const moved = await added({ ...addForm, email: 'third-address@example.org' });
    await mail('third-address@example.org', `third-${moved}`);
    await edit(`/admin/supporters/${moved}`, { ...details, email: 'fourth-address@example.org' });
    expect(await eraseSupporter(db(), moved, null)).toBe(true);
    const after = await db().select({ to: emailOutbox.toAddress }).from(emailOutbox);
    expect(after.map((m) => m.to)).not.toContain('third-address@example.org');
  });

  it('changes subscriptions: stops at once, and starts again only with a new consent', async () => {
    const id = await added({ ...addForm, email: 'subs@example.org', 'topic-events': '' });
    const base = `/admin/supporters/${id}`;
    const form = await (await organizer.request(`${base}/subscriptions`)).text();
    expect(form).toMatch(/name="topic-newsletter" value="on" checked/);
    expect(form).toContain('Subscribed since');

    expect((await organizer.post(`${base}/subscriptions`, {}, { from: base })).status).toBe(303);
    expect(await statuses(id)).toEqual({ newsletter: 'unsubscribed' });
    const withdrawn = await db()
      .select()
      .from(consents)
      .where(and(eq(consents.supporterId, id), eq(consents.granted, 'no')));
    expect(withdrawn).toMatchObject([{ topic: 'newsletter', method: 'staff' }]);

    // Ticked again without the box: refused, nothing changes.
    const refused = await organizer.post(
      `${base}/subscriptions`,
      { 'topic-newsletter': 'on', 'topic-events': 'on' },
      { from: base },
    );
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('<title>Error: Change subscriptions');
    expect(html).toContain('They do not get Newsletter, Events yet.');
    expect(html).toMatch(/name="topic-events" value="on" checked/);
    expect(await statuses(id)).toEqual({ newsletter: 'unsubscribed' });

    const agreed = await organizer.post(
      `${base}/subscriptions`,
      { 'topic-newsletter': 'on', 'topic-events': 'on', consent: 'on' },
      { from: base },
    );
    expect(agreed.status).toBe(303);
    expect(await statuses(id)).toEqual({ newsletter: 'subscribed', events: 'subscribed' });
    const page = await (await organizer.request(base)).text();
    expect(page).toContain('Subscribed to Newsletter, Events (told staff)');
    expect(page).toContain('Unsubscribed from Newsletter (told staff)');
    const changes = (await audits(id)).filter((a) => a.action === 'supporter.subscriptions-change');
    expect(changes.map((a) => a.summary)).toEqual(
      expect.arrayContaining([
        { after: { subscribed: [], unsubscribed: ['newsletter'] } },
        { after: { subscribed: ['newsletter', 'events'], unsubscribed: [] } },
      ]),
    );
    const events = await db().select().from(supporterEvents).where(eq(supporterEvents.supporterId, id));
    expect(events.map((e) => e.kind)).toEqual(['added-by-staff', 'unsubscribed', 'subscribed']);
  });

  it('answers 404 for someone who is not there', async () => {
    expect((await organizer.request('/admin/supporters/999999/edit')).status).toBe(404);
    expect((await organizer.request('/admin/supporters/999999/subscriptions')).status).toBe(404);
    const post = await organizer.post(
      '/admin/supporters/999999/edit',
      { givenName: 'A', familyName: '', email: 'a@example.org', phone: '', zip: '', language: 'en' },
      { from: '/admin/supporters/new' },
    );
    expect(post.status).toBe(404);
  });
});
