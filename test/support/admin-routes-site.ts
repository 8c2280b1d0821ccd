import type { Database } from '../../src/platform/db/client.ts';
import { images, imageVariants } from '../../src/features/media/schema.ts';
import { insertMenuItem } from '../../src/features/navigation/menus.ts';
import { ensureMenus } from '../../src/features/navigation/seed.ts';
import { createPost } from '../../src/features/news/service.ts';
import { all, get, post, writers, type AdminRouteCase } from './admin-routes.ts';

// The site builder's workspace screens (issue 14), in the role × route table of admin-routes.ts.

export /** The menu editor: every member of staff looks, content writers change; each post is refused or changes nothing. */
async function navigationRouteCases(database: Database): Promise<AdminRouteCase[]> {
  // The site's first menus before the probe, so the probe does not stand in for them.
  await ensureMenus(database.db);
  const probe = await insertMenuItem(database.db, 'footer', {
    labelEn: 'Route probe',
    labelEs: '',
    target: { url: 'https://probe.example/' },
    hidden: true,
  });
  const base = '/admin/navigation';
  const item = `${base}/items/:id{[0-9]{1,9}}`;
  const url = `${base}/items/${probe.id}`;
  return [
    get(base, all),
    get(`${base}/new`, writers, `${base}/new?menu=footer`),
    post(`${base}/new`, writers, { form: { menu: 'footer', labelEn: '' } }),
    get(item, writers, url),
    post(item, writers, { url, form: { labelEn: '' } }),
    // A direction that is neither up nor down moves nothing; an unconfirmed removal only asks.
    post(`${item}/move`, writers, { url: `${url}/move`, form: { direction: 'sideways' } }),
    get(`${item}/remove`, writers, `${url}/remove`),
    post(`${item}/remove`, writers, { url: `${url}/remove`, form: {} }),
    // An order that is not the menu's items is refused as out of date.
    post(`${base}/:menu{main|footer}/order`, writers, { url: `${base}/footer/order`, form: { order: '1' } }),
  ];
}

export /**
 * The media library: everyone looks, content writers upload, edit and delete. The probe is a row with no
 * files (its thumbnail is a 404). The edit is sent too long (refused, 422) and the delete unconfirmed (the
 * question again), so the walk changes nothing.
 */
async function mediaRouteCases(database: Database): Promise<AdminRouteCase[]> {
  const [probe] = await database.db
    .insert(images)
    .values({ originalKey: `${'b'.repeat(32)}.png`, width: 800, height: 600, altEn: 'Route probe', altEs: '' })
    .returning({ id: images.id });
  const key = `${Date.now().toString(16).padStart(32, '0')}.jpg`;
  await database.db
    .insert(imageVariants)
    .values({ key, imageId: probe!.id, format: 'jpeg', width: 800, height: 600, bytes: 1 });
  const id = '/admin/media/:id{[0-9]{1,9}}';
  const url = `/admin/media/${probe!.id}`;
  return [
    get('/admin/media', all),
    get('/admin/media/new', writers),
    post('/admin/media/new', writers, { form: {} }),
    get(id, all, url),
    post(id, writers, { url, form: { altEn: 'x'.repeat(400) } }),
    get(`${id}/delete`, writers, `${url}/delete`),
    post(`${id}/delete`, writers, { url: `${url}/delete`, form: {} }),
  ];
}

export /**
 * News: every staff member reads posts and drafts; content writers write, publish and delete them. The probe
 * has English only, so its Spanish screen is the one that offers to add it; the walk deletes it last.
 */
async function newsRouteCases(database: Database): Promise<AdminRouteCase[]> {
  const made = await createPost(
    database.db,
    {
      facts: { slug: `route-probe-${Date.now()}`, type: 'news', publishedOn: '2026-01-01', authorName: 'Probe' },
      words: { en: { title: 'Route probe', summary: 'Probe', bodyMd: '' } },
    },
    null,
  );
  if (!made.ok) throw new Error('news route probe not made');
  const base = '/admin/news';
  const id = `${base}/:id{[0-9]{1,9}}`;
  const url = `${base}/${made.id}`;
  return [
    get(base, all),
    get(`${base}/new`, writers),
    post(`${base}/new`, writers, { form: { slug: '' } }),
    get(`${id}/:locale{en|es}`, all, `${url}/en`),
    get(`${id}/:locale{en|es}`, all, `${url}/es`),
    post(`${id}/:locale{en|es}`, writers, { url: `${url}/en`, form: { slug: '' } }),
    post(`${id}/:locale{en|es}/add`, writers, { url: `${url}/es/add` }),
    post(`${id}/publish`, writers, { url: `${url}/publish` }),
    get(`${id}/unpublish`, writers, `${url}/unpublish`),
    post(`${id}/unpublish`, writers, { url: `${url}/unpublish`, form: { confirmed: 'yes' } }),
    get(`${id}/delete`, writers, `${url}/delete`),
    post(`${id}/delete`, writers, { url: `${url}/delete`, form: { confirmed: 'yes' } }),
  ];
}
