import type { Database } from '../../src/platform/db/client.ts';
import { createPage, createPolicy, createResource } from '../../src/features/content/service.ts';
import { createStaff, type StaffRole } from '../../src/features/staff/service.ts';
import { supporters } from '../../src/features/supporters/schema.ts';
import { createBroadcast } from '../../src/features/broadcasts/service.ts';
import { petitions } from '../../src/features/petitions/schema.ts';

/**
 * The table the role × route test walks: every admin route, a URL to try it
 * with, and the roles that may use it. Written by hand, on purpose: it is the
 * specification the permissions are checked against, not derived from them.
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
const writers: StaffRole[] = ['admin', 'organizer', 'editor'];
// Supporter records hold personal data: only the roles that run campaigns (see supporters/permissions.ts).
const campaigners: StaffRole[] = ['admin', 'organizer'];
const slug = '{[a-z0-9-]{1,80}}';
const locale = '{en|es}';
const historyKey = '/admin/content/history/:type{page|policy|resource}/:key{[a-z0-9][a-z0-9.-]{0,89}}';

export async function adminRouteTable(database: Database): Promise<AdminRouteCase[]> {
  const subject = await createStaff(database.db, {
    email: `subject-${Date.now()}@staff.example`,
    displayName: 'Route subject',
    role: 'viewer',
    password: 'correct horse battery staple 42',
  });
  const id = subject.id;
  // Throwaway content for the routes that publish, unpublish or delete: the first allowed role really does it.
  const probe = 'route-probe';
  await createPage(database.db, { slug: probe, locale: 'en', title: 'Route probe' });
  await createPolicy(database.db, {
    slug: probe,
    sessionYear: 2026,
    status: 'introduced',
    position: 'monitor',
    translations: { en: { title: 'Probe', summary: 'Probe' } },
  });
  await createResource(database.db, {
    slug: probe,
    type: 'guide',
    publishedOn: '2026-01-01',
    translations: { en: { title: 'Probe', summary: 'Probe' } },
  });
  const preview = { intent: 'preview' };
  const confirmed = { confirmed: 'yes' };
  const contentRoutes: AdminRouteCase[] = [
    { method: 'GET', pattern: '/admin/content/pages', url: '/admin/content/pages', allowed: all },
    { method: 'GET', pattern: '/admin/content/pages/new', url: '/admin/content/pages/new', allowed: writers },
    {
      method: 'POST',
      pattern: '/admin/content/pages/new',
      url: '/admin/content/pages/new',
      allowed: writers,
      form: { slug: '', title: '' },
    },
    { method: 'GET', pattern: `/admin/content/pages/:slug${slug}`, url: '/admin/content/pages/home', allowed: all },
    {
      method: 'POST',
      pattern: `/admin/content/pages/:slug${slug}/:locale${locale}/add`,
      url: `/admin/content/pages/${probe}/es/add`,
      allowed: writers,
    },
    {
      method: 'GET',
      pattern: `/admin/content/pages/:slug${slug}/:locale${locale}/edit`,
      url: '/admin/content/pages/home/es/edit',
      allowed: all,
    },
    {
      method: 'POST',
      pattern: `/admin/content/pages/:slug${slug}/:locale${locale}/edit`,
      url: '/admin/content/pages/home/es/edit',
      allowed: writers,
      form: preview,
    },
    {
      method: 'POST',
      pattern: `/admin/content/pages/:slug${slug}/:locale${locale}/publish`,
      url: `/admin/content/pages/${probe}/en/publish`,
      allowed: writers,
    },
    {
      method: 'GET',
      pattern: `/admin/content/pages/:slug${slug}/:locale${locale}/unpublish`,
      url: `/admin/content/pages/${probe}/en/unpublish`,
      allowed: writers,
    },
    {
      method: 'POST',
      pattern: `/admin/content/pages/:slug${slug}/:locale${locale}/unpublish`,
      url: `/admin/content/pages/${probe}/en/unpublish`,
      allowed: writers,
      form: confirmed,
    },
    {
      method: 'GET',
      pattern: `/admin/content/pages/:slug${slug}/:locale${locale}/delete`,
      url: `/admin/content/pages/${probe}/en/delete`,
      allowed: writers,
    },
    {
      method: 'POST',
      pattern: `/admin/content/pages/:slug${slug}/:locale${locale}/delete`,
      url: `/admin/content/pages/${probe}/en/delete`,
      allowed: writers,
      form: confirmed,
    },
  ];
  for (const kind of ['policies', 'resources'] as const) {
    const base = `/admin/content/${kind}`;
    contentRoutes.push(
      { method: 'GET', pattern: base, url: base, allowed: all },
      { method: 'GET', pattern: `${base}/new`, url: `${base}/new`, allowed: writers },
      { method: 'POST', pattern: `${base}/new`, url: `${base}/new`, allowed: writers, form: { slug: '' } },
      { method: 'GET', pattern: `${base}/:slug${slug}`, url: `${base}/${probe}`, allowed: all },
      { method: 'POST', pattern: `${base}/:slug${slug}`, url: `${base}/${probe}`, allowed: writers, form: preview },
      { method: 'POST', pattern: `${base}/:slug${slug}/publish`, url: `${base}/${probe}/publish`, allowed: writers },
      { method: 'GET', pattern: `${base}/:slug${slug}/unpublish`, url: `${base}/${probe}/unpublish`, allowed: writers },
      {
        method: 'POST',
        pattern: `${base}/:slug${slug}/unpublish`,
        url: `${base}/${probe}/unpublish`,
        allowed: writers,
        form: confirmed,
      },
      { method: 'GET', pattern: `${base}/:slug${slug}/delete`, url: `${base}/${probe}/delete`, allowed: writers },
      {
        method: 'POST',
        pattern: `${base}/:slug${slug}/delete`,
        url: `${base}/${probe}/delete`,
        allowed: writers,
        form: confirmed,
      },
    );
  }
  contentRoutes.push(
    // Staff may check an uploaded file before it is public: reading, so every role.
    {
      method: 'GET',
      pattern: `/admin/content/resources/:slug${slug}/file`,
      url: `/admin/content/resources/${probe}/file`,
      allowed: all,
    },
    { method: 'GET', pattern: historyKey, url: '/admin/content/history/page/home.es', allowed: all },
    {
      method: 'GET',
      pattern: `${historyKey}/:id{[0-9]{1,9}}`,
      url: '/admin/content/history/page/home.es/999999',
      allowed: all,
    },
    {
      method: 'POST',
      pattern: `${historyKey}/:id{[0-9]{1,9}}/restore`,
      url: '/admin/content/history/page/home.es/999999/restore',
      allowed: writers,
    },
  );
  // A supporter to open, tag and export; erase is sent unconfirmed (400), so the record outlives the walk.
  const [supporter] = await database.db
    .insert(supporters)
    .values({
      email: `route-probe-${Date.now()}@example.org`,
      emailAsTyped: 'Route-Probe@example.org',
      givenName: 'Route',
      familyName: 'Probe',
    })
    .returning({ id: supporters.id });
  const person = `/admin/supporters/${supporter!.id}`;
  const personPattern = '/admin/supporters/:id{[0-9]{1,9}}';
  const supporterRoutes: AdminRouteCase[] = [
    {
      method: 'GET',
      pattern: '/admin/supporters',
      url: '/admin/supporters?q=probe&status=subscribed',
      allowed: campaigners,
    },
    // The add, edit and note forms are sent empty or without consent: refused (400), so the walk changes nobody.
    { method: 'GET', pattern: '/admin/supporters/new', url: '/admin/supporters/new', allowed: campaigners },
    { method: 'POST', pattern: '/admin/supporters/new', url: '/admin/supporters/new', allowed: campaigners, form: {} },
    { method: 'GET', pattern: `${personPattern}/edit`, url: `${person}/edit`, allowed: campaigners },
    { method: 'POST', pattern: `${personPattern}/edit`, url: `${person}/edit`, allowed: campaigners, form: {} },
    { method: 'GET', pattern: `${personPattern}/subscriptions`, url: `${person}/subscriptions`, allowed: campaigners },
    {
      method: 'POST',
      pattern: `${personPattern}/subscriptions`,
      url: `${person}/subscriptions`,
      allowed: campaigners,
      form: { 'topic-events': 'on' },
    },
    { method: 'POST', pattern: `${personPattern}/notes`, url: `${person}/notes`, allowed: campaigners, form: {} },
    { method: 'GET', pattern: personPattern, url: person, allowed: campaigners },
    {
      method: 'POST',
      pattern: `${personPattern}/tags`,
      url: `${person}/tags`,
      allowed: campaigners,
      form: { tag: 'route-probe' },
    },
    {
      method: 'POST',
      pattern: `${personPattern}/tags/remove`,
      url: `${person}/tags/remove`,
      allowed: campaigners,
      form: { tag: 'route-probe' },
    },
    { method: 'POST', pattern: `${personPattern}/export`, url: `${person}/export`, allowed: campaigners },
    { method: 'POST', pattern: `${personPattern}/stop-links`, url: `${person}/stop-links`, allowed: campaigners },
    { method: 'GET', pattern: `${personPattern}/erase`, url: `${person}/erase`, allowed: adminOnly },
    { method: 'POST', pattern: `${personPattern}/erase`, url: `${person}/erase`, allowed: adminOnly, form: {} },
  ];
  return [
    ...contentRoutes,
    ...supporterRoutes,
    { method: 'GET', pattern: '/admin/sign-in', url: '/admin/sign-in', allowed: all },
    {
      method: 'POST',
      pattern: '/admin/sign-in',
      url: '/admin/sign-in',
      allowed: all,
      form: { email: '', password: '' },
    },
    { method: 'GET', pattern: '/admin/sign-in/two-step', url: '/admin/sign-in/two-step', allowed: all },
    {
      method: 'POST',
      pattern: '/admin/sign-in/two-step',
      url: '/admin/sign-in/two-step',
      allowed: all,
      form: { code: '' },
    },
    { method: 'POST', pattern: '/admin/sign-out', url: '/admin/sign-out', allowed: all, endsSession: true },
    {
      method: 'POST',
      pattern: '/admin/sign-out-everywhere',
      url: '/admin/sign-out-everywhere',
      allowed: all,
      endsSession: true,
    },
    // For people who are not signed in: anyone may ask for a reset link or open one.
    { method: 'GET', pattern: '/admin/forgot-password', url: '/admin/forgot-password', allowed: all },
    {
      method: 'POST',
      pattern: '/admin/forgot-password',
      url: '/admin/forgot-password',
      allowed: all,
      form: { email: '' },
    },
    { method: 'GET', pattern: '/admin/forgot-password/sent', url: '/admin/forgot-password/sent', allowed: all },
    { method: 'GET', pattern: '/admin/password/:token', url: `/admin/password/${'x'.repeat(43)}`, allowed: all },
    {
      method: 'POST',
      pattern: '/admin/password/:token',
      url: `/admin/password/${'x'.repeat(43)}`,
      allowed: all,
      form: { password: '' },
    },
    { method: 'GET', pattern: '/admin', url: '/admin', allowed: all },
    { method: 'GET', pattern: '/admin/account', url: '/admin/account', allowed: all },
    {
      method: 'POST',
      pattern: '/admin/account/password',
      url: '/admin/account/password',
      allowed: all,
      form: { current: '', password: '' },
    },
    { method: 'GET', pattern: '/admin/account/two-step', url: '/admin/account/two-step', allowed: all },
    {
      method: 'POST',
      pattern: '/admin/account/two-step',
      url: '/admin/account/two-step',
      allowed: all,
      form: { setup: 'x', code: '' },
    },
    {
      method: 'POST',
      pattern: '/admin/account/two-step/disable',
      url: '/admin/account/two-step/disable',
      allowed: all,
      form: { 'disable-password': '' },
    },
    { method: 'GET', pattern: '/admin/staff', url: '/admin/staff', allowed: adminOnly },
    { method: 'GET', pattern: '/admin/staff/new', url: '/admin/staff/new', allowed: adminOnly },
    {
      method: 'POST',
      pattern: '/admin/staff',
      url: '/admin/staff',
      allowed: adminOnly,
      form: { email: '', displayName: '', role: 'viewer' },
    },
    { method: 'GET', pattern: '/admin/staff/:id{[0-9]{1,9}}', url: `/admin/staff/${id}`, allowed: adminOnly },
    {
      method: 'POST',
      pattern: '/admin/staff/:id{[0-9]{1,9}}',
      url: `/admin/staff/${id}`,
      allowed: adminOnly,
      form: { role: 'nonsense' },
    },
    // Without the confirmation page's answer a disable only leads to the question; the subject is enabled and has
    // a password, so enabling and inviting again change nothing.
    {
      method: 'GET',
      pattern: '/admin/staff/:id{[0-9]{1,9}}/disable',
      url: `/admin/staff/${id}/disable`,
      allowed: adminOnly,
    },
    {
      method: 'POST',
      pattern: '/admin/staff/:id{[0-9]{1,9}}/disable',
      url: `/admin/staff/${id}/disable`,
      allowed: adminOnly,
      form: {},
    },
    {
      method: 'POST',
      pattern: '/admin/staff/:id{[0-9]{1,9}}/enable',
      url: `/admin/staff/${id}/enable`,
      allowed: adminOnly,
      form: {},
    },
    {
      method: 'POST',
      pattern: '/admin/staff/:id{[0-9]{1,9}}/invitation',
      url: `/admin/staff/${id}/invitation`,
      allowed: adminOnly,
      form: {},
    },
    { method: 'GET', pattern: '/admin/audit', url: '/admin/audit', allowed: adminOnly },
    { method: 'GET', pattern: '/admin/audit/:id{[0-9]{1,15}}', url: '/admin/audit/999999', allowed: adminOnly },
    { method: 'GET', pattern: '/admin/mailbox', url: '/admin/mailbox', allowed: adminOnly },
    // Loading the reference data reads a folder on the server and replaces every district and legislator.
    { method: 'GET', pattern: '/admin/reference', url: '/admin/reference', allowed: adminOnly },
    {
      method: 'POST',
      pattern: '/admin/reference/import',
      url: '/admin/reference/import',
      allowed: adminOnly,
      form: {},
    },
    { method: 'GET', pattern: '/admin/mailbox/:id{[0-9]{1,15}}', url: '/admin/mailbox/999999', allowed: adminOnly },
    {
      method: 'GET',
      pattern: '/admin/mailbox/:id{[0-9]{1,15}}/html',
      url: '/admin/mailbox/999999/html',
      allowed: adminOnly,
    },
    { method: 'GET', pattern: '/admin/content', url: '/admin/content', allowed: all },
    ...(await broadcastRouteCases(database)),
    ...(await petitionRouteCases(database)),
  ];
}

/** Broadcasts: viewers watch, organizers and admins compose and send. */
async function broadcastRouteCases(database: Database): Promise<AdminRouteCase[]> {
  const campaigners: StaffRole[] = ['admin', 'organizer'];
  const watchers: StaffRole[] = ['admin', 'organizer', 'viewer'];
  const probe = await createBroadcast(
    database.db,
    {
      name: 'Route probe',
      en: { subject: 'Probe', body: 'Probe' },
      es: { subject: '', body: '' },
      audience: { topic: 'newsletter', tag: 'nobody-has-this-tag' },
    },
    null,
  );
  const id = '/admin/broadcasts/:id{[0-9]{1,12}}';
  const url = `/admin/broadcasts/${probe.id}`;
  return [
    { method: 'GET', pattern: '/admin/broadcasts', url: '/admin/broadcasts', allowed: watchers },
    { method: 'GET', pattern: '/admin/broadcasts/new', url: '/admin/broadcasts/new', allowed: campaigners },
    {
      method: 'POST',
      pattern: '/admin/broadcasts/new',
      url: '/admin/broadcasts/new',
      allowed: campaigners,
      form: { name: '' },
    },
    { method: 'GET', pattern: id, url, allowed: watchers },
    { method: 'GET', pattern: `${id}/progress.json`, url: `${url}/progress.json`, allowed: watchers },
    { method: 'GET', pattern: `${id}/preview/:locale{en|es}`, url: `${url}/preview/en`, allowed: watchers },
    { method: 'POST', pattern: id, url, allowed: campaigners, form: { name: '' } },
    { method: 'POST', pattern: `${id}/test`, url: '/admin/broadcasts/999999/test', allowed: campaigners },
    { method: 'POST', pattern: `${id}/schedule`, url, allowed: campaigners, form: { sendAt: 'not a time' } },
    { method: 'POST', pattern: `${id}/unschedule`, url: '/admin/broadcasts/999999/unschedule', allowed: campaigners },
    { method: 'POST', pattern: `${id}/cancel`, url: '/admin/broadcasts/999999/cancel', allowed: campaigners },
  ];
}

