import { beforeAll, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { checkWorkspaceForm } from '../../../test/support/workspace-form.ts';
import { seedDemoContent } from './seed/index.ts';

/**
 * The section editor's forms, posted hostile text in every field by an editor: never a 5xx, a
 * refusal is the form again with what was typed, and writes nothing. New sections of the kinds
 * with the most fields, and the home page's own sections (published, so a quote's attribution is
 * required on top of the form's own rules).
 */
describeEachDatabase('section forms keep what was typed', (database) => {
  let editor: Browser;
  const home = '/admin/content/pages/home/en/sections';

  beforeAll(async () => {
    await seedDemoContent(database().db);
    editor = await signedInAs(createTestApp(database()).app, database(), 'editor');
  });

  it('new sections: cards, a call to action, a resource list', async () => {
    for (const kind of ['cards', 'cta', 'resources']) {
      const form = `${home}/new?kind=${kind}`;
      await checkWorkspaceForm(editor, database(), { screen: form, action: form });
    }
  }, 300_000);

  it('the home page’s hero, figure and quote', async () => {
    for (const key of ['hero', 'impact', 'testimonial']) {
      const form = `${home}/${key}/edit`;
      await checkWorkspaceForm(editor, database(), { screen: form, action: form });
    }
  }, 300_000);
});
