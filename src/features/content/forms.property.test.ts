import * as fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { browser, signedInAs, type Browser } from '../../../test/support/staff.ts';
import { checkSearchForm, checkWorkspaceForm, hostileText } from '../../../test/support/workspace-form.ts';
import { seedDemoContent } from './seed/index.ts';

/**
 * The content forms (a new page, a page and its sections, policies,
 * resources), posted hostile text in every field by an editor: never a 5xx,
 * a refusal is the form again with what was typed, and writes nothing.
 * admin-forms.test.ts checks the records those that were saved left whole.
 */
let made = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${made++}`;

describeEachDatabase('content forms keep what was typed', (database) => {
  let editor: Browser;
  let dataDir: string;
  // The form's buttons: preview, save, or anything a hand-made request sends.
  const extra = { intent: fc.oneof(fc.constantFrom('preview', 'save'), hostileText) };

  beforeAll(async () => {
    await seedDemoContent(database().db);
    dataDir = mkdtempSync(join(tmpdir(), 'groundswell-content-forms-'));
    editor = await signedInAs(createTestApp(database(), { DATA_DIR: dataDir }).app, database(), 'editor');
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('pages: a new one, and a page with its sections', async () => {
    await checkWorkspaceForm(editor, database(), {
      screen: '/admin/content/pages/new',
      action: '/admin/content/pages/new',
      extra,
      valid: () => ({ slug: unique('new'), locale: 'en', title: 'A page', intent: 'save' }),
    });
    await checkWorkspaceForm(editor, database(), {
      screen: '/admin/content/pages/home/es/edit',
      action: '/admin/content/pages/home/es/edit',
      extra,
    });
  }, 180_000);

  it('the public resource library’s search, in both languages', async () => {
    const { app } = createTestApp(database(), { DATA_DIR: dataDir });
    await checkSearchForm(browser(app), '/resources');
    await checkSearchForm(browser(app), '/es/resources');
  }, 120_000);

  it('policies and resources: new ones, and changes', async () => {
    for (const kind of ['policies', 'resources']) {
      const base = `/admin/content/${kind}`;
      await checkWorkspaceForm(editor, database(), {
        screen: `${base}/new`,
        action: `${base}/new`,
        extra,
        valid: () => ({
          slug: unique('new'),
          sessionYear: '2026',
          'en.title': 'A title',
          'en.summary': 'A summary',
          intent: 'save',
        }),
      });
      const [, slug] =
        /href="\/admin\/content\/[a-z]+\/([a-z0-9-]+)"/.exec(await (await editor.request(base)).text()) ?? [];
      await checkWorkspaceForm(editor, database(), { screen: `${base}/${slug}`, action: `${base}/${slug}`, extra });
    }
  }, 240_000);
});
