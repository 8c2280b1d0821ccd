import * as fc from 'fast-check';
import { beforeAll, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { browser, signedInAs, type Browser } from '../../../test/support/staff.ts';
import { checkWorkspaceForm, hostileText } from '../../../test/support/workspace-form.ts';
import { seedDemoContent } from '../content/seed/index.ts';
import { createNewsTestApp } from './news-test-support.ts';
import { seedDemoNews } from './seed/index.ts';
import { listPostsForStaff } from './service.ts';

/**
 * The news forms (a new post, and one language of a post), posted hostile text in every field by an
 * editor: never a 5xx, a refusal is the form again with what was typed, and writes nothing.
 */
let made = 0;
const unique = () => `post-${Date.now().toString(36)}-${made++}`;

describeEachDatabase('news forms keep what was typed', (database) => {
  let editor: Browser;
  let app: ReturnType<typeof createNewsTestApp>['app'];
  // The form's buttons: preview, save, or anything a hand-made request sends; the image, as any id.
  const extra = {
    intent: fc.oneof(fc.constantFrom('preview', 'save'), hostileText),
    imageId: fc.oneof(fc.constantFrom('', '7', '8', '-1', '1e3', '99999999999999999999'), hostileText),
  };

  beforeAll(async () => {
    await seedDemoContent(database().db);
    await seedDemoNews(database().db);
    app = createNewsTestApp(database()).app;
    editor = await signedInAs(app, database(), 'editor');
  });

  it('a new post', async () => {
    await checkWorkspaceForm(editor, database(), {
      screen: '/admin/news/new',
      action: '/admin/news/new',
      extra,
      valid: () => ({ slug: unique(), title: 'A post', summary: 'A summary', intent: 'save' }),
    });
  }, 180_000);

  it('a post’s English and Spanish', async () => {
    const post = (await listPostsForStaff(database().db)).find((p) => p.slug === 'sample-advocacy-day');
    for (const locale of ['en', 'es']) {
      const path = `/admin/news/${post!.id}/${locale}`;
      await checkWorkspaceForm(editor, database(), { screen: path, action: path, extra });
    }
  }, 240_000);

  it('the public list’s page number', async () => {
    // The list has no form; a page number that does not parse is the first page, never an error.
    for (const page of ['0', '-1', 'x', '1e9', '%00', '9999']) {
      const res = await browser(app).request(`/news?page=${page}`);
      if (res.status >= 500) throw new Error(`/news?page=${page} answered ${res.status}`);
    }
  });
});
