import { randomBytes } from 'node:crypto';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { browser, signedInAs, TEST_PASSWORD } from '../../../test/support/staff.ts';
import { listAudit } from '../audit/service.ts';
import { emailOutbox } from '../email/schema.ts';
import { signInFailures, staffPasswordLinks, staffUsers } from './schema.ts';
import { createStaff, getStaff, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP } from './service.ts';

const uniqueEmail = (what: string) => `${what}-${randomBytes(4).toString('hex')}@staff.example`;

describeEachDatabase('admins manage staff', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  const db = () => database().db;
  beforeAll(() => {
    app = createTestApp(database()).app;
  });

  const newMember = (what: string, role: 'admin' | 'editor' = 'editor') =>
    createStaff(db(), { email: uniqueEmail(what), displayName: `Member ${what}`, role, password: TEST_PASSWORD });
  const auditOf = async (staffId: number) =>
    (await listAudit(db(), { perPage: 500 })).rows.filter((r) => r.subjectId === String(staffId));
  const outboxSize = async () => (await db().select({ id: emailOutbox.id }).from(emailOutbox)).length;

  it('lets only admins see, invite, edit, disable or enable staff, and writes nothing for the others', async () => {
    const subject = await newMember('subject');
    for (const role of ['organizer', 'editor', 'viewer'] as const) {
      const b = await signedInAs(app, database(), role);
      const queued = await outboxSize();
      expect((await b.request('/admin/staff')).status).toBe(403);
      expect((await b.request(`/admin/staff/${subject.id}/disable`)).status).toBe(403);
      const posts: Record<string, Record<string, string>> = {
        '/admin/staff': { displayName: 'Sneaky', email: uniqueEmail('sneaky'), role: 'admin' },
        [`/admin/staff/${subject.id}`]: { displayName: 'Renamed', email: subject.email, role: 'admin' },
        [`/admin/staff/${subject.id}/disable`]: { confirmed: 'yes' },
        [`/admin/staff/${subject.id}/enable`]: {},
        [`/admin/staff/${subject.id}/invitation`]: {},
      };
      for (const [path, form] of Object.entries(posts))
        expect((await b.post(path, form, { from: '/admin/account' })).status, `${role} ${path}`).toBe(403);
      expect(await outboxSize()).toBe(queued);
    }
    expect(await getStaff(db(), subject.id)).toMatchObject({ displayName: subject.displayName, disabledAt: null });
  });

  it('edits a name, email and role, each audited, and keeps what was typed when refused', async () => {
    const admin = await signedInAs(app, database(), 'admin');
    const member = await newMember('edited');
    const other = await newMember('other');
    const taken = await admin.post(
      `/admin/staff/${member.id}`,
      { displayName: 'Ana Torres', email: other.email, role: 'organizer' },
      { from: '/admin/staff' },
    );
    expect(taken.status).toBe(422);
    const html = await taken.text();
    expect(html).toContain('<title>Error:');
    expect(html).toContain('value="Ana Torres"');
    expect(html).toContain('A staff account with this email already exists');
    const email = uniqueEmail('renamed');
    const saved = await admin.post(
      `/admin/staff/${member.id}`,
      { displayName: 'Ana Torres', email: email.toUpperCase(), role: 'organizer' },
      { from: '/admin/staff' },
    );
    expect(saved.headers.get('location')).toBe(`/admin/staff/${member.id}?notice=saved`);
    expect(await getStaff(db(), member.id)).toMatchObject({ displayName: 'Ana Torres', email, role: 'organizer' });
    const audit = await auditOf(member.id);
    const edited = audit.find((r) => r.action === 'staff.edited')!;
    expect(edited.summary).toMatchObject({ before: { displayName: member.displayName }, after: { email } });
    const role = audit.find((r) => r.action === 'staff.role-changed')!;
    expect(role.summary).toMatchObject({ before: { role: 'editor' }, after: { role: 'organizer' } });
    expect(role.actorId).toBe(admin.staffId);
  });

  it('lets an admin grant and take away stories access with the edit form, each change audited', async () => {
    const admin = await signedInAs(app, database(), 'admin');
    const member = await newMember('reader');
    const details = { displayName: member.displayName, email: member.email, role: 'editor' };
    const granted = await admin.post(
      `/admin/staff/${member.id}`,
      { ...details, storiesAccess: 'on' },
      { from: '/admin/staff' },
    );
    expect(granted.status).toBe(303);
    expect((await getStaff(db(), member.id))?.storiesAccess).toBe(true);
    expect(await (await admin.request(`/admin/staff/${member.id}`)).text()).toMatch(/name="storiesAccess"[^>]*checked/);
    expect(await (await admin.request('/admin/staff')).text()).toContain('<td>May read</td>');
    // Saving the name alone, with the box left ticked, changes nothing more.
    await admin.post(`/admin/staff/${member.id}`, { ...details, storiesAccess: 'on' }, { from: '/admin/staff' });
    // An unticked box is not sent: the access goes.
    await admin.post(`/admin/staff/${member.id}`, details, { from: '/admin/staff' });
    expect((await getStaff(db(), member.id))?.storiesAccess).toBe(false);
    const changes = (await auditOf(member.id)).filter((r) => r.action === 'staff.stories-access');
    expect(changes.map((r) => r.summary.after)).toEqual([{ storiesAccess: false }, { storiesAccess: true }]);
    expect(changes.every((r) => r.actorId === admin.staffId)).toBe(true);
  });

  it('disables through a confirmation page, ending sessions at once, and enables again', async () => {
    const admin = await signedInAs(app, database(), 'admin');
    const member = await newMember('disabled');
    const theirs = browser(app);
    await theirs.post('/admin/sign-in', { email: member.email, password: TEST_PASSWORD });
    expect((await theirs.request('/admin')).status).toBe(200);

    const question = await admin.request(`/admin/staff/${member.id}/disable`);
    const page = await question.text();
    expect(page).toContain(`Disable ${member.displayName}&#39;s account?`);
    expect(page).toContain('signed out everywhere');
    expect(page).toContain('name="confirmed" value="yes"');
    // A post without the answer only leads to the question.
    const stray = await admin.post(`/admin/staff/${member.id}/disable`, {}, { from: '/admin/staff' });
    expect(stray.headers.get('location')).toBe(`/admin/staff/${member.id}/disable`);
    expect((await getStaff(db(), member.id))!.disabledAt).toBeNull();

    const done = await admin.post(`/admin/staff/${member.id}/disable`, { confirmed: 'yes' }, { from: '/admin/staff' });
    expect(done.headers.get('location')).toBe(`/admin/staff/${member.id}?notice=disabled`);
    expect((await theirs.request('/admin')).status).toBe(303);
    expect((await browser(app).post('/admin/sign-in', { email: member.email, password: TEST_PASSWORD })).status).toBe(
      400,
    );
    // No way back in by email either: nothing is sent, and the answer is the usual one.
    const queued = await outboxSize();
    const asked = await browser(app).post(
      '/admin/forgot-password',
      { email: member.email },
      { from: '/admin/forgot-password' },
    );
    expect(asked.status).toBe(303);
    expect(await outboxSize()).toBe(queued);
    expect(await (await admin.request('/admin/staff')).text()).toContain('Disabled');

    const enabled = await admin.post(`/admin/staff/${member.id}/enable`, {}, { from: '/admin/staff' });
    expect(enabled.headers.get('location')).toBe(`/admin/staff/${member.id}?notice=enabled`);
    const back = await browser(app).post('/admin/sign-in', { email: member.email, password: TEST_PASSWORD });
    expect(back.headers.get('location')).toBe('/admin');
    expect((await auditOf(member.id)).map((r) => r.action)).toEqual(
      expect.arrayContaining(['staff.disabled', 'staff.enabled']),
    );
  });

  it('never leaves no active admin: the last one cannot disable or demote themselves', async () => {
    const admin = await signedInAs(app, database(), 'admin');
    const second = await newMember('second-admin', 'admin');
    // Every other admin disabled, as a long-lived site might have them, but for these two.
    await db()
      .update(staffUsers)
      .set({ disabledAt: new Date() })
      .where(and(eq(staffUsers.role, 'admin'), ne(staffUsers.id, admin.staffId), ne(staffUsers.id, second.id)));
    const disabledSecond = await admin.post(
      `/admin/staff/${second.id}/disable`,
      { confirmed: 'yes' },
      { from: '/admin/staff' },
    );
    expect(disabledSecond.status).toBe(303);
    const self = await admin.post(
      `/admin/staff/${admin.staffId}/disable`,
      { confirmed: 'yes' },
      { from: '/admin/staff' },
    );
    expect(self.status).toBe(422);
    expect(await self.text()).toContain('only active admin');
    const demote = await admin.post(
      `/admin/staff/${admin.staffId}`,
      { displayName: 'Test admin', email: admin.email, role: 'editor' },
      { from: '/admin/staff' },
    );
    expect(demote.status).toBe(422);
    expect(await demote.text()).toContain('value="Test admin"');
    const active = await db()
      .select()
      .from(staffUsers)
      .where(and(eq(staffUsers.role, 'admin'), isNull(staffUsers.disabledAt)));
    expect(active.map((s) => s.id)).toEqual([admin.staffId]);
    await admin.post(`/admin/staff/${second.id}/enable`, {}, { from: '/admin/staff' });
  });

  it('lets only one of two admins disabling each other at the same moment succeed', async () => {
    const [a, b] = [await signedInAs(app, database(), 'admin'), await signedInAs(app, database(), 'admin')];
    await db()
      .update(staffUsers)
      .set({ disabledAt: new Date() })
      .where(and(eq(staffUsers.role, 'admin'), ne(staffUsers.id, a.staffId), ne(staffUsers.id, b.staffId)));
    const answers = await Promise.all([
      a.post(`/admin/staff/${b.staffId}/disable`, { confirmed: 'yes' }, { from: '/admin/staff' }),
      b.post(`/admin/staff/${a.staffId}/disable`, { confirmed: 'yes' }, { from: '/admin/staff' }),
    ]);
    // The loser is either refused as the last admin or, already signed out, sent to sign in.
    for (const r of answers) expect([303, 422]).toContain(r.status);
    expect(answers.filter((r) => r.headers.get('location')?.endsWith('?notice=disabled'))).toHaveLength(1);
    const active = await db()
      .select()
      .from(staffUsers)
      .where(and(eq(staffUsers.role, 'admin'), isNull(staffUsers.disabledAt)));
    expect(active).toHaveLength(1);
  });

  it('sends an invitation again, and only the newest one works', async () => {
    const admin = await signedInAs(app, database(), 'admin');
    const email = uniqueEmail('again');
    await admin.post('/admin/staff', { displayName: 'Again', email, role: 'viewer' }, { from: '/admin/staff/new' });
    const [member] = await db().select().from(staffUsers).where(eq(staffUsers.email, email));
    expect(await (await admin.request(`/admin/staff/${member!.id}`)).text()).toContain('Send the invitation again');
    const again = await admin.post(`/admin/staff/${member!.id}/invitation`, {}, { from: '/admin/staff' });
    expect(again.headers.get('location')).toBe(`/admin/staff/${member!.id}?notice=invited`);
    const links = await db().select().from(staffPasswordLinks).where(eq(staffPasswordLinks.staffId, member!.id));
    expect(links.map((l) => Boolean(l.usedAt)).sort()).toEqual([false, true]);
    expect((await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email))).length).toBe(2);
  });
});

