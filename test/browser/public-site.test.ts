import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoPetition, DEMO_PETITION_SLUG } from '../../src/features/petitions/seed.ts';
import { makeOpenPetition } from '../../src/features/petitions/test-support.ts';
import { SIGNUPS_WITHOUT_CHALLENGE_PER_HOUR } from '../../src/platform/http/form-challenge.ts';
import { expectNoAxeViolations, launchChromium, recordedVisitor, startDemoSite } from '../support/browser.ts';
import { chromiumAvailable } from '../support/suites.ts';

const available = chromiumAvailable();
const prefixed = (locale: 'en' | 'es', path: string) => (locale === 'es' ? `/es${path}` : path);

/** Nothing wider than the phone's screen: the page never scrolls sideways. */
async function expectNoSidewaysScroll(page: Page, label: string) {
  const widths = await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]');
  const [scroll, viewport] = widths as [number, number];
  expect(scroll, `${label} is ${scroll}px wide on a ${viewport}px screen`).toBeLessThanOrEqual(viewport);
}

describe.skipIf(!available.ok)('the public site’s lists, site map and sign-up at 390 px', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
    await seedDemoPetition(site.database.db);
    await makeOpenPetition(site.database.db, 'closed-one', { status: 'closed', goal: 5000 });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  for (const locale of ['en', 'es'] as const) {
    it(`${locale}: /petitions, the site map and /join pass axe, hold at 390 px and ask no other host`, async () => {
      const { context, page, requested, refused } = await recordedVisitor(browser, locale);
      for (const path of ['/petitions', '/site-map', '/join']) {
        const response = await page.goto(site.url + prefixed(locale, path));
        expect(response?.status()).toBe(200);
        await expectNoAxeViolations(page, `${locale} ${path}`);
        await expectNoSidewaysScroll(page, `${locale} ${path}`);
      }
      expect(requested.filter((u) => !u.startsWith(`${site.url}/`))).toEqual([]);
      expect(refused).toEqual([]);

      // The menu leads to the list while the demo petition is open; the footer leads people to the site map.
      await page.goto(site.url + prefixed(locale, '/about'));
      await page.locator('.site-nav a[href$="/petitions"]').click();
      expect(new URL(page.url()).pathname).toBe(prefixed(locale, '/petitions'));
      await page.locator(`main a[href$="/petitions/${DEMO_PETITION_SLUG}"]`).first().isVisible();
      await page.locator('.site-footer a[href$="/site-map"]').click();
      expect(new URL(page.url()).pathname).toBe(prefixed(locale, '/site-map'));
      expect(await page.locator('main a[href$="/petitions/closed-one"]').count()).toBe(1);
      await context.close();
    }, 90_000);
  }

  it('puts each checkbox beside its label, and draws one bar by the home page’s quote', async () => {
    const { context, page } = await recordedVisitor(browser, 'es');
    await page.goto(`${site.url}/es/petitions/${DEMO_PETITION_SLUG}`);
    for (const name of ['showPublicly', 'newsletter']) {
      const box = (await page.locator(`#${name}`).boundingBox())!;
      const label = (await page.locator(`label[for="${name}"]`).boundingBox())!;
      // Side by side: the label starts right of the box, and its first line is level with it.
      expect(label.x).toBeGreaterThan(box.x + box.width);
      expect(label.y).toBeLessThan(box.y + box.height);
    }
    await page.goto(`${site.url}/es`);
    const bars = await page.evaluate(`[...document.querySelectorAll('.quote, .quote *')]
      .filter((e) => parseFloat(getComputedStyle(e).borderLeftWidth) > 0).length`);
    expect(bars).toBe(1);
    await context.close();
  });

  it('without JavaScript, a busy connection gets a question on the same page, not a wait', async () => {
    const { context, page } = await recordedVisitor(browser, 'es', { javaScriptEnabled: false });
    const join = async (email: string) => {
      await page.goto(`${site.url}/es/join`);
      // Ticked already: a person who gives their name and email means to join.
      expect(await page.locator('#topic-newsletter').isChecked()).toBe(true);
      expect(await page.locator('.footer-signup').count()).toBe(0);
      await page.locator('#givenName').fill('Sala');
      await page.locator('#email').fill(email);
      await Promise.all([page.waitForNavigation(), page.locator('main button[type="submit"]').click()]);
    };
    for (let i = 0; i < SIGNUPS_WITHOUT_CHALLENGE_PER_HOUR; i++) {
      await join(`sala-${i}@example.org`);
      expect(await page.locator('h1').textContent()).toBe('Revisa tu correo');
    }
    await join('sala-late@example.org');
    const question = page.locator('label[for="person-check"]');
    expect(await question.textContent()).toMatch(/¿cuánto es \d más \d\?/);
    expect(await page.locator('#email').inputValue()).toBe('sala-late@example.org');
    await expectNoSidewaysScroll(page, 'es /join with the question');
    // axe runs as a script, which this visitor has turned off: the same page is checked in a browser that has it.
    const asked = await page.content();
    const checker = await recordedVisitor(browser, 'es');
    await checker.page.goto(`${site.url}/es/join`);
    await checker.page.setContent(asked, { waitUntil: 'load' });
    await expectNoAxeViolations(checker.page, 'es /join with the question');
    await checker.context.close();
    const [, a, b] = /(\d) más (\d)/.exec((await question.textContent())!)!;
    await page.locator('#person-check').fill(String(Number(a) + Number(b)));
    await Promise.all([page.waitForNavigation(), page.locator('main button[type="submit"]').click()]);
    expect(await page.locator('h1').textContent()).toBe('Revisa tu correo');
    await context.close();
  }, 90_000);
});
