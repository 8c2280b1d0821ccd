import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBroadcast } from '../../src/features/broadcasts/service.ts';
import { createStaff } from '../../src/features/staff/service.ts';
import { createEmailRuntime } from '../../src/email-runtime.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { testConfig } from '../support/app.ts';
import { axeViolations, describeViolations } from '../support/axe.ts';
import { launchChromium, startDemoSite } from '../support/browser.ts';
import { seedSubscribers } from '../support/email-load.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

const email = 'organizer@psj.example';

/**
 * WCAG 2.2 AA on the page itself. axe cannot run inside an email's frame (its
 * sandbox runs no script, axe's included, and axe waits on it), so the frame
 * is left out here, its title is checked by the test, and the email's own
 * document is checked on a page of its own (`framedEmail`).
 */
const axeOf = (page: Page) => axeViolations(page, { exclude: ['iframe.sandboxed-frame'] });
const password = 'lanterns over the willamette';

/** Fills the compose form on the page (a subject and a message in each language) and saves the draft. */
async function saveDraft(
  page: Page,
  draft: { name: string; tag: string; en: [subject: string, body: string]; es: [subject: string, body: string] },
) {
  await page.getByLabel('Name (for staff only)').fill(draft.name);
  await page.getByLabel('Only people with this tag (optional)').fill(draft.tag);
  for (const lang of ['en', 'es'] as const) {
    await page.locator(`[name="${lang}.subject"]`).fill(draft[lang][0]);
    await page.locator(`[name="${lang}.body"]`).fill(draft[lang][1]);
  }
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save draft' }).click()]);
}

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
    expect(describeViolations(await axeOf(page), label)).toEqual([]);
  }

  it('refuses a blank broadcast with messages by the fields, ' +
    'then sends one and shows the counts rising without a reload', async () => {
    await page.goto(`${site.url}/admin/broadcasts/new`);
    await expectNoAxeViolations('new broadcast');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save draft' }).click()]);
    expect(await page.title()).toMatch(/^Error:/);
    expect(await page.locator('.error-summary').textContent()).toContain('Write a subject');
    await expectNoAxeViolations('new broadcast with errors');

    await saveDraft(page, {
      name: 'Advocacy Day reminder',
      tag: 'advocacy-day',
      en: ['See you at the Capitol, {{givenName}}', 'Hello {{givenName}}, bring a friend. [Tips](/tips)'],
      es: ['Nos vemos en el Capitolio, {{givenName}}', 'Hola, {{givenName}}: trae a alguien. [Consejos](/tips)'],
    });
    expect(await page.locator('main').textContent()).toContain('30 people right now');
    await expectNoAxeViolations('draft');

    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: /Schedule or send to 30 people/ }).click(),
    ]);
    // Nothing goes out before the page that asks.
    expect(await page.locator('h1').textContent()).toBe('Send to 30 people now?');
    await expectNoAxeViolations('send confirmation');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Send to 30 people now' }).click()]);
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

