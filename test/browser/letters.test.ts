import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmailWorker, SmtpTransport, templateRenderer } from '../../src/features/email/service.ts';
import { makeLetterCampaign, pointIn, seedTestRoster } from '../../src/features/letters/public-test-support.ts';
import { letterCampaigns } from '../../src/features/letters/schema.ts';
import { SAMPLE_LETTER_CAMPAIGN } from '../../src/features/letters/seed/index.ts';
import { letterTemplates, queueDueDigests } from '../../src/features/letters/service.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { expectNoAxeViolations, launchChromium, recordedVisitor, startDemoSite } from '../support/browser.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

// A made-up roster with example.org addresses (public-test-support.ts): live delivery on, nothing real is written to.
(available.ok ? describe : describe.skip)('writing to one’s legislators in a real browser', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let transport: SmtpTransport;
  let worker: EmailWorker;
  let each: string;
  let digest: string;

  beforeAll(async () => {
    [browser, site, sink] = await Promise.all([launchChromium(), startDemoSite(), startSmtpSink()]);
    const db = site.database.db;
    await seedTestRoster(db);
    const live = { liveDeliveryAt: new Date(), reviewAddress: 'review@example.org' };
    each = (await makeLetterCampaign(db, live)).slug;
    digest = (await makeLetterCampaign(db, { ...live, deliveryMode: 'digest' })).slug;
    transport = new SmtpTransport(sink.url);
    worker = new EmailWorker({
      db,
      transport,
      render: templateRenderer({
        sender: async () => ({
          name: 'Partnership for Safety and Justice',
          address: 'no-reply@psj.example',
          postalAddress: 'Portland, Oregon',
          publicUrl: site.url,
        }),
        templates: letterTemplates(db),
        listLinks: () => ({ preferencesUrl: '', unsubscribeUrl: '' }),
      }),
      logger: createLogger({ level: 'silent', pretty: false }),
      messagesPerSecond: 1000,
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await transport?.close();
    await sink?.close();
    await site?.stop();
  });

  const deliverAll = async () => {
    while ((await worker.runOnce()) > 0);
  };
  const mailsTo = (address: string) =>
    sink.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === address);

  /** Fills the letter step as a person would. */
  async function fillLetter(page: Page, person: { givenName: string; email: string }) {
    const form = page.locator('main form');
    await form.getByLabel('First name').fill(person.givenName);
    await form.getByLabel('Last name').fill('Rivera');
    await form.getByLabel('Email address').fill(person.email);
    await form.getByLabel('Street address').fill('900 Court St NE');
    await form.getByLabel('City').fill('Salem');
    await form.getByLabel('ZIP code').fill('97301');
  }

  it('picks a district on the map by keyboard, edits and sends a letter: one message per target, with the writer as Reply-To; every step passes axe', async () => {
    const { context, page, requested, refused } = await recordedVisitor(browser, 'en');
    await page.goto(`${site.url}/letters`);
    await expectNoAxeViolations(page, 'campaigns');
    expect(await page.getByRole('link', { name: /Sample campaign/ }).getAttribute('href')).toBe(
      `/letters/${SAMPLE_LETTER_CAMPAIGN}`,
    );
    await page.goto(`${site.url}/letters/${each}`);
    await expectNoAxeViolations(page, 'find');
    // The script shows the location button; the browser is asked nothing until it is pressed.
    expect(await page.getByRole('button', { name: 'Use my location' }).isVisible()).toBe(true);

    // From the map's hint, Tab reaches each district in turn, each announced by its name; Enter on 17 picks it.
    await page.locator('#map-hint').click();
    const names: string[] = [];
    for (let i = 0; i < 40 && names.at(-1) !== 'Senate District 17'; i++) {
      await page.keyboard.press('Tab');
      names.push(String(await page.evaluate('document.activeElement?.getAttribute("aria-label") ?? ""')));
    }
    expect(names.filter((n) => n !== '')).toEqual(Array.from({ length: 17 }, (_, i) => `Senate District ${i + 1}`));
    // The focused district is drawn with a heavy dark outline: focus is visible.
    expect(
      await page.evaluate('getComputedStyle(document.querySelector("svg.district-chooser a:focus path")).strokeWidth'),
    ).toBe('6px');
    await expectNoAxeViolations(page, 'map focused');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(`/letters/${each}/write?senate=17`);
    expect(await page.locator('.found-how').textContent()).toContain('Found from the district you picked.');
    await expectNoAxeViolations(page, 'letter');

    // A problem first: the step again, with what was typed and a message by the field.
    await page.getByLabel('Your House district').selectOption('33');
    await page.getByLabel('Your letter').fill('My own words about the test bill.');
    await fillLetter(page, { givenName: 'Ana', email: 'not-an-address' });
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Preview my letter' }).click()]);
    expect(await page.title()).toMatch(/^Error:/);
    expect(await page.getByLabel('Your letter').inputValue()).toBe('My own words about the test bill.');
    await expectNoAxeViolations(page, 'letter with errors');
    await page.locator('main form').getByLabel('Email address').fill('ana@example.org');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Preview my letter' }).click()]);
    expect(await page.locator('.letter-preview').textContent()).toContain('My own words about the test bill.');
    await expectNoAxeViolations(page, 'preview');

    // Pressed at once, the button waits for the proof of work to finish, then sends.
    await Promise.all([
      page.waitForNavigation({ timeout: 30_000 }),
      page.getByRole('button', { name: 'Send my letter' }).click(),
    ]);
    expect(await page.locator('h1').textContent()).toBe('Thank you: your letter is on its way');
    expect(await page.locator('.share-link a').textContent()).toBe(`${site.url}/letters/${each}`);
    await expectNoAxeViolations(page, 'sent');
    expect(requested.filter((u) => !u.startsWith(site.url + '/'))).toEqual([]);
    expect(refused).toEqual([]);
    await context.close();

    await deliverAll();
    for (const office of ['senator17@example.org', 'rep33@example.org']) {
      const mails = mailsTo(office);
      expect(mails, office).toHaveLength(1);
      expect(mails[0]!.replyTo?.value[0]?.address).toBe('ana@example.org');
      expect(mails[0]!.subject).toBe('Please support the test bill');
      expect(mails[0]!.text).toContain('My own words about the test bill.');
    }
    expect(mailsTo('review@example.org')).toHaveLength(0);
    expect(mailsTo('ana@example.org').length).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('in Spanish: a ZIP across districts is asked again; the location button finds the districts once pressed', async () => {
    const { context, page, refused } = await recordedVisitor(browser, 'es');
    const [longitude, latitude] = pointIn(34);
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation({ longitude, latitude });
    await page.goto(`${site.url}/es/letters/${each}`);
    await page.locator('main form').getByLabel('Código postal').fill('97005');
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('button', { name: 'Encontrar a mis legisladores' }).click(),
    ]);
    expect(await page.title()).toMatch(/^Error:/);
    expect(await page.locator('.error-summary').textContent()).toContain('puede cruzar límites de distrito');
    await expectNoAxeViolations(page, 'find with errors (es)');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Usar mi ubicación' }).click()]);
    expect(await page.locator('.found-how').textContent()).toContain('donde tu dispositivo dice que estás');
    expect(await page.locator('#recipients + ul').textContent()).toContain('Distrito de la Cámara 34');
    await expectNoAxeViolations(page, 'letter (es)');
    expect(refused).toEqual([]);
    await context.close();
  }, 60_000);

  it('works without JavaScript, by ZIP; the digest mode sends one email per legislator per day', async () => {
    for (const person of [
      { givenName: 'Lee', email: 'lee@example.org' },
      { givenName: 'Kim', email: 'kim@example.org' },
    ]) {
      const { context, page } = await recordedVisitor(browser, 'en', { javaScriptEnabled: false });
      await page.goto(`${site.url}/letters/${digest}`);
      expect(await page.getByRole('button', { name: 'Use my location' }).isVisible()).toBe(false);
      await page.locator('main form').getByLabel('ZIP code').fill('97301');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Find my legislators' }).click()]);
      expect(await page.locator('.found-how').textContent()).toContain('We are sure of these.');
      await fillLetter(page, person);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Preview my letter' }).click()]);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Send my letter' }).click()]);
      expect(await page.locator('h1').textContent()).toBe('Thank you: your letter is on its way');
      await context.close();
    }
    await deliverAll();
    const before = sink.received.length;
    const domain = new URL(site.url).hostname;
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect(await queueDueDigests(site.database.db, { domain }, tomorrow)).toBe(2);
    expect(await queueDueDigests(site.database.db, { domain }, tomorrow)).toBe(0);
    await deliverAll();
    const digests = sink.received.slice(before);
    expect(digests.map((m) => (Array.isArray(m.to) ? '' : m.to?.value[0]?.address)).sort()).toEqual([
      'rep33@example.org',
      'senator17@example.org',
    ]);
    for (const mail of digests) {
      expect(mail.text).toContain('Lee Rivera');
      expect(mail.text).toContain('Kim Rivera');
    }
    const [row] = await site.database.db.select().from(letterCampaigns).where(eq(letterCampaigns.slug, digest));
    expect(row?.deliveryMode).toBe('digest');
  }, 120_000);
});
