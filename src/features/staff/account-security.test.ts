import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { beforeAll, expect, it } from 'vitest';
import { Secrets, sha256 } from '../../platform/crypto.ts';
import { createTestApp, testConfig } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { browser, signedInAs, TEST_PASSWORD, type Browser } from '../../../test/support/staff.ts';
import { listAudit } from '../audit/service.ts';
import { auditLog } from '../audit/schema.ts';
import { staffUsers } from './schema.ts';
import {
  createStaff,
  enableTotp,
  MAX_FAILURES_PER_ACCOUNT,
  MAX_SECOND_STEP_ATTEMPTS,
  secondStep,
  signIn,
  verifySecondFactor,
} from './service.ts';

const secrets = new Secrets(testConfig().secretKey);
const codeAt = (secret: string, ms: number) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: ms });
const uniqueEmail = (what: string) => `${what}-${randomBytes(4).toString('hex')}@staff.example`;

describeEachDatabase('account security (ASVS level 2)', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  const db = () => database().db;

  beforeAll(() => {
    app = createTestApp(database()).app;
  });

  /** An account with two-step on; the code of the step before now was spent turning it on. */
  /**
   * Two-step turned on with the code of the step before `at`. `at` is read by the caller before the account is made:
   * hashing its password takes seconds under load, and a 30-second step ending meanwhile would spend the very code
   * the test goes on to use.
   */
  async function withTwoStep(what: string, at = Date.now()) {
    const email = uniqueEmail(what);
    const member = await createStaff(db(), { email, displayName: what, role: 'editor', password: TEST_PASSWORD });
    const secret = new Secret({ size: 20 }).base32;
    expect(await enableTotp(db(), secrets, member.id, secret, codeAt(secret, at - 30_000), at - 30_000)).toHaveLength(
      10,
    );
    return { id: member.id, email, secret };
  }

  async function halfSignedIn(email: string): Promise<Browser> {
    const b = browser(app);
    const res = await b.post('/admin/sign-in', { email, password: TEST_PASSWORD });
    expect(res.headers.get('location')).toBe('/admin/sign-in/two-step');
    return b;
  }
  const tryCode = (b: Browser, code: string) =>
    b.post('/admin/sign-in/two-step', { code }, { from: '/admin/sign-in/two-step' });
  const auditOf = async (action: string) => (await listAudit(db(), { action, perPage: 500 })).rows;

  it('refuses a used TOTP code, and any earlier one, at sign-in and on the account page (ASVS 2.8.4)', async () => {
    const t0 = Date.now();
    const account = await withTwoStep('replay', t0);
    // The code that turned it on cannot sign in.
    expect(await verifySecondFactor(db(), secrets, account.id, codeAt(account.secret, t0 - 30_000), t0)).toBe(false);
    const now = codeAt(account.secret, t0);
    const first = await halfSignedIn(account.email);
    expect((await tryCode(first, now)).headers.get('location')).toBe('/admin');
    // A second browser replaying the same code, still inside its 30 seconds, is refused…
    const second = await halfSignedIn(account.email);
    expect((await tryCode(second, now)).status).toBe(400);
    // …and so is a code from before it (the window allows one step back for clock drift).
    expect(await verifySecondFactor(db(), secrets, account.id, codeAt(account.secret, t0 - 30_000), t0)).toBe(false);
    const next = codeAt(account.secret, t0 + 30_000);
    expect((await tryCode(second, next)).headers.get('location')).toBe('/admin');
    const [row] = await db()
      .select({ step: staffUsers.totpLastStep })
      .from(staffUsers)
      .where(eq(staffUsers.id, account.id));
    expect(row!.step).toBe(Math.floor(t0 / 30_000) + 1);
    // The account page's checks spend codes the same way: the code just used cannot turn two-step off.
    const off = await second.post(
      '/admin/account/two-step/disable',
      { 'disable-password': TEST_PASSWORD, 'disable-code': next },
      { from: '/admin/account' },
    );
    expect(off.status).toBe(400);
    expect(await off.text()).toContain('That code is not right');
  });

  it('spends one code once even when two requests race with it', async () => {
    const account = await withTwoStep('race');
    const code = codeAt(account.secret, Date.now());
    const results = await Promise.all(
      Array.from({ length: 6 }, () => verifySecondFactor(db(), secrets, account.id, code)),
    );
    expect(results.filter((r) => r === 'totp')).toHaveLength(1);
  });

  it('answers a second step sent twice at once without a 5xx or a lock: one copy signs in', async () => {
    const account = await withTwoStep('twice');
    const b = await halfSignedIn(account.email);
    const token = await b.csrf('/admin/sign-in/two-step');
    const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const send = () =>
      app.request('/admin/sign-in/two-step', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '10.1.2.3' },
        body: new URLSearchParams({ _csrf: token, code: codeAt(account.secret, Date.now()) }),
      });
    const answers = await Promise.all([send(), send()]);
    // The later copy finds the code spent (400, the form again) or its session already complete (303): never a 5xx.
    expect(answers.map((r) => r.status).sort()).toContainEqual(303);
    expect(answers.every((r) => r.status === 303 || r.status === 400)).toBe(true);
    expect(
      answers.filter((r) => r.headers.getSetCookie().some((c) => /^gs_staff=[^;]+;/.test(c) && !/Max-Age=0/.test(c))),
    ).toHaveLength(1);
    expect((await auditOf('staff.two-step-locked')).filter((r) => r.subjectId === String(account.id))).toHaveLength(0);
    // A copy arriving after the first completed finds no session waiting: sent on, not counted as a guess.
    const late = await secondStep(
      db(),
      secrets,
      { staffId: account.id, idHash: sha256(b.cookies.get('gs_staff')!) },
      '000000',
    );
    expect(late).toEqual({ outcome: 'gone' });
  });

  it('ends a half-signed-in session after 5 wrong codes, and audits each one', async () => {
    const account = await withTwoStep('session-limit');
    const b = await halfSignedIn(account.email);
    for (let i = 1; i < MAX_SECOND_STEP_ATTEMPTS; i++) expect((await tryCode(b, '000000')).status).toBe(400);
    const last = await tryCode(b, '000000');
    expect(last.status).toBe(429);
    expect(await last.text()).toContain('Too many wrong codes');
    expect(b.cookies.has('gs_staff')).toBe(false);
    // Even the right code is worth nothing now: the session is gone.
    expect((await b.request('/admin/sign-in/two-step')).headers.get('location')).toBe('/admin/sign-in');
    const failed = (await auditOf('staff.two-step-failed')).filter((r) => r.subjectId === String(account.id));
    const locked = (await auditOf('staff.two-step-locked')).filter((r) => r.subjectId === String(account.id));
    expect(failed).toHaveLength(MAX_SECOND_STEP_ATTEMPTS - 1);
    expect(locked).toHaveLength(1);
  });

  it('limits second-step codes per account too, so fresh sessions do not buy more guesses', async () => {
    const account = await withTwoStep('account-limit');
    const one = await halfSignedIn(account.email);
    for (let i = 0; i < 3; i++) expect((await tryCode(one, '000000')).status).toBe(400);
    const two = await halfSignedIn(account.email);
    expect((await tryCode(two, '000000')).status).toBe(400);
    expect((await tryCode(two, '000000')).status).toBe(429);
    // A third session cannot try even the right code until the window has passed.
    const three = await halfSignedIn(account.email);
    expect((await tryCode(three, codeAt(account.secret, Date.now()))).status).toBe(429);
    expect((await three.request('/admin')).headers.get('location')).toMatch(/^\/admin\/sign-in/);
  });

  it('counts each password attempt before checking it: 40 parallel guesses, at most the limit checked', async () => {
    const email = uniqueEmail('parallel');
    await createStaff(db(), { email, displayName: 'P', role: 'admin', password: TEST_PASSWORD });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        signIn(db(), secrets, { email, password: `wrong guess ${i}`, ip: `10.9.${i}.1`, userAgent: 'test' }),
      ),
    );
    // Counted before checked, so a burst may even get none through
    // (each saw the others' rows): never more than the limit.
    const checked = results.filter((r) => r.outcome === 'refused').length;
    expect(checked).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
    expect(results.filter((r) => r.outcome === 'throttled')).toHaveLength(40 - checked);
  });

  it('locks strangers out of a flooded account, but its owner signs in from a browser used before', async () => {
    const email = uniqueEmail('owner');
    await createStaff(db(), { email, displayName: 'Owner', role: 'organizer', password: TEST_PASSWORD });
    const owner = browser(app);
    expect((await owner.post('/admin/sign-in', { email, password: TEST_PASSWORD })).status).toBe(303);
    expect(owner.cookies.get('gs_device')).toBeTruthy();
    await owner.post('/admin/sign-out', {}, { from: '/admin/account' });

    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        browser(app).post('/admin/sign-in', { email, password: `attacker guess ${i}` }),
      ),
    );
    expect((await browser(app).post('/admin/sign-in', { email, password: TEST_PASSWORD })).status).toBe(429);
    expect((await owner.post('/admin/sign-in', { email, password: TEST_PASSWORD })).status).toBe(303);
    expect((await owner.request('/admin')).status).toBe(200);

    // A device cookie is for one account: it gives no way round another account's lock.
    const other = uniqueEmail('other');
    await createStaff(db(), { email: other, displayName: 'Other', role: 'viewer', password: TEST_PASSWORD });
    for (let i = 0; i <= MAX_FAILURES_PER_ACCOUNT; i++)
      await browser(app).post('/admin/sign-in', { email: other, password: `guess ${i}` });
    await owner.post('/admin/sign-out', {}, { from: '/admin/account' });
    expect((await owner.post('/admin/sign-in', { email: other, password: TEST_PASSWORD })).status).toBe(429);
  });

  it("binds the CSRF token to the staff session: an anonymous visit's token fails with an admin's cookie", async () => {
    const admin = await signedInAs(app, database(), 'admin');
    const stranger = browser(app);
    const anonymousToken = await stranger.csrf('/admin/sign-in');
    const forged = await app.request('/admin/sign-out-everywhere', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `gs_csrf=${stranger.cookies.get('gs_csrf')}; gs_staff=${admin.cookies.get('gs_staff')}`,
      },
      body: new URLSearchParams({ _csrf: anonymousToken }),
    });
    expect(forged.status).toBe(403);
    expect((await admin.request('/admin')).status).toBe(200);
    // The admin's own page's token works, and anonymous forms keep working without a session.
    expect((await admin.post('/admin/sign-out-everywhere', {}, { from: '/admin/account' })).status).toBe(303);
    const join = await stranger.post(
      '/join',
      { givenName: 'Ana', email: 'ana@example.org', 'topic-newsletter': 'on' },
      { from: '/join' },
    );
    expect(join.status).toBeLessThan(400);
    // A planted seed holding ':' (the separator of a bound token's parts) is never used: a new one replaces it.
    const planted = await app.request('/admin/sign-in', {
      headers: { cookie: `gs_csrf=${'a'.repeat(24)}:${'b'.repeat(43)}` },
    });
    expect(planted.headers.getSetCookie().some((c) => /^gs_csrf=[\w-]{24};/.test(c))).toBe(true);
  });

  it('names the CSRF and device cookies __Host- over https, plainly over http, and signs in either way', async () => {
    const https = createTestApp(database(), { PUBLIC_URL: 'https://psj.example' }).app;
    const email = uniqueEmail('host');
    await createStaff(db(), { email, displayName: 'H', role: 'viewer', password: TEST_PASSWORD });
    const secure = browser(https);
    const res = await secure.post('/admin/sign-in', { email, password: TEST_PASSWORD });
    expect(res.status).toBe(303);
    for (const name of ['__Host-gs_csrf', '__Host-gs_device']) {
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))!;
      expect(cookie).toMatch(/; Path=\/(;|$)/);
      expect(cookie).toMatch(/Secure/);
      expect(cookie).not.toMatch(/Domain=/i);
    }
    expect((await secure.post('/admin/sign-out', {}, { from: '/admin/account' })).status).toBe(303);
    const plain = browser(app);
    await plain.post('/admin/sign-in', { email, password: TEST_PASSWORD });
    expect([...plain.cookies.keys()].filter((k) => k.startsWith('__Host-'))).toEqual([]);
    expect(plain.cookies.has('gs_csrf')).toBe(true);
  });

  it('asks for the password to set up two-step, and the code and password to replace or turn it off', async () => {
    const a = await signedInAs(app, database(), 'viewer');
    const setupFrom = async () => {
      const html = await (await a.request('/admin/account/two-step')).text();
      return {
        secret: /<code class="secret">([A-Z2-7]+)<\/code>/.exec(html)![1]!,
        setup: /name="setup" value="([^"]+)"/.exec(html)![1]!,
      };
    };
    const t0 = Date.now();
    const first = await setupFrom();
    const noPassword = await a.post(
      '/admin/account/two-step',
      { setup: first.setup, code: codeAt(first.secret, t0) },
      { from: '/admin/account' },
    );
    expect(noPassword.status).toBe(400);
    const noPasswordHtml = await noPassword.text();
    expect(noPasswordHtml).toContain('<title>Error: Set up two-step sign-in');
    expect(noPasswordHtml).toContain('href="#password"');
    expect(noPasswordHtml).toContain(first.secret); // the same key, so the app already set up still fits
    expect(
      (
        await a.post(
          '/admin/account/two-step',
          { setup: first.setup, code: codeAt(first.secret, t0), password: TEST_PASSWORD },
          { from: '/admin/account' },
        )
      ).status,
    ).toBe(200);

    // Replacing: the new app's code and the password are not enough without the current app's code.
    const second = await setupFrom();
    const newCode = codeAt(second.secret, t0);
    const noCurrent = await a.post(
      '/admin/account/two-step',
      { setup: second.setup, code: newCode, password: TEST_PASSWORD },
      { from: '/admin/account' },
    );
    expect(noCurrent.status).toBe(400);
    expect(await noCurrent.text()).toContain('href="#current-code"');
    const replaced = await a.post(
      '/admin/account/two-step',
      {
        setup: second.setup,
        code: newCode,
        password: TEST_PASSWORD,
        'current-code': codeAt(first.secret, t0 + 30_000),
      },
      { from: '/admin/account' },
    );
    expect(replaced.status).toBe(200);
    expect(await verifySecondFactor(db(), secrets, a.staffId, codeAt(first.secret, t0 + 60_000), t0 + 60_000)).toBe(
      false,
    );

    // Turning it off: the password alone is refused; with a current code it goes.
    const passwordOnly = await a.post(
      '/admin/account/two-step/disable',
      { 'disable-password': TEST_PASSWORD },
      { from: '/admin/account' },
    );
    expect(passwordOnly.status).toBe(400);
    expect(await passwordOnly.text()).toContain('href="#disable-code"');
    const off = await a.post(
      '/admin/account/two-step/disable',
      { 'disable-password': TEST_PASSWORD, 'disable-code': codeAt(second.secret, t0 + 30_000) },
      { from: '/admin/account' },
    );
    expect(off.status).toBe(303);
    const [row] = await db().select().from(staffUsers).where(eq(staffUsers.id, a.staffId));
    expect(row!.totpEnabledAt).toBeNull();
    expect((await auditOf('staff.two-step-on')).filter((r) => r.actorId === a.staffId)).toHaveLength(2);
  });

  it('limits the codes a signed-in session may try before changing two-step, as at sign-in', async () => {
    const account = await withTwoStep('guessing-session');
    const b = await halfSignedIn(account.email);
    expect((await tryCode(b, codeAt(account.secret, Date.now()))).headers.get('location')).toBe('/admin');
    const turnOff = (code: string) =>
      b.post(
        '/admin/account/two-step/disable',
        { 'disable-password': TEST_PASSWORD, 'disable-code': code },
        { from: '/admin/account' },
      );
    for (let i = 0; i < MAX_SECOND_STEP_ATTEMPTS; i++) expect((await turnOff('000000')).status).toBe(400);
    const refused = await turnOff(codeAt(account.secret, Date.now() + 30_000));
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('Too many wrong codes');
    const [row] = await db().select().from(staffUsers).where(eq(staffUsers.id, account.id));
    expect(row!.totpEnabledAt).not.toBeNull();
  });

  it('audits failed and throttled sign-ins, the email only as a keyed hash, and sign-outs (ASVS 7.2.1)', async () => {
    const email = uniqueEmail('audited');
    await createStaff(db(), { email, displayName: 'A', role: 'viewer', password: TEST_PASSWORD });
    const b = browser(app);
    for (let i = 0; i <= MAX_FAILURES_PER_ACCOUNT; i++)
      await b.post('/admin/sign-in', { email: email.toUpperCase(), password: `nope ${i}` });
    const hashed = secrets.hmac('audit', email);
    const failed = (await auditOf('staff.sign-in-failed')).filter((r) => r.subjectId === hashed);
    const throttled = (await auditOf('staff.sign-in-throttled')).filter((r) => r.subjectId === hashed);
    expect(failed).toHaveLength(MAX_FAILURES_PER_ACCOUNT);
    expect(throttled).toHaveLength(1);
    expect(failed[0]!.ip).not.toBe('');
    const unknown = uniqueEmail('nobody');
    await browser(app).post('/admin/sign-in', { email: unknown, password: 'whatever it is' });
    expect((await auditOf('staff.sign-in-failed')).some((r) => r.subjectId === secrets.hmac('audit', unknown))).toBe(
      true,
    );
    const everything = JSON.stringify(await db().select().from(auditLog));
    expect(everything).not.toContain(email);
    expect(everything).not.toContain(unknown);

    const member = await signedInAs(app, database(), 'editor');
    await member.post('/admin/sign-out', {}, { from: '/admin/account' });
    expect((await auditOf('staff.sign-out')).some((r) => r.actorId === member.staffId)).toBe(true);
    // On the audit screen a failed sign-in is by someone not signed in, not by "the system".
    const admin = await signedInAs(app, database(), 'admin');
    const screen = await (await admin.request('/admin/audit?action=staff.sign-in-failed')).text();
    expect(screen).toContain('>Someone tried to sign in with an address that has no account</a>');
    expect(screen).not.toContain(email);
  });
});
