import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { LocalFileStore } from '../../platform/storage.ts';
import { listAudit } from '../audit/service.ts';
import { formFields, postForm, tinyPdf } from './admin-test-support.ts';
import { seedDemoContent } from './seed/index.ts';
import { getContentVersion, getPageDraft, getPolicyForStaff, getResourceForStaff, listVersions } from './service.ts';
import { siteFileRoutes } from './site-files.ts';

const english = { cookie: 'lang=en' };

describeEachDatabase('content editing in the workspace', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let cache: ReturnType<typeof createTestApp>['cache'];
  let dataDir: string;
  let editor: Browser;
  let token: string;

  beforeAll(async () => {
    await seedDemoContent(database().db);
    dataDir = mkdtempSync(join(tmpdir(), 'groundswell-content-'));
    ({ app, cache } = createTestApp(database(), { DATA_DIR: dataDir, UPLOAD_MAX_MB: '1' }));
    editor = await signedInAs(app, database(), 'editor');
    token = await editor.csrf('/admin/account');
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const publicText = async (path: string) => (await app.request(path, { headers: english })).text();

  /** Opens an edit form, changes some fields and sends it, as a person would. */
  async function editAndSend(formPath: string, action: string, changes: Record<string, string>) {
    const fields = formFields(await (await editor.request(formPath)).text(), action);
    return postForm(editor, action, token, { ...fields, ...changes });
  }

  describe('pages', () => {
    it('shows a Spanish edit on the public Spanish page at once, leaves English alone, and audits it', async () => {
      const edit = '/admin/content/pages/home/es/edit';
      const before = (await getPageDraft(database().db, 'home', 'es'))!.sections.find((s) => s.key === 'hero')!.heading;
      const englishBefore = await publicText('/');
      const res = await editAndSend(edit, edit, { 'section.hero.heading': 'Justicia que sana, editada hoy' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`${edit}?notice=saved`);
      expect(await publicText('/es')).toContain('Justicia que sana, editada hoy');
      expect(await publicText('/')).toBe(englishBefore);
      const [entry] = (await listAudit(database().db, { action: 'page.update' })).rows;
      expect(entry).toMatchObject({
        subjectType: 'page',
        subjectId: 'home.es',
        actorId: (editor as Browser & { staffId: number }).staffId,
      });
      expect(entry!.summary.before).toEqual({ 'section.hero.heading': before });
      expect(entry!.summary.after).toEqual({ 'section.hero.heading': 'Justicia que sana, editada hoy' });
    });

    it('previews what was typed without saving anything', async () => {
      const edit = '/admin/content/pages/about/en/edit';
      const version = await getContentVersion(database().db);
      const res = await editAndSend(edit, edit, {
        title: 'A previewed title',
        bodyMd: 'Some **bold** words',
        intent: 'preview',
      });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<h2 id="preview-title">Preview</h2>');
      expect(html).toContain('<strong>bold</strong>');
      expect(html).toContain('value="A previewed title"');
      expect(await getContentVersion(database().db)).toBe(version);
      expect((await getPageDraft(database().db, 'about', 'en'))!.title).not.toBe('A previewed title');
    });

    it('re-renders a bad page form with what was typed and a message by the field, saving nothing', async () => {
      const edit = '/admin/content/pages/tips/en/edit';
      const version = await getContentVersion(database().db);
      const res = await editAndSend(edit, edit, {
        title: '   ',
        description: 'x'.repeat(301),
        'section.tip-listen.heading': 'Kept as typed',
      });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('<title>Error:');
      expect(html).toContain('class="error-summary"');
      expect(html).toContain('id="title-error"');
      expect(html).toContain('Enter a title');
      expect(html).toContain('Use 300 characters or fewer');
      expect(html).toContain('value="Kept as typed"');
      expect(await getContentVersion(database().db)).toBe(version);
    });

    it('hides an unpublished page and shows it again when published', async () => {
      expect((await app.request('/about', { headers: english })).status).toBe(200);
      const confirmed = { confirmed: 'yes' };
      expect((await postForm(editor, '/admin/content/pages/about/en/unpublish', token, confirmed)).status).toBe(303);
      expect((await app.request('/about', { headers: english })).status).toBe(404);
      expect((await postForm(editor, '/admin/content/pages/about/en/publish', token, {})).status).toBe(303);
      expect((await app.request('/about', { headers: english })).status).toBe(200);
      expect((await listVersions(database().db, 'page', 'about.en')).map((v) => v.replacedBy).slice(0, 2)).toEqual([
        'publish',
        'unpublish',
      ]);
    });

    it('creates a page the public sees at /<slug> once published, then a Spanish copy to translate', async () => {
      const res = await postForm(editor, '/admin/content/pages/new', token, {
        slug: 'spring-campaign',
        locale: 'en',
        title: 'Spring campaign',
        description: 'Join us',
        bodyMd: 'We **march** in April.',
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/admin/content/pages/spring-campaign?notice=created');
      expect((await app.request('/spring-campaign', { headers: english })).status).toBe(404);
      await postForm(editor, '/admin/content/pages/spring-campaign/en/publish', token, {});
      expect(await publicText('/spring-campaign')).toContain('We <strong>march</strong> in April.');
      // Without a Spanish version, Spanish readers get the English one, marked as such.
      const fallback = await app.request('/es/spring-campaign', { headers: english });
      expect(fallback.status).toBe(200);
      expect(await fallback.text()).toContain('lang="en"');

      const detail = await (await editor.request('/admin/content/pages/spring-campaign')).text();
      expect(detail).toContain('Add Spanish version');
      const add = await postForm(editor, '/admin/content/pages/spring-campaign/es/add', token, {});
      expect(add.headers.get('location')).toBe('/admin/content/pages/spring-campaign/es/edit?notice=created');
      const edit = '/admin/content/pages/spring-campaign/es/edit';
      expect(
        (await editAndSend(edit, edit, { title: 'Campaña de primavera', bodyMd: 'Marchamos en abril.' })).status,
      ).toBe(303);
      await postForm(editor, '/admin/content/pages/spring-campaign/es/publish', token, {});
      expect(await publicText('/es/spring-campaign')).toContain('Campaña de primavera');
      const sitemap = await (await app.request('/sitemap.xml')).text();
      expect(sitemap).toContain('<loc>http://localhost:3000/spring-campaign</loc>');
      expect(sitemap).toContain('<loc>http://localhost:3000/es/spring-campaign</loc>');

      const again = await postForm(editor, '/admin/content/pages/new', token, {
        slug: 'spring-campaign',
        locale: 'en',
        title: 'Again',
        description: '',
        bodyMd: '',
      });
      expect(again.status).toBe(400);
      expect(await again.text()).toContain('A page at this address already exists in English.');
      const reserved = await postForm(editor, '/admin/content/pages/new', token, {
        slug: 'policies',
        locale: 'en',
        title: 'Clash',
        description: '',
        bodyMd: '',
      });
      expect(reserved.status).toBe(400);
    });

    it('deletes a page language only after the confirmation, and never a built-in page', async () => {
      const confirm = await editor.request('/admin/content/pages/spring-campaign/es/delete');
      expect(confirm.status).toBe(200);
      expect(await confirm.text()).toContain('Yes, delete it');
      expect(await getPageDraft(database().db, 'spring-campaign', 'es')).toBeDefined();
      const res = await postForm(editor, '/admin/content/pages/spring-campaign/es/delete', token, {
        confirmed: 'yes',
      });
      expect(res.headers.get('location')).toBe('/admin/content/pages/spring-campaign?notice=deleted');
      expect(await getPageDraft(database().db, 'spring-campaign', 'es')).toBeUndefined();
      expect(await publicText('/es/spring-campaign')).toContain('Spring campaign');
      expect((await listAudit(database().db, { action: 'page.delete' })).rows[0]?.subjectId).toBe('spring-campaign.es');

      expect(await (await editor.request('/admin/content/pages/about/en/delete')).text()).toContain(
        'cannot be deleted',
      );
      expect((await postForm(editor, '/admin/content/pages/about/en/delete', token, { confirmed: 'yes' })).status).toBe(
        409,
      );
      expect(await getPageDraft(database().db, 'about', 'en')).toBeDefined();
    });
  });

  describe('policies', () => {
    const policy = { billNumber: 'HB 4001', sessionYear: '2026', status: 'introduced', position: 'support' };

    it('creates a policy in English, marks Spanish missing, then adds Spanish', async () => {
      const res = await postForm(editor, '/admin/content/policies/new', token, {
        slug: 'safe-homes-act',
        ...policy,
        'en.title': 'Safe Homes Act',
        'en.summary': 'Housing for survivors.',
        'en.bodyMd': 'Details.',
      });
      expect(res.status).toBe(303);
      const list = await (await editor.request('/admin/content/policies')).text();
      const row = list.slice(list.indexOf('Safe Homes Act'), list.indexOf('</tr>', list.indexOf('Safe Homes Act')));
      expect(row).toContain('Draft');
      expect(row).toContain('Missing');
      expect(await (await editor.request('/admin/content')).text()).toMatch(
        /<span class="badge badge-missing">\d+<\/span> missing a translation/,
      );

      const edit = '/admin/content/policies/safe-homes-act';
      expect(
        (
          await editAndSend(edit, edit, {
            'es.title': 'Ley de Hogares Seguros',
            'es.summary': 'Vivienda para sobrevivientes.',
          })
        ).status,
      ).toBe(303);
      const saved = (await getPolicyForStaff(database().db, 'safe-homes-act'))!;
      expect(saved.snapshot.translations.es?.title).toBe('Ley de Hogares Seguros');
      expect(saved.status).toEqual({ en: 'current', es: 'current' });
      await postForm(editor, `${edit}/publish`, token, {});
      expect(await publicText('/es/policies/safe-homes-act')).toContain('Ley de Hogares Seguros');
    });

    it('refuses bad policy input with a message by each field, keeping what was typed', async () => {
      const res = await postForm(editor, '/admin/content/policies/new', token, {
        slug: 'Not A Slug',
        ...policy,
        sessionYear: '1800',
        'en.title': '',
        'en.summary': 'A summary without a title',
        'en.bodyMd': '',
      });
      expect(res.status).toBe(400);
      const html = await res.text();
      for (const id of ['slug-error', 'sessionYear-error', 'en.title-error']) expect(html).toContain(`id="${id}"`);
      expect(html).toContain('Enter a year from 1990 to 2100');
      expect(html).toContain('A summary without a title');
      expect(await getPolicyForStaff(database().db, 'not-a-slug')).toBeUndefined();
    });

    it('keeps the last 20 versions, shows what changed, and restores an old title', async () => {
      const edit = '/admin/content/policies/safe-homes-act';
      for (let n = 1; n <= 24; n++)
        expect((await editAndSend(edit, edit, { 'en.title': `Safe Homes Act, draft ${n}` })).status).toBe(303);
      const versions = await listVersions(database().db, 'policy', 'safe-homes-act');
      expect(versions).toHaveLength(20);
      // Versions are taken before each change: the one before draft 11 has draft 10's title.
      const history = await (await editor.request(`/admin/content/history/policy/safe-homes-act`)).text();
      expect(history).toContain('Compare with now');
      let chosen: number | undefined;
      for (const v of versions) {
        const diff = await (await editor.request(`/admin/content/history/policy/safe-homes-act/${v.id}`)).text();
        if (diff.includes('Safe Homes Act, draft 10\n')) chosen = v.id;
      }
      expect(chosen).toBeDefined();
      const diff = await (await editor.request(`/admin/content/history/policy/safe-homes-act/${chosen}`)).text();
      expect(diff).toMatch(
        /<del class="diff-part"><span class="diff-label">Removed:<\/span>\n[^<]*Safe Homes Act, draft 10/,
      );
      expect(diff).toMatch(
        /<ins class="diff-part"><span class="diff-label">Added:<\/span>\n[^<]*Safe Homes Act, draft 24/,
      );
      const restore = await postForm(
        editor,
        `/admin/content/history/policy/safe-homes-act/${chosen}/restore`,
        token,
        {},
      );
      expect(restore.status).toBe(303);
      expect((await getPolicyForStaff(database().db, 'safe-homes-act'))!.snapshot.translations.en?.title).toBe(
        'Safe Homes Act, draft 10',
      );
      expect(await listVersions(database().db, 'policy', 'safe-homes-act')).toHaveLength(20);
      expect((await listAudit(database().db, { action: 'policy.restore' })).total).toBe(1);
    });
  });

  describe('resources and their files', () => {
    const resource = {
      type: 'report',
      publishedOn: '2026-02-01',
      url: '',
      'en.title': 'Annual report',
      'en.summary': 'What we did.',
      'en.bodyMd': '',
    };
    const fileRoutes = () =>
      siteFileRoutes({
        db: database().db,
        cache,
        publicUrl: 'http://localhost:3000',
        files: new LocalFileStore(join(dataDir, 'uploads')),
      });

    it('accepts a real PDF and serves it at /files/<key> with its type and a sandbox, once published', async () => {
      const res = await postForm(editor, '/admin/content/resources/new', token, {
        slug: 'annual-report',
        ...resource,
        topics: ['reentry'],
        file: new Blob([tinyPdf], { type: 'text/plain' }),
      });
      expect(res.status).toBe(303);
      const key = (await getResourceForStaff(database().db, 'annual-report'))!.snapshot.filePath!;
      expect(key).toMatch(/^[a-f0-9]{32}\.pdf$/);
      expect((await listAudit(database().db, { action: 'resource.upload' })).rows[0]?.subjectId).toBe('annual-report');
      // Not public while the resource is a draft.
      expect((await fileRoutes().request(`/files/${key}`)).status).toBe(404);
      await postForm(editor, '/admin/content/resources/annual-report/publish', token, {});
      const file = await fileRoutes().request(`/files/${key}`);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('application/pdf');
      expect(file.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
      expect(file.headers.get('x-content-type-options')).toBe('nosniff');
      expect(file.headers.get('content-disposition')).toBe('inline');
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(tinyPdf);
      expect(await publicText('/resources/annual-report')).toContain(`href="/files/${key}"`);
      expect((await fileRoutes().request(`/files/${'0'.repeat(32)}.pdf`)).status).toBe(404);
    });

    it('takes a file off a resource, after which it is no longer served', async () => {
      const key = (await getResourceForStaff(database().db, 'annual-report'))!.snapshot.filePath!;
      const edit = '/admin/content/resources/annual-report';
      expect((await editAndSend(edit, edit, { removeFile: 'on' })).status).toBe(303);
      expect((await getResourceForStaff(database().db, 'annual-report'))!.snapshot.filePath).toBeNull();
      expect((await fileRoutes().request(`/files/${key}`)).status).toBe(404);
    });

    it('refuses a text file named .pdf, and a file over the limit, with a message by the field', async () => {
      const text = await postForm(editor, '/admin/content/resources/new', token, {
        slug: 'not-a-pdf',
        ...resource,
        file: new Blob(['just some words, honestly'], { type: 'application/pdf' }),
      });
      expect(text.status).toBe(400);
      const html = await text.text();
      expect(html).toContain('id="file-error"');
      expect(html).toContain('The file must be a PDF or an image');
      expect(html).toContain('value="Annual report"');
      const big = new Uint8Array(1024 * 1024 + 10);
      big.set(tinyPdf);
      const large = await postForm(editor, '/admin/content/resources/new', token, {
        slug: 'too-large',
        ...resource,
        file: new Blob([big]),
      });
      expect(large.status).toBe(400);
      expect(await large.text()).toContain('The file is too large: it must be 1 MB or smaller.');
      expect(await getResourceForStaff(database().db, 'not-a-pdf')).toBeUndefined();
      expect(await getResourceForStaff(database().db, 'too-large')).toBeUndefined();
    });
  });

  describe('deleted content', () => {
    it('can be put back from its history, as a draft', async () => {
      const policy = '/admin/content/policies/safe-homes-act';
      expect((await editor.request(`${policy}/delete`)).status).toBe(200);
      expect((await postForm(editor, `${policy}/delete`, token, { confirmed: 'yes' })).headers.get('location')).toBe(
        '/admin/content/policies?notice=deleted',
      );
      expect(await getPolicyForStaff(database().db, 'safe-homes-act')).toBeUndefined();
      expect((await app.request('/policies/safe-homes-act', { headers: english })).status).toBe(404);
      const [last] = await listVersions(database().db, 'policy', 'safe-homes-act');
      expect(last?.replacedBy).toBe('delete');
      const diff = await (await editor.request(`/admin/content/history/policy/safe-homes-act/${last!.id}`)).text();
      expect(diff).toContain('it has been deleted since');
      expect(
        (await postForm(editor, `/admin/content/history/policy/safe-homes-act/${last!.id}/restore`, token, {})).status,
      ).toBe(303);
      const back = await getPolicyForStaff(database().db, 'safe-homes-act');
      expect(back?.snapshot).toMatchObject({
        published: false,
        translations: { en: { title: 'Safe Homes Act, draft 10' } },
      });

      const [page] = await listVersions(database().db, 'page', 'spring-campaign.es');
      expect(
        (await postForm(editor, `/admin/content/history/page/spring-campaign.es/${page!.id}/restore`, token, {}))
          .status,
      ).toBe(303);
      expect(await getPageDraft(database().db, 'spring-campaign', 'es')).toMatchObject({
        title: 'Campaña de primavera',
        published: false,
      });
    });
  });

  describe('viewers', () => {
    it('read the forms but are refused every change, even with a valid token', async () => {
      const viewer = await signedInAs(app, database(), 'viewer');
      const viewerToken = await viewer.csrf('/admin/account');
      const form = await viewer.request('/admin/content/pages/about/en/edit');
      expect(form.status).toBe(200);
      expect(await form.text()).toContain('<fieldset class="plain" disabled="">');
      expect((await viewer.request('/admin/content/pages/new')).status).toBe(403);
      expect((await viewer.request('/admin/content/policies/safe-homes-act/delete')).status).toBe(403);
      const version = await getContentVersion(database().db);
      expect((await postForm(viewer, '/admin/content/pages/about/en/unpublish', viewerToken, {})).status).toBe(403);
      expect(
        (await postForm(viewer, '/admin/content/policies/safe-homes-act', viewerToken, { 'en.title': 'Nope' })).status,
      ).toBe(403);
      expect(await getContentVersion(database().db)).toBe(version);
    });
  });
});
