import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchChromium, startDemoSite } from '../support/browser.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';
import { expectNoOverflow, staffPage, submitted } from '../support/workspace-browser.ts';

const chromium = chromiumAvailable();
if (!chromium.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${chromium.reason}`);

/** An organizer on a phone adds a supporter, corrects them and writes a note. */
describe.skipIf(!chromium.ok)('supporters in the workspace, on a phone', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;
  let page: Page;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
    page = await staffPage(browser, site, { role: 'organizer', displayName: 'Rosa Martinez' });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  /** Zero axe violations, and nothing wider than the phone. */
  async function fitsAndPasses(label: string) {
    await expectNoAxeViolations(page, label);
    await expectNoOverflow(page, label);
  }
  const send = (action: () => Promise<void>) => submitted(page, action);

  it('adds a supporter through a refusal that keeps what was typed', async () => {
    await page.goto(`${site.url}/admin/supporters`);
    await send(() => page.getByRole('link', { name: 'Add a supporter' }).click());
    await fitsAndPasses('add form');
    await page.getByLabel('First name').fill('Noor');
    await page.getByLabel('Email address').fill('noor.haddad@example.org');
    await page.getByLabel('Events', { exact: true }).check();
    await send(() => page.getByRole('button', { name: 'Add supporter' }).click());
    expect(await page.title()).toMatch(/^Error:/);
    expect(await page.getByLabel('Email address').inputValue()).toBe('noor.haddad@example.org');
    await fitsAndPasses('add form with errors');
    await page.getByLabel('They agreed to this, in these words').check();
    await send(() => page.getByRole('button', { name: 'Add supporter' }).click());
    expect(await page.locator('h1').textContent()).toBe('Noor');
    expect(await page.locator('.notice').first().textContent()).toContain('Added');
  });

  it('edits their details and asks for consent before a new topic', async () => {
    await send(() => page.getByRole('link', { name: 'Edit details' }).click());
    await fitsAndPasses('edit form');
    await page.getByLabel('Last name (optional)').fill('Haddad');
    await page.getByLabel('ZIP code (optional)').fill('97');
    await send(() => page.getByRole('button', { name: 'Save details' }).click());
    expect(await page.title()).toMatch(/^Error:/);
    await fitsAndPasses('edit form with errors');
    await page.getByLabel('ZIP code (optional)').fill('97301');
    await send(() => page.getByRole('button', { name: 'Save details' }).click());
    expect(await page.locator('h1').textContent()).toBe('Noor Haddad');
    await send(() => page.getByRole('link', { name: 'Change subscriptions' }).click());
    await fitsAndPasses('subscriptions form');
    await page.getByLabel('Newsletter').check();
    await send(() => page.getByRole('button', { name: 'Save subscriptions' }).click());
    expect(await page.title()).toMatch(/^Error:/);
    await fitsAndPasses('subscriptions form with errors');
    await page.goto(page.url().replace(/\/subscriptions$/, ''));
  });

  it('writes a note, shown with its author and the time in the organisation’s zone', async () => {
    await page.getByLabel('Add a note').fill('Met at the Salem rally.\nWants to testify.');
    await send(() => page.getByRole('button', { name: 'Add note' }).click());
    const timeline = page.locator('#timeline + form + ol, #timeline ~ ol').first();
    const first = await timeline.locator('li').first().textContent();
    expect(first).toContain('Note by Rosa Martinez');
    expect(first).toContain('Wants to testify.');
    expect(first).toMatch(/P[SD]T/);
    await fitsAndPasses('person page with a note');
  });
});