/**
 * Petitions: viewers read petitions and packets; signatures (personal data),
 * the export and the abuse controls are for those who run campaigns (see petitions/permissions.ts).
 */
async function petitionRouteCases(database: Database): Promise<AdminRouteCase[]> {
  const campaigners: StaffRole[] = ['admin', 'organizer'];
  const readers: StaffRole[] = ['admin', 'organizer', 'viewer'];
  const [probe] = await database.db
    .insert(petitions)
    .values({
      slug: `route-probe-${Date.now()}`,
      target: 'Probe',
      en: { title: 'Route probe', summary: '', statement: 'Probe' },
      goal: 10,
    })
    .returning({ id: petitions.id });
  const base = '/admin/petitions';
  const id = `${base}/:id{[0-9]{1,9}}`;
  const url = `${base}/${probe!.id}`;
  return [
    { method: 'GET', pattern: base, url: base, allowed: readers },
    { method: 'GET', pattern: `${base}/new`, url: `${base}/new`, allowed: campaigners },
    { method: 'POST', pattern: `${base}/new`, url: `${base}/new`, allowed: campaigners, form: { slug: '' } },
    { method: 'GET', pattern: id, url, allowed: readers },
    { method: 'POST', pattern: id, url, allowed: campaigners, form: { slug: '' } },
    // Any staff member may look at a petition's public page before it opens (an editor checks the words).
    { method: 'GET', pattern: `${id}/preview`, url: `${url}/preview`, allowed: all },
    { method: 'GET', pattern: `${id}/preview/es`, url: `${url}/preview/es`, allowed: all },
    { method: 'GET', pattern: `${base}/packet.css`, url: `${base}/packet.css`, allowed: readers },
    {
      method: 'GET',
      pattern: `${id}/signatures`,
      url: `${url}/signatures?status=verified&senate=5`,
      allowed: campaigners,
    },
    {
      method: 'GET',
      pattern: `${id}/signatures.csv`,
      url: `${url}/signatures.csv?status=verified`,
      allowed: campaigners,
    },
    { method: 'GET', pattern: `${id}/invalidate`, url: `${url}/invalidate?senate=5`, allowed: campaigners },
    // Sent without the confirmed count: refused (400), so nothing is struck out by the walk.
    {
      method: 'POST',
      pattern: `${id}/invalidate`,
      url: `${url}/invalidate`,
      allowed: campaigners,
      form: { senate: '5' },
    },
    { method: 'GET', pattern: `${id}/packets`, url: `${url}/packets`, allowed: readers },
    {
      method: 'GET',
      pattern: `${id}/packet/:chamber{senate|house}/:district{[1-9][0-9]?}`,
      url: `${url}/packet/senate/5`,
      allowed: readers,
    },
    { method: 'GET', pattern: `${base}/abuse`, url: `${base}/abuse`, allowed: campaigners },
    {
      method: 'POST',
      pattern: `${base}/abuse/limits`,
      url: `${base}/abuse/limits`,
      allowed: campaigners,
      form: { perIpBurst: '' },
    },
    {
      method: 'POST',
      pattern: `${base}/abuse/blocks`,
      url: `${base}/abuse/blocks`,
      allowed: campaigners,
      form: { kind: 'ip', ip: 'not an address' },
    },
    {
      method: 'POST',
      pattern: `${base}/abuse/blocks/remove`,
      url: `${base}/abuse/blocks/remove`,
      allowed: campaigners,
      form: { kind: 'ip', value: '' },
    },
  ];
}
