import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoContent } from '../../src/features/content/seed/index.ts';
import { staffUsers } from '../../src/features/staff/schema.ts';
import { insertPublishedStory } from '../../src/features/stories/published-test-support.ts';
import { MemoryKeyRing, StoryVault } from '../../src/features/stories/service.ts';
import type { Database } from '../../src/platform/db/client.ts';
import { createTestApp } from '../support/app.ts';
import { expectNoAxeViolations, launchChromium, recordedVisitor } from '../support/browser.ts';
import { openTestPglite } from '../support/databases.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';
import { expectNoOverflow, staffPage } from '../support/workspace-browser.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

(available.ok ? describe : describe.skip)('reading published stories in a real browser', () => {
  let browser: Browser;
  let database: Database;
  let server: ServerType;
  let url: string;
  let cache: ReturnType<typeof createTestApp>['cache'];
  const vault = new StoryVault(new MemoryKeyRing());

  beforeAll(async () => {
    [browser, database] = await Promise.all([launchChromium(), openTestPglite()]);
    await seedDemoContent(database.db);
    const port = await new Promise<number>((resolve) => {
      let app: ReturnType<typeof createTestApp>['app'] | undefined;
      // The public URL must match the port, so the app is built once the port is known.
      server = serve({ fetch: (req) => app!.fetch(req), port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
        const site = createTestApp(database, { PUBLIC_URL: `http://127.0.0.1:${info.port}` }, { storyVault: vault });
        app = site.app;
        cache = site.cache;
        resolve(info.port);
      });
    });
    url = `http://127.0.0.1:${port}`;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await database?.close();
  });

  /** The element focused now, as "tag: text". */
  const focused = (page: Page) =>
    page.evaluate('document.activeElement.tagName + ": " + document.activeElement.textContent.trim()');

  it('says none are published yet, with the way out first after the skip link; passes axe at 390 px', async () => {
    const { context, page } = await recordedVisitor(browser, 'en');
    await page.goto(`${url}/stories`);
    expect(await page.getByText('No stories are published yet.').isVisible()).toBe(true);
    expect(await page.locator('main a[href="/share-your-story"]').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'stories, empty');
    await expectNoOverflow(page, 'stories, empty');
    // The way out is the first thing after the skip link.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('A: Skip to main content');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('A: Exit this page');
    await context.close();
  }, 90_000);

  let story: { publicId: string };
  it('lists stories and opens one behind its content notes; each passes axe at 390 px', async () => {
    const { context, page } = await recordedVisitor(browser, 'en');
    story = await insertPublishedStory(
      { db: database.db, vault },
      {
        title: 'The night my son came home',
        contentNotes: 'Mentions prison and an overdose.',
        redacted: `He came in at two. ${'We talked until the sun came up. '.repeat(12)}\n\nThen he slept.`,
        topics: ['coming-home', 'families'],
        publishedAs: 'first-name',
        publishConsent: 'first-name',
        teller: { name: 'Lucía Gómez' },
        translation: { title: 'La noche en que mi hijo volvió', text: 'Entró a las dos de la mañana.' },
      },
    );
    await insertPublishedStory({ db: database.db, vault }, { title: 'What healing took', topics: ['healing'] });
    cache.invalidate();

    await page.goto(`${url}/stories`);
    await expectNoAxeViolations(page, 'stories');
    await expectNoOverflow(page, 'stories');
    await page.getByRole('link', { name: 'The night my son came home' }).click();
    await page.waitForURL(`${url}/stories/${story.publicId}`);
    expect(await page.getByText('Mentions prison and an overdose.').isVisible()).toBe(true);
    // The words wait behind the disclosure until the reader chooses to go on.
    expect(await page.getByText('Then he slept.').isVisible()).toBe(false);
    await page.getByText('Continue to the story').click();
    expect(await page.getByText('Then he slept.').isVisible()).toBe(true);
    expect(await page.getByText('— Lucía').isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'a story');
    await expectNoOverflow(page, 'a story');
    await page.reload();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('A: Exit this page');
    await context.close();
  }, 90_000);

  it('reads in Spanish, the translation where there is one; passes axe at 390 px', async () => {
    const { context, page } = await recordedVisitor(browser, 'es');
    await page.goto(`${url}/es/stories`);
    await expectNoAxeViolations(page, 'historias');
    await expectNoOverflow(page, 'historias');
    expect(await page.getByRole('link', { name: 'La noche en que mi hijo volvió' }).count()).toBe(1);
    await page.goto(`${url}/es/stories/${story.publicId}`);
    await expectNoAxeViolations(page, 'una historia');
    expect(await page.getByText('Entró a las dos de la mañana.').count()).toBe(1);
    await context.close();
  }, 90_000);

  it('filters by topic with JavaScript off', async () => {
    const { context, page } = await recordedVisitor(browser, 'en', { javaScriptEnabled: false });
    await page.goto(`${url}/stories`);
    await page.getByRole('navigation', { name: 'Stories about' }).getByRole('link', { name: 'Healing' }).click();
    await page.waitForURL(`${url}/stories?topic=healing`);
    expect(await page.getByRole('link', { name: 'What healing took' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'The night my son came home' }).count()).toBe(0);
    expect(await page.locator('a[aria-current="page"]', { hasText: 'Healing' }).count()).toBe(1);
    await context.close();
  }, 60_000);

  it('prints the testimony packet for staff with stories access, passing axe at 390 px', async () => {
    await insertPublishedStory(
      { db: database.db, vault },
      {
        status: 'kept',
        title: 'For the hearing',
        publishConsent: 'staff-only',
        testimonyConsent: true,
        forTestimony: true,
        contentNotes: 'Mentions a shooting.',
      },
    );
    const page = await staffPage(browser, { url, database }, { role: 'organizer', displayName: 'Ana Flores' });
    await database.db.update(staffUsers).set({ storiesAccess: true }).where(eq(staffUsers.displayName, 'Ana Flores'));
    await page.goto(`${url}/admin/stories/testimony`);
    expect(await page.getByRole('heading', { name: 'For the hearing' }).count()).toBe(1);
    expect(await page.getByText('Name withheld').count()).toBe(1);
    await expectNoAxeViolations(page, 'testimony packet');
    await expectNoOverflow(page, 'testimony packet');
    await page.context().close();
  }, 90_000);
});
