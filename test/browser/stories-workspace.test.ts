import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertModerationStory } from '../../src/features/stories/moderation-fixture.ts';
import { staffUsers } from '../../src/features/staff/schema.ts';
import { storyById } from '../../src/features/stories/story-records.ts';
import { testStoryVault } from '../support/admin-routes-stories.ts';
import { expectNoAxeViolations, launchChromium, startDemoSite } from '../support/browser.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';
import { expectNoOverflow, staffPage, submitted } from '../support/workspace-browser.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

/**
 * Story moderation on a phone (390 px): the queue empty and full, a story, and the publish and delete questions
 * read without axe violations or sideways scrolling; then a moderator redacts and publishes a story by keyboard.
 */
describe.skipIf(!available.ok)('the stories workspace', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;
  let page: Awaited<ReturnType<typeof staffPage>>;
  const original = 'Maria told me at the Salem bus station that she had been hurt.';

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
    page = await staffPage(browser, site, { role: 'editor', displayName: 'Story moderator' });
    // Stories access is a grant on top of the role (ADR 063); this site's one member of staff gets it.
    await site.database.db.update(staffUsers).set({ storiesAccess: true });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  const deps = () => ({ db: site.database.db, vault: testStoryVault() });
  const check = async (path: string, label = path) => {
    await page.goto(`${site.url}${path}`);
    await expectNoAxeViolations(page, label);
    await expectNoOverflow(page, label);
  };

  it('reads without axe violations, and fits 390 px, on every moderation screen', async () => {
    await check('/admin/stories', 'the empty queue');
    expect(await page.getByRole('heading', { name: 'No stories yet' }).isVisible()).toBe(true);
    const waiting = await insertModerationStory(deps(), {
      original,
      testimonyConsent: true,
      contactBeforePublishing: true,
      titleSealed: deps().vault.seal('A long way home'),
      redactedSealed: deps().vault.seal('M. told me at a station that she had been hurt.'),
    });
    await insertModerationStory(deps(), { locale: 'es', publishConsent: 'staff-only', status: 'kept' });
    await check('/admin/stories?state=all', 'the queue');
    expect(await page.locator('main').textContent()).not.toContain('Maria');
    for (const path of ['', '/publish', '/delete']) await check(`/admin/stories/${waiting.id}${path}`);
  }, 120_000);

  it('redacts and publishes a story by keyboard alone', async () => {
    const { id, publicId } = await insertModerationStory(deps(), { original, publishConsent: 'anonymous' });
    await page.goto(`${site.url}/admin/stories`);
    await page.getByRole('link', { name: `Story ${publicId.slice(0, 8)}` }).focus();
    await submitted(page, () => page.keyboard.press('Enter'));
    expect(page.url()).toBe(`${site.url}/admin/stories/${id}`);
    await page.getByLabel('Title', { exact: true }).focus();
    await page.keyboard.type('A long way home');
    await page.getByLabel('Text to publish').focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('M. told me at a station that she had been hurt.');
    await page.getByRole('button', { name: 'Save the version to publish' }).focus();
    await submitted(page, () => page.keyboard.press('Enter'));
    expect(page.url()).toMatch(new RegExp(`/admin/stories/${id}\\?done=saved`));
    await page.getByRole('link', { name: 'Publish…' }).focus();
    await submitted(page, () => page.keyboard.press('Enter'));
    expect(await page.title()).toMatch(/^Publish Story/);
    // Anonymous is the one way this consent allows, so it is already chosen.
    expect(await page.getByLabel('With no name (anonymous)').isChecked()).toBe(true);
    expect(await page.getByLabel(/With their first name/).count()).toBe(0);
    await page.getByRole('button', { name: 'Yes, publish it' }).focus();
    await submitted(page, () => page.keyboard.press('Enter'));
    expect(page.url()).toMatch(/done=published/);
    const published = (await storyById(deps(), id))!;
    expect(published).toMatchObject({ status: 'published', publishedAs: 'anonymous', original });
    expect(published.redacted).toBe('M. told me at a station that she had been hurt.');
  }, 120_000);
});
