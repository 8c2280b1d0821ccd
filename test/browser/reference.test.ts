import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startImportJob } from '../../src/features/reference/import-job.ts';
import { referenceImportJobs } from '../../src/features/reference/schema.ts';
import { sharedData } from '../../src/features/reference/test-data.ts';
import { createStaff } from '../../src/features/staff/service.ts';
import { expectNoAxeViolations, launchChromium, startDemoSite } from '../support/browser.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

const email = 'reference-admin@psj.example';
const password = 'a slow river under ice';

/**
 * An admin on a phone, with JavaScript off, loads Oregon's reference data from
 * the workspace home's notice: the progress page reloads itself, the summary
 * follows, and every screen on the way has zero axe violations and no
 * sideways scrolling at 390 px.
 */
describe.skipIf(!available.ok)('loading the reference data in a real browser', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;
  /** Where axe runs (it needs JavaScript), and the same admin with JavaScript off for the import itself. */
  let page: Page;
  let noScript: Page;

  async function signedIn(javaScriptEnabled: boolean): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled });
    const tab = await context.newPage();
    await tab.goto(`${site.url}/admin/sign-in`);
    await tab.getByLabel('Email address').fill(email);
    await tab.getByLabel('Password').fill(password);
    await Promise.all([tab.waitForURL(`${site.url}/admin`), tab.getByLabel('Password').press('Enter')]);
    return tab;
  }

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
    await createStaff(site.database.db, { email, displayName: 'Rosa Martinez', role: 'admin', password });
    page = await signedIn(true);
    noScript = await signedIn(false);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  async function expectFitsThePhone(label: string) {
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow, `${label} scrolls sideways`).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page, label);
  }

  it('tells staff on the home page what visitors miss, with a button', async () => {
    const notice = page.locator('[aria-labelledby="reference-missing"]');
    expect(await notice.locator('h2').textContent()).toBe('Oregon’s reference data is not loaded');
    expect(await notice.textContent()).toContain('the district section of each petition is hidden from visitors');
    await expectFitsThePhone('workspace home with the reference notice');
  });

  it('shows a running import’s steps, and a failed one’s reason, on pages that fit', async () => {
    const { job } = await startImportJob(site.database.db, sharedData, { staffId: null, email: '', ip: '' });
    const res = await page.goto(`${site.url}/admin/reference?updates=off`);
    expect(res?.headers().refresh).toBeUndefined();
    expect(await page.locator('h2#import-progress').textContent()).toBe('Loading the reference data');
    await expectFitsThePhone('reference data, an import running');
    await site.database.db
      .update(referenceImportJobs)
      .set({
        status: 'failed',
        finishedAt: new Date(),
        error: `${sharedData}/or-zip/or-zcta-sldl-membership.csv: malformed row "97301,61"`,
      })
      .where(eq(referenceImportJobs.id, job.id));
    await page.goto(`${site.url}/admin/reference`);
    expect(await page.locator('h2#import-outcome').textContent()).toBe('The last import did not finish');
    await expectFitsThePhone('reference data, the last import failed');
  });

  it('loads the data from the home page’s button and shows the summary, without JavaScript', async () => {
    await noScript.goto(`${site.url}/admin`);
    await Promise.all([
      noScript.waitForURL(`${site.url}/admin/reference`),
      noScript.getByRole('button', { name: 'Load the reference data' }).click(),
    ]);
    // The page reloads itself (the Refresh header) until the import ends.
    await noScript.locator('h2#import-outcome', { hasText: 'Import finished' }).waitFor({ timeout: 60_000 });
    expect(await noScript.locator('main').textContent()).toContain('This was the first import');
    await page.goto(`${site.url}/admin/reference`);
    await expectFitsThePhone('reference data, imported');
    await page.goto(`${site.url}/admin`);
    expect(await page.locator('[aria-labelledby="reference-missing"]').count()).toBe(0);
  }, 90_000);
});
