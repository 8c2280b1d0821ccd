import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePetition } from '../support/petition-signatures.ts';
import { createStaff } from '../../src/features/staff/service.ts';
import { expectNoAxeViolations, launchChromium, startDemoSite } from '../support/browser.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

const email = 'organizer-on-a-phone@psj.example';
const password = 'a lantern on the river path';

/**
 * On a phone (390 px), with JavaScript off and on: unpublishing a page goes
 * through a confirmation page that says what visitors will see, and a draft
 * petition's preview shows its public page under a banner. Both read
 * without axe violations and without sideways scrolling (issue 13).
 */
describe.skipIf(!available.ok)('confirmations and previews on a phone', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;
  let draftId: number;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
    await createStaff(site.database.db, { email, displayName: 'Organizer', role: 'admin', password });
    draftId = await makePetition(site.database.db, 'phone-preview', {
      status: 'draft',
      es: { title: 'Vista previa en el teléfono', summary: 'Resumen.', statement: 'Pedimos **seguridad**.' },
    });
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
    await Promise.all([page.waitForURL(`${site.url}/admin`), page.getByRole('button', { name: 'Sign in' }).click()]);
    return page;
  }

  async function expectNoSidewaysScroll(page: Page, label: string) {
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    expect(overflow, `${label} scrolls sideways`).toBeLessThanOrEqual(0);
  }

  for (const javaScriptEnabled of [false, true]) {
    const script = javaScriptEnabled ? 'on' : 'off';
    it(`unpublishes a page only through its confirmation (JavaScript ${script})`, async () => {
      const page = await signedInPhone(javaScriptEnabled);
      await page.goto(`${site.url}/admin/content/pages/about`);
      // The home page offers no unpublish at all; this one does, and asks first.
      await Promise.all([
        page.waitForURL(`${site.url}/admin/content/pages/about/en/unpublish`),
        page.getByRole('button', { name: 'Unpublish English' }).click(),
      ]);
      expect(await page.locator('h1').textContent()).toBe('Unpublish the English version of “About us”?');
      expect(await page.locator('main').textContent()).toContain('Visitors who open /about will see “Page not found”');
      expect((await page.request.get(`${site.url}/about`)).status()).toBe(200);
      // axe runs in the page: only with JavaScript on (the page is the same either way).
      if (javaScriptEnabled) {
        await expectNoAxeViolations(page, 'unpublish confirmation');
        await expectNoSidewaysScroll(page, 'unpublish confirmation');
      }

      await Promise.all([
        page.waitForURL(/\/admin\/content\/pages\/about\?notice=unpublished$/),
        page.getByRole('button', { name: 'Yes, unpublish it' }).click(),
      ]);
      expect((await page.request.get(`${site.url}/about`)).status()).toBe(404);
      await Promise.all([
        page.waitForURL(/notice=published$/),
        page.getByRole('button', { name: 'Publish English' }).click(),
      ]);
      expect((await page.request.get(`${site.url}/about`)).status()).toBe(200);

      await page.goto(`${site.url}/admin/content/pages/home`);
      expect(await page.getByRole('button', { name: /Unpublish/ }).count()).toBe(0);
      expect(await page.getByRole('link', { name: /Delete/ }).count()).toBe(0);
      await page.context().close();
    }, 60_000);
  }

  it('previews a draft petition in both languages under a banner, and asks before closing', async () => {
    const page = await signedInPhone(true);
    await page.goto(`${site.url}/admin/petitions/${draftId}`);
    await Promise.all([
      page.waitForURL(`${site.url}/admin/petitions/${draftId}/preview`),
      page.getByRole('link', { name: 'Preview the public page' }).click(),
    ]);
    expect(await page.locator('.preview-banner').textContent()).toContain('Preview: not published');
    expect(await page.locator('h1').textContent()).toBe('Petition phone-preview');
    await expectNoAxeViolations(page, 'petition preview');
    await expectNoSidewaysScroll(page, 'petition preview');
    await page.goto(`${site.url}/admin/petitions/${draftId}/preview/es`);
    expect(await page.locator('h1').textContent()).toBe('Vista previa en el teléfono');
    await expectNoAxeViolations(page, 'petition preview in Spanish');
    await expectNoSidewaysScroll(page, 'petition preview in Spanish');
    expect((await page.request.get(`${site.url}/petitions/phone-preview`)).status()).toBe(404);

    // Archiving the draft asks first, on a page of its own.
    await page.goto(`${site.url}/admin/petitions/${draftId}`);
    await page.getByLabel('Status').selectOption('archived');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Save changes' }).click()]);
    expect(await page.locator('h1').textContent()).toBe('Archive the petition “Petition phone-preview”?');
    await expectNoAxeViolations(page, 'archive confirmation');
    await expectNoSidewaysScroll(page, 'archive confirmation');
    await page.context().close();
  }, 60_000);
});
