import { eq } from 'drizzle-orm';
import * as fc from 'fast-check';
import { Secret, TOTP } from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../platform/http/rate-limit.ts';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { browser, signedInAs, TEST_PASSWORD } from '../../../test/support/staff.ts';
import { listAudit } from '../audit/service.ts';
import { staffSessions, staffUsers } from './schema.ts';
import {
  createStaff,
  listStaff,
  MAX_FAILURES_PER_ACCOUNT,
  passwordProblem,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
} from './service.ts';

describe('password rules', () => {
  it('needs 12 characters and refuses common passwords', async () => {
    await expect(passwordProblem('short')).resolves.toMatch(/12 characters/);
    await expect(passwordProblem('password1234')).resolves.toMatch(/too common/);
    await expect(passwordProblem('aaaaaaaaaaaaaaa')).resolves.toMatch(/too common/);
    await expect(passwordProblem('maria.gonzalez-2026', { email: 'maria.gonzalez@psj.example' })).resolves.toMatch(
      /email/,
    );
    await expect(passwordProblem('river lantern autumn cobalt')).resolves.toBeUndefined();
  });
});

describe('write rate limiter', () => {
  it('allows a burst, then refills over time, per key', () => {
    const limiter = new RateLimiter(3, 60);
    const t = 1_000_000;
    expect([1, 2, 3, 4].map(() => limiter.take('a', t))).toEqual([true, true, true, false]);
    expect(limiter.take('b', t)).toBe(true);
    expect(limiter.take('a', t + 1000)).toBe(true);
    expect(limiter.take('a', t + 1000)).toBe(false);
  });
});

