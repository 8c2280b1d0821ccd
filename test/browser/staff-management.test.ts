import { desc, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmailRuntime } from '../../src/email-runtime.ts';
import { emailMailbox } from '../../src/features/email/schema.ts';
import { createStaff } from '../../src/features/staff/service.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { testConfig } from '../support/app.ts';
import { expectNoAxeViolations, launchChromium, startDemoSite } from '../support/browser.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

const admin = { email: 'staff-admin@psj.example', password: 'a heron waits by the reeds' };
const invitee = { name: 'Rosa Martinez', email: 'rosa.martinez@psj.example', password: 'seven kites over the bay' };

/**
 * The staff screens on a phone (390 px), with JavaScript on: the list, the
 * invitation, the message in the Mailbox, choosing a password from its link,
 * and "Forgot your password?", each page with zero axe violations and no
 * sideways scrolling.
 */
describe.skipIf(!available.ok)('staff management on a phone', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;
  let page: Page;
  let mail: ReturnType<typeof createEmailRuntime>;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
    await createStaff(site.database.db, { ...admin, displayName: 'Staff Admin', role: 'admin' });
    mail = createEmailRuntime({
      config: testConfig({ PUBLIC_URL: site.url }),
      database: site.database,
      logger: createLogger({ level: 'silent' }),
    });
    page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  }, 90_000);
  afterAll(async () => {
    await mail?.stop();
    await browser?.close();
    await site?.stop();
  });

  async function submitted(action: () => Promise<void>) {
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
  }

  /** Zero axe violations, and nothing wider than the phone. */
  async function checkPage(label: string) {
    await expectNoAxeViolations(page, label);
    // What sticks out, by tag and class, so a failure names it.
    const wider = await page.evaluate(
      `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5)
        .map((e) => e.tagName + '.' + e.className).slice(0, 5).join(', ')
        + ' (' + document.documentElement.scrollWidth + ')'`,
    );
    expect(
      await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth'),
      `${label} scrolls sideways: ${wider}`,
    ).toBe(true);
  }

  /** The link in the newest message to `to`, as the demo Mailbox keeps it. */
  async function linkSentTo(to: string): Promise<string> {
    while ((await mail.worker.runOnce()) > 0);
    const [kept] = await site.database.db
      .select()
      .from(emailMailbox)
      .where(eq(emailMailbox.toAddress, to))
      .orderBy(desc(emailMailbox.id));
    const link = /http:\/\/127\.0\.0\.1:\d+\/admin\/password\/[\w-]+/.exec(kept!.text)?.[0];
    expect(link).toBeDefined();
    return link!;
  }

  it('invites a person, who chooses a password from the emailed link and signs in', async () => {
    await page.goto(`${site.url}/admin/sign-in`);
    await page.getByLabel('Email address').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await submitted(() => page.getByRole('button', { name: 'Sign in' }).click());

    await page.goto(`${site.url}/admin/staff`);
    await checkPage('staff list');
    await submitted(() => page.getByRole('link', { name: 'Invite a staff member' }).click());
    await checkPage('invite form');
    await page.getByLabel('Name').fill(invitee.name);
    await page.getByLabel('Email address').fill('not an address');
    await submitted(() => page.getByRole('button', { name: 'Send the invitation' }).click());
    expect(await page.title()).toMatch(/^Error:/);
    expect(await page.getByLabel('Name').inputValue()).toBe(invitee.name);
    await checkPage('invite form with errors');
    await page.getByLabel('Email address').fill(invitee.email);
    await page.getByLabel('Role').selectOption('organizer');
    await submitted(() => page.getByRole('button', { name: 'Send the invitation' }).click());
    expect(await page.locator('.notice').textContent()).toContain('Invitation sent');
    await checkPage('staff member, invited');
    await submitted(() => page.getByRole('link', { name: 'Disable this account' }).click());
    expect(await page.locator('h1').textContent()).toBe(`Disable ${invitee.name}'s account?`);
    await checkPage('disable confirmation');

    const link = await linkSentTo(invitee.email);
    const person = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    page = person;
    await page.goto(link);
    expect(await page.locator('h1').textContent()).toBe('Choose your password');
    await checkPage('choose a password');
    await page.getByLabel('Password').fill('short');
    await submitted(() => page.getByRole('button', { name: 'Set my password' }).click());
    expect(await page.title()).toMatch(/^Error:/);
    await checkPage('choose a password with errors');
    await page.getByLabel('Password').fill(invitee.password);
    await submitted(() => page.getByRole('button', { name: 'Set my password' }).click());
    expect(await page.locator('.notice').textContent()).toContain('Your password is set');
    await page.getByLabel('Email address').fill(invitee.email);
    await page.getByLabel('Password').fill(invitee.password);
    await submitted(() => page.getByRole('button', { name: 'Sign in' }).click());
    expect(new URL(page.url()).pathname).toBe('/admin');

    await page.goto(link);
    expect(await page.locator('h1').textContent()).toBe('This link has already been used');
    await checkPage('used link');
  }, 120_000);

  it('asks for a reset link from the sign-in page, without saying whether the address has an account', async () => {
    page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(`${site.url}/admin/sign-in`);
    await submitted(() => page.getByRole('link', { name: 'Forgot your password?' }).click());
    await checkPage('forgot password');
    await submitted(() => page.getByRole('button', { name: 'Send me a link' }).click());
    expect(await page.title()).toMatch(/^Error:/);
    await checkPage('forgot password with errors');
    await page.getByLabel('Email address').fill(invitee.email);
    await submitted(() => page.getByRole('button', { name: 'Send me a link' }).click());
    expect(await page.locator('h1').textContent()).toBe('Check your email');
    await checkPage('reset link sent');

    await page.goto(await linkSentTo(invitee.email));
    expect(await page.locator('h1').textContent()).toBe('Choose a new password');
    await checkPage('choose a new password');
  }, 60_000);

  it('makes an API key by keyboard, shows it once, and revokes it; the API docs page reads on a phone', async () => {
    page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(`${site.url}/admin/sign-in`);
    await page.getByLabel('Email address').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await submitted(() => page.getByRole('button', { name: 'Sign in' }).click());

    await page.goto(`${site.url}/admin/api-keys`);
    await checkPage('API keys');
    // By keyboard: the name, a scope ticked with the space bar, Enter on the button.
    await page.getByLabel('Name').focus();
    await page.keyboard.type('Coalition sync');
    await page.getByLabel('Read people').focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Make the key' }).focus();
    await submitted(() => page.keyboard.press('Enter'));
    expect(await page.locator('h1').textContent()).toBe('The key Coalition sync');
    await checkPage('the new key, shown once');
    const token = await page.getByLabel('The key').inputValue();
    expect(token).toMatch(/^gs_/);

    const entry = await fetch(`${site.url}/api/v1`, { headers: { 'OSDI-API-Token': token } });
    expect(entry.status).toBe(200);
    const people = (await entry.json()) as { _links: Record<string, { href: string }> };
    expect(people._links['osdi:people']).toBeDefined();

    await page.goto(`${site.url}/admin/api-keys`);
    await submitted(() => page.getByRole('link', { name: 'Revoke Coalition sync' }).click());
    await checkPage('revoke confirmation');
    await submitted(() => page.getByRole('button', { name: 'Yes, revoke it' }).click());
    expect(await page.locator('.notice').textContent()).toContain('revoked');
    expect((await fetch(`${site.url}/api/v1`, { headers: { 'OSDI-API-Token': token } })).status).toBe(401);

    await page.goto(`${site.url}/api/docs`);
    expect(await page.locator('h1').textContent()).toBe('The OSDI API');
    await checkPage('API docs');
  }, 120_000);
});
