import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { auditLog } from '../audit/schema.ts';
import { emailOutbox } from '../email/schema.ts';
import { supporters, supporterTags } from './schema.ts';
import { confirmSignup, preferencesToken, requestSignup } from './service.ts';

const ctx = { method: 'web-form' as const, wordingVersion: 'admin-test', emailDomain: 'psj.example' };

describeEachDatabase('the supporter workspace', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let made: ReturnType<typeof createTestApp>;
  let organizer: Browser;
  let admin: Browser;
  let personId: number;
  const db = () => database().db;

  async function confirmed(email: string, givenName: string): Promise<number> {
    await requestSignup(
      db(),
      { givenName, familyName: 'Okafor', email, zip: '97211', locale: 'es', topics: ['newsletter'] },
      ctx,
    );
    const [confirm] = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email.toLowerCase()));
    await confirmSignup(db(), String(confirm!.data.token), ctx);
    // Sent as it was queued, before they pressed Confirm.
    await db()
      .update(emailOutbox)
      .set({ status: 'sent', sentAt: confirm!.createdAt })
      .where(eq(emailOutbox.id, confirm!.id));
    const [row] = await db().select().from(supporters).where(eq(supporters.email, email.toLowerCase()));
    return row!.id;
  }

  beforeAll(async () => {
    made = createTestApp(database());
    app = made.app;
    organizer = await signedInAs(app, database(), 'organizer');
    admin = await signedInAs(app, database(), 'admin');
    personId = await confirmed('Chidi@Example.org', 'Chidi');
  });

  it('lists and searches supporters for organizers, and shows the section only to roles that may see it', async () => {
    const list = await organizer.request('/admin/supporters?q=chidi&status=subscribed&topic=newsletter&language=es');
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toBe('no-store');
    const html = await list.text();
    expect(html).toContain(`href="/admin/supporters/${personId}"`);
    expect(html).toContain('Chidi@Example.org');
    expect(html).toContain('1 person');
    // Nonsense filters are dropped, not refused.
    expect((await organizer.request('/admin/supporters?status=nonsense&page=-4&language=xx')).status).toBe(200);
    const nobody = await (await organizer.request('/admin/supporters?q=nobody-at-all')).text();
    expect(nobody).toContain('Nobody matches');

    const editor = await signedInAs(app, database(), 'editor');
    expect((await editor.request('/admin/supporters')).status).toBe(403);
    expect(await (await editor.request('/admin')).text()).not.toContain('href="/admin/supporters"');
    expect(await (await organizer.request('/admin')).text()).toContain('href="/admin/supporters"');
  });

  it('shows a person with subscriptions, consent records and a timeline in plain words, newest first', async () => {
    const page = await organizer.request(`/admin/supporters/${personId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const text of [
      'Chidi Okafor',
      'Chidi@Example.org',
      '97211',
      'Spanish',
      'Newsletter',
      'Agreed',
      'admin-test',
      'web form',
    ])
      expect(html).toContain(text);
    const order = [
      'Email waiting to be sent: welcome',
      'Confirmed by email: Newsletter',
      'Email sent: confirmation link',
      'Asked to subscribe to Newsletter (web form)',
    ];
    const positions = order.map((text) => html.indexOf(text));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // An organizer may not erase: no button for it.
    expect(html).not.toContain(`/admin/supporters/${personId}/erase`);
    expect((await organizer.request('/admin/supporters/999999')).status).toBe(404);
  });

  it('adds and removes lower-case slug tags, audited without the tag, and re-shows the form on a bad one', async () => {
    const base = `/admin/supporters/${personId}`;
    const added = await organizer.post(`${base}/tags`, { tag: '  Board Member ' }, { from: base });
    expect(added.status).toBe(303);
    expect(
      await db().select({ tag: supporterTags.tag }).from(supporterTags).where(eq(supporterTags.supporterId, personId)),
    ).toEqual([{ tag: 'board-member' }]);

    const bad = await organizer.post(`${base}/tags`, { tag: '¡sí!' }, { from: base });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('<title>Error:');
    expect(html).toContain('value="¡sí!"');
    expect(html).toContain('id="tag-error"');
    expect((await organizer.post(`${base}/tags`, { tag: '' }, { from: base })).status).toBe(400);

    const noToken = await organizer.post(`${base}/tags`, { tag: 'sneaky' }, { csrf: false });
    expect(noToken.status).toBe(403);
    expect((await organizer.post(`${base}/tags/remove`, { tag: 'board-member' }, { from: base })).status).toBe(303);
    expect(await db().select().from(supporterTags).where(eq(supporterTags.supporterId, personId))).toEqual([]);

    const entries = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, String(personId)));
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['supporter.tag-add', 'supporter.tag-remove']));
    expect(JSON.stringify(entries.map((e) => e.summary))).not.toContain('board');
  });

  it('downloads a person’s data as a JSON file that no cache keeps, and notes who took it', async () => {
    const base = `/admin/supporters/${personId}`;
    const res = await organizer.post(`${base}/export`, {}, { from: base });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="supporter-${personId}.json"`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const data = JSON.parse(await res.text());
    expect(data.supporter).toMatchObject({ id: personId, email: 'Chidi@Example.org', givenName: 'Chidi' });
    expect(data.emails.map((m: { template: string }) => m.template)).toEqual(['signup-confirm', 'welcome']);
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, 'supporter.export'));
    expect(entry).toMatchObject({ subjectId: String(personId) });
    expect((await organizer.post(`${base}/export`, {}, { csrf: false })).status).toBe(403);
  });

  it('lets an organizer stop a person’s preferences links, noted in the timeline and the audit log', async () => {
    const id = await confirmed('links@example.org', 'Ngozi');
    const sent = `/preferences/${preferencesToken(made.secrets, id, new Date(Date.now() - 60 * 60 * 1000 * 5))}`;
    expect(await (await app.request(sent)).text()).toContain('Save my choices');
    const person = `/admin/supporters/${id}`;
    const res = await organizer.post(`${person}/stop-links`, {}, { from: person });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('no longer open their preferences');
    expect(html).toContain('Staff stopped the links in emails sent so far');
    const after = await (await app.request(sent)).text();
    expect(after).toContain('This link no longer works');
    expect(after).not.toContain('links@example.org');
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, 'supporter.links-stop'));
    expect(entry).toMatchObject({ subjectType: 'supporter', subjectId: String(id), summary: { note: 'by staff' } });
    expect(entry!.actorId).not.toBeNull();
    expect((await organizer.post('/admin/supporters/999999/stop-links', {}, { from: person })).status).toBe(404);
  });

  it('erases only after the box is ticked, by an admin, and then the person is gone', async () => {
    const id = await confirmed('erase-me@example.org', 'Eve');
    const base = `/admin/supporters/${id}`;
    expect((await organizer.request(`${base}/erase`)).status).toBe(403);
    expect((await admin.request(`${base}/erase`)).status).toBe(200);

    const unticked = await admin.post(`${base}/erase`, {}, { from: `${base}/erase` });
    expect(unticked.status).toBe(400);
    expect(await unticked.text()).toContain('Tick the box to confirm');
    expect(await db().select().from(supporters).where(eq(supporters.id, id))).toHaveLength(1);

    const erased = await admin.post(`${base}/erase`, { confirm: 'on' }, { from: `${base}/erase` });
    expect(erased.status).toBe(303);
    expect(erased.headers.get('location')).toBe('/admin/supporters?notice=deleted');
    expect(await db().select().from(supporters).where(eq(supporters.id, id))).toEqual([]);
    expect((await admin.request(base)).status).toBe(404);
    expect((await admin.post(`${base}/erase`, { confirm: 'on' }, { from: '/admin/account' })).status).toBe(404);
  });
});
