import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriptions, supporters, supporterTags } from '../../src/features/supporters/schema.ts';
import { expectNoAxeViolations, launchChromium, startDemoSite } from '../support/browser.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';
import { expectNoOverflow, staffPage, submitted } from '../support/workspace-browser.ts';

const chromium = chromiumAvailable();
if (!chromium.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${chromium.reason}`);

/** An organizer on a phone filters the list, saves it as a segment, watches its count and tags everyone in it. */
describe.skipIf(!chromium.ok)('saved segments and bulk tagging, on a phone', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;
  let page: Page;
  let n = 0;

  /** A supporter tagged "canvasser" in a county, on the newsletter. */
  async function canvasser(county: string): Promise<number> {
    n += 1;
    const db = site.database.db;
    const [row] = await db
      .insert(supporters)
      .values({
        email: `canvasser-${n}@example.org`,
        emailAsTyped: `canvasser-${n}@example.org`,
        givenName: `Canvasser${n}`,
        county,
      })
      .returning({ id: supporters.id });
    await db.insert(supporterTags).values({ supporterId: row!.id, tag: 'canvasser' });
    await db.insert(subscriptions).values({ supporterId: row!.id, topic: 'newsletter', status: 'subscribed' });
    return row!.id;
  }

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
    for (const county of ['Marion', 'Marion', 'Lane']) await canvasser(county);
    page = await staffPage(browser, site, { role: 'organizer', displayName: 'Rosa Martinez' });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  async function fitsAndPasses(label: string) {
    await expectNoAxeViolations(page, label);
    await expectNoOverflow(page, label);
  }
  const send = (action: () => Promise<void>) => submitted(page, action);
  const status = () => page.locator('p[role="status"]').last().textContent();

  it('filters by tag and county, with the districts and actions unfolded', async () => {
    await page.goto(`${site.url}/admin/supporters`);
    await page.getByText('Districts and actions taken').click();
    await fitsAndPasses('supporter list with every filter');
    await page.getByLabel('canvasser', { exact: true }).check();
    await page.getByLabel('County').selectOption('Marion');
    await send(() => page.getByRole('button', { name: 'Search' }).click());
    expect(await status()).toBe('2 people');
  });

  it('saves the filters as a segment whose count is live', async () => {
    await send(() => page.getByRole('link', { name: 'Save these filters as a new segment' }).click());
    await fitsAndPasses('new segment form');
    await send(() => page.getByRole('button', { name: 'Save segment' }).click());
    expect(await page.title()).toMatch(/^Error:/);
    await fitsAndPasses('new segment form with an error');
    await page.getByLabel('Name').fill('Marion canvassers');
    await send(() => page.getByRole('button', { name: 'Save segment' }).click());
    expect(await status()).toBe('Segment “Marion canvassers”: 2 people');

    await page.goto(`${site.url}/admin/supporters/segments`);
    await fitsAndPasses('segment list');
    const row = page.getByRole('row', { name: /Marion canvassers/ });
    expect(await row.locator('td').nth(2).textContent()).toBe('2');
    await canvasser('Marion');
    await page.reload();
    expect(await row.locator('td').nth(2).textContent()).toBe('3');
    await send(() => page.getByRole('link', { name: 'Edit Marion canvassers' }).click());
    await fitsAndPasses('segment edit form');
    await page.goBack();
    await send(() => page.getByRole('link', { name: 'Delete Marion canvassers' }).click());
    await fitsAndPasses('segment delete confirmation');
  });

  it('tags everyone in the segment, by keyboard, after a page that says how many', async () => {
    await page.goto(`${site.url}/admin/supporters/segments`);
    await send(() => page.getByRole('link', { name: 'Marion canvassers', exact: true }).click());
    await page.getByRole('link', { name: 'Tag them all' }).focus();
    await send(() => page.keyboard.press('Enter'));
    expect(await page.locator('h1').textContent()).toBe('Tag 3 people');
    await fitsAndPasses('bulk tag confirmation');
    await page.getByLabel('Tag to add').focus();
    await page.keyboard.type('Phone Bank');
    await send(() => page.keyboard.press('Enter'));
    expect(await page.locator('.notice').first().textContent()).toBe('Added the tag to 3 people.');
    const tagged = await site.database.db
      .select({ id: supporterTags.supporterId })
      .from(supporterTags)
      .where(eq(supporterTags.tag, 'phone-bank'));
    expect(tagged).toHaveLength(3);

    await page.getByRole('link', { name: 'Remove a tag from them all' }).focus();
    await send(() => page.keyboard.press('Enter'));
    await fitsAndPasses('bulk untag confirmation');
  });
});
