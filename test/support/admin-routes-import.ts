import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/platform/db/client.ts';
import { guessMapping } from '../../src/features/supporters/import-columns.ts';
import { recordUpload } from '../../src/features/supporters/import-job.ts';
import { get, post, type AdminRouteCase } from './admin-routes.ts';

// The supporters' CSV import and list export (issue 18), in the role × route table of admin-routes.ts.

export /**
 * The roles that run campaigns import and export. The probe is an upload waiting for its columns; every post is
 * refused (no file, no email column, nothing ticked) or goes to an import that does not exist, so the walk imports
 * and downloads nothing.
 */
async function supporterImportRouteCases(database: Database, campaigners: AdminRouteCase['allowed']) {
  const file = join(mkdtempSync(join(tmpdir(), 'route-probe-import-')), 'people.csv');
  writeFileSync(file, 'email,first_name,zip_code\r\nroute-probe@example.org,Route,97201\r\n');
  const columns = ['email', 'first_name', 'zip_code'];
  const probe = await recordUpload(
    database.db,
    { storedFile: file, sizeBytes: 1, columns, fields: guessMapping(columns) },
    null,
  );
  const base = '/admin/supporters/import';
  const job = `${base}/:import{[0-9]{1,9}}`;
  const cases: AdminRouteCase[] = [
    get(base, campaigners),
    post(base, campaigners, { form: {} }),
    get(job, campaigners, `${base}/${probe.id}`),
    post(`${job}/mapping`, campaigners, { url: `${base}/${probe.id}/mapping`, form: { 'column-0': 'ignore' } }),
    post(`${job}/run`, campaigners, { url: `${base}/999999/run` }),
    get('/admin/supporters/export', campaigners, '/admin/supporters/export?status=subscribed'),
    post('/admin/supporters/export', campaigners, { form: { status: 'subscribed' } }),
  ];
  return cases;
}
