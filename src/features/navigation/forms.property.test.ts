import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { checkWorkspaceForm } from '../../../test/support/workspace-form.ts';
import { seedDemoContent } from '../content/seed/index.ts';
import { listMenuItems } from './menus.ts';
import { ensureMenus } from './seed.ts';

/**
 * The menu editor's forms, posted hostile text in every field by an editor: never a 5xx, a refusal is the form
 * again with what was typed and a message by the field, and writes nothing.
 */
describeEachDatabase('menu editor forms, whatever is typed', (database) => {
  let editor: Browser;

  beforeAll(async () => {
    await seedDemoContent(database().db);
    await ensureMenus(database().db);
    const { app } = createTestApp(database());
    editor = await signedInAs(app, database(), 'editor');
  });

  it('adds an item only with English words and a target the site offers or a web address', async () => {
    const stats = await checkWorkspaceForm(editor, database(), {
      screen: '/admin/navigation/new?menu=main',
      action: '/admin/navigation/new',
      valid: { labelEn: 'About us', target: 'page:about' },
    });
    expect(stats.refused).toBeGreaterThan(0);
  }, 180_000);

  it('edits an item the same way', async () => {
    const item = (await listMenuItems(database().db))[0]!;
    const screen = `/admin/navigation/items/${item.id}`;
    await checkWorkspaceForm(editor, database(), { screen, action: screen });
  }, 180_000);
});