describe.skipIf(!available.ok)('a broadcast previewed, confirmed and read in the Mailbox', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;
  let runtime: ReturnType<typeof createEmailRuntime>;
  const admin = { email: 'admin@psj.example', password: 'tides over the columbia gorge' };

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
    await createStaff(site.database.db, { ...admin, displayName: 'Rosa Martinez', role: 'admin' });
    await seedSubscribers(site.database.db, 3, 'preview-walk');
    // No SMTP_URL: the worker keeps what it sends in the Mailbox, as the demo does.
    runtime = createEmailRuntime({
      config: testConfig({ PUBLIC_URL: site.url }),
      database: site.database,
      logger: createLogger({ level: 'silent', pretty: false }),
    });
  }, 90_000);
  afterAll(async () => {
    await runtime?.stop();
    await browser?.close();
    await site?.stop();
  });

  /** A signed-in admin at this width, with every CSP complaint recorded. */
  async function signedIn(width: number, javaScriptEnabled: boolean) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled });
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to (frame|display)/i.test(m.text())) refused.push(m.text());
    });
    await page.goto(`${site.url}/admin/sign-in`);
    await page.getByLabel('Email address').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await Promise.all([page.waitForURL(`${site.url}/admin`), page.getByLabel('Password').press('Enter')]);
    return { context, page, refused };
  }

  async function check(page: Page, label: string) {
    expect(describeViolations(await axeOf(page), label)).toEqual([]);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow, `${label}: wider than the screen`).toBeLessThanOrEqual(0);
  }

  /**
   * The email in the page's first sandboxed frame: it granted nothing, it was
   * loaded (not refused by a policy), it holds what is expected, and as a
   * document of its own it has no axe violations either.
   */
  async function framedEmail(page: Page, containing: string, label: string) {
    const frame = page.locator('iframe.sandboxed-frame').first();
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('title')).toMatch(/the email as most mail apps show it$/);
    const src = new URL((await frame.getAttribute('src'))!, site.url).href;
    await expect.poll(() => page.frames().map((f) => f.url()), { timeout: 10_000 }).toContain(src);
    const document = await page.request.get(src);
    expect(document.headers()['content-security-policy']).toContain('sandbox');
    const html = await document.text();
    expect(html).toContain(containing);
    const alone = await page.context().newPage();
    await alone.setContent(html);
    const violations = await axeOf(alone);
    expect(violations.map((v) => `${label} (the email): ${v.id}`)).toEqual([]);
    await alone.close();
  }

  // The phone without JavaScript: every step is a plain link or form.
  /** A bilingual draft to the three people tagged for this walk, saved from the compose form. */
  async function composeDraft(page: Page, name: string) {
    await page.goto(`${site.url}/admin/broadcasts/new`);
    await saveDraft(page, {
      name,
      tag: 'preview-walk',
      en: ['See you in Salem, {{givenName}}', 'Hello **{{givenName}}**, read [our policies](/policies).'],
      es: ['Nos vemos en Salem, {{givenName}}', 'Hola, {{givenName}}: lee [nuestras políticas](/policies).'],
    });
  }

  it.each([390, 1280])(
    'at %i px: the preview, the confirmation and the Mailbox message with its HTML frame',
    async (width) => {
      const { context, page, refused } = await signedIn(width, true);
      await composeDraft(page, `Walk at ${width}`);

      const preview = page.locator('section[aria-labelledby="preview-heading"]');
      expect(await preview.textContent()).not.toContain('{{');
      expect(await preview.locator('.inbox-line').first().textContent()).toContain('See you in Salem, Alex');
      await framedEmail(page, 'Hello <strong>Alex</strong>, read <a', `preview at ${width}`);
      expect(await page.locator('iframe.sandboxed-frame').nth(1).getAttribute('src')).toMatch(/\/preview\/es$/);
      expect(await preview.locator('pre.mail').nth(1).textContent()).toContain('Hola, Sofía: lee nuestras políticas (');
      await check(page, `preview at ${width}`);

      await Promise.all([
        page.waitForNavigation(),
        page.getByRole('button', { name: /Schedule or send to 3 people/ }).click(),
      ]);
      expect(await page.locator('h1').textContent()).toBe('Send to 3 people now?');
      await check(page, `send confirmation at ${width}`);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Send to 3 people now' }).click()]);
      await runtime.scheduler.runOnce();
      while ((await runtime.worker.runOnce()) > 0);

      await page.goto(`${site.url}/admin/mailbox`);
      await Promise.all([
        page.waitForNavigation(),
        page
          .getByRole('link', { name: /See you in Salem/ })
          .first()
          .click(),
      ]);
      expect(await page.locator('pre.mail').textContent()).toMatch(
        /read our policies \(http:\/\/127\.0\.0\.1:\d+\/policies\)\./,
      );
      await framedEmail(page, '/policies">our policies</a>', `mailbox message at ${width}`);
      await check(page, `mailbox message at ${width}`);
      expect(refused).toEqual([]);
      await context.close();
    },
    90_000,
  );

  it('without JavaScript, a send and a cancel each wait for their confirmation page', async () => {
    const { context, page } = await signedIn(390, false);
    await composeDraft(page, 'Walk without JavaScript');
    const draftUrl = page.url();
    const id = Number(new URL(draftUrl).pathname.split('/').pop());
    const click = (name: string | RegExp) =>
      Promise.all([page.waitForNavigation(), page.getByRole('button', { name }).click()]);

    await click(/Schedule or send to 3 people/);
    expect(await page.locator('h1').textContent()).toBe('Send to 3 people now?');
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'No, back to the draft' }).click()]);
    expect((await getBroadcast(site.database.db, id))?.status).toBe('draft');

    await page.getByLabel(/Send at/).fill('2099-06-01T09:30');
    await click(/Schedule or send to 3 people/);
    expect(await page.locator('h1').textContent()).toBe('Send to 3 people on Jun 1, 2099, 9:30 AM PDT?');
    await click('Schedule it for Jun 1, 2099, 9:30 AM PDT');
    expect((await getBroadcast(site.database.db, id))?.status).toBe('scheduled');

    await click('Cancel this broadcast…');
    expect(await page.locator('h1').textContent()).toBe('Cancel the broadcast “Walk without JavaScript”?');
    expect((await getBroadcast(site.database.db, id))?.status).toBe('scheduled');
    await click('Yes, cancel it');
    expect(await page.locator('.notice').textContent()).toContain('Cancelled.');
    expect((await getBroadcast(site.database.db, id))?.status).toBe('cancelled');
    await context.close();
  }, 60_000);
});
