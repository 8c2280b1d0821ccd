import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/features/audit/service.ts';
import { createStaff } from '../../src/features/staff/service.ts';
import { axeViolations, describeViolations } from '../support/axe.ts';
import { launchChromium, startDemoSite } from '../support/browser.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

const email = 'editor-in-chief@psj.example';
const password = 'a quiet orchard at dawn';

describe.skipIf(!available.ok)('the staff workspace in a real browser', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;
  let page: Page;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
    await createStaff(site.database.db, { email, displayName: 'Editor in Chief', role: 'admin', password });
    page = await (await browser.newContext({ viewport: { width: 1024, height: 900 } })).newPage();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  /** Runs an action that submits a form and waits for the answer to be on screen. */
  async function submitted(action: () => Promise<void>) {
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
  }

  async function expectNoAxeViolations(label: string) {
    expect(describeViolations(await axeViolations(page), label)).toEqual([]);
  }

  it('signs in by keyboard alone, with errors announced next to the fields', async () => {
    await page.goto(`${site.url}/admin`);
    expect(new URL(page.url()).pathname).toBe('/admin/sign-in');
    await expectNoAxeViolations('sign-in');
    await page.getByLabel('Email address').focus();
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('wrong password entirely');
    await submitted(() => page.keyboard.press('Enter'));
    expect(await page.title()).toMatch(/^Error:/);
    expect(await page.locator('.error-summary').textContent()).toContain('not right');
    expect(await page.getByLabel('Email address').inputValue()).toBe(email);
    await expectNoAxeViolations('sign-in with errors');
    await page.getByLabel('Password').fill(password);
    await page.getByLabel('Password').press('Enter');
    await page.waitForURL(`${site.url}/admin`);
    expect(await page.locator('h1').textContent()).toContain('Welcome');
  });

  it('has zero axe violations on every workspace page', async () => {
    const paths = [
      '/admin',
      '/admin/account',
      '/admin/account/two-step',
      '/admin/staff',
      '/admin/staff/new',
      '/admin/audit',
      '/admin/content',
    ];
    const memberLink = async () => {
      await page.goto(`${site.url}/admin/staff`);
      return page.locator('table a').first().getAttribute('href');
    };
    paths.push((await memberLink())!);
    for (const path of paths) {
      const res = await page.goto(`${site.url}${path}`);
      expect(res?.status(), path).toBe(200);
      await expectNoAxeViolations(path);
    }
  }, 120_000);

  it('turns two-step sign-in on and asks for proof before changing it, on pages with zero axe violations', async () => {
    await page.goto(`${site.url}/admin/account/two-step`);
    const secret = (await page.locator('code.secret').textContent())!;
    const codeAt = (ms: number) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: ms });
    await page.getByLabel('Code from the app').fill(codeAt(Date.now()));
    await submitted(() => page.getByRole('button', { name: 'Turn on two-step sign-in' }).click());
    expect(await page.title()).toMatch(/^Error:/);
    await expectNoAxeViolations('two-step set-up with errors');
    await page.getByLabel('Code from the app').fill(codeAt(Date.now()));
    await page.getByLabel('Your password').fill(password);
    await submitted(() => page.getByRole('button', { name: 'Turn on two-step sign-in' }).click());
    expect(await page.locator('h1').textContent()).toBe('Two-step sign-in is on');
    for (const path of ['/admin/account', '/admin/account/two-step']) {
      await page.goto(`${site.url}${path}`);
      await expectNoAxeViolations(`${path} with two-step on`);
    }
    await page.goto(`${site.url}/admin/account`);
    await page.getByLabel('Your password').first().fill(password);
    await submitted(() => page.getByRole('button', { name: 'Turn off two-step sign-in' }).click());
    expect(await page.title()).toMatch(/^Error:/);
    expect(await page.locator('.error-summary a').getAttribute('href')).toBe('#disable-code');
    await expectNoAxeViolations('turning two-step off with errors');
    await page.getByLabel('Your password').first().fill(password);
    await page.getByLabel('Code from your app').fill(codeAt(Date.now() + 30_000));
    await submitted(() => page.getByRole('button', { name: 'Turn off two-step sign-in' }).click());
    expect(await page.locator('.notice').textContent()).toContain('Two-step sign-in is off');
  }, 60_000);

  it('edits the Spanish home page, shows it on the public site, and finds the change in the audit log', async () => {
    await page.goto(`${site.url}/admin/content/pages/home`);
    await page.getByRole('link', { name: /Edit Spanish/ }).click();
    expect(new URL(page.url()).pathname).toBe('/admin/content/pages/home/es/edit');
    const heading = page.locator('[name="section.hero.heading"]');
    await heading.fill('Sanar es la respuesta al daño');
    // Preview first: shown, not saved.
    await submitted(() => page.getByRole('button', { name: 'Preview' }).click());
    expect(await page.locator('.preview').textContent()).toContain('Sanar es la respuesta al daño');
    const publicBefore = await (await fetch(`${site.url}/es`, { headers: { cookie: 'lang=es' } })).text();
    expect(publicBefore).not.toContain('Sanar es la respuesta al daño');
    expect(await page.locator('[name="section.hero.heading"]').inputValue()).toBe('Sanar es la respuesta al daño');
    await submitted(() => page.locator('form button.button:not(.secondary)').first().click());

    const visitor = await browser.newPage();
    await visitor.goto(`${site.url}/es`);
    expect(await visitor.locator('h1').first().textContent()).toBe('Sanar es la respuesta al daño');
    await visitor.goto(`${site.url}/`);
    expect(await visitor.locator('h1').first().textContent()).not.toBe('Sanar es la respuesta al daño');
    await visitor.close();

    await page.goto(`${site.url}/admin/audit?action=page.update`);
    const entry = page.locator('table tbody a').first();
    expect(await entry.textContent()).toMatch(/^Editor in Chief edited the page .+ \(Spanish\)$/);
    // The words changed are one click away, under the field's label.
    await Promise.all([page.waitForURL(/\/admin\/audit\/\d+$/), entry.click()]);
    const change = page.locator('main tr', { has: page.locator('th', { hasText: 'Section “hero”: heading' }) });
    expect(await change.textContent()).toContain('Sanar es la respuesta al daño');
  });

  it('has zero axe violations on every content workspace page', async () => {
    const paths = [
      '/admin/content',
      '/admin/content/pages',
      '/admin/content/pages/new',
      '/admin/content/pages/home',
      '/admin/content/pages/home/es/edit',
      '/admin/content/pages/tips/en/unpublish',
      '/admin/content/policies',
      '/admin/content/policies/new',
      '/admin/content/resources',
      '/admin/content/resources/new',
      '/admin/content/history/page/home.es',
    ];
    await page.goto(`${site.url}/admin/content/policies`);
    paths.push((await page.locator('main table a').first().getAttribute('href'))!);
    await page.goto(`${site.url}/admin/content/resources`);
    paths.push((await page.locator('main table a').first().getAttribute('href'))!);
    await page.goto(`${site.url}/admin/content/history/page/home.es`);
    const version = await page
      .locator('main a[href*="/admin/content/history/page/home.es/"]')
      .first()
      .getAttribute('href');
    if (version) paths.push(version);
    for (const path of paths) {
      const res = await page.goto(`${site.url}${path}`);
      expect(res?.status(), path).toBe(200);
      await expectNoAxeViolations(path);
    }
  }, 120_000);

  it('shows the sign-in in the audit log', async () => {
    const { rows } = await listAudit(site.database.db, { action: 'staff.sign-in' });
    expect(rows.some((r) => r.actorEmail === email)).toBe(true);
    await page.goto(`${site.url}/admin/audit?action=staff.sign-in`);
    expect(await page.locator('table').textContent()).toContain('Editor in Chief signed in');
  });
});
