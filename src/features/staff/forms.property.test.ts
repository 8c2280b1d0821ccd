import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { sha256 } from '../../platform/crypto.ts';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { browser, signedInAs, TEST_PASSWORD, type Browser } from '../../../test/support/staff.ts';
import { checkWorkspaceForm, type WorkspaceFormCase } from '../../../test/support/workspace-form.ts';
import { staffPasswordLinks } from './schema.ts';
import { createStaff } from './service.ts';
import { enableTotp } from './two-factor.ts';

/**
 * Sign-in, the second step, one's own account and the staff screens, posted
 * hostile text in every field by a role that may use each: never a 5xx, a
 * refusal is the form again with what was typed, and writes nothing.
 */
let made = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${made++}`;

describeEachDatabase('staff forms, whatever is typed', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  beforeAll(() => {
    app = createTestApp(database()).app;
  });

  async function withTwoStep(staffId: number) {
    const secret = new Secret({ size: 20 }).base32;
    const { secrets } = createTestApp(database());
    expect(
      await enableTotp(
        database().db,
        secrets,
        staffId,
        secret,
        new TOTP({ secret: Secret.fromBase32(secret) }).generate(),
      ),
    ).toBeDefined();
  }

  const check = (b: Browser, form: WorkspaceFormCase, before?: () => Promise<void>) =>
    checkWorkspaceForm(b, database(), form, { before });

  it('answers a sign-in with a long value, NUL or lone surrogate with the form and a message, not a 500', async () => {
    const b = browser(app);
    const token = await b.csrf();
    const cases = [
      {
        body: `email=${'a'.repeat(1001)}%40example.org&password=x`,
        field: 'email',
        message: 'Use 254 characters or fewer',
        kept: `${'a'.repeat(1001)}@example.org`,
      },
      {
        body: `email=ana%40example.org&password=${'p'.repeat(1001)}`,
        field: 'password',
        message: 'Use 1,000 characters or fewer',
        kept: 'ana@example.org',
      },
      {
        body: 'email=a%00b%40example.org&password=x',
        field: 'email',
        message: 'Enter an email address like name@example.org',
        kept: 'a\u0000b@example.org',
      },
      {
        body: 'email=ana%40example.org&password=x%00',
        field: 'password',
        message: 'Use only letters, numbers, spaces and punctuation',
        kept: 'ana@example.org',
      },
      // Half a surrogate pair as a broken client sends it (WTF-8): it
      // arrives as U+FFFD, an address that is simply not an account.
      {
        body: 'email=a%ED%A0%80%40example.org&password=x',
        field: 'email',
        message: 'The email address or password is not right',
        kept: 'a\ufffd\ufffd\ufffd@example.org',
      },
    ];
    for (const { body, field, message, kept } of cases) {
      const res = await b.request('/admin/sign-in', {
        method: 'POST',
        body: `${body}&_csrf=${token}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      const html = await res.text();
      expect(res.status, body.slice(0, 60)).toBe(400);
      expect(html).toContain(`id="${field}-error"`);
      expect(html).toContain(message);
      expect(html).toContain(`value="${kept}"`);
    }
  });

  it('the sign-in form', async () => {
    const stats = await check(browser(app), { screen: '/admin/sign-in', action: '/admin/sign-in' });
    expect(stats.refused).toBeGreaterThan(0);
  }, 120_000);

  it('the second step of signing in', async () => {
    const email = `two-step-${Date.now()}@staff.example`;
    const member = await createStaff(database().db, {
      email,
      displayName: 'Two step',
      role: 'viewer',
      password: TEST_PASSWORD,
    });
    await withTwoStep(member.id);
    const b = browser(app);
    const halfway = async () => {
      // Refusals may end the half-signed-in session: sign in again so every run reaches the form.
      if ((await b.request('/admin/sign-in/two-step')).status === 200) return;
      const res = await b.post('/admin/sign-in', { email, password: TEST_PASSWORD });
      expect(res.headers.get('location')).toBe('/admin/sign-in/two-step');
    };
    await halfway();
    await check(
      b,
      {
        screen: '/admin/sign-in/two-step',
        action: '/admin/sign-in/two-step',
        notKept: ['code'],
        refusalWrites: ['staff_users'],
        elsewhere: { status: 429, action: '/admin/sign-in' },
      },
      halfway,
    );
  }, 120_000);

  it('the account forms: password, two-step on and off', async () => {
    const viewer = await signedInAs(app, database(), 'viewer');
    // Each wrong password is counted (sign_in_failures) so a stolen session cannot guess without limit.
    const counted = ['sign_in_failures'];
    await check(viewer, { screen: '/admin/account', action: '/admin/account/password', refusalWrites: counted });
    await check(viewer, {
      screen: '/admin/account/two-step',
      action: '/admin/account/two-step',
      notKept: ['code', 'current-code'],
      refusalWrites: counted,
    });
    await withTwoStep(viewer.staffId);
    await check(viewer, {
      screen: '/admin/account',
      action: '/admin/account/two-step/disable',
      notKept: ['disable-code'],
      refusalWrites: counted,
    });
  }, 120_000);

  it('the staff forms: invite a member, edit their details', async () => {
    const admin = await signedInAs(app, database(), 'admin');
    const valid = () => ({
      displayName: 'New member',
      email: `${unique('new')}@staff.example`,
      role: 'viewer',
    });
    const added = await check(admin, { screen: '/admin/staff/new', action: '/admin/staff', valid });
    expect(added.refused).toBeGreaterThan(0);
    const subject = await createStaff(database().db, {
      email: `subject-${Date.now()}@staff.example`,
      displayName: 'Subject',
      role: 'viewer',
      password: TEST_PASSWORD,
    });
    await check(admin, { screen: `/admin/staff/${subject.id}`, action: `/admin/staff/${subject.id}` });
  }, 120_000);

  it('asking for a reset link', async () => {
    const stats = await check(browser(app), { screen: '/admin/forgot-password', action: '/admin/forgot-password' });
    expect(stats.refused).toBeGreaterThan(0);
  }, 120_000);

  it('choosing a password from an emailed link', async () => {
    const member = await createStaff(database().db, {
      email: `${unique('link')}@staff.example`,
      displayName: 'Link',
      role: 'viewer',
      password: TEST_PASSWORD,
    });
    const token = randomBytes(32).toString('base64url');
    const [link] = await database()
      .db.insert(staffPasswordLinks)
      .values({
        staffId: member.id,
        purpose: 'reset',
        tokenHash: sha256(token),
        expiresAt: new Date(Date.now() + 3600_000),
      })
      .returning();
    // Each run finds the link unused, as an accepted password spends it.
    const unspent = async () => {
      await database().db.update(staffPasswordLinks).set({ usedAt: null }).where(eq(staffPasswordLinks.id, link!.id));
    };
    const screen = `/admin/password/${token}`;
    const stats = await check(browser(app), { screen, action: screen }, unspent);
    expect(stats.refused).toBeGreaterThan(0);
  }, 120_000);
});
