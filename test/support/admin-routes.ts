import type { Database } from '../../src/platform/db/client.ts';
import { createStaff, type StaffRole } from '../../src/features/staff/service.ts';

/**
 * The table the role × route test walks: every admin route, a URL to try it
 * with, and the roles that may use it. Written by hand, on purpose: it is the
 * specification the policies are checked against, not derived from them.
 */
export type AdminRouteCase = {
  method: 'GET' | 'POST';
  /** The route as the app registers it, so the test can tell when one is missing here. */
  pattern: string;
  url: string;
  allowed: StaffRole[];
  form?: Record<string, string>;
  endsSession?: boolean;
};

const all: StaffRole[] = ['admin', 'organizer', 'editor', 'viewer'];
const adminOnly: StaffRole[] = ['admin'];

export async function adminRouteTable(database: Database): Promise<AdminRouteCase[]> {
  const subject = await createStaff(database.db, {
    email: `subject-${Date.now()}@staff.example`,
    displayName: 'Route subject',
    role: 'viewer',
    password: 'correct horse battery staple 42',
  });
  const id = subject.id;
  return [
    { method: 'GET', pattern: '/admin/sign-in', url: '/admin/sign-in', allowed: all },
    { method: 'POST', pattern: '/admin/sign-in', url: '/admin/sign-in', allowed: all, form: { email: '', password: '' } },
    { method: 'GET', pattern: '/admin/sign-in/two-step', url: '/admin/sign-in/two-step', allowed: all },
    { method: 'POST', pattern: '/admin/sign-in/two-step', url: '/admin/sign-in/two-step', allowed: all, form: { code: '' } },
    { method: 'POST', pattern: '/admin/sign-out', url: '/admin/sign-out', allowed: all, endsSession: true },
    { method: 'POST', pattern: '/admin/sign-out-everywhere', url: '/admin/sign-out-everywhere', allowed: all, endsSession: true },
    { method: 'GET', pattern: '/admin', url: '/admin', allowed: all },
    { method: 'GET', pattern: '/admin/account', url: '/admin/account', allowed: all },
    { method: 'POST', pattern: '/admin/account/password', url: '/admin/account/password', allowed: all, form: { current: '', password: '' } },
    { method: 'GET', pattern: '/admin/account/two-step', url: '/admin/account/two-step', allowed: all },
    { method: 'POST', pattern: '/admin/account/two-step', url: '/admin/account/two-step', allowed: all, form: { setup: 'x', code: '' } },
    { method: 'POST', pattern: '/admin/account/two-step/disable', url: '/admin/account/two-step/disable', allowed: all, form: { 'disable-password': '' } },
    { method: 'GET', pattern: '/admin/staff', url: '/admin/staff', allowed: adminOnly },
    { method: 'GET', pattern: '/admin/staff/new', url: '/admin/staff/new', allowed: adminOnly },
    { method: 'POST', pattern: '/admin/staff', url: '/admin/staff', allowed: adminOnly, form: { email: '', displayName: '', role: 'viewer', password: '' } },
    { method: 'GET', pattern: '/admin/staff/:id{[0-9]{1,9}}', url: `/admin/staff/${id}`, allowed: adminOnly },
    { method: 'POST', pattern: '/admin/staff/:id{[0-9]{1,9}}', url: `/admin/staff/${id}`, allowed: adminOnly, form: { role: 'nonsense' } },
    { method: 'GET', pattern: '/admin/audit', url: '/admin/audit', allowed: adminOnly },
    { method: 'GET', pattern: '/admin/content', url: '/admin/content', allowed: all },
  ];
}
