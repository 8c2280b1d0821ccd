import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPageDraft } from '../../src/features/content/service.ts';
import { createStaff } from '../../src/features/staff/service.ts';
import { expectNoAxeViolations, launchChromium, startDemoSite } from '../support/browser.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

const email = 'section-builder@psj.example';
const password = 'a kettle singing on the stove';

/**
 * The section editor by keyboard alone, on a phone, with JavaScript off: a section moves up with
 * Enter on its focused button, a new one is added through the kind's form, and the public home
 * page follows. With JavaScript on, axe reads the list and a form.
 */
describe.skipIf(!available.ok)('building the home page from sections by keyboard', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;
  const sections = '/admin/content/pages/home/en/sections';

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
    await createStaff(site.database.db, { email, displayName: 'Section builder', role: 'editor', password });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  async function signedInPhone(javaScriptEnabled: boolean): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`${site.url}/admin/sign-in`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(password);
    await Promise.all([page.waitForURL(`${site.url}/admin`), page.getByLabel('Password').press('Enter')]);
    return page;
  }

  const order = async () => (await getPageDraft(site.database.db, 'home', 'en'))!.sections.map((s) => s.key);

  it('moves a section up with Enter, adds one through its form, and the public page follows', async () => {
    const page = await signedInPhone(false);
    await page.goto(`${site.url}${sections}`);
    const before = await order();
    const moved = before[3]!;
    const button = page.getByRole('button', { name: /^Move up: Better outcomes/ });
    await button.focus();
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).hash).toBe(`#section-${moved}`);
    expect(await order()).toEqual([...before.slice(0, 2), moved, before[2], ...before.slice(4)]);

    // Adding: the kind is chosen on one screen, its fields filled on the next, all by keyboard.
    await page.getByRole('link', { name: 'Add a section' }).focus();
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await page.getByLabel('Kind of section').selectOption('figure');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Continue' }).press('Enter')]);
    await page.getByLabel('Figure', { exact: true }).fill('12 counties');
    await page.getByLabel('What the figure counts').fill('where our members met lawmakers (a sample figure)');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Add section' }).press('Enter')]);
    expect(await order()).toContain('figure');

    const visitor = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await visitor.goto(`${site.url}/`);
    const html = await visitor.content();
    expect(html.indexOf('Better outcomes')).toBeLessThan(html.indexOf('How we drive change'));
    expect(html).toContain('12 counties');
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    expect(overflow).toBeLessThanOrEqual(0);
  }, 120_000);

  it('has no axe violations on the list and a section’s form, at 390 px', async () => {
    const page = await signedInPhone(true);
    await page.goto(`${site.url}${sections}`);
    await expectNoAxeViolations(page, 'sections');
    for (const path of [`${sections}/values/edit`, `${sections}/new?kind=hero`]) {
      await page.goto(`${site.url}${path}`);
      await expectNoAxeViolations(page, path);
      const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }
  }, 120_000);
});
