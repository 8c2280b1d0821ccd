import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations } from '../support/axe.ts';
import { launchChromium, startDemoSite } from '../support/browser.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';

const available = chromiumAvailable();
if (!available.ok) {
  if (requireAll())
    throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);
  process.stdout.write(`\n[groundswell] SKIPPED the browser tests: ${available.reason}\n\n`);
}

const paths = [
  '/',
  '/about',
  '/tips',
  '/policies',
  '/resources',
  '/resources?q=survivors',
  '/news',
  '/news/sample-advocacy-day',
  '/search',
  '/search?q=survivors',
  '/search?q=sobrevivientes',
  '/privacy',
  '/join',
  '/confirm/this-link-is-not-valid-at-all',
  `/preferences/1.${'y'.repeat(32)}`,
  '/no-such-page',
];

describe.skipIf(!available.ok)('public pages in a real browser', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  /** Opens a page, recording every request the browser makes on its behalf. */
  async function open(path: string, locale: 'en' | 'es', viewport = { width: 390, height: 844 }) {
    const context = await browser.newContext({ viewport, locale: locale === 'es' ? 'es-US' : 'en-US' });
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    const url = site.url + (locale === 'es' ? (path === '/' ? '/es' : `/es${path}`) : path);
    const response = await page.goto(url, { waitUntil: 'load' });
    return { page, context, response, requested };
  }

  for (const locale of ['en', 'es'] as const) {
    for (const path of paths) {
      it(`${locale} ${path}: loads, passes axe (WCAG 2.2 AA) and asks no other host`, async () => {
        const { page, context, response, requested } = await open(path, locale);
        expect(response?.status()).toBe(
          path === '/no-such-page' || path.startsWith('/preferences/') ? 404 : path.startsWith('/confirm/') ? 410 : 200,
        );
        expect(await page.getAttribute('html', 'lang')).toBe(locale);
        expect(describeViolations(await axeViolations(page))).toEqual([]);
        const elsewhere = requested.filter((u) => !u.startsWith(site.url + '/'));
        expect(elsewhere).toEqual([]);
        // The stylesheet loaded: the page is styled, not bare.
        expect(requested.some((u) => /\/assets\/site\.[0-9a-f]+\.css$/.test(u))).toBe(true);
        await context.close();
      });
    }
  }

  it('answers a form too large to read with a page in its language that passes axe', async () => {
    for (const locale of ['en', 'es'] as const) {
      const { page, context } = await open('/join', locale);
      const answer = page.waitForResponse((r) => r.request().method() === 'POST');
      // What a script or a paste gone wrong could send: far past the field's maxlength and the form's limit.
      await page.evaluate(`{
        const form = document.querySelector('main form[method="post"]');
        form.querySelector('input[name="email"]').value = 'a'.repeat(70 * 1024);
        form.submit();
      }`);
      expect((await answer).status()).toBe(413);
      await page.waitForLoadState('load');
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      expect(await page.locator('h1').textContent()).toBe(
        locale === 'es' ? 'Es demasiado grande' : 'That is too large',
      );
      const violations = await axeViolations(page);
      expect(violations.map((v) => v.id)).toEqual([]);
      await context.close();
    }
  });

  it('passes axe on a wide desktop screen too', async () => {
    const { page, context } = await open('/', 'en', { width: 1280, height: 900 });
    const violations = await axeViolations(page);
    expect(violations.map((v) => v.id)).toEqual([]);
    await context.close();
  });

  it('works by keyboard: the first Tab shows the skip link, which moves focus to the main content', async () => {
    const { page, context } = await open('/resources', 'en');
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.textContent()).toBe('Skip to main content');
    // Visible on screen while focused, not only present.
    expect((await focused.boundingBox())?.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await page.locator('main#main:focus').count()).toBe(1);
    // The next Tab lands inside the main content, past the navigation.
    await page.keyboard.press('Tab');
    expect(await page.locator('main :focus').count()).toBe(1);
    await context.close();
  });

  it('switches language with the switcher and stays there on the next visit', async () => {
    const { page, context } = await open('/tips', 'en');
    await page.getByRole('link', { name: 'Español' }).click();
    expect(new URL(page.url()).pathname).toBe('/es/tips');
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    await page.goto(site.url + '/about');
    expect(new URL(page.url()).pathname).toBe('/about');
    await page.getByRole('link', { name: 'English' }).count();
    await context.close();
  });

  it('searches the library without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'es-US' });
    const page = await context.newPage();
    await page.goto(site.url + '/es/resources');
    await page.getByLabel('Buscar en la biblioteca').fill('sobrevivientes');
    await page.locator('#main').getByRole('button', { name: 'Buscar' }).click();
    expect(new URL(page.url()).searchParams.get('q')).toBe('sobrevivientes');
    expect(await page.locator('h2#results').textContent()).toMatch(/Encontramos \d+ recursos?/);
    expect(await page.locator('main li h3').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('searches the whole site from the header of any page without JavaScript, at 390 px', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(site.url + '/es/tips');
    const field = page.getByRole('banner').getByLabel('Buscar en este sitio');
    // On its own line, whole: nothing of the header is pushed off a narrow screen.
    const box = (await field.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await field.fill('víctimas');
    await field.press('Enter');
    expect(new URL(page.url()).pathname).toBe('/es/search');
    expect(new URL(page.url()).searchParams.get('q')).toBe('víctimas');
    expect(await page.locator('#main').getByLabel('Buscar en este sitio').inputValue()).toBe('víctimas');
    const first = page.locator('.search-results li h3 a').first();
    expect(await first.getAttribute('href')).toMatch(/^\/es\//);
    await first.click();
    expect(new URL(page.url()).pathname).toMatch(/^\/es\//);
    await context.close();
  });
});
