import { sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/client.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { listAudit } from '../audit/service.ts';
import { formFields, postForm } from './admin-test-support.ts';
import { seedDemoContent } from './seed/index.ts';
import {
  addPageTranslation,
  createStaffPage,
  getContentVersion,
  getPageDraft,
  getPolicyForStaff,
  listPagesForStaff,
  listVersions,
  savePage,
  setPagePublished,
} from './service.ts';

const english = { cookie: 'lang=en' };

describeEachDatabase('content staff can act on without taking the site down', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let editor: Browser;
  let token: string;
  const actor = { staffId: null, email: 'script@example.org', ip: '127.0.0.1' };

  beforeAll(async () => {
    await seedDemoContent(database().db);
    ({ app } = createTestApp(database()));
    editor = await signedInAs(app, database(), 'editor');
    token = await editor.csrf('/admin/account');
  });

  describe('unpublishing and deleting asks first; the home page stays', () => {
    const status = async (path: string) => (await app.request(path, { headers: english })).status;

    it('refuses to unpublish the home page, in the service and over HTTP, and does not offer it', async () => {
      const version = await getContentVersion(database().db);
      for (const locale of ['en', 'es'] as const) {
        const res = await postForm(editor, `/admin/content/pages/home/${locale}/unpublish`, token, {
          confirmed: 'yes',
        });
        expect(res.status).toBe(409);
        expect(await res.text()).toContain('front door of the site');
        expect((await setPagePublished(database().db, 'home', locale, false, actor)).ok).toBe(false);
      }
      expect(await getContentVersion(database().db)).toBe(version);
      expect(await status('/')).toBe(200);
      expect((await postForm(editor, '/admin/content/pages/home/en/delete', token, { confirmed: 'yes' })).status).toBe(
        409,
      );
      expect(await getPageDraft(database().db, 'home', 'en')).toBeDefined();

      const detail = await (await editor.request('/admin/content/pages/home')).text();
      expect(detail).not.toContain('/admin/content/pages/home/en/unpublish');
      expect(detail).not.toContain('/admin/content/pages/home/en/delete');
      expect(detail).not.toContain('Delete English');
      // A built-in page may be unpublished (after asking) but never deleted: only what can be done is offered.
      const about = await (await editor.request('/admin/content/pages/about')).text();
      expect(about).toContain('/admin/content/pages/about/en/unpublish');
      expect(about).not.toContain('/admin/content/pages/about/en/delete');
    });

    it('asks before unpublishing a page, saying which page, which language and what visitors see', async () => {
      const version = await getContentVersion(database().db);
      const unpublish = '/admin/content/pages/about/en/unpublish';
      const asked = await postForm(editor, unpublish, token, {});
      expect(asked.status).toBe(200);
      const html = await asked.text();
      expect(html).toContain('Unpublish the English version of “About us”?');
      expect(html).toContain('Visitors who open /about will see “Page not found”');
      expect(html).toContain('name="confirmed" value="yes"');
      expect(html).toContain(`action="${unpublish}"`);
      // Nothing changed: the first click only asked.
      expect(await getContentVersion(database().db)).toBe(version);
      expect(await status('/about')).toBe(200);

      const spanish = await (await editor.request('/admin/content/pages/about/es/unpublish')).text();
      expect(spanish).toContain('Visitors reading Spanish at /es/about will see the English version instead.');

      const done = await postForm(editor, unpublish, token, { confirmed: 'yes' });
      expect(done.status).toBe(303);
      expect(await status('/about')).toBe(404);
      expect((await listAudit(database().db, { action: 'page.unpublish' })).rows[0]?.subjectId).toBe('about.en');
      await postForm(editor, '/admin/content/pages/about/en/publish', token, {});
      expect(await status('/about')).toBe(200);
    });

    it('asks before deleting a page language; the unconfirmed post deletes nothing', async () => {
      await createStaffPage(
        database().db,
        { slug: 'rally-day', locale: 'en', title: 'Rally day', description: '', bodyMd: 'Come.' },
        actor,
      );
      const path = '/admin/content/pages/rally-day/en/delete';
      const asked = await postForm(editor, path, token, {});
      expect(asked.status).toBe(200);
      expect(await asked.text()).toContain('Delete the English version of “Rally day”?');
      expect(await getPageDraft(database().db, 'rally-day', 'en')).toBeDefined();
      expect((await postForm(editor, path, token, { confirmed: 'yes' })).status).toBe(303);
      expect(await getPageDraft(database().db, 'rally-day', 'en')).toBeUndefined();
    });

    it('asks before unpublishing or deleting a policy or a resource', async () => {
      for (const kind of ['policies', 'resources'] as const) {
        const list = await (await editor.request(`/admin/content/${kind}`)).text();
        const href = /href="(\/admin\/content\/[a-z]+\/[a-z0-9-]+)"/.exec(list.slice(list.indexOf('<tbody')))![1]!;
        const slug = href.split('/').pop()!;
        const version = await getContentVersion(database().db);
        for (const action of ['unpublish', 'delete']) {
          const asked = await postForm(editor, `${href}/${action}`, token, {});
          expect(asked.status).toBe(200);
          const html = await asked.text();
          expect(html).toContain(`/${kind}/${slug} or /es/${kind}/${slug} will see “Page not found”`);
          expect(html).toContain('name="confirmed" value="yes"');
        }
        expect(await getContentVersion(database().db)).toBe(version);
        expect(await status(`/${kind}/${slug}`)).toBe(200);
        expect((await postForm(editor, `${href}/unpublish`, token, { confirmed: 'yes' })).status).toBe(303);
        expect(await status(`/${kind}/${slug}`)).toBe(404);
      }
    });

    it('keeps "/" answering when the home page is missing, so "Page not found" never links in a loop', async () => {
      const db = database().db;
      await db.execute(sql`update pages set published = false where slug = 'home'`);
      await db.execute(sql`update site_state set content_version = content_version + 1`);
      try {
        const missing = await app.request('/no-such-page', { headers: english });
        expect(missing.status).toBe(404);
        const link = /<a href="([^"]+)">Go to the home page<\/a>/.exec(await missing.text())![1]!;
        expect(await status(link)).toBe(200);
        const spanish = await app.request('/es/no-existe', { headers: english });
        const enlace = /<a href="([^"]+)">Ir a la página de inicio<\/a>/.exec(await spanish.text())![1]!;
        expect(await status(enlace)).toBe(200);
      } finally {
        await db.execute(sql`update pages set published = true where slug = 'home'`);
        await db.execute(sql`update site_state set content_version = content_version + 1`);
      }
    });
  });

  describe('a translation leaves the other language alone', () => {
    it('adding and saving a Spanish page adds no English version and does not call English older', async () => {
      const db = database().db;
      await createStaffPage(
        db,
        { slug: 'vigil', locale: 'en', title: 'Vigil', description: 'Light', bodyMd: 'We gather.\nWe remember.' },
        actor,
      );
      await setPagePublished(db, 'vigil', 'en', true, actor);
      const englishBefore = (await getPageDraft(db, 'vigil', 'en'))!;
      const englishVersions = await listVersions(db, 'page', 'vigil.en');

      expect((await addPageTranslation(db, 'vigil', 'es', actor)).ok).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      // Saved from a browser, whose text areas send CR LF.
      const edit = '/admin/content/pages/vigil/es/edit';
      const fields = formFields(await (await editor.request(edit)).text(), edit);
      const saved = await postForm(editor, edit, token, {
        ...fields,
        title: 'Vigilia',
        bodyMd: 'Nos reunimos.\r\nRecordamos.',
      });
      expect(saved.status).toBe(303);

      expect(await listVersions(db, 'page', 'vigil.en')).toEqual(englishVersions);
      expect((await getPageDraft(db, 'vigil', 'en'))!.updatedAt).toEqual(englishBefore.updatedAt);
      expect((await getPageDraft(db, 'vigil', 'es'))!.bodyMd).toBe('Nos reunimos.\nRecordamos.');
      const [page] = await listPagesForStaff(db, 'vigil');
      expect(page!.status).toEqual({ en: 'current', es: 'current' });
      const home = await (await editor.request('/admin')).text();
      expect(home).not.toContain('The English version is older');

      // Saving the same English words again (as a browser sends them) is no edit either.
      await savePage(
        db,
        'vigil',
        'en',
        { title: 'Vigil', description: 'Light', bodyMd: 'We gather.\r\nWe remember.', sections: {} },
        actor,
      );
      expect(await listVersions(db, 'page', 'vigil.en')).toEqual(englishVersions);
    });

    it('a Spanish translation typed into a policy records no English change, even with CR LF line breaks', async () => {
      const db = database().db;
      const [policy] = (await listPoliciesSlugs()).slice(-1);
      const edit = `/admin/content/policies/${policy}`;
      const before = (await getPolicyForStaff(db, policy!))!;
      const fields = formFields(await (await editor.request(edit)).text(), edit);
      const crlf = (text: string | undefined) => (text ?? '').replace(/\n/g, '\r\n');
      const res = await postForm(editor, edit, token, {
        ...fields,
        'en.bodyMd': crlf(fields['en.bodyMd'] as string),
        'en.summary': crlf(fields['en.summary'] as string),
        'es.title': 'Una traducción nueva',
        'es.summary': 'Resumen.',
        'es.bodyMd': 'Línea uno.\r\nLínea dos.',
      });
      expect(res.status).toBe(303);
      const after = (await getPolicyForStaff(db, policy!))!;
      expect(after.translationUpdatedAt.en).toEqual(before.translationUpdatedAt.en);
      expect(after.snapshot.translations.en).toEqual(before.snapshot.translations.en);
      expect(after.status.en).toBe('current');
      const [entry] = (await listAudit(db, { action: 'policy.update' })).rows;
      expect(Object.keys(entry!.summary.after ?? {}).filter((k) => k.startsWith('en.'))).toEqual([]);
      // The version filed before the change holds the English exactly as it was.
      const [version] = await listVersions(db, 'policy', policy!);
      const diff = await (await editor.request(`/admin/content/history/policy/${policy}/${version!.id}`)).text();
      expect(diff).not.toMatch(/English: text/);
    });

    async function listPoliciesSlugs(): Promise<string[]> {
      const rows = await rowsOf<{ slug: string }>(database().db, sql`select slug from policies order by id`);
      return rows.map((r) => r.slug);
    }
  });
});
