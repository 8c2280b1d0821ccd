import type { Database } from '../../src/platform/db/client.ts';
import { createPage, createPolicy, createResource } from '../../src/features/content/service.ts';
import { createStaff, type StaffRole } from '../../src/features/staff/service.ts';
import { supporterNotes, supporters } from '../../src/features/supporters/schema.ts';
import { supporterSegments } from '../../src/features/supporters/segment-schema.ts';
import { createBroadcast } from '../../src/features/broadcasts/service.ts';
import { petitions } from '../../src/features/petitions/schema.ts';
import { eventRouteCases } from './admin-routes-events.ts';
import { legislatorRouteCases } from './admin-routes-legislators.ts';
import { letterRouteCases } from './admin-routes-letters.ts';
import { mergeRouteCases } from './admin-routes-merge.ts';
import { mediaRouteCases, navigationRouteCases, newsRouteCases } from './admin-routes-site.ts';
import { storyRouteCases } from './admin-routes-stories.ts';
import { supporterImportRouteCases } from './admin-routes-import.ts';
import { privacyRouteCases } from './admin-routes-privacy.ts';
import { apiKeyRouteCases } from './admin-routes-api.ts';
import { webhookRouteCases } from './admin-routes-webhooks.ts';

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

export const all: StaffRole[] = ['admin', 'organizer', 'editor', 'viewer'];
const adminOnly: StaffRole[] = ['admin'];
export const writers: StaffRole[] = ['admin', 'organizer', 'editor'];
// The roles that run campaigns: supporter records and signatures hold personal data (see each permissions.ts).
const campaigners: StaffRole[] = ['admin', 'organizer'];
const slug = '{[a-z0-9-]{1,80}}';
const locale = '{en|es}';
const historyKey = '/admin/content/history/:type{page|policy|resource|settings}/:key{[a-z0-9][a-z0-9.-]{0,89}}';

/** A GET route, tried at `url` (the pattern itself when it has no parameters). */
export const get = (pattern: string, allowed: StaffRole[], url = pattern): AdminRouteCase => ({
  method: 'GET',
  pattern,
  url,
  allowed,
});

type PostOptions = Pick<AdminRouteCase, 'form' | 'endsSession'> & { url?: string };