describeEachDatabase('staff links are throttled as sign-in is', (database) => {
  const db = () => database().db;

  it('allows a few reset requests per email, then answers 429 with what was typed, across app processes', async () => {
    // Two app instances over one database, as with WEB_PROCESSES > 1: the count is in the database.
    const apps = [createTestApp(database()).app, createTestApp(database()).app];
    const email = uniqueEmail('throttled');
    await createStaff(db(), { email, displayName: 'Throttled', role: 'viewer', password: TEST_PASSWORD });
    const statuses: number[] = [];
    for (let i = 0; i <= MAX_FAILURES_PER_ACCOUNT; i++) {
      const res = await browser(apps[i % 2]!).post(
        '/admin/forgot-password',
        { email },
        { from: '/admin/forgot-password' },
      );
      statuses.push(res.status);
      if (res.status === 429) {
        const html = await res.text();
        expect(html).toContain('Too many requests for a link');
        expect(html).toContain(`value="${email}"`);
      }
    }
    expect(statuses).toEqual([...Array(MAX_FAILURES_PER_ACCOUNT).fill(303), 429]);
    expect((await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email))).length).toBe(
      MAX_FAILURES_PER_ACCOUNT,
    );
    // The counters name no one: keyed hashes only.
    const keys = (await db().select().from(signInFailures)).map((r) => r.key);
    expect(keys.some((k) => k.includes('throttled'))).toBe(false);
    const audit = await listAudit(db(), { action: 'staff.reset-throttled' });
    expect(audit.total).toBe(1);
  });

  it('allows as many link requests per address as sign-in allows attempts, whatever the emails', async () => {
    const b = browser(createTestApp(database()).app);
    const statuses: number[] = [];
    for (let i = 0; i <= MAX_FAILURES_PER_IP; i++) {
      const res = await b.post(
        '/admin/forgot-password',
        { email: uniqueEmail('many') },
        { from: '/admin/forgot-password' },
      );
      statuses.push(res.status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 303)).toHaveLength(MAX_FAILURES_PER_IP);
  });

  it('throttles invitations to one email, and does not use up sign-in attempts', async () => {
    const app = createTestApp(database()).app;
    const admin = await signedInAs(app, database(), 'admin');
    const email = uniqueEmail('invite-throttle');
    const statuses: number[] = [];
    for (let i = 0; i <= MAX_FAILURES_PER_ACCOUNT; i++) {
      const res = await admin.post(
        '/admin/staff',
        { displayName: 'Again and again', email, role: 'viewer' },
        { from: '/admin/staff/new' },
      );
      statuses.push(res.status);
    }
    // The first invites; the next are refused as taken, and the last as too many.
    expect(statuses[0]).toBe(303);
    expect(statuses.slice(1, -1).every((s) => s === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const signIn = await browser(app).post('/admin/sign-in', { email: admin.email, password: TEST_PASSWORD });
    expect(signIn.status).toBe(303);
  });
});
