import { Secret, TOTP } from 'otpauth';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { browser, signedInAs, TEST_PASSWORD, type Browser } from '../../../test/support/staff.ts';
import { checkWorkspaceForm, type WorkspaceFormCase } from '../../../test/support/workspace-form.ts';
import { createStaff } from './service.ts';
import { enableTotp } from './two-factor.ts';

/**
 * Sign-in, the second step, one's own account and the staff screens, posted
 * hostile text in every field by a role that may use each: never a 5xx, a
 * refusal is the form again with what was typed, and writes nothing.
 */
describeEachDatabase('staff forms, whatever is typed', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  beforeAll(() => {
    app = createTestApp(database()).app;
  });

  async function withTwoStep(staffId: number) {
    const secret = new Secret({ size: 20 }).base32;
    const { secrets } = createTestApp(database());
    expect(await enableTotp(database().db, secrets, staffId, secret, new TOTP({ secret: Secret.fromBase32(secret) }).generate())).toBeDefined();
  }

  const check = (b: Browser, form: WorkspaceFormCase, before?: () => Promise<void>) => checkWorkspaceForm(b, database(), form, { before });

  it('the sign-in form', async () => {
    const stats = await check(browser(app), { screen: '/admin/sign-in', action: '/admin/sign-in' });
    expect(stats.refused).toBeGreaterThan(0);
  }, 120_000);

  it('the second step of signing in', async () => {
    const email = `two-step-${Date.now()}@staff.example`;
    const member = await createStaff(database().db, { email, displayName: 'Two step', role: 'viewer', password: TEST_PASSWORD });
    await withTwoStep(member.id);
    const b = browser(app);
    const halfway = async () => {
      // Refusals may end the half-signed-in session: sign in again so every run reaches the form.
      if ((await b.request('/admin/sign-in/two-step')).status === 200) return;
      const res = await b.post('/admin/sign-in', { email, password: TEST_PASSWORD });
      expect(res.headers.get('location')).toBe('/admin/sign-in/two-step');
    };
    await halfway();
    await check(b, { screen: '/admin/sign-in/two-step', action: '/admin/sign-in/two-step', notKept: ['code'], refusalWrites: ['staff_users'] }, halfway);
  }, 120_000);

  it('the account forms: password, two-step on and off', async () => {
    const viewer = await signedInAs(app, database(), 'viewer');
    await check(viewer, { screen: '/admin/account', action: '/admin/account/password' });
    await check(viewer, { screen: '/admin/account/two-step', action: '/admin/account/two-step', notKept: ['code'] });
    await withTwoStep(viewer.staffId);
    await check(viewer, { screen: '/admin/account', action: '/admin/account/two-step/disable' });
  }, 120_000);

  it('the staff forms: add a member, change a role', async () => {
    const admin = await signedInAs(app, database(), 'admin');
    const added = await check(admin, { screen: '/admin/staff/new', action: '/admin/staff' });
    expect(added.refused).toBeGreaterThan(0);
    const subject = await createStaff(database().db, { email: `subject-${Date.now()}@staff.example`, displayName: 'Subject', role: 'viewer', password: TEST_PASSWORD });
    await check(admin, { screen: `/admin/staff/${subject.id}`, action: `/admin/staff/${subject.id}` });
  }, 120_000);
});
