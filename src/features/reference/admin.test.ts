import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testConfig } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { createApp } from '../../app/app.tsx';
import type { Database } from '../../platform/db/client.ts';
import { createLogger } from '../../platform/logger.ts';
import { auditLog } from '../audit/schema.ts';
import { isAbandoned, latestImportJob, startImportJob, ABANDONED_AFTER_MS } from './import-job.ts';
import { legislators, referenceImportJobs } from './schema.ts';
import { describeWithSharedData, sharedData } from './test-data.ts';

const scratch = mkdtempSync(join(tmpdir(), 'groundswell-reference-admin-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function appReading(database: Database, referenceFolder: string) {
  const logger = createLogger({ level: 'silent', pretty: false });
  return createApp({ config: testConfig(), database, logger, referenceFolder }).app;
}

/** Waits for the newest job to end, as the page's own refreshes would. */
async function finishedJob(database: Database) {
  await expect
    .poll(async () => (await latestImportJob(database.db))?.status, { timeout: 30_000, interval: 100 })
    .not.toBe('running');
  return (await latestImportJob(database.db))!;
}

describeWithSharedData('loading the reference data from the workspace', () => {
  describeEachDatabase('the reference data page', (database) => {
    const db = () => database().db;
    let app: ReturnType<typeof appReading>;
    let admin: Browser & { staffId: number };

    beforeAll(async () => {
      app = appReading(database(), sharedData);
      admin = await signedInAs(app, database(), 'admin');
    });

    it('is for admins only: every other role is refused the page and the import, and nothing starts', async () => {
      for (const role of ['organizer', 'editor', 'viewer'] as const) {
        const other = await signedInAs(app, database(), role);
        expect((await other.request('/admin/reference')).status).toBe(403);
        expect((await other.post('/admin/reference/import', {}, { from: '/admin' })).status).toBe(403);
        expect(await other.request('/admin').then((r) => r.text())).not.toContain('href="/admin/reference"');
      }
      expect((await app.request('/admin/reference')).status).toBe(303);
      expect(await db().$count(referenceImportJobs)).toBe(0);
      // Without the form's token the post is refused before anything runs.
      expect((await admin.post('/admin/reference/import', {}, { csrf: false })).status).toBe(403);
      expect(await db().$count(referenceImportJobs)).toBe(0);
    });

    it('tells staff on the home page that petitions hide their district section; admins get a button', async () => {
      const home = await (await admin.request('/admin')).text();
      expect(home).toContain('Oregon’s reference data is not loaded');
      expect(home).toContain('the district section of each petition is hidden from visitors');
      expect(home).toContain('<form method="post" action="/admin/reference/import"');
      const organizer = await signedInAs(app, database(), 'organizer');
      const theirs = await (await organizer.request('/admin')).text();
      expect(theirs).toContain('Oregon’s reference data is not loaded');
      expect(theirs).not.toContain('action="/admin/reference/import"');
      expect(theirs).toContain('An admin can load it');
    });

    it('loads the data from the home page’s button, shows the progress page, then the summary; audited', async () => {
      const page = await (await admin.request('/admin/reference')).text();
      expect(page).toContain('Nothing yet: no legislators, districts or ZIP code areas are loaded.');
      expect(page).toContain(`The site reads the folder <code class="wrap-anywhere">${sharedData}</code>`);
      const started = await admin.post('/admin/reference/import', {}, { from: '/admin' });
      expect(started.status).toBe(303);
      expect(started.headers.get('location')).toBe('/admin/reference');
      const job = await finishedJob(database());
      expect(job).toMatchObject({ status: 'finished', step: 'done', startedBy: admin.staffId, error: null });
      expect(job.found).toEqual({ senateDistricts: 30, houseDistricts: 60, legislators: 90, zips: 430 });
      expect(job.changes?.firstImport).toBe(true);
      expect(await db().$count(legislators)).toBe(90);

      const done = await admin.request('/admin/reference');
      expect(done.headers.get('refresh')).toBeNull();
      const html = await done.text();
      expect(html).toContain('Import finished');
      expect(html).toContain('Started by Test admin');
      expect(html).toContain('Loaded 90 legislators, 30 Senate and 60 House districts, 430 ZIP code areas.');
      expect(html).toContain('This was the first import: nothing was loaded before.');
      expect(html).toContain('Refresh the reference data');
      // The home page's notice is gone once everything is loaded.
      expect(await (await admin.request('/admin')).text()).not.toContain('reference data is not loaded');

      const entries = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.subjectType, 'reference-import'), eq(auditLog.subjectId, String(job.id))))
        .orderBy(auditLog.id);
      expect(entries.map((e) => [e.action, e.actorId])).toEqual([
        ['reference.import', admin.staffId],
        ['reference.imported', null],
      ]);
    });

    it('says what changed when refreshed: a legislator who left comes back, the rest is as it was', async () => {
      const [someone] = await db().select().from(legislators).limit(1);
      await db().delete(legislators).where(eq(legislators.id, someone!.id));
      expect((await admin.post('/admin/reference/import', {}, { from: '/admin/reference' })).status).toBe(303);
      const job = await finishedJob(database());
      expect(job.changes?.legislators.arrived.map((p) => p.name)).toEqual([someone!.name]);
      const html = await (await admin.request('/admin/reference')).text();
      expect(html).toContain('New legislators:');
      expect(html).toContain(`${someone!.name} (${someone!.chamber === 'upper' ? 'Senate' : 'House'} District`);
      expect(html).toContain('Districts: no change.');
      expect(html).toContain('ZIP code areas: no change.');

      expect((await admin.post('/admin/reference/import', {}, { from: '/admin/reference' })).status).toBe(303);
      await finishedJob(database());
      expect(await (await admin.request('/admin/reference')).text()).toContain(
        'Nothing changed since the import before: the files hold the same data.',
      );
    });

    it('never runs two imports: a click while one runs joins it; the page refreshes itself meanwhile', async () => {
      const { job, started } = await startImportJob(db(), sharedData, { staffId: admin.staffId, email: '', ip: '' });
      expect(started).toBe(true);
      const before = await db().$count(referenceImportJobs);
      const clicks = await Promise.all([
        admin.post('/admin/reference/import', {}, { from: '/admin/reference' }),
        admin.post('/admin/reference/import', {}, { from: '/admin/reference' }),
      ]);
      expect(clicks.map((r) => r.status)).toEqual([303, 303]);
      expect(await db().$count(referenceImportJobs)).toBe(before);

      const page = await admin.request('/admin/reference');
      expect(page.headers.get('refresh')).toBe('2');
      const html = await page.text();
      expect(html).toContain('<title>Loading the reference data');
      expect(html).toContain('Step 1 of 3: read the files in the folder.');
      expect(html).toContain('Stop updating this page');
      expect(html).not.toContain('action="/admin/reference/import"');
      const still = await admin.request('/admin/reference?updates=off');
      expect(still.headers.get('refresh')).toBeNull();
      expect(await still.text()).toContain('<a href="/admin/reference">Update this page</a>');

      // Its process stopped: once it has not moved for a while, it no longer holds the next import back.
      const later = new Date(job.updatedAt.getTime() + ABANDONED_AFTER_MS + 1000);
      expect(isAbandoned(job, later)).toBe(true);
      const next = await startImportJob(db(), sharedData, { staffId: admin.staffId, email: '', ip: '' }, later);
      expect(next.started).toBe(true);
      const [old] = await db().select().from(referenceImportJobs).where(eq(referenceImportJobs.id, job.id));
      expect(old).toMatchObject({
        status: 'failed',
        error: 'The site stopped while this import ran. Nothing was changed.',
      });
      await db().delete(referenceImportJobs).where(eq(referenceImportJobs.id, next.job.id));
    });

    it('starts one job when two start at once, whichever process they come from', async () => {
      const actor = { staffId: admin.staffId, email: '', ip: '' };
      const both = await Promise.all([
        startImportJob(db(), sharedData, actor),
        startImportJob(db(), sharedData, actor),
      ]);
      expect(both.filter((b) => b.started)).toHaveLength(1);
      expect(both[0]!.job.id).toBe(both[1]!.job.id);
      await db().delete(referenceImportJobs).where(eq(referenceImportJobs.id, both[0]!.job.id));
    });

    it('keeps the data and says why when a file is bad', async () => {
      const broken = mkdtempSync(join(scratch, 'broken-'));
      cpSync(sharedData, broken, { recursive: true });
      writeFileSync(join(broken, 'or-zip/or-zcta-sldl-membership.csv'), 'zcta,district\n97301,61\n');
      const other = appReading(database(), broken);
      const b = await signedInAs(other, database(), 'admin');
      expect((await b.post('/admin/reference/import', {}, { from: '/admin/reference' })).status).toBe(303);
      const job = await finishedJob(database());
      expect(job.status).toBe('failed');
      expect(job.error).toBe(`${broken}/or-zip/or-zcta-sldl-membership.csv: malformed row "97301,61"`);
      expect(await db().$count(legislators)).toBe(90);
      const html = await (await b.request('/admin/reference')).text();
      expect(html).toContain('The last import did not finish');
      expect(html).toContain('malformed row &quot;97301,61&quot;');
      expect(html).toContain('Nothing was changed: the data loaded before is still in place.');
      const [audited] = await db()
        .select()
        .from(auditLog)
        .where(eq(auditLog.subjectId, String(job.id)))
        .orderBy(desc(auditLog.id))
        .limit(1);
      expect(audited).toMatchObject({ action: 'reference.import-failed', actorId: null });
    });
  });
});

describeEachDatabase('the reference data page without the folder', (database) => {
  it('says plainly that the folder is missing and how to add it, with no button, and starts nothing', async () => {
    const missing = join(scratch, 'not-here');
    const app = appReading(database(), missing);
    const admin = await signedInAs(app, database(), 'admin');
    const html = await (await admin.request('/admin/reference')).text();
    expect(html).toContain('The reference data is not on the server yet');
    expect(html).toContain(`<code class="wrap-anywhere">${missing}</code>, and that folder is not`);
    expect(html).toContain('<code>GROUNDSWELL_REFERENCE_DIR</code>');
    expect(html).not.toContain('action="/admin/reference/import"');
    // A stale page's button: back to the explanation, and no job.
    const res = await admin.post('/admin/reference/import', {}, { from: '/admin' });
    expect(res.status).toBe(303);
    expect(await database().db.select().from(referenceImportJobs).orderBy(desc(referenceImportJobs.id))).toEqual([]);
  });
});
