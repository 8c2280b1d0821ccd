import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supporterImports } from '../../src/features/supporters/import-schema.ts';
import { expectNoAxeViolations, launchChromium, startDemoSite } from '../support/browser.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';
import { expectNoOverflow, staffPage, submitted } from '../support/workspace-browser.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

// An Action Network people export, as it comes: two people, one refused row.
const file = [
  'uuid,first_name,last_name,email,zip_code,can2_phone,can2_subscription_status,can2_user_tags',
  'a1,Lucía,Hernández,lucia.import@example.org,97205,503-555-0101,subscribed,"Canvass Team"',
  'a2,Marcus,Lee,marcus.import@example.org,97301,,unsubscribed,Canvass Team',
  'a3,Nobody,Here,not-an-address,,,subscribed,',
].join('\r\n');

/**
 * An organizer on a phone imports an Action Network export: uploads it, sees
 * the columns matched, reads the dry run's report, imports, watches the
 * progress reach the end, and downloads the people back as CSV. Every
 * screen on the way has zero axe violations and fits 390 px.
 */
describe.skipIf(!available.ok)('importing and exporting supporters in a real browser', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;
  let page: Page;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
    page = await staffPage(browser, site, { role: 'organizer', displayName: 'Ana Import' });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  async function checkScreen(label: string) {
    await expectNoOverflow(page, label);
    await expectNoAxeViolations(page, label);
  }

  it('uploads, maps, checks and imports a file', async () => {
    await page.goto(`${site.url}/admin/supporters`);
    await submitted(page, () => page.getByRole('link', { name: 'Import from a CSV file' }).click());
    await checkScreen('import: upload');
    await page.setInputFiles('#file', { name: 'an-export.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await submitted(page, () => page.getByRole('button', { name: 'Upload' }).click());
    // Matched by name, with nothing chosen by hand.
    expect(await page.getByLabel('Column 4: “email”').inputValue()).toBe('email');
    expect(await page.getByLabel('Column 7: “can2_subscription_status”').inputValue()).toBe('subscribed');
    expect(await page.getByLabel('Column 1: “uuid”').inputValue()).toBe('ignore');
    await checkScreen('import: columns');
    await submitted(page, () => page.getByRole('button', { name: 'Check the file (dry run)' }).click());
    await page.locator('[aria-labelledby="dry-run"]').waitFor({ timeout: 30_000 });
    const report = await page.locator('[aria-labelledby="dry-run"]').textContent();
    expect(report).toContain('Would be added2 people');
    expect(report).toContain('Consent to email that would be recorded1 person');
    expect(await page.locator('[aria-labelledby="refused-rows"] tbody').textContent()).toContain(
      '4The email address is not an address like name@example.org',
    );
    await checkScreen('import: dry run report');
    await submitted(page, () => page.getByRole('button', { name: 'Import now' }).click());
    // The page reloads itself (the Refresh header) until the import is done.
    await page.locator('[aria-labelledby="import-done"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[aria-labelledby="import-done"]').textContent()).toContain('Added2 people');
    await checkScreen('import: done');
  }, 120_000);

  it('shows a running import’s progress bar on a page that fits', async () => {
    const [running] = await site.database.db
      .insert(supporterImports)
      .values({
        status: 'importing',
        storedFile: '/nowhere.csv',
        sizeBytes: 1,
        columns: ['email'],
        totalRows: 1000,
        rowsDone: 400,
      })
      .returning();
    const res = await page.goto(`${site.url}/admin/supporters/import/${running!.id}?updates=off`);
    expect(res?.headers().refresh).toBeUndefined();
    expect(await page.locator('progress').getAttribute('value')).toBe('400');
    await checkScreen('import: progress');
    const auto = await page.goto(`${site.url}/admin/supporters/import/${running!.id}`);
    expect(auto?.headers().refresh).toBe('2');
  });

  it('downloads the imported people as CSV', async () => {
    await page.goto(`${site.url}/admin/supporters?tag=canvass-team`);
    await submitted(page, () => page.getByRole('link', { name: 'Export them as CSV' }).click());
    expect(await page.locator('main').textContent()).toContain('2 people match the filters');
    await checkScreen('export: fields');
    await page.getByLabel('Tags').check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text.split('\r\n')[0]).toBe('email,first_name,last_name,zip_code,language,subscription_status,tags');
    expect(text).toContain('lucia.import@example.org,Lucía,Hernández,97205,en,subscribed,canvass-team\r\n');
    expect(text).toContain('marcus.import@example.org,Marcus,Lee,97301,en,unsubscribed,canvass-team\r\n');
  });
});
