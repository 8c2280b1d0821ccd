import { existsSync, statSync } from 'node:fs';
import { Hono } from 'hono';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import type { Logger } from '../../../platform/logger.ts';
import { getSiteSettings } from '../../content/service.ts';
import { getStaff } from '../../staff/service.ts';
import { SHARED_REFERENCE_DIR } from '../demo.ts';
import { isAbandoned, latestImportJob, startImportJob } from '../import-job.ts';
import { runImportJob } from '../run-import-job.ts';
import { referencePermissions } from '../permissions.ts';
import { referenceStatus } from '../service.ts';
import { ReferencePage, type JobView } from './views.tsx';

/** How often the page reloads itself while an import runs, in seconds. */
const UPDATE_EVERY_SECONDS = 2;

/**
 * Loading Oregon's reference data from the workspace: the page shows what is
 * loaded and the newest import (its progress, or what it changed); the button
 * starts an import in this process, whose state every process reads from the
 * database. `folder` is where the data is read, by the rule the command line
 * and a demo start follow (GROUNDSWELL_REFERENCE_DIR, else ../shared/data).
 */
export function referenceAdminRoutes(deps: {
  db: Db;
  frame: AdminFrame;
  logger: Logger;
  folder?: string;
}): Hono<AdminEnv> {
  const { db, frame, logger } = deps;
  const folder = deps.folder ?? SHARED_REFERENCE_DIR;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(referencePermissions.import));

  app.get('/', async (c) => {
    const [status, job, settings] = await Promise.all([referenceStatus(db), latestImportJob(db), getSiteSettings(db)]);
    let latest: JobView | undefined;
    if (job) {
      const starter = job.startedBy === null ? undefined : await getStaff(db, job.startedBy);
      latest = { job, startedBy: starter?.displayName ?? 'a former staff member', abandoned: isAbandoned(job) };
    }
    const running = latest?.job.status === 'running' && !latest.abandoned;
    const autoUpdate = c.req.query('updates') !== 'off';
    const res = await frame.render(c, {
      title: running ? 'Loading the reference data' : 'Reference data',
      current: 'reference',
      body: (
        <ReferencePage
          status={status}
          latest={latest}
          folder={folder}
          folderFound={isFolder(folder)}
          timeZone={settings.timeZone}
          csrfToken={frame.csrfToken(c)}
          autoUpdate={autoUpdate}
        />
      ),
    });
    // No script: the browser reloads the page itself while the import runs (the page says so and how to stop it).
    if (running && autoUpdate) res.headers.set('Refresh', String(UPDATE_EVERY_SECONDS));
    return res;
  });

  // No fields and no confirmation: loading again what the folder holds is what the button says, and can be repeated.
  app.post('/import', async (c) => {
    if (isFolder(folder)) {
      const { job, started } = await startImportJob(db, folder, frame.actor(c));
      // Not awaited: the import outlives this request, and its row tells every process how it goes.
      if (started) void runImportJob(db, job, logger);
    }
    return c.redirect('/admin/reference', 303);
  });

  return app;
}

function isFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
