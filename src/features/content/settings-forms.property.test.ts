import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { checkWorkspaceForm } from '../../../test/support/workspace-form.ts';
import { seedDemoContent } from './seed/index.ts';
import { getSiteSettings } from './service.ts';

/**
 * The settings form, posted hostile text in every field by an admin: never a
 * 5xx, a refusal is the form again with what was typed and writes nothing,
 * and whatever was saved still reads back as settings the site can show.
 */
describeEachDatabase('the settings form keeps what was typed', (database) => {
  let admin: Browser;
  let dataDir: string;

  beforeAll(async () => {
    await seedDemoContent(database().db);
    dataDir = mkdtempSync(join(tmpdir(), 'groundswell-settings-forms-'));
    admin = await signedInAs(createTestApp(database(), { DATA_DIR: dataDir }).app, database(), 'admin');
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('settings', async () => {
    const stats = await checkWorkspaceForm(admin, database(), { screen: '/admin/settings', action: '/admin/settings' });
    expect(stats.accepted + stats.refused).toBeGreaterThan(0);
    const settings = await getSiteSettings(database().db);
    expect(settings.name.length).toBeGreaterThan(0);
    for (const url of [...settings.profiles, settings.donateUrl].filter(Boolean))
      expect(url.startsWith('https://')).toBe(true);
  }, 180_000);
});
