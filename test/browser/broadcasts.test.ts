import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff } from '../../src/features/staff/service.ts';
import { createEmailRuntime } from '../../src/email-runtime.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { testConfig } from '../support/app.ts';
import { launchChromium, startDemoSite } from '../support/browser.ts';
import { seedSubscribers } from '../support/email-load.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

const wcag22aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const email = 'organizer@psj.example';
const password = 'lanterns over the willamette';

describe.skipIf(!available.ok)('a broadcast, composed and watched in a real browser', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;
  let page: Page;
  let runtime: ReturnType<typeof createEmailRuntime>;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
    await createStaff(site.database.db, { email, displayName: 'Organizer', role: 'organizer', password });
    await seedSubscribers(site.database.db, 30, 'advocacy-day');
    // The real worker and scheduler, slowed to 10 messages a second so the counts visibly move.
    runtime = createEmailRuntime({
      config: testConfig({ PUBLIC_URL: site.url, EMAIL_MESSAGES_PER_SECOND: '10' }),
      database: site.database,
      logger: createLogger({ level: 'silent', pretty: false }),
    });
    runtime.start();
    page = await (await browser.newContext({ viewport: { width: 1024, height: 900 } })).newPage();
    await page.goto(`${site.url}/admin/sign-in`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(password);
    await Promise.all([page.waitForURL(`${site.url}/admin`), page.getByLabel('Password').press('Enter')]);
  }, 90_000);
  afterAll(async () => {
    await runtime?.stop();
    await browser?.close();
    await site?.stop();
  });

  async function expectNoAxeViolations(label: string) {
    const { violations } = await new AxeBuilder({ page }).withTags(wcag22aa).analyze();
    expect(violations.map((v) => `${label}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
      [],
    );
  }

  it('refuses a blank broadcast with messages by the fields, then sends one and shows the counts rising without a reload', async () => {
    await page.goto(`${site.url}/admin/broadcasts/new`);
    await expectNoAxeViolations('new broadcast');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save draft' }).click()]);
    expect(await page.title()).toMatch(/^Error:/);
    expect(await page.locator('.error-summary').textContent()).toContain('Write a subject');
    await expectNoAxeViolations('new broadcast with errors');

    await page.getByLabel('Name (for staff only)').fill('Advocacy Day reminder');
    await page.getByLabel('Only people with this tag (optional)').fill('advocacy-day');
    await page.locator('[name="en.subject"]').fill('See you at the Capitol, {{givenName}}');
    await page.locator('[name="en.body"]').fill('Hello {{givenName}}, bring a friend. [Tips](/tips)');
    await page.locator('[name="es.subject"]').fill('Nos vemos en el Capitolio, {{givenName}}');
    await page.locator('[name="es.body"]').fill('Hola, {{givenName}}: trae a alguien. [Consejos](/tips)');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save draft' }).click()]);
    expect(await page.locator('main').textContent()).toContain('30 people right now');
    await expectNoAxeViolations('draft');

    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: /Schedule or send to 30 people/ }).click(),
    ]);
    runtime.scheduler.runOnce();
    // The page was rendered once; the workspace script updates the counts as the worker sends.
    const sent = page.locator('output[data-count="sent"]');
    await expect
      .poll(async () => Number((await sent.textContent())?.replace(/,/g, '')), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expect.poll(async () => Number((await sent.textContent())?.replace(/,/g, '')), { timeout: 20_000 }).toBe(30);
    expect(await page.locator('output[data-count="recipients"]').textContent()).toBe('30');
    await expectNoAxeViolations('progress');
    // The list, with the broadcast's start time in the organisation's zone.
    expect((await page.goto(`${site.url}/admin/broadcasts`))?.status()).toBe(200);
    expect(await page.locator('main table').textContent()).toMatch(/Advocacy Day reminder.*Sent.*(PST|PDT)/);
    await expectNoAxeViolations('broadcast list');
  }, 60_000);
});
