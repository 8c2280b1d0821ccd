import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBroadcast } from '../../src/features/broadcasts/service.ts';
import { petitions } from '../../src/features/petitions/schema.ts';
import { createStaff, type StaffRole } from '../../src/features/staff/service.ts';
import { createEmailRuntime } from '../../src/email-runtime.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { testConfig } from '../support/app.ts';
import { expectNoAxeViolations, launchChromium, startDemoSite } from '../support/browser.ts';
import { seedSubscribers } from '../support/email-load.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

const password = 'rain on the capitol steps in salem';
const people: Record<'editor' | 'organizer' | 'admin', { email: string; name: string }> = {
  editor: { email: 'editor@walk.example', name: 'Sample Editor' },
  organizer: { email: 'organizer@walk.example', name: 'Sample Organizer' },
  admin: { email: 'admin@walk.example', name: 'Sample Admin' },
};

/**
 * The workspace as an editor and an organizer use it on a working day, in a
 * real browser: look at a draft petition before it opens, send a broadcast
 * through its preview and its confirmation to the Mailbox, take a page off the
 * site through its confirmation, and find each of those in the audit log as a
 * sentence. The confirmations are walked again with JavaScript off.
 */
describe.skipIf(!available.ok)('an editor and an organizer at work, with JavaScript on and off', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;
  let runtime: ReturnType<typeof createEmailRuntime>;
  let draftId: number;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
    for (const [role, person] of Object.entries(people))
      await createStaff(site.database.db, {
        email: person.email,
        displayName: person.name,
        role: role as StaffRole,
        password,
      });
    await seedSubscribers(site.database.db, 3, 'walk');
    const [draft] = await site.database.db
      .insert(petitions)
      .values({
        slug: 'sample-draft-petition',
        status: 'draft',
        target: 'Sample legislators',
        en: { title: 'Sample draft petition', summary: 'A sample.', statement: 'A sample statement.' },
        goal: 100,
      })
      .returning({ id: petitions.id });
    draftId = draft!.id;
    // No SMTP_URL: what the worker sends is kept in the Mailbox, as in the demo.
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

  async function signedIn(who: keyof typeof people, javaScriptEnabled = true): Promise<[BrowserContext, Page]> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`${site.url}/admin/sign-in`);
    await page.getByLabel('Email address').fill(people[who].email);
    await page.getByLabel('Password').fill(password);
    await Promise.all([page.waitForURL(`${site.url}/admin`), page.getByRole('button', { name: 'Sign in' }).click()]);
    return [context, page];
  }

  const click = (page: Page, name: string | RegExp, role: 'button' | 'link' = 'button') =>
    Promise.all([page.waitForNavigation(), page.getByRole(role, { name }).first().click()]);

  const publicStatus = async (path: string) => (await fetch(`${site.url}${path}`, { redirect: 'manual' })).status;

  async function previewDraftPetition(page: Page) {
    const res = await page.goto(`${site.url}/admin/petitions/${draftId}/preview`);
    expect(res?.status()).toBe(200);
    expect(await page.locator('.preview-banner').textContent()).toContain('Preview: not published');
    expect(await page.locator('h1').first().textContent()).toContain('Sample draft petition');
    expect(await publicStatus('/petitions/sample-draft-petition')).toBe(404);
  }

  /** Takes the English version of a page off the site, through the page that says what will happen. */
  async function unpublishThroughConfirmation(page: Page, slug: string, path: string, javaScript = true) {
    await page.goto(`${site.url}/admin/content/pages/${slug}`);
    await click(page, 'Unpublish English');
    expect(await page.locator('h1').textContent()).toMatch(/^Unpublish/);
    expect(await page.locator('main').textContent()).toContain(path);
    // The question changed nothing: the page is still on the site.
    expect(await publicStatus(path)).toBe(200);
    // axe is a script: it runs where the page allows scripts.
    if (javaScript) await expectNoAxeViolations(page, `unpublish ${slug} confirmation`);
    await click(page, 'Yes, unpublish it');
    await expect.poll(() => publicStatus(path), { timeout: 5_000 }).toBe(404);
  }

  /** Composes a broadcast to the three walkers, checks its preview, and sends it through its confirmation. */
  async function sendThroughPreviewAndConfirmation(page: Page, name: string) {
    await page.goto(`${site.url}/admin/broadcasts/new`);
    await page.getByLabel('Name (for staff only)').fill(name);
    await page.getByLabel('Only people with this tag (optional)').fill('walk');
    for (const lang of ['en', 'es'] as const) {
      await page.locator(`[name="${lang}.subject"]`).fill(`${name}, {{givenName}}`);
      await page.locator(`[name="${lang}.body"]`).fill('Hello {{givenName}}, read [our policies](/policies).');
    }
    await click(page, 'Save draft');
    const preview = page.locator('section[aria-labelledby="preview-heading"]');
    expect(await preview.textContent()).not.toContain('{{');
    expect(await preview.locator('.inbox-line').first().textContent()).toContain(`${name}, Alex`);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    await click(page, /Schedule or send to 3 people/);
    expect(await page.locator('h1').textContent()).toBe('Send to 3 people now?');
    expect((await getBroadcast(site.database.db, id))?.status).toBe('draft');
    await click(page, 'Send to 3 people now');
    await runtime.scheduler.runOnce();
    while ((await runtime.worker.runOnce()) > 0);
  }

  async function openInMailbox(subject: string) {
    const [context, page] = await signedIn('admin');
    await page.goto(`${site.url}/admin/mailbox`);
    await click(page, new RegExp(subject), 'link');
    const frame = page.locator('iframe.sandboxed-frame').first();
    const html = await page.request.get(new URL((await frame.getAttribute('src'))!, site.url).href);
    expect(html.status()).toBe(200);
    expect(await html.text()).toContain('/policies">our policies</a>');
    await context.close();
  }

  async function auditSentences(): Promise<string> {
    const [context, page] = await signedIn('admin');
    await page.goto(`${site.url}/admin/audit`);
    const text = (await page.locator('main table').textContent()) ?? '';
    await context.close();
    return text;
  }

  it('with JavaScript on: ' +
    'the editor previews a draft petition and unpublishes a page through its confirmation', async () => {
    const [context, page] = await signedIn('editor');
    await previewDraftPetition(page);
    await unpublishThroughConfirmation(page, 'tips', '/tips');
    await page.goto(`${site.url}/admin`);
    expect(await page.locator('main').textContent()).toContain('Sample Editor unpublished the page');
    await context.close();
    expect(await auditSentences()).toMatch(/Sample Editor unpublished the page [^.]*\(English\)/);
  }, 90_000);

  it('with JavaScript on: the organizer previews a draft petition and sends a broadcast to the Mailbox', async () => {
    const [context, page] = await signedIn('organizer');
    await previewDraftPetition(page);
    await sendThroughPreviewAndConfirmation(page, 'Walk with JavaScript');
    await context.close();
    await openInMailbox('Walk with JavaScript, ');
    expect(await auditSentences()).toContain('Sample Organizer sent the broadcast Walk with JavaScript to 3 people');
  }, 90_000);

  it('with JavaScript off: the same confirmations are plain pages and forms', async () => {
    const [context, page] = await signedIn('organizer', false);
    await unpublishThroughConfirmation(page, 'about', '/about', false);
    await sendThroughPreviewAndConfirmation(page, 'Walk without JavaScript');
    await context.close();
    await openInMailbox('Walk without JavaScript, ');
    const log = await auditSentences();
    expect(log).toMatch(/Sample Organizer unpublished the page [^.]*\(English\)/);
    expect(log).toContain('Sample Organizer sent the broadcast Walk without JavaScript to 3 people');
  }, 90_000);
});
