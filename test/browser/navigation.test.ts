import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMenuItem, listMenuItems } from '../../src/features/navigation/menus.ts';
import { expectNoAxeViolations, launchChromium, startDemoSite } from '../support/browser.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';
import { expectNoOverflow, staffPage, submitted } from '../support/workspace-browser.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

/**
 * The menu editor on a phone (390 px): usable by keyboard alone (focus Move up, press Enter), and by dragging
 * where a script runs; either way the public menu follows at once, and the screen reads without axe violations.
 */
describe.skipIf(!available.ok)('the menu editor by keyboard and by dragging', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  const mainMenu = async () =>
    (await listMenuItems(site.database.db)).filter((i) => i.menu === 'main').map((i) => i.labelEn);

  it('moves an item up with the keyboard alone, and the public menu follows', async () => {
    const page = await staffPage(browser, site, { role: 'editor', displayName: 'Keyboard editor' });
    await page.goto(`${site.url}/admin/navigation`);
    await expectNoAxeViolations(page, 'the menu editor');
    await expectNoOverflow(page, 'the menu editor');
    const before = await mainMenu();
    expect(before.slice(0, 2)).toEqual(['Home', 'About']);
    await page.getByRole('button', { name: 'Move up About' }).focus();
    await submitted(page, () => page.keyboard.press('Enter'));
    expect(page.url()).toContain('#item-');
    expect((await mainMenu()).slice(0, 2)).toEqual(['About', 'Home']);
    // Back at the moved item: About is first now, so its Move up is disabled and Tab reaches its Move down.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Move down About');
    await page.goto(`${site.url}/`);
    const links = await page.locator('.site-nav a').allTextContents();
    expect(links.slice(0, 2)).toEqual(['About', 'Home']);
  }, 90_000);

  it('reads without axe violations on each of its other screens at 390 px, a refused form included', async () => {
    const page = await staffPage(browser, site, { role: 'editor', displayName: 'Checking editor' });
    const id = (await listMenuItems(site.database.db))[0]!.id;
    for (const path of ['/new?menu=footer', `/items/${id}`, `/items/${id}/remove`]) {
      await page.goto(`${site.url}/admin/navigation${path}`);
      await expectNoAxeViolations(page, path);
      await expectNoOverflow(page, path);
    }
    await page.goto(`${site.url}/admin/navigation/new?menu=footer`);
    await page.getByLabel('Address on another site').fill('javascript:alert(1)');
    await page.getByLabel('Leads to').selectOption('url');
    await submitted(page, () => page.getByRole('button', { name: 'Add it' }).click());
    await expectNoAxeViolations(page, 'the refused form');
  }, 120_000);

  it('reorders by dragging, says so politely, and keeps the plain buttons right', async () => {
    const page = await staffPage(browser, site, { role: 'editor', displayName: 'Dragging editor' });
    await page.goto(`${site.url}/admin/navigation`);
    const items = page.locator('ol[data-reorder="reorder-main"] > li');
    await expect(items.first().getAttribute('draggable')).resolves.toBe('true');
    const before = await mainMenu();
    await items.nth(0).dragTo(items.nth(2), { targetPosition: { x: 20, y: 60 } });
    await expect.poll(() => page.locator('#reorder-main-status').textContent(), { timeout: 5000 }).toMatch(/^Saved: /);
    const after = await mainMenu();
    expect(after).not.toEqual(before);
    expect([...after].sort()).toEqual([...before].sort());
    // The first item's Move up is disabled, as the server would draw it.
    await expect(
      items
        .first()
        .getByRole('button', { name: /^Move up/ })
        .isDisabled(),
    ).resolves.toBe(true);
    await page.reload();
    expect(await items.locator('strong').first().textContent()).toBe(after[0]);
  }, 90_000);

  it('marks a link to another site in the public menus, in both languages, without axe violations', async () => {
    await insertMenuItem(site.database.db, 'main', {
      labelEn: 'Our coalition',
      labelEs: 'Nuestra coalición',
      target: { url: 'https://coalition.example/' },
      hidden: false,
    });
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    for (const [path, words] of [
      ['/', 'Our coalition (another site)'],
      ['/es', 'Nuestra coalición (otro sitio)'],
    ] as const) {
      await page.goto(`${site.url}${path}`);
      await expect(page.getByRole('link', { name: words }).getAttribute('href')).resolves.toBe(
        'https://coalition.example/',
      );
      await expectNoAxeViolations(page, `${path} with an off-site menu link`);
      await expectNoOverflow(page, path);
    }
  }, 90_000);
});
