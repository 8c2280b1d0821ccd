import { desc, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailMailbox } from '../../src/features/email/schema.ts';
import { EmailWorker, MailboxTransport, templateRenderer } from '../../src/features/email/service.ts';
import { supporters } from '../../src/features/supporters/schema.ts';
import { preferencesToken, subscriptionsOf } from '../../src/features/supporters/service.ts';
import { Secrets } from '../../src/platform/crypto.ts';
import { spentFormChallenges } from '../../src/platform/http/form-challenge-schema.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { expectNoAxeViolations, launchChromium, recordedVisitor, startDemoSite } from '../support/browser.ts';
import { testConfig } from '../support/app.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

const words = {
  en: { prefix: '', firstName: 'First name', checkEmail: 'Check your email', confirm: 'Confirm', thanks: 'Thank you' },
  es: { prefix: '/es', firstName: 'Nombre', checkEmail: 'Revisa tu correo', confirm: 'Confirmar', thanks: 'Gracias' },
} as const;

describe.skipIf(!available.ok)('newsletter sign-up in a real browser', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;
  let worker: EmailWorker;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
    // The real worker, template and demo mailbox: what `npm start` runs without SMTP_URL.
    const db = site.database.db;
    const sender = {
      name: 'Partnership for Safety and Justice',
      address: 'no-reply@psj.example',
      postalAddress: 'Portland, Oregon',
      publicUrl: site.url,
    };
    worker = new EmailWorker({
      db,
      transport: new MailboxTransport(db),
      render: templateRenderer(async () => sender),
      logger: createLogger({ level: 'silent', pretty: false }),
    });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  const visitor = (locale: 'en' | 'es', options: { javaScriptEnabled?: boolean } = {}) =>
    recordedVisitor(browser, locale, options);

  /** Presses Tab until the focused element matches, as a keyboard user would; fails after 40 presses. */
  async function tabTo(page: Page, selector: string) {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (await page.locator(`${selector}:focus`).count()) return;
    }
    throw new Error(`Tab never reached ${selector}`);
  }

  /** Delivers what the outbox holds to the demo mailbox, and returns the newest message to `to`. */
  async function newestMailTo(to: string) {
    while ((await worker.runOnce()) > 0);
    const [mail] = await site.database.db
      .select()
      .from(emailMailbox)
      .where(eq(emailMailbox.toAddress, to))
      .orderBy(desc(emailMailbox.id))
      .limit(1);
    expect(mail, `a message to ${to}`).toBeDefined();
    return mail!;
  }

  for (const locale of ['en', 'es'] as const) {
    const w = words[locale];
    it(`${locale}: signs up by keyboard alone, confirms by the emailed link's button, ` +
      `and gets a welcome in ${locale}`, async () => {
      const { context, page, requested, refused } = await visitor(locale);
      const email = `keyboard-${locale}@example.org`;
      await page.goto(`${site.url}${w.prefix}/join`);
      await expectNoAxeViolations(page, 'join');

      // Skip link, then into the form: every step by Tab, typing, Space and Enter.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await tabTo(page, 'main #givenName');
      await page.keyboard.type(locale === 'es' ? 'Marisol' : 'Jordan');
      await tabTo(page, 'main #email');
      await page.keyboard.type(email);
      await tabTo(page, 'main #topic-newsletter');
      // Ticked already: a person who gives their name and email here means to join.
      expect(await page.locator('main #topic-newsletter').isChecked()).toBe(true);
      await tabTo(page, 'main #topic-events');
      await page.keyboard.press('Space');
      // The widget began its work when the form was first focused; by now it has finished.
      await page.locator('main altcha-widget .altcha[data-state="verified"]').waitFor({ timeout: 30_000 });
      await expectNoAxeViolations(page, 'join, checked');
      await tabTo(page, 'main button[type="submit"]');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(await page.locator('h1').textContent()).toBe(w.checkEmail);
      await expectNoAxeViolations(page, 'check your email');
      expect(await subscriptionsOf(site.database.db, email)).toEqual({ newsletter: 'pending', events: 'pending' });

      const confirmation = await newestMailTo(email);
      expect(confirmation.html).toContain(`lang="${locale}"`);
      const link = new RegExp(`${site.url}${w.prefix}/confirm/[A-Za-z0-9_-]+`).exec(confirmation.text)?.[0];
      expect(link, 'a confirmation link in the email').toBeDefined();

      await page.goto(link!);
      expect(await subscriptionsOf(site.database.db, email)).toEqual({ newsletter: 'pending', events: 'pending' });
      await expectNoAxeViolations(page, 'confirm');
      await tabTo(page, 'main button[type="submit"]');
      expect(await page.locator('main button[type="submit"]').textContent()).toContain(w.confirm);
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(await page.locator('h1').textContent()).toBe(w.thanks);
      await expectNoAxeViolations(page, 'confirmed');
      expect(await subscriptionsOf(site.database.db, email)).toEqual({
        newsletter: 'subscribed',
        events: 'subscribed',
      });

      const welcome = await newestMailTo(email);
      expect(welcome.id).not.toBe(confirmation.id);
      expect(welcome.html).toContain(`lang="${locale}"`);
      expect(welcome.text).not.toContain('/confirm/');

      expect(requested.filter((u) => !u.startsWith(site.url + '/'))).toEqual([]);
      // The widget and its worker came from this site, and nothing broke the CSP.
      expect(requested.some((u) => /\/assets\/altcha-pbkdf2\.[0-9a-f]+\.js$/.test(u))).toBe(true);
      expect(refused).toEqual([]);
      await context.close();
    }, 90_000);
  }

  it('takes the footer form on a cached page, the challenge fetched by the widget and not in the page', async () => {
    const { context, page, refused } = await visitor('en');
    const spentBefore = (await site.database.db.select().from(spentFormChallenges)).length;
    const home = await page.goto(`${site.url}/?source=browser-test`);
    expect(await home!.text()).not.toContain('"signature"');
    await page.locator('#footer-givenName').fill('Footer');
    await page.locator('#footer-email').fill('footer-browser@example.org');
    // Pressing the button at once: the form waits for the check, then sends itself.
    await Promise.all([page.waitForNavigation(), page.locator('.footer-signup button[type="submit"]').click()]);
    expect(await page.locator('h1').textContent()).toBe(words.en.checkEmail);
    expect(await subscriptionsOf(site.database.db, 'footer-browser@example.org')).toEqual({ newsletter: 'pending' });
    // It went with a solution (spent now), not as a form without JavaScript; and the link's source code was kept.
    expect((await site.database.db.select().from(spentFormChallenges)).length).toBe(spentBefore + 1);
    const [person] = await site.database.db
      .select()
      .from(supporters)
      .where(eq(supporters.email, 'footer-browser@example.org'));
    expect(person?.firstSource).toBe('browser-test');
    expect(refused).toEqual([]);
    await context.close();
  });

  it('works without JavaScript', async () => {
    const { context, page } = await visitor('es', { javaScriptEnabled: false });
    await page.goto(`${site.url}/es/join`);
    await page.getByLabel(words.es.firstName, { exact: true }).first().fill('Sin Script');
    await page.locator('main #email').fill('no-script@example.org');
    await page.locator('main #topic-newsletter').check();
    await Promise.all([page.waitForNavigation(), page.locator('main button[type="submit"]').click()]);
    expect(await page.locator('h1').textContent()).toBe(words.es.checkEmail);
    expect(await subscriptionsOf(site.database.db, 'no-script@example.org')).toEqual({ newsletter: 'pending' });
    await context.close();
  });

  it('shows the preferences page, and what an older link offers instead, accessibly in both languages', async () => {
    const db = site.database.db;
    const [person] = await db
      .insert(supporters)
      .values({ email: 'links-browser@example.org', emailAsTyped: 'links-browser@example.org', givenName: 'Rosa' })
      .returning({ id: supporters.id });
    const secrets = new Secrets(testConfig().secretKey);
    const hoursAgo = (h: number) => preferencesToken(secrets, person!.id, new Date(Date.now() - h * 60 * 60 * 1000));
    for (const locale of ['en', 'es'] as const) {
      const { context, page } = await visitor(locale);
      const prefix = words[locale].prefix;
      const pages = { fresh: hoursAgo(0), older: hoursAgo(2), stale: hoursAgo(24 * 91) };
      for (const [label, token] of Object.entries(pages)) {
        await page.goto(`${site.url}${prefix}/preferences/${token}`);
        await expectNoAxeViolations(page, `${locale} preferences, ${label} link`);
      }
      // The older link's button: a new link is on its way, and the answer is accessible too.
      await page.goto(`${site.url}${prefix}/preferences/${pages.stale}`);
      await Promise.all([page.waitForNavigation(), page.locator('main form[action$="/new-link"] button').click()]);
      expect(await page.locator('h1').textContent()).toBe(words[locale].checkEmail);
      await expectNoAxeViolations(page, `${locale} new link sent`);
      await context.close();
    }
  }, 90_000);
});
