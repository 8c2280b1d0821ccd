import { parseFeed } from '@rowanmanning/feed-parser';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { formFields } from '../../../test/support/form-fields.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { listAudit } from '../audit/service.ts';
import { seedDemoContent } from '../content/seed/index.ts';
import { getContentVersion } from '../content/service.ts';
import { createNewsTestApp } from './news-test-support.ts';
import { getPostForStaff, listPostsForStaff } from './service.ts';

const english = { cookie: 'lang=en' };

describeEachDatabase('news in the workspace', (database) => {
  let app: ReturnType<typeof createNewsTestApp>['app'];
  let editor: Browser & { staffId: number };
  let viewer: Browser;
  let token: string;

  beforeAll(async () => {
    await seedDemoContent(database().db);
    app = createNewsTestApp(database()).app;
    editor = await signedInAs(app, database(), 'editor');
    viewer = await signedInAs(app, database(), 'viewer');
    token = await editor.csrf('/admin/account');
  });

  const send = (b: Browser, path: string, fields: Record<string, string>, csrf = token) =>
    b.request(path, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: csrf, ...fields }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  const publicText = async (path: string) => (await app.request(path, { headers: english })).text();
  const newPost = {
    locale: 'en',
    slug: 'advocacy-day-report',
    type: 'news',
    publishedOn: '2026-03-04',
    authorName: 'Partnership for Safety and Justice',
    imageId: '7',
    'topic-sentencing': 'on',
    title: 'What we asked for at the Capitol',
    summary: 'A report from advocacy day.',
    bodyMd: 'Advocates met **their legislators**.',
  };

  it('answers with an empty list and an empty feed before any post is written', async () => {
    expect(await publicText('/news')).toContain('No news has been published yet.');
    const feed = await app.request('/es/news/feed.xml');
    expect(feed.status).toBe(200);
    expect(parseFeed(await feed.text()).items).toEqual([]);
  });

  it('writes a draft that the public cannot see, and audits it', async () => {
    const page = await editor.request('/admin/news/new');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<option value="7">Advocates on the Capitol steps</option>');
    expect(html).toContain('value="Partnership for Safety and Justice"');
    const res = await send(editor, '/admin/news/new', newPost);
    expect(res.status).toBe(303);
    const [post] = await listPostsForStaff(database().db);
    expect(res.headers.get('location')).toBe(`/admin/news/${post!.id}/en?notice=created`);
    expect(post).toMatchObject({ slug: 'advocacy-day-report', published: false, imageId: 7, topics: ['sentencing'] });
    expect((await app.request('/news/advocacy-day-report')).status).toBe(404);
    const [entry] = (await listAudit(database().db, { action: 'news.create' })).rows;
    expect(entry).toMatchObject({ subjectType: 'news-post', subjectId: String(post!.id), actorId: editor.staffId });
    expect(entry!.summary.subject).toBe('What we asked for at the Capitol');
  });

  it('previews without saving, and gives a refused form back as typed with a message by each field', async () => {
    const preview = await send(editor, '/admin/news/new', { ...newPost, slug: 'preview-only', intent: 'preview' });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('<title>Preview: Write a post');
    expect(html).toContain('<strong>their legislators</strong>');
    expect(html).toContain('alt="Advocates on the Capitol steps"');
    expect((await listPostsForStaff(database().db)).some((p) => p.slug === 'preview-only')).toBe(false);

    const bad = await send(editor, '/admin/news/new', {
      ...newPost,
      slug: 'Not An Address',
      publishedOn: '2026-13-40',
      title: '',
      imageId: '99',
      summary: 'Kept <as typed>',
    });
    expect(bad.status).toBe(400);
    const refused = await bad.text();
    expect(refused).toContain('<title>Error: Write a post');
    for (const message of [
      'Use lower-case letters, numbers and single hyphens',
      'Enter a date like 2026-03-01',
      'Enter a title',
      'Choose an image from the list',
    ])
      expect(refused).toContain(message);
    expect(refused).toContain('value="Not An Address"');
    expect(refused).toContain('Kept &lt;as typed&gt;');

    const taken = await send(editor, '/admin/news/new', newPost);
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain('Another post has this address');
  });

  it('publishes, adds a Spanish version to translate, and shows each language on the public site', async () => {
    const [post] = await listPostsForStaff(database().db);
    const id = post!.id;
    const version = await getContentVersion(database().db);
    expect((await send(editor, `/admin/news/${id}/publish`, {})).status).toBe(303);
    expect(await getContentVersion(database().db)).toBeGreaterThan(version);
    const page = await publicText('/news/advocacy-day-report');
    expect(page).toContain('<h1>What we asked for at the Capitol</h1>');
    expect(page).toContain('<meta property="og:image" content="http://localhost:3000/media/7-1200.jpg"/>');
    expect(page).toContain('sizes="(min-width: 48rem) 46rem, calc(100vw - 2rem)"');
    expect(page).toContain('Topics: Sentencing');
    const list = await publicText('/news');
    expect(list).toMatch(/<img src="\/media\/7-1200.jpg"[^>]*loading="lazy"/);

    // No Spanish yet: the workspace says so and offers a copy to translate.
    const missing = await (await editor.request(`/admin/news/${id}/es`)).text();
    expect(missing).toContain('no Spanish version');
    expect((await send(editor, `/admin/news/${id}/es/add`, {})).headers.get('location')).toBe(
      `/admin/news/${id}/es?notice=created`,
    );
    const fields = formFields(await (await editor.request(`/admin/news/${id}/es`)).text(), `/admin/news/${id}/es`);
    expect(fields.title).toBe('What we asked for at the Capitol');
    const saved = await send(editor, `/admin/news/${id}/es`, {
      ...fields,
      title: 'Lo que pedimos en el Capitolio',
      summary: 'Un informe del día de incidencia.',
    });
    expect(saved.status).toBe(303);
    expect(await publicText('/es/news/advocacy-day-report')).toContain('<h1>Lo que pedimos en el Capitolio</h1>');
    expect(await publicText('/news/advocacy-day-report')).toContain('<h1>What we asked for at the Capitol</h1>');
    const actions = (await listAudit(database().db, { perPage: 10 })).rows.map((r) => r.action);
    expect(actions.slice(0, 3)).toEqual(['news.update', 'news.translate', 'news.publish']);
    const [update] = (await listAudit(database().db, { action: 'news.update' })).rows;
    expect(update!.summary.after).toMatchObject({ 'es.title': 'Lo que pedimos en el Capitolio' });
  });

  it('lets a viewer read but not change, and asks before unpublishing and deleting', async () => {
    const [post] = await listPostsForStaff(database().db);
    const id = post!.id;
    const read = await (await viewer.request(`/admin/news/${id}/en`)).text();
    expect(read).toContain('You can read this but not change it');
    expect(read).not.toContain('>Save<');
    const viewerToken = await viewer.csrf('/admin/account');
    expect((await send(viewer, `/admin/news/${id}/en`, { title: 'Changed' }, viewerToken)).status).toBe(403);
    expect((await send(viewer, `/admin/news/${id}/delete`, { confirmed: 'yes' }, viewerToken)).status).toBe(403);
    expect((await viewer.request('/admin/news/new')).status).toBe(403);

    const question = await send(editor, `/admin/news/${id}/unpublish`, {});
    expect(question.status).toBe(200);
    expect(await question.text()).toContain('Unpublish the post “What we asked for at the Capitol”?');
    expect((await getPostForStaff(database().db, id))!.published).toBe(true);
    expect((await send(editor, `/admin/news/${id}/unpublish`, { confirmed: 'yes' })).status).toBe(303);
    expect((await app.request('/es/news/advocacy-day-report')).status).toBe(404);

    expect((await send(editor, `/admin/news/${id}/delete`, { confirmed: 'yes' })).headers.get('location')).toBe(
      '/admin/news?notice=deleted',
    );
    expect(await getPostForStaff(database().db, id)).toBeUndefined();
    const [deleted] = (await listAudit(database().db, { action: 'news.delete' })).rows;
    expect(deleted!.summary.before).toMatchObject({ 'en.title': 'What we asked for at the Capitol' });
    // The audit log reads it as a sentence with the post's name.
    const log = await (await (await signedInAs(app, database(), 'admin')).request('/admin/audit')).text();
    expect(log).toContain('deleted the post What we asked for at the Capitol');
  });
});
