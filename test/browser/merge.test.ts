import type { Browser, Page } from 'playwright-core';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff } from '../../src/features/staff/service.ts';
import { seedDuplicatePair } from '../../src/features/supporters/merge-test-support.ts';
import { supporters } from '../../src/features/supporters/schema.ts';
import { expectNoAxeViolations, launchChromium, startDemoSite } from '../support/browser.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

const email = 'marta@psj.example';
const password = 'two records, one person';

/**
 * An organizer on a phone finds two records of one person, merges them with the keyboard alone, and undoes it:
 * each screen fits 390 px with zero axe violations.
 */
describe.skipIf(!available.ok)('finding a duplicate, merging it and undoing the merge', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;
  let pair: Awaited<ReturnType<typeof seedDuplicatePair>>;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
    await createStaff(site.database.db, { email, displayName: 'Marta Ruiz', role: 'organizer', password });
    pair = await seedDuplicatePair(site.database.db);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  async function checkScreen(page: Page, what: string) {
    const { scrollWidth, innerWidth } = await page.evaluate<{ scrollWidth: number; innerWidth: number }>(
      '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
    );
    expect(scrollWidth, `${what} at 390 px`).toBeLessThanOrEqual(innerWidth);
    await expectNoAxeViolations(page, `${what} at 390 px`);
  }

  it('merges by keyboard, shows one record with everything, and undoes it', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 900 } })).newPage();
    await page.goto(`${site.url}/admin/sign-in`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(password);
    await Promise.all([page.waitForURL(`${site.url}/admin`), page.getByLabel('Password').press('Enter')]);

    expect((await page.goto(`${site.url}/admin/supporters/duplicates`))?.status()).toBe(200);
    await checkScreen(page, 'the duplicates');
    const compare = page.getByRole('link', { name: `Compare #${pair.other.id} with #${pair.kept.id}` });
    await compare.focus();
    await Promise.all([page.waitForURL(/\/admin\/supporters\/merge\//), page.keyboard.press('Enter')]);
    await checkScreen(page, 'the merge screen');

    // Without the tick: refused, with the message by the box, and nothing merged.
    await page.getByRole('button', { name: 'Merge the two records' }).focus();
    await Promise.all([page.waitForEvent('framenavigated'), page.keyboard.press('Enter')]);
    await page.waitForLoadState('load');
    expect(await page.title()).toMatch(/^Error:/);
    await checkScreen(page, 'the refused merge');

    // Their other address stays; the rest as the page chose. Space picks a radio button or ticks a box.
    await page.getByRole('radio', { name: new RegExp(pair.other.emailAsTyped.replace(/[.+]/g, '\\$&')) }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('checkbox', { name: /these two records are one person/ }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Merge the two records' }).focus();
    await Promise.all([
      page.waitForURL(new RegExp(`/admin/supporters/${pair.kept.id}\\?`)),
      page.keyboard.press('Enter'),
    ]);
    expect(await page.getByRole('status').first().textContent()).toContain('Merged');
    for (const heading of ['Consent records', 'Timeline', 'Tags', 'Signatures', 'RSVPs', 'Letters', 'Emails received'])
      expect(await page.getByRole('heading', { name: heading, exact: true }).count(), heading).toBe(1);
    expect(await page.locator('body').textContent()).toContain(`Merged with supporter #${pair.other.id}`);
    await checkScreen(page, 'the merged person');
    const [merged] = await site.database.db.select().from(supporters).where(eq(supporters.id, pair.kept.id));
    expect(merged!.email).toBe(pair.other.email);

    await page.getByRole('button', { name: `Undo merge of record #${pair.other.id}` }).focus();
    await Promise.all([
      page.waitForURL(new RegExp(`/admin/supporters/${pair.other.id}\\?`)),
      page.keyboard.press('Enter'),
    ]);
    expect(await page.getByRole('status').first().textContent()).toContain('Merge undone');
    await checkScreen(page, 'the restored person');
    const both = await site.database.db
      .select({ id: supporters.id, email: supporters.email })
      .from(supporters)
      .where(inArray(supporters.id, [pair.kept.id, pair.other.id]));
    expect(Object.fromEntries(both.map((p) => [p.id, p.email]))).toEqual({
      [pair.kept.id]: pair.kept.email,
      [pair.other.id]: pair.other.email,
    });

    expect((await page.goto(`${site.url}/admin/supporters/merges`))?.status()).toBe(200);
    await checkScreen(page, 'the merge log');
    await page.context().close();
  }, 180_000);
});
