import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import type { Database } from '../../src/platform/db/client.ts';
import { createStaff, type StaffRole } from '../../src/features/staff/service.ts';

export type Browser = {
  /** Sends a request with this browser's cookies and keeps any it is given. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** GETs a page and returns the CSRF token from its first form. */
  csrf(path?: string): Promise<string>;
  /** POSTs a form the way a browser does, CSRF token included unless `csrf: false`. */
  post(path: string, fields: Record<string, string>, options?: { csrf?: boolean; from?: string }): Promise<Response>;
  cookies: Map<string, string>;
};

/** A cookie-keeping client for app.request(), like one browser tab. */
export function browser(app: Hono<any>): Browser {
  const cookies = new Map<string, string>();
  // Its own client address, as a proxy would report it, so per-address limits apply per browser.
  const address = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
  const b: Browser = {
    cookies,
    async request(path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('x-forwarded-for', address);
      if (cookies.size > 0) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
      const res = await app.request(path, { ...init, headers, redirect: 'manual' });
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const [name, ...value] = pair!.split('=');
        if (/Max-Age=0/i.test(line) || /Expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(name!.trim());
        else cookies.set(name!.trim(), value.join('='));
      }
      return res;
    },
    async csrf(path = '/admin/sign-in') {
      const html = await (await b.request(path)).text();
      const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
      if (!token) throw new Error(`no CSRF token on ${path}`);
      return token;
    },
    async post(path, fields, options = {}) {
      const body = new URLSearchParams(fields);
      if (options.csrf !== false) body.set('_csrf', await b.csrf(options.from ?? '/admin/sign-in'));
      return b.request(path, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    },
  };
  return b;
}

export const TEST_PASSWORD = 'correct horse battery staple 42';

/** Creates a staff member of this role and signs a fresh browser in as them. */
export async function signedInAs(
  app: Hono<any>,
  database: Database,
  role: StaffRole,
): Promise<Browser & { staffId: number; email: string }> {
  const email = `${role}-${randomBytes(4).toString('hex')}@staff.example`;
  const member = await createStaff(database.db, { email, displayName: `Test ${role}`, role, password: TEST_PASSWORD });
  const b = browser(app);
  const res = await b.post('/admin/sign-in', { email, password: TEST_PASSWORD });
  if (res.status !== 303) throw new Error(`sign-in as ${role} failed with ${res.status}`);
  return Object.assign(b, { staffId: member.id, email });
}