/** A POST route, tried at `url` (the pattern itself unless given) with `form`. */
export const post = (
  pattern: string,
  allowed: StaffRole[],
  { url = pattern, ...rest }: PostOptions = {},
): AdminRouteCase => ({
  method: 'POST',
  pattern,
  url,
  allowed,
  ...rest,
});

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
  // A page to build from sections: moves, hides and removals act on it (and a Spanish copy lacking one section).
  const built = 'section-probe';
  const text = (key: string) => ({ key, kind: 'text' as const, heading: key, bodyMd: 'Words' });
  await createPage(database.db, { slug: built, locale: 'en', title: 'Sections', sections: ['a', 'b', 'c'].map(text) });
  await createPage(database.db, { slug: built, locale: 'es', title: 'Secciones', sections: ['a', 'b'].map(text) });
  const preview = { intent: 'preview' };
  const confirmed = { confirmed: 'yes' };
  const contentRoutes: AdminRouteCase[] = [
    get('/admin/content/pages', all),
    get('/admin/content/pages/new', writers),
    post('/admin/content/pages/new', writers, { form: { slug: '', title: '' } }),
    get(`/admin/content/pages/:slug${slug}`, all, '/admin/content/pages/home'),
    post(`/admin/content/pages/:slug${slug}/:locale${locale}/add`, writers, {
      url: `/admin/content/pages/${probe}/es/add`,
    }),
    get(`/admin/content/pages/:slug${slug}/:locale${locale}/edit`, all, '/admin/content/pages/home/es/edit'),
    post(`/admin/content/pages/:slug${slug}/:locale${locale}/edit`, writers, {
      url: '/admin/content/pages/home/es/edit',
      form: preview,
    }),
    post(`/admin/content/pages/:slug${slug}/:locale${locale}/publish`, writers, {
      url: `/admin/content/pages/${probe}/en/publish`,
    }),
    get(
      `/admin/content/pages/:slug${slug}/:locale${locale}/unpublish`,
      writers,
      `/admin/content/pages/${probe}/en/unpublish`,
    ),
    post(`/admin/content/pages/:slug${slug}/:locale${locale}/unpublish`, writers, {
      url: `/admin/content/pages/${probe}/en/unpublish`,
      form: confirmed,
    }),
    get(
      `/admin/content/pages/:slug${slug}/:locale${locale}/delete`,
      writers,
      `/admin/content/pages/${probe}/en/delete`,
    ),
    post(`/admin/content/pages/:slug${slug}/:locale${locale}/delete`, writers, {
      url: `/admin/content/pages/${probe}/en/delete`,
      form: confirmed,
    }),
    get(
      `/admin/content/pages/:slug${slug}/:locale${locale}/sections`,
      all,
      `/admin/content/pages/${built}/en/sections`,
    ),
    get(
      `/admin/content/pages/:slug${slug}/:locale${locale}/sections/new`,
      writers,
      `/admin/content/pages/${built}/en/sections/new?kind=cards`,
    ),
    post(`/admin/content/pages/:slug${slug}/:locale${locale}/sections/new`, writers, {
      url: `/admin/content/pages/${built}/en/sections/new?kind=text`,
      form: { heading: '', bodyMd: '' },
    }),
    get(
      `/admin/content/pages/:slug${slug}/:locale${locale}/sections/:key${slug}/edit`,
      all,
      `/admin/content/pages/${built}/en/sections/b/edit`,
    ),
    post(`/admin/content/pages/:slug${slug}/:locale${locale}/sections/:key${slug}/edit`, writers, {
      url: `/admin/content/pages/${built}/en/sections/b/edit`,
      form: { heading: 'b', bodyMd: '' },
    }),
    ...['up', 'down', 'hide', 'show'].map((action) =>
      post(`/admin/content/pages/:slug${slug}/:locale${locale}/sections/:key${slug}/${action}`, writers, {
        url: `/admin/content/pages/${built}/en/sections/b/${action}`,
      }),
    ),
    post(`/admin/content/pages/:slug${slug}/:locale${locale}/sections/:key${slug}/copy`, writers, {
      url: `/admin/content/pages/${built}/es/sections/c/copy`,
    }),
    get(
      `/admin/content/pages/:slug${slug}/:locale${locale}/sections/:key${slug}/remove`,
      writers,
      `/admin/content/pages/${built}/en/sections/a/remove`,
    ),
    post(`/admin/content/pages/:slug${slug}/:locale${locale}/sections/:key${slug}/remove`, writers, {
      url: `/admin/content/pages/${built}/en/sections/a/remove`,
      form: confirmed,
    }),
  ];
  for (const kind of ['policies', 'resources'] as const) {
    const base = `/admin/content/${kind}`;
    contentRoutes.push(
      get(base, all),
      get(`${base}/new`, writers),
      post(`${base}/new`, writers, { form: { slug: '' } }),
      get(`${base}/:slug${slug}`, all, `${base}/${probe}`),
      post(`${base}/:slug${slug}`, writers, { url: `${base}/${probe}`, form: preview }),
      post(`${base}/:slug${slug}/publish`, writers, { url: `${base}/${probe}/publish` }),
      get(`${base}/:slug${slug}/unpublish`, writers, `${base}/${probe}/unpublish`),
      post(`${base}/:slug${slug}/unpublish`, writers, { url: `${base}/${probe}/unpublish`, form: confirmed }),
      get(`${base}/:slug${slug}/delete`, writers, `${base}/${probe}/delete`),
      post(`${base}/:slug${slug}/delete`, writers, { url: `${base}/${probe}/delete`, form: confirmed }),
    );
  }
  contentRoutes.push(
    // Staff may check an uploaded file before it is public: reading, so every role.
    get(`/admin/content/resources/:slug${slug}/file`, all, `/admin/content/resources/${probe}/file`),
    get(historyKey, all, '/admin/content/history/page/home.es'),
    get(`${historyKey}/:id{[0-9]{1,9}}`, all, '/admin/content/history/page/home.es/999999'),
    post(`${historyKey}/:id{[0-9]{1,9}}/restore`, writers, {
      url: '/admin/content/history/page/home.es/999999/restore',
    }),
    // The settings are part of running the site: content writers open, change, or read and restore their history.
    get('/admin/settings', writers),
    // Sent without a name: refused (400), so the walk changes nothing.
    post('/admin/settings', writers, { form: { name: '' } }),
    get(historyKey, writers, '/admin/content/history/settings/site'),
    get(`${historyKey}/:id{[0-9]{1,9}}`, writers, '/admin/content/history/settings/site/999999'),
    post(`${historyKey}/:id{[0-9]{1,9}}/restore`, writers, {
      url: '/admin/content/history/settings/site/999999/restore',
    }),
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
  const [probeNote] = await database.db
    .insert(supporterNotes)
    .values({ supporterId: supporter!.id, body: 'A sample note for the route walk.' })
    .returning({ id: supporterNotes.id });
  const note = `${person}/notes/${probeNote!.id}`;
  const notePattern = `${personPattern}/notes/:note{[0-9]{1,15}}`;
  // A saved segment to open; its forms are sent empty or unconfirmed (400), so it outlives the walk.
  const [probeSegment] = await database.db
    .insert(supporterSegments)
    .values({ name: `Route probe ${Date.now()}`, filters: { q: 'probe' } })
    .returning({ id: supporterSegments.id });
  const segment = `/admin/supporters/segments/${probeSegment!.id}`;
  const segmentPattern = '/admin/supporters/segments/:segment{[0-9]{1,9}}';
  const supporterRoutes: AdminRouteCase[] = [
    get('/admin/supporters/segments', campaigners),
    get('/admin/supporters/segments/new', campaigners, '/admin/supporters/segments/new?q=probe&senate=3'),
    post('/admin/supporters/segments/new', campaigners, { form: {} }),
    get(`${segmentPattern}/edit`, campaigners, `${segment}/edit`),
    post(`${segmentPattern}/edit`, campaigners, { url: `${segment}/edit`, form: {} }),
    get(`${segmentPattern}/delete`, campaigners, `${segment}/delete`),
    post(`${segmentPattern}/delete`, campaigners, { url: `${segment}/delete`, form: {} }),
    // Bulk tagging, sent without a tag (400), so the walk tags nobody.
    get('/admin/supporters/bulk/tag', campaigners, '/admin/supporters/bulk/tag?q=probe'),
    post('/admin/supporters/bulk/tag', campaigners, { form: { scope: 'q=probe' } }),
    get('/admin/supporters/bulk/untag', campaigners, `/admin/supporters/bulk/untag?segment=${probeSegment!.id}`),
    post('/admin/supporters/bulk/untag', campaigners, { form: { scope: 'q=probe' } }),
    get('/admin/supporters', campaigners, '/admin/supporters?q=probe&status=subscribed'),
    // The add, edit and note forms are sent empty or without consent: refused (400), so the walk changes nobody.
    get('/admin/supporters/new', campaigners),
    post('/admin/supporters/new', campaigners, { form: {} }),
    get(`${personPattern}/edit`, campaigners, `${person}/edit`),
    post(`${personPattern}/edit`, campaigners, { url: `${person}/edit`, form: {} }),
    get(`${personPattern}/subscriptions`, campaigners, `${person}/subscriptions`),
    post(`${personPattern}/subscriptions`, campaigners, {
      url: `${person}/subscriptions`,
      form: { 'topic-events': 'on' },
    }),
    post(`${personPattern}/notes`, campaigners, { url: `${person}/notes`, form: {} }),
    // Sent empty, and the delete unconfirmed: each only shows its form again (400), so the note outlives the walk.
    get(`${notePattern}/edit`, campaigners, `${note}/edit`),
    post(`${notePattern}/edit`, campaigners, { url: `${note}/edit`, form: {} }),
    get(`${notePattern}/delete`, campaigners, `${note}/delete`),
    post(`${notePattern}/delete`, campaigners, { url: `${note}/delete`, form: {} }),
    get(personPattern, campaigners, person),
    post(`${personPattern}/tags`, campaigners, { url: `${person}/tags`, form: { tag: 'route-probe' } }),
    post(`${personPattern}/tags/remove`, campaigners, { url: `${person}/tags/remove`, form: { tag: 'route-probe' } }),
    post(`${personPattern}/export`, campaigners, { url: `${person}/export` }),
    post(`${personPattern}/stop-links`, campaigners, { url: `${person}/stop-links` }),
    get(`${personPattern}/erase`, adminOnly, `${person}/erase`),
    post(`${personPattern}/erase`, adminOnly, { url: `${person}/erase`, form: {} }),
    ...(await supporterImportRouteCases(database, campaigners)),
    ...(await mergeRouteCases(database)),
  ];
  return [
    ...contentRoutes,
    ...supporterRoutes,
    get('/admin/sign-in', all),
    post('/admin/sign-in', all, { form: { email: '', password: '' } }),
    get('/admin/sign-in/two-step', all),
    post('/admin/sign-in/two-step', all, { form: { code: '' } }),
    post('/admin/sign-out', all, { endsSession: true }),
    post('/admin/sign-out-everywhere', all, { endsSession: true }),
    // For people who are not signed in: anyone may ask for a reset link or open one.
    get('/admin/forgot-password', all),
    post('/admin/forgot-password', all, { form: { email: '' } }),
    get('/admin/forgot-password/sent', all),
    get('/admin/password/:token', all, `/admin/password/${'x'.repeat(43)}`),
    post('/admin/password/:token', all, { url: `/admin/password/${'x'.repeat(43)}`, form: { password: '' } }),
    get('/admin', all),
    get('/admin/account', all),
    post('/admin/account/password', all, { form: { current: '', password: '' } }),
    get('/admin/account/two-step', all),
    post('/admin/account/two-step', all, { form: { setup: 'x', code: '' } }),
    post('/admin/account/two-step/disable', all, { form: { 'disable-password': '' } }),
    get('/admin/staff', adminOnly),
    get('/admin/staff/new', adminOnly),
    post('/admin/staff', adminOnly, { form: { email: '', displayName: '', role: 'viewer' } }),
    get('/admin/staff/:id{[0-9]{1,9}}', adminOnly, `/admin/staff/${id}`),
    post('/admin/staff/:id{[0-9]{1,9}}', adminOnly, { url: `/admin/staff/${id}`, form: { role: 'nonsense' } }),
    // Without the confirmation page's answer a disable only leads to the question; the subject is enabled and has
    // a password, so enabling and inviting again change nothing.
    get('/admin/staff/:id{[0-9]{1,9}}/disable', adminOnly, `/admin/staff/${id}/disable`),
    post('/admin/staff/:id{[0-9]{1,9}}/disable', adminOnly, { url: `/admin/staff/${id}/disable`, form: {} }),
    post('/admin/staff/:id{[0-9]{1,9}}/enable', adminOnly, { url: `/admin/staff/${id}/enable`, form: {} }),
    post('/admin/staff/:id{[0-9]{1,9}}/invitation', adminOnly, { url: `/admin/staff/${id}/invitation`, form: {} }),
    get('/admin/audit', adminOnly),
    // Retention rules: admins only. Sent with a refused value (400), so the walk switches no rule on.
    get('/admin/retention', adminOnly),
    post('/admin/retention', adminOnly, { form: { 'past-event-rsvps': 'never' } }),
    get('/admin/audit/:id{[0-9]{1,15}}', adminOnly, '/admin/audit/999999'),
    get('/admin/mailbox', adminOnly),
    // Loading the reference data reads a folder on the server and replaces every district and legislator.
    get('/admin/reference', adminOnly),
    post('/admin/reference/import', adminOnly, { form: {} }),
    get('/admin/mailbox/:id{[0-9]{1,15}}', adminOnly, '/admin/mailbox/999999'),
    get('/admin/mailbox/:id{[0-9]{1,15}}/html', adminOnly, '/admin/mailbox/999999/html'),
    get('/admin/mailbox/:id{[0-9]{1,15}}/files/:n{[0-9]{1,3}}', adminOnly, '/admin/mailbox/999999/files/0'),
    get('/admin/content', all),
    ...(await broadcastRouteCases(database)),
    ...(await petitionRouteCases(database)),
    ...(await navigationRouteCases(database)),
    ...(await newsRouteCases(database)),
    ...(await mediaRouteCases(database)),
    ...(await eventRouteCases(database)),
    ...(await legislatorRouteCases(database)),
    ...(await letterRouteCases(database)),
    ...(await storyRouteCases(database)),
    ...(await privacyRouteCases(database)),
    ...(await webhookRouteCases(database)),
    ...(await apiKeyRouteCases(database)),
  ];
}

