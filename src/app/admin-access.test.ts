import { beforeAll, expect, it } from 'vitest';
import { listAudit } from '../features/audit/service.ts';
import { seedDemoContent } from '../features/content/seed/index.ts';
import { listStaff, type StaffRole } from '../features/staff/service.ts';
import { createTestApp } from '../../test/support/app.ts';
import { describeEachDatabase } from '../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../test/support/staff.ts';
import { adminRouteTable, type AdminRouteCase } from '../../test/support/admin-routes.ts';
import { grantStoriesAccess } from '../../test/support/admin-routes-stories.ts';

const everyone: StaffRole[] = ['admin', 'organizer', 'editor', 'viewer'];

/**
 * The token a form on /admin/account carries for this client now. The server derives it from the client's cookies
 * alone (the CSRF seed, and the session they name), so while they are unchanged the page need not be rendered again
 * for each of the walk's 500-odd posts: fetching it afresh for each was a third of this file's time (ADR 076). A
 * post that changes the cookies (a new session, a new seed) gets a fresh token from the page.
 */
const tokens = new WeakMap<Browser, { cookies: string; token: string }>();
const cookiesOf = (client: Browser) => JSON.stringify([...client.cookies]);

async function csrfTokenOf(client: Browser): Promise<string> {
  const known = tokens.get(client);
  if (known?.cookies === cookiesOf(client)) return known.token;
  const token = await client.csrf('/admin/account');
  tokens.set(client, { cookies: cookiesOf(client), token });
  return token;
}

/** What `client.post(route.url, route.form, { from: '/admin/account' })` sends, with the token as above. */
async function submit(client: Browser, route: AdminRouteCase): Promise<Response> {
  const body = new URLSearchParams(route.form ?? {});
  body.set('_csrf', await csrfTokenOf(client));
  return client.request(route.url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

describeEachDatabase('who may use which admin route', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  const as = {} as Record<StaffRole, Browser & { staffId: number }>;
  let cases: AdminRouteCase[];
  let withoutStories: Browser;

  beforeAll(async () => {
    await seedDemoContent(database().db);
    app = createTestApp(database()).app;
    for (const role of everyone) as[role] = await signedInAs(app, database(), role);
    // Stories need a grant on top of the role (ADR 063): the walkers have it; an admin without it is refused them.
    await grantStoriesAccess(
      database(),
      Object.values(as).map((b) => b.staffId),
    );
    withoutStories = await signedInAs(app, database(), 'admin');
    cases = await adminRouteTable(database());
  });

  it('has an expectation for every admin route the app serves', () => {
    const served = app.routes
      .filter((r) => r.path.startsWith('/admin') && r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path}`);
    const expected = new Set(cases.map((c) => `${c.method} ${c.pattern}`));
    expect(served.filter((r) => !expected.has(r))).toEqual([]);
  });

  it('answers 403 exactly where the role table says, for every route and role', async () => {
    const outcomes: string[] = [];
    for (const route of cases) {
      for (const role of everyone) {
        // Routes that end the session get a browser of their own.
        const client = route.endsSession ? await signedInAs(app, database(), role) : as[role];
        const res = route.method === 'GET' ? await client.request(route.url) : await submit(client, route);
        const allowed = res.status !== 403;
        const wanted = route.allowed.includes(role);
        if (allowed !== wanted)
          outcomes.push(`${route.method} ${route.url} as ${role}: ${res.status}, wanted ${wanted ? 'allowed' : '403'}`);
        if (res.status >= 500) outcomes.push(`${route.method} ${route.url} as ${role}: ${res.status}`);
      }
      if (!route.url.startsWith('/admin/stories')) continue;
      const refused =
        route.method === 'GET' ? await withoutStories.request(route.url) : await submit(withoutStories, route);
      if (refused.status !== 403)
        outcomes.push(`${route.method} ${route.url} without stories access: ${refused.status}`);
    }
    expect(outcomes).toEqual([]);
  }, 300_000);

  it('refuses every admin form without a valid CSRF token, changing nothing', async () => {
    const admin = as.admin;
    const before = (await listAudit(database().db, { perPage: 1 })).total;
    const staffBefore = JSON.stringify(await listStaff(database().db));
    for (const route of cases.filter((c) => c.method === 'POST')) {
      const missing = await admin.post(route.url, route.form ?? {}, { csrf: false });
      expect(missing.status, `${route.url} without a token`).toBe(403);
      const forged = await admin.request(route.url, {
        method: 'POST',
        body: new URLSearchParams({ ...route.form, _csrf: 'forged-token-forged-token-forged-token-123' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(forged.status, `${route.url} with a forged token`).toBe(403);
    }
    expect((await listAudit(database().db, { perPage: 1 })).total).toBe(before);
    expect(JSON.stringify(await listStaff(database().db))).toBe(staffBefore);
    // And the session survived: sign-out without a token did not sign anyone out.
    expect((await admin.request('/admin')).status).toBe(200);
  });
});