describeEachDatabase('staff sign-in and sessions', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  const db = () => database().db;

  beforeAll(() => {
    app = createTestApp(database()).app;
  });

  it('signs in with the right password, stored as an argon2id hash, with a new session id each time', async () => {
    const a = await signedInAs(app, database(), 'editor');
    const [user] = await db().select().from(staffUsers).where(eq(staffUsers.id, a.staffId));
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    const first = a.cookies.get('gs_staff');
    await a.post('/admin/sign-out', {}, { from: '/admin/account' });
    await a.post('/admin/sign-in', { email: a.email, password: TEST_PASSWORD });
    expect(a.cookies.get('gs_staff')).toBeTruthy();
    expect(a.cookies.get('gs_staff')).not.toBe(first);
    expect((await a.request('/admin')).status).toBe(200);
  });

  it('sets the session cookie httpOnly, SameSite=Lax, scoped to /admin, and Secure on https', async () => {
    await createStaff(db(), {
      email: 'cookie@staff.example',
      displayName: 'C',
      role: 'viewer',
      password: TEST_PASSWORD,
    });
    const https = createTestApp(database(), { PUBLIC_URL: 'https://psj.example' }).app;
    const b = browser(https);
    const res = await b.post('/admin/sign-in', { email: 'cookie@staff.example', password: TEST_PASSWORD });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('gs_staff='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/admin/);
    expect(cookie).toMatch(/Secure/);
  });

  it('gives the same answer for a wrong password and for an unknown account', async () => {
    await createStaff(db(), {
      email: 'known@staff.example',
      displayName: 'K',
      role: 'viewer',
      password: TEST_PASSWORD,
    });
    const wrong = await browser(app).post('/admin/sign-in', {
      email: 'known@staff.example',
      password: 'not the password at all',
    });
    const unknown = await browser(app).post('/admin/sign-in', {
      email: 'nobody@staff.example',
      password: 'not the password at all',
    });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    const message = (html: string) => /<p class="error-message"[^>]*>(.*?)<\/p>/s.exec(html)?.[1];
    expect(message(await wrong.text())).toBe(message(await unknown.text()));
  });

  it('throttles failed sign-ins per account, alike whether or not it exists, and keeps what was typed', async () => {
    await createStaff(db(), {
      email: 'target@staff.example',
      displayName: 'T',
      role: 'admin',
      password: TEST_PASSWORD,
    });
    for (const email of ['target@staff.example', 'ghost@staff.example']) {
      const b = browser(app);
      for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
        expect((await b.post('/admin/sign-in', { email, password: `wrong password ${i}` })).status).toBe(400);
      }
      const blocked = await b.post('/admin/sign-in', { email, password: `wrong again` });
      expect(blocked.status).toBe(429);
      const html = await blocked.text();
      expect(html).toContain('Too many attempts');
      expect(html).toContain(`value="${email}"`);
    }
    // Even the right password waits out the window.
    const right = await browser(app).post('/admin/sign-in', { email: 'target@staff.example', password: TEST_PASSWORD });
    expect(right.status).toBe(429);
  });

  it('throttles per address across many accounts', async () => {
    const b = browser(app);
    let last = 0;
    for (let i = 0; i < 25; i++)
      last = (await b.post('/admin/sign-in', { email: `spray${i}@staff.example`, password: 'guess guess guess' }))
        .status;
    expect(last).toBe(429);
  });

  it('ends a session after 8 idle hours and after 7 days whatever happens', async () => {
    const idle = await signedInAs(app, database(), 'viewer');
    expect((await idle.request('/admin')).status).toBe(200);
    await db()
      .update(staffSessions)
      .set({ lastSeenAt: new Date(Date.now() - SESSION_IDLE_MS - 60_000) })
      .where(eq(staffSessions.staffId, idle.staffId));
    const afterIdle = await idle.request('/admin');
    expect(afterIdle.status).toBe(303);
    expect(afterIdle.headers.get('location')).toMatch(/^\/admin\/sign-in/);

    const old = await signedInAs(app, database(), 'viewer');
    await db()
      .update(staffSessions)
      .set({ createdAt: new Date(Date.now() - SESSION_ABSOLUTE_MS - 60_000), lastSeenAt: new Date() })
      .where(eq(staffSessions.staffId, old.staffId));
    expect((await old.request('/admin')).status).toBe(303);
    expect(await db().select().from(staffSessions).where(eq(staffSessions.staffId, old.staffId))).toHaveLength(0);
  });

  it('signs out everywhere', async () => {
    const one = await signedInAs(app, database(), 'organizer');
    const two = browser(app);
    await two.post('/admin/sign-in', { email: one.email, password: TEST_PASSWORD });
    expect((await two.request('/admin')).status).toBe(200);
    await one.post('/admin/sign-out-everywhere', {}, { from: '/admin/account' });
    expect((await two.request('/admin')).status).toBe(303);
    expect((await one.request('/admin')).status).toBe(303);
  });

  it('sets up TOTP, then asks for it at sign-in, and accepts each recovery code once', async () => {
    const a = await signedInAs(app, database(), 'admin');
    const setupHtml = await (await a.request('/admin/account/two-step')).text();
    const secret = /<code class="secret">([A-Z2-7]+)<\/code>/.exec(setupHtml)![1]!;
    const setup = /name="setup" value="([^"]+)"/.exec(setupHtml)![1]!;
    const totp = new TOTP({ secret: Secret.fromBase32(secret) });
    expect(
      (
        await a.post(
          '/admin/account/two-step',
          { setup, code: '000000' === totp.generate() ? '111111' : '000000', password: TEST_PASSWORD },
          { from: '/admin/account' },
        )
      ).status,
    ).toBe(400);
    const done = await a.post(
      '/admin/account/two-step',
      { setup, code: totp.generate(), password: TEST_PASSWORD },
      { from: '/admin/account' },
    );
    expect(done.status).toBe(200);
    const codes = [...(await done.text()).matchAll(/<li><code>([a-z0-9x]{5}-[a-z0-9x]{5})<\/code><\/li>/g)].map(
      (m) => m[1]!,
    );
    expect(codes).toHaveLength(10);

    // A new sign-in now stops half-way until the second step.
    const b = browser(app);
    const first = await b.post('/admin/sign-in', { email: a.email, password: TEST_PASSWORD });
    expect(first.headers.get('location')).toBe('/admin/sign-in/two-step');
    expect((await b.request('/admin')).headers.get('location')).toBe('/admin/sign-in/two-step');
    expect(
      (await b.post('/admin/sign-in/two-step', { code: '12345' }, { from: '/admin/sign-in/two-step' })).status,
    ).toBe(400);
    const halfway = b.cookies.get('gs_staff');
    expect(
      (await b.post('/admin/sign-in/two-step', { code: codes[0]! }, { from: '/admin/sign-in/two-step' })).headers.get(
        'location',
      ),
    ).toBe('/admin');
    expect(b.cookies.get('gs_staff')).not.toBe(halfway);
    expect((await b.request('/admin')).status).toBe(200);

    // The same recovery code does not work twice.
    const c = browser(app);
    await c.post('/admin/sign-in', { email: a.email, password: TEST_PASSWORD });
    expect(
      (await c.post('/admin/sign-in/two-step', { code: codes[0]! }, { from: '/admin/sign-in/two-step' })).status,
    ).toBe(400);
    // The app's code that turned two-step on is spent; the next one (allowed for clock drift) works.
    expect(
      (
        await c.post(
          '/admin/sign-in/two-step',
          { code: totp.generate({ timestamp: Date.now() + 30_000 }) },
          { from: '/admin/sign-in/two-step' },
        )
      ).status,
    ).toBe(303);
    // The secret is stored encrypted, not as the base32 the app was given.
    const [row] = await db().select().from(staffUsers).where(eq(staffUsers.id, a.staffId));
    expect(row!.totpSecret).not.toContain(secret);
  });

  it('changes a password, keeping this session and ending the others', async () => {
    const a = await signedInAs(app, database(), 'editor');
    const other = browser(app);
    await other.post('/admin/sign-in', { email: a.email, password: TEST_PASSWORD });
    const weak = await a.post(
      '/admin/account/password',
      { current: TEST_PASSWORD, password: 'password1234' },
      { from: '/admin/account' },
    );
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain('too common');
    const ok = await a.post(
      '/admin/account/password',
      { current: TEST_PASSWORD, password: 'a brand new passphrase 9' },
      { from: '/admin/account' },
    );
    expect(ok.status).toBe(303);
    expect((await a.request('/admin')).status).toBe(200);
    expect((await other.request('/admin')).status).toBe(303);
  });

  it('lets an admin invite staff and change roles, never removing the last admin, and audits it', async () => {
    const admin = await signedInAs(app, database(), 'admin');
    const bad = await admin.post(
      '/admin/staff',
      { displayName: 'New Person', email: 'not-an-email', role: 'editor' },
      { from: '/admin/staff/new' },
    );
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('value="New Person"');
    expect(badHtml).toContain('Enter an email address like name@example.org');
    const created = await admin.post(
      '/admin/staff',
      { displayName: 'New Person', email: 'New.Person@Staff.Example ', role: 'editor' },
      { from: '/admin/staff/new' },
    );
    expect(created.status).toBe(303);
    const member = (await listStaff(db())).find((s) => s.email === 'new.person@staff.example');
    expect(member?.role).toBe('editor');
    const audit = await listAudit(db(), { action: 'staff.invited' });
    expect(audit.rows.some((r) => r.subjectId === String(member!.id) && r.actorId === admin.staffId)).toBe(true);

    // Only admins left: demoting every other admin first leaves this one as the last.
    for (const s of await listStaff(db())) {
      if (s.role === 'admin' && s.id !== admin.staffId) {
        const details = { displayName: s.displayName, email: s.email, role: 'viewer' };
        await admin.post(`/admin/staff/${s.id}`, details, { from: '/admin/staff' });
      }
    }
    const selfDemote = await admin.post(
      `/admin/staff/${admin.staffId}`,
      { displayName: 'Test admin', email: admin.email, role: 'viewer' },
      { from: '/admin/staff' },
    );
    expect(selfDemote.status).toBe(422);
    expect(await selfDemote.text()).toContain('only active admin');
  });

  it('keeps the audit log append-only in the database itself', async () => {
    await expect(database().db.execute(`update audit_log set action = 'x'` as never)).rejects.toThrow();
    await expect(database().db.execute(`delete from audit_log` as never)).rejects.toThrow();
  });

  it('never answers the sign-in or add-staff forms with a 5xx, and never half-creates an account', async () => {
    const admin = await signedInAs(app, database(), 'admin');
    const text = fc.string({ maxLength: 80 });
    await fc.assert(
      fc.asyncProperty(fc.record({ email: text, password: text }), async (form) => {
        const res = await browser(app).post('/admin/sign-in', form);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
    const before = (await listStaff(db())).length;
    let created = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          displayName: text,
          email: fc.oneof(text, fc.emailAddress()),
          role: fc.oneof(text, fc.constantFrom('admin', 'editor')),
        }),
        async (form) => {
          const res = await admin.post('/admin/staff', form, { from: '/admin/staff/new' });
          expect(res.status).toBeLessThan(500);
          if (res.status === 303) created++;
          // 429 once this address has sent as many invitations as sign-in allows attempts.
          else expect([400, 429]).toContain(res.status);
        },
      ),
      { numRuns: 40 },
    );
    const staff = await listStaff(db());
    expect(staff.length).toBe(before + created);
    expect(staff.every((s) => s.email.includes('@') && s.displayName.trim().length > 0)).toBe(true);
  }, 120_000);

  it('answers the account and staff-member forms without a 5xx, and leaves no account without an admin', async () => {
    const admin = await signedInAs(app, database(), 'admin');
    const member = await createStaff(db(), {
      email: 'fuzz-member@staff.example',
      displayName: 'Fuzz',
      role: 'editor',
      password: TEST_PASSWORD,
    });
    const text = fc.string({ maxLength: 60 });
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            displayName: fc.oneof(text, fc.constant('Fuzz')),
            email: fc.oneof(text, fc.constant('fuzz-member@staff.example')),
            role: fc.oneof(text, fc.constantFrom('admin', 'organizer', 'editor', 'viewer')),
          },
          { requiredKeys: [] },
        ),
        async (form) => {
          const res = await admin.post(`/admin/staff/${member.id}`, form as Record<string, string>, {
            from: '/admin/staff',
          });
          expect([303, 400, 422]).toContain(res.status);
        },
      ),
      { numRuns: 30 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({ current: fc.oneof(text, fc.constant(TEST_PASSWORD)), password: text }),
        async (form) => {
          const res = await admin.post('/admin/account/password', form, { from: '/admin/account' });
          // 429 once five wrong passwords are counted in the window (account-page.test.ts).
          expect([303, 400, 429]).toContain(res.status);
        },
      ),
      { numRuns: 30 },
    );
    await fc.assert(
      fc.asyncProperty(fc.record({ setup: text, code: text }), async (form) => {
        const res = await admin.post('/admin/account/two-step', form, { from: '/admin/account' });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 20 },
    );
    const admins = (await listStaff(db())).filter((s) => s.role === 'admin' && !s.disabledAt);
    expect(admins.length).toBeGreaterThan(0);
  }, 120_000);
});
