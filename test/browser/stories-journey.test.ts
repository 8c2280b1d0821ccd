import { desc, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffUsers } from '../../src/features/staff/schema.ts';
import { stories } from '../../src/features/stories/schema.ts';
import { QUICK_EXIT_URL } from '../../src/platform/web/quick-exit.tsx';
import { launchChromium, recordedVisitor, startDemoSite } from '../support/browser.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';
import { staffPage, submitted } from '../support/workspace-browser.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

// Must show 1 of issue 17: a story told without JavaScript, redacted and published anonymously by a moderator, is
// shown to the public in its redacted words only; the quick exit leaves by button and by Shift pressed three times.
describe.skipIf(!available.ok)('a story from its teller to the public page, in a real browser', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  const told = 'My cousin Teodoro was hurt outside the Salem bus station. It took years to say it out loud.';
  const redacted = 'My cousin was hurt outside a bus station. It took years to say it out loud.';

  it('is sent without JavaScript, redacted, published anonymously, and shown only as redacted', async () => {
    const teller = await recordedVisitor(browser, 'en', { javaScriptEnabled: false });
    await teller.page.goto(`${site.url}/share-your-story`);
    await teller.page.fill('#story', told);
    await teller.page.fill('#name', 'Marisol');
    await teller.page.fill('#email', 'marisol.journey@example.org');
    await teller.page.check('#publishConsent-anonymous');
    await teller.page.click('button[type=submit]:has-text("Send my story")');
    await teller.page.locator('h1', { hasText: 'Thank you for sharing your story' }).waitFor();
    await teller.context.close();
    const [row] = await site.database.db.select().from(stories).orderBy(desc(stories.id)).limit(1);
    expect(row).toMatchObject({ status: 'new', publishConsent: 'anonymous' });

    // A moderator: an editor whom an admin gave stories access.
    const moderator = await staffPage(browser, site, { role: 'editor', displayName: 'Sample Moderator' });
    await site.database.db.update(staffUsers).set({ storiesAccess: true }).where(eq(staffUsers.role, 'editor'));
    await moderator.goto(`${site.url}/admin/stories`);
    await submitted(moderator, () =>
      moderator.getByRole('link', { name: `Story ${row!.publicId.slice(0, 8)}` }).click(),
    );
    expect(await moderator.getByText(told).count()).toBeGreaterThan(0);
    await moderator.getByLabel('Title', { exact: true }).fill('Years to say it');
    await moderator.getByLabel('Text to publish').fill(redacted);
    await submitted(moderator, () => moderator.getByRole('button', { name: 'Save the version to publish' }).click());
    await submitted(moderator, () => moderator.getByRole('link', { name: 'Publish…' }).click());
    expect(await moderator.getByLabel('With no name (anonymous)').isChecked()).toBe(true);
    expect(await moderator.getByLabel(/With their first name/).count(), 'the consent allows no name').toBe(0);
    await submitted(moderator, () => moderator.getByRole('button', { name: 'Yes, publish it' }).click());
    expect(moderator.url()).toMatch(/done=published/);

    const visitor = await recordedVisitor(browser, 'en', { javaScriptEnabled: false });
    await visitor.page.goto(`${site.url}/stories`);
    await visitor.page.getByRole('link', { name: 'Years to say it' }).click();
    expect(visitor.page.url()).toBe(`${site.url}/stories/${row!.publicId}`);
    const main = (await visitor.page.locator('main').textContent())!;
    expect(main).toContain(redacted);
    expect(main).toContain('Shared anonymously');
    for (const kept of ['Teodoro', 'Salem', 'Marisol', 'marisol.journey']) expect(main).not.toContain(kept);
    expect(await visitor.page.content()).not.toMatch(/Teodoro|Salem bus|Marisol/);
    await visitor.context.close();
  }, 180_000);

  it('leaves a story page by the button and by Shift pressed three times, with no way back', async () => {
    const [published] = await site.database.db.select().from(stories).where(eq(stories.status, 'published'));
    const { context, page, refused } = await recordedVisitor(browser, 'en');
    await page.route(`${QUICK_EXIT_URL}**`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Weather</title><p>Sunny</p>' }),
    );
    const leave: Record<string, (p: Page) => Promise<void>> = {
      button: (p) => p.click('.quick-exit-button'),
      shift: async (p) => {
        for (let press = 0; press < 3; press++) await p.keyboard.press('Shift');
      },
    };
    for (const [how, act] of Object.entries(leave)) {
      await page.goto(`${site.url}/stories`);
      await page.goto(`${site.url}/stories/${published!.publicId}`);
      await page.locator('.quick-exit-hint').waitFor();
      const before = await page.evaluate<number>('history.length');
      await Promise.all([page.waitForURL(`${QUICK_EXIT_URL}**`), act(page)]);
      expect(await page.evaluate<number>('history.length'), `${how}: no history entry added`).toBe(before);
      await page.goBack();
      expect(page.url(), `${how}: Back skips the story`).toBe(`${site.url}/stories`);
    }
    expect(refused).toEqual([]);
    await context.close();
  }, 120_000);
});
