import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { hostileText } from '../../../test/support/workspace-form.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { checkWorkspaceForm } from '../../../test/support/workspace-form.ts';
import { guessMapping } from './import-columns.ts';
import { readHeader } from './import-file.ts';
import { recordUpload } from './import-job.ts';
import { supporterImports } from './import-schema.ts';
import { supporters } from './schema.ts';

/**
 * The import's upload and column forms, and the export's, posted hostile
 * text in every field: never a 5xx, a refusal is the form again, and a
 * refusal writes nothing.
 */
describeEachDatabase('importing and exporting supporters, whatever is sent', (database) => {
  const folder = mkdtempSync(join(tmpdir(), 'import-forms-'));
  let organizer: Browser;
  let importId: number;

  beforeAll(async () => {
    const { app } = createTestApp(database(), { DATA_DIR: folder });
    organizer = await signedInAs(app, database(), 'organizer');
    const file = join(folder, 'people.csv');
    writeFileSync(
      file,
      'email,first_name,last_name,can2_subscription_status\r\nana@example.org,Ana,Lopez,subscribed\r\n',
    );
    const columns = await readHeader(file);
    const job = await recordUpload(
      database().db,
      { storedFile: file, sizeBytes: 1, columns, fields: guessMapping(columns) },
      null,
    );
    importId = job.id;
    await database()
      .db.insert(supporters)
      .values({ email: 'forms@example.org', emailAsTyped: 'forms@example.org', givenName: 'F' });
  });

  it('uploads a file', async () => {
    const stats = await checkWorkspaceForm(organizer, database(), {
      screen: '/admin/supporters/import',
      action: '/admin/supporters/import',
      // A form posted without its file, or with text where the file goes.
      extra: { file: hostileText },
    });
    expect(stats.accepted).toBe(0);
  }, 180_000);

  it('chooses the columns', async () => {
    const screen = `/admin/supporters/import/${importId}`;
    // An accepted mapping starts a dry run in the background: each post waits for the one before to end.
    const settled = async () => {
      for (let i = 0; i < 200; i++) {
        const [job] = await database().db.select().from(supporterImports).where(eq(supporterImports.id, importId));
        if (job!.status !== 'checking') return;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const stats = await checkWorkspaceForm(
      organizer,
      database(),
      { screen, action: `${screen}/mapping` },
      { before: settled },
    );
    expect(stats.refused).toBeGreaterThan(0);
    await settled();
  }, 180_000);

  it('downloads the list', async () => {
    await checkWorkspaceForm(organizer, database(), {
      screen: '/admin/supporters/export?status=unsubscribed',
      action: '/admin/supporters/export',
    });
  }, 180_000);
});
