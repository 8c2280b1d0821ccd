import { expect, it } from 'vitest';
import { testConfig } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs } from '../../../test/support/staff.ts';
import { checkWorkspaceForm, hostileText } from '../../../test/support/workspace-form.ts';
import { createApp } from '../../app/app.tsx';
import { createLogger } from '../../platform/logger.ts';
import { referenceImportJobs } from './schema.ts';
import { describeWithSharedData, sharedData } from './test-data.ts';

/**
 * The import button's form has no fields: whatever a hand-made request adds
 * (a folder of its choosing among them) never gets a 5xx, and every import
 * reads the server's folder, one at a time.
 */
describeWithSharedData('the reference import form, whatever is sent', () => {
  describeEachDatabase('the reference import form', (database) => {
    it('answers every post without a 5xx, and imports only the server’s folder', async () => {
      const logger = createLogger({ level: 'silent', pretty: false });
      const app = createApp({ config: testConfig(), database: database(), logger, referenceFolder: sharedData }).app;
      const admin = await signedInAs(app, database(), 'admin');
      const stats = await checkWorkspaceForm(
        admin,
        database(),
        {
          screen: '/admin/reference',
          action: '/admin/reference/import',
          extra: { folder: hostileText, from: hostileText, dir: hostileText },
        },
        { runs: 20 },
      );
      expect(stats.accepted).toBe(20);
      await expect
        .poll(
          async () => (await database().db.select().from(referenceImportJobs)).some((j) => j.status === 'running'),
          {
            timeout: 30_000,
          },
        )
        .toBe(false);
      const jobs = await database().db.select().from(referenceImportJobs);
      expect(jobs.length).toBeGreaterThan(0);
      expect(new Set(jobs.map((j) => j.folder))).toEqual(new Set([sharedData]));
      expect(jobs.every((j) => j.status === 'finished')).toBe(true);
    }, 120_000);
  });
});