/** Broadcasts: viewers watch, organizers and admins compose and send. */
async function broadcastRouteCases(database: Database): Promise<AdminRouteCase[]> {
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
    get('/admin/broadcasts', watchers),
    get('/admin/broadcasts/new', campaigners),
    post('/admin/broadcasts/new', campaigners, { form: { name: '' } }),
    get(id, watchers, url),
    get(`${id}/progress.json`, watchers, `${url}/progress.json`),
    get(`${id}/preview/:locale{en|es}`, watchers, `${url}/preview/en`),
    post(id, campaigners, { url, form: { name: '' } }),
    post(`${id}/test`, campaigners, { url: '/admin/broadcasts/999999/test' }),
    post(`${id}/schedule`, campaigners, { url, form: { sendAt: 'not a time' } }),
    post(`${id}/unschedule`, campaigners, { url: '/admin/broadcasts/999999/unschedule' }),
    post(`${id}/cancel`, campaigners, { url: '/admin/broadcasts/999999/cancel' }),
  ];
}

/**
 * Petitions: viewers read petitions and packets; signatures (personal data),
 * the export and the abuse controls are for those who run campaigns (see petitions/permissions.ts).
 */
async function petitionRouteCases(database: Database): Promise<AdminRouteCase[]> {
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
    get(base, readers),
    get(`${base}/new`, campaigners),
    post(`${base}/new`, campaigners, { form: { slug: '' } }),
    get(id, readers, url),
    post(id, campaigners, { url, form: { slug: '' } }),
    // Any staff member may look at a petition's public page before it opens (an editor checks the words).
    get(`${id}/preview`, all, `${url}/preview`),
    get(`${id}/preview/es`, all, `${url}/preview/es`),
    get(`${base}/packet.css`, readers),
    get(`${id}/signatures`, campaigners, `${url}/signatures?status=verified&senate=5`),
    get(`${id}/signatures.csv`, campaigners, `${url}/signatures.csv?status=verified`),
    get(`${id}/invalidate`, campaigners, `${url}/invalidate?senate=5`),
    // Sent without the confirmed count: refused (400), so nothing is struck out by the walk.
    post(`${id}/invalidate`, campaigners, { url: `${url}/invalidate`, form: { senate: '5' } }),
    get(`${id}/packets`, readers, `${url}/packets`),
    get(`${id}/packet/:chamber{senate|house}/:district{[1-9][0-9]?}`, readers, `${url}/packet/senate/5`),
    get(`${base}/abuse`, campaigners),
    post(`${base}/abuse/limits`, campaigners, { form: { perIpBurst: '' } }),
    post(`${base}/abuse/blocks`, campaigners, { form: { kind: 'ip', ip: 'not an address' } }),
    post(`${base}/abuse/blocks/remove`, campaigners, { form: { kind: 'ip', value: '' } }),
  ];
}
