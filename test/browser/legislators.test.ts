import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBills, seedDemoAgenda } from '../../src/features/legislators/service.ts';
import { importReference } from '../../src/features/reference/import.ts';
import { describeWithSharedData, sharedData } from '../../src/features/reference/test-data.ts';
import { expectNoAxeViolations, launchChromium, recordedVisitor, startDemoSite } from '../support/browser.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';
import { expectNoOverflow, staffPage, submitted } from '../support/workspace-browser.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

/**
 * The legislator directory, one legislator's page and the agenda's staff screens on a phone (390 px):
 * zero axe violations and no sideways scrolling on each; the directory's search is a plain GET form.
 */
describeWithSharedData('legislators in a real browser', () => {
  describe.skipIf(!available.ok)('the legislator pages and the agenda screens', () => {
    let browser: Browser;
    let site: Awaited<ReturnType<typeof startDemoSite>>;

    beforeAll(async () => {
      [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
      await importReference(site.database.db, { dir: sharedData }, new Date('2026-12-01T12:00:00Z'));
      await seedDemoAgenda(site.database.db);
    }, 90_000);
    afterAll(async () => {
      await browser?.close();
      await site?.stop();
    });

    it('finds a legislator with the directory’s search and reads their page, in both languages', async () => {
      // The search is a plain GET form: it needs no script (axe itself does, so scripts stay on).
      const { page, context } = await recordedVisitor(browser, 'en');
      await page.goto(`${site.url}/legislators`);
      await expectNoAxeViolations(page, 'the directory');
      await expectNoOverflow(page, 'the directory');
      await page.getByLabel('Name or district number').fill('scharf');
      await page.getByRole('button', { name: 'Show' }).click();
      expect(await page.getByRole('status').textContent()).toBe('1 legislator');
      await page.getByRole('link', { name: 'Anna Scharf' }).click();
      expect(page.url()).toBe(`${site.url}/legislators/anna-scharf-house-23`);
      await expectNoAxeViolations(page, 'a legislator');
      await expectNoOverflow(page, 'a legislator');
      await page.goto(`${site.url}/es/legislators/anna-scharf-house-23`);
      await expectNoAxeViolations(page, 'a legislator in Spanish');
      await context.close();
    }, 60_000);

    it('shows every agenda screen to an editor at 390 px without violations, a refusal included', async () => {
      const page = await staffPage(browser, site, { role: 'editor', displayName: 'Agenda editor' });
      const bill = (await listBills(site.database.db))[0]!;
      for (const [path, label] of [
        ['/admin/legislators', 'the agenda'],
        ['/admin/legislators/bills/new', 'a new bill'],
        [`/admin/legislators/bills/${bill.id}`, 'a bill'],
        [`/admin/legislators/bills/${bill.id}/votes`, 'the votes'],
        ['/admin/legislators/scorecards/new', 'a new scorecard'],
        [`/admin/legislators/scorecards/${encodeURIComponent(bill.session)}`, 'a scorecard'],
      ] as const) {
        await page.goto(`${site.url}${path}`);
        await expectNoAxeViolations(page, label);
        await expectNoOverflow(page, label);
      }
      await page.goto(`${site.url}/admin/legislators/scorecards/new`);
      await page.getByLabel('Grade steps').fill('A 90\nB 95\nF 0');
      await submitted(page, () => page.getByRole('button', { name: 'Save' }).click());
      expect(await page.title()).toMatch(/^Error: /);
      await expectNoAxeViolations(page, 'a refused scorecard');
      expect(await page.getByLabel('Grade steps').inputValue()).toBe('A 90\nB 95\nF 0');
    }, 60_000);
  });
});
