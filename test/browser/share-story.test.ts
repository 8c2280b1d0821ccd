import { desc, like } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox } from '../../src/features/email/schema.ts';
import { stories } from '../../src/features/stories/schema.ts';
import { askForConsentAgain, FileKeyRing, StoryVault } from '../../src/features/stories/service.ts';
import { QUICK_EXIT_URL } from '../../src/platform/web/quick-exit.tsx';
import { testConfig } from '../support/app.ts';
import { expectNoAxeViolations, launchChromium, recordedVisitor, startDemoSite } from '../support/browser.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

/** The neutral site, answered here: the test never leaves this machine. */
async function neutralSite(page: Page) {
  await page.route(`${QUICK_EXIT_URL}**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Weather</title><p>Sunny</p>' }),
  );
}

async function noSidewaysScroll(page: Page, label: string) {
  const overflow = await page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
  expect(overflow, label).toBeLessThanOrEqual(0);
}

/** Where keyboard focus is: an id, a name and value, or a class. */
const focused = (page: Page) =>
  page.evaluate<string>(`(() => {
    const el = document.activeElement;
    if (!el) return '';
    return el.id || (el.name ? el.name + '=' + el.value : '') || el.className || el.tagName.toLowerCase();
  })()`);

describe.skipIf(!available.ok)('sharing a story in a real browser', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;
  let checker: Page | undefined;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  /**
   * axe runs as a script, which a page without JavaScript cannot: the page's HTML as that visitor got it is put
   * into a page of the same site, at the same width, with JavaScript on, and checked there.
   */
  async function axeWithoutScript(page: Page, label: string) {
    const html = await page.content();
    checker ??= await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await checker.goto(`${site.url}/no-such-page`);
    await checker.setContent(html, { waitUntil: 'domcontentloaded' });
    await expectNoAxeViolations(checker, label);
    await noSidewaysScroll(checker, label);
  }

  it('without JavaScript: errors by each field, then a kept story, its deletion link, and deletion', async () => {
    const { context, page } = await recordedVisitor(browser, 'en', { javaScriptEnabled: false });
    await page.goto(`${site.url}/share-your-story`);
    await axeWithoutScript(page, 'form');
    await page.fill('#email', 'not an address');
    await page.check('#contactBeforePublishing');
    await page.click('button[type=submit]:has-text("Send my story")');
    expect(await page.title()).toMatch(/^Error: Share your story/);
    const summary = await page.locator('.error-summary a').allTextContents();
    expect(summary).toEqual([
      'Write your story, in as many or as few words as you like',
      'Enter an email address like name@example.org, or leave it empty',
      'Choose who may read your story',
    ]);
    expect(await page.inputValue('#email')).toBe('not an address');
    await axeWithoutScript(page, 'form with errors');

    await page.fill('#story', 'What happened to my family, in my words.');
    await page.fill('#email', 'browser.teller@example.org');
    await page.check('#publishConsent-anonymous');
    await page.click('button[type=submit]:has-text("Send my story")');
    await page.locator('h1', { hasText: 'Thank you for sharing your story' }).waitFor();
    await axeWithoutScript(page, 'thank-you');
    const link = (await page.locator('.story-link a').getAttribute('href'))!;
    expect(link).toMatch(/\/share-your-story\/delete\/[A-Za-z0-9_-]{43}$/);

    const [story] = await site.database.db.select().from(stories).orderBy(desc(stories.id)).limit(1);
    const vault = new StoryVault(new FileKeyRing(testConfig().storiesKeyFile));
    expect(
      await askForConsentAgain({ db: site.database.db, vault, publicUrl: site.url }, story!.id, {
        staffId: null,
        email: 'test@example.org',
        ip: '127.0.0.1',
      }),
    ).toBe('asked');
    const [mail] = await site.database.db
      .select()
      .from(emailOutbox)
      .where(like(emailOutbox.idempotencyKey, `story:${story!.publicId}:consent:%`));
    await page.goto(`${site.url}/es/share-your-story/consent/${String(mail!.data.token)}`);
    expect(await page.locator('h1').textContent()).toContain('Elige de nuevo');
    await axeWithoutScript(page, 'consent page');

    await page.goto(link);
    await axeWithoutScript(page, 'delete confirmation');
    await page.click('button:has-text("Yes, delete my story")');
    await page.locator('h1', { hasText: 'Your story is deleted' }).waitFor();

    // Without JavaScript the exit is a plain link to the neutral site.
    await neutralSite(page);
    await page.goto(`${site.url}/share-your-story`);
    await page.click('.quick-exit-button');
    await page.waitForURL(`${QUICK_EXIT_URL}**`);
    await context.close();
  }, 120_000);

  it('by keyboard alone: the exit first, the fields in order, focus on the error summary, then sent', async () => {
    const { context, page, refused } = await recordedVisitor(browser, 'en');
    await page.goto(`${site.url}/share-your-story`);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('skip-link');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toContain('quick-exit-button');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('story');

    const visited: string[] = [];
    for (let i = 0; i < 40 && !visited.includes('button'); i++) {
      await page.keyboard.press('Tab');
      const at = await focused(page);
      visited.push(at.includes('button') && !at.includes('secondary') ? 'button' : at);
    }
    const order = ['contentNotes', 'name', 'email', 'phone', 'county', 'kinds-survivor', 'topics-healing'];
    const consentAt = visited.findIndex((v) => v.startsWith('publishConsent'));
    order.push(visited[consentAt]!, 'testimonyConsent', 'contactBeforePublishing', 'button');
    expect(order.map((id) => visited.indexOf(id)).every((at, i, all) => at >= 0 && (i === 0 || at > all[i - 1]!))).toBe(
      true,
    );
    await page.keyboard.press('Enter');
    await page.waitForURL(/share-your-story$/);
    await page.locator('.error-summary').waitFor();
    expect(await page.evaluate<boolean>("document.activeElement.classList.contains('error-summary')")).toBe(true);
    await expectNoAxeViolations(page, 'form with errors and its draft controls');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.hash')).toBe('#story');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('story');
    await page.keyboard.type('Typed with the keyboard only.');
    while (!(await focused(page)).startsWith('publishConsent')) await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    while ((await focused(page)) !== 'button') await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('h1', { hasText: 'Thank you for sharing your story' }).waitFor({ timeout: 30_000 });
    expect(refused).toEqual([]);
    await context.close();
  }, 120_000);

  it('keeps a draft on the device only when asked, and deletes it when asked', async () => {
    const { context, page } = await recordedVisitor(browser, 'en');
    await page.goto(`${site.url}/share-your-story`);
    await page.fill('#story', 'Half a story.');
    await page.fill('#email', 'never.kept@example.org');
    expect(await page.evaluate<number>('localStorage.length'), 'nothing kept unasked').toBe(0);
    await page.click('button:has-text("Save a draft on this device")');
    expect(await page.locator('[data-draft="status"]').textContent()).toContain('Draft saved on this device');
    expect(await page.evaluate<string>('JSON.stringify(localStorage)')).not.toContain('never.kept');
    await page.reload();
    expect(await page.inputValue('#story')).toBe('Half a story.');
    await page.click('button:has-text("Delete the saved draft")');
    expect(await page.evaluate<number>('localStorage.length')).toBe(0);
    await page.reload();
    expect(await page.inputValue('#story')).toBe('');
    await context.close();
  }, 60_000);

  it('leaves at once by the button and by Shift pressed three times, without a way back', async () => {
    const { context, page, refused } = await recordedVisitor(browser, 'en');
    await neutralSite(page);
    for (const how of ['button', 'shift'] as const) {
      await page.goto(`${site.url}/`);
      await page.goto(`${site.url}/share-your-story`);
      await noSidewaysScroll(page, 'form with JavaScript');
      await page.locator('.quick-exit-hint').waitFor();
      const before = await page.evaluate<number>('history.length');
      if (how === 'button') await page.click('.quick-exit-button');
      else {
        await page.locator('#story').click();
        // A capital letter between presses starts the count again; a held key's repeats do not count.
        await page.keyboard.press('Shift');
        await page.keyboard.press('Shift+A');
        await page.keyboard.press('Shift');
        await page.keyboard.press('Shift');
        expect(page.url(), 'two presses are not three').toContain('/share-your-story');
        await page.keyboard.press('Shift');
      }
      await page.waitForURL(`${QUICK_EXIT_URL}**`);
      expect(await page.evaluate<number>('history.length'), how).toBe(before);
      await page.goBack();
      expect(page.url(), how).toBe(`${site.url}/`);
    }
    expect(refused).toEqual([]);
    await context.close();
  }, 60_000);
});
