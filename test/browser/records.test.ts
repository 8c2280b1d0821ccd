import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, recordAudit } from '../../src/features/audit/service.ts';
import { createStaff } from '../../src/features/staff/service.ts';
import { expectNoAxeViolations, launchChromium, startDemoSite } from '../support/browser.ts';
import { seedSubscribers } from '../support/email-load.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

const email = 'rosa@psj.example';
const password = 'records a person can read';

describe.skipIf(!available.ok)('the workspace’s records on a phone and a laptop', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;
  let entryPath: string;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
    const rosa = await createStaff(site.database.db, {
      email,
      displayName: 'Rosa Martinez',
      role: 'admin',
      password,
    });
    await seedSubscribers(site.database.db, 12, 'records');
    // What made the log overflow before: a long text with Windows line ends and an unbroken address.
    const body = (line: string) =>
      `# Advocacy Day\r\n\r\n${line}\r\n\r\nhttps://example.org/${'a-very-long-path-'.repeat(12)}\r\n`;
    await recordAudit(
      site.database.db,
      { staffId: rosa.id, email, ip: '192.0.2.10' },
      {
        action: 'page.update',
        subjectType: 'page',
        subjectId: 'advocacy-day.en',
        subjectLabel: 'Advocacy Day (English)',
        before: { bodyMd: body('Join us at the Capitol on March 3.'), title: 'Advocacy Day' },
        after: { bodyMd: body('Join us at the Capitol on March 10.'), title: 'Advocacy Day 2027' },
      },
    );
    const { rows } = await listAudit(site.database.db, { action: 'page.update', perPage: 1 });
    entryPath = `/admin/audit/${rows[0]!.id}`;
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  async function signedIn(width: number): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
    await page.goto(`${site.url}/admin/sign-in`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(password);
    await Promise.all([page.waitForURL(`${site.url}/admin`), page.getByLabel('Password').press('Enter')]);
    return page;
  }

  for (const width of [390, 1280]) {
    it(`fits the audit log, an entry, home and supporters in ${width} px, with zero axe violations`, async () => {
      const page = await signedIn(width);
      for (const path of ['/admin/audit', entryPath, '/admin', '/admin/supporters']) {
        const res = await page.goto(`${site.url}${path}`);
        expect(res?.status(), path).toBe(200);
        // A string, so the browser's globals need no DOM types here.
        const { scrollWidth, innerWidth } = await page.evaluate<{ scrollWidth: number; innerWidth: number }>(
          '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
        );
        expect(scrollWidth, `${path} at ${width} px`).toBeLessThanOrEqual(innerWidth);
        await expectNoAxeViolations(page, `${path} at ${width} px`);
      }
      await page.context().close();
    }, 90_000);
  }

  it('reads the log as sentences and opens an entry’s text as a diff', async () => {
    const page = await signedIn(1280);
    await page.goto(`${site.url}/admin`);
    expect(await page.locator('#activity + ul').textContent()).toContain('Rosa Martinez signed in');
    await page.goto(`${site.url}/admin/audit?action=page.update`);
    const entry = page.getByRole('link', { name: 'Rosa Martinez edited the page Advocacy Day (English)' });
    expect(await page.locator('footer').textContent()).toContain('Times are Pacific Time.');
    await Promise.all([page.waitForURL(`${site.url}${entryPath}`), entry.click()]);
    expect(await page.locator('h1').textContent()).toBe('Rosa Martinez edited the page Advocacy Day (English)');
    expect(await page.locator('main del').textContent()).toContain('Join us at the Capitol on March 3.');
    expect(await page.locator('main ins').textContent()).toContain('Join us at the Capitol on March 10.');
    const text = (await page.locator('main').textContent()) ?? '';
    for (const machinery of ['bodyMd', '\\r\\n', '{"']) expect(text).not.toContain(machinery);
    await page.context().close();
  }, 60_000);
});
