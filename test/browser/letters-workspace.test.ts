import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLetter } from '../../src/features/letters/admin-test-support.ts';
import { getCampaignForStaff, listCampaignsForStaff } from '../../src/features/letters/campaign-editing.ts';
import { turnOnLiveDelivery } from '../../src/features/letters/service.ts';
import { expectNoAxeViolations, launchChromium, startDemoSite } from '../support/browser.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';
import { expectNoOverflow, staffPage, submitted } from '../support/workspace-browser.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

/**
 * The letters workspace on a phone (390 px): an organizer creates and opens a campaign by keyboard alone, after a
 * refused first try; then every staff letters screen reads without axe violations or sideways scrolling, and the
 * lobby packet prints without the workspace's frame.
 */
describe.skipIf(!available.ok)('the letters workspace', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  it('creates and opens a campaign by keyboard alone, a refusal on the way', async () => {
    const page = await staffPage(browser, site, { role: 'organizer', displayName: 'Keyboard organizer' });
    await page.goto(`${site.url}/admin/letters`);
    await page.getByRole('link', { name: 'Create a campaign' }).focus();
    await submitted(page, () => page.keyboard.press('Enter'));
    expect(page.url()).toBe(`${site.url}/admin/letters/new`);
    const type = async (label: string, text: string) => {
      await page.getByLabel(label, { exact: true }).focus();
      await page.keyboard.type(text);
    };
    await type('Address', 'sample-river-letters');
    await type('Title (English)', 'Sample river letters');
    await page.getByRole('button', { name: 'Create campaign' }).focus();
    await submitted(page, () => page.keyboard.press('Enter'));
    // No review address, topic, subject or letter: the form comes back as typed, focus on the list of problems.
    expect(await page.title()).toMatch(/^Error: Create a letter campaign/);
    // The page's script moves focus once it has loaded: wait for it rather than race it on a busy machine.
    await expect.poll(() => page.evaluate('document.activeElement.className')).toBe('error-summary');
    expect(await page.getByLabel('Address', { exact: true }).inputValue()).toBe('sample-river-letters');
    await page.getByRole('link', { name: /^Enter the staff inbox/ }).focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('reviewAddress');
    await page.keyboard.type('review@staff.example');
    await type('Bill or topic (English)', 'The sample river bill');
    await type('Email subject (English)', 'Please protect our river');
    await type('Letter (English)', 'Our river matters to my family.');
    await page.getByRole('button', { name: 'Create campaign' }).focus();
    await submitted(page, () => page.keyboard.press('Enter'));
    expect(page.url()).toMatch(/\/admin\/letters\/\d+\?notice=created$/);
    expect(await page.getByRole('note').first().textContent()).toContain(
      'Test mode: letters go to review@staff.example',
    );

    await page.getByRole('button', { name: 'Open for letters' }).focus();
    await submitted(page, () => page.keyboard.press('Enter'));
    expect(page.url()).toMatch(/notice=opened$/);
    const made = (await listCampaignsForStaff(site.database.db)).find((c) => c.slug === 'sample-river-letters')!;
    expect(made).toMatchObject({
      status: 'open',
      liveDeliveryAt: null,
      targetKinds: ['my-senator', 'my-representative'],
    });
  }, 120_000);

  it('reads without axe violations, and fits 390 px, on every staff letters screen; the packet prints clean', async () => {
    const db = site.database.db;
    const campaign = (await listCampaignsForStaff(db)).find((c) => c.slug === 'sample-river-letters')!;
    const senator = { id: 'ocd-person/sample-s', name: 'Sample Senator', chamber: 'upper' as const, district: '10' };
    await addLetter(db, campaign.id, { givenName: 'Ana', familyName: 'Sample', senate: '10', house: '19' }, [
      { ...senator, status: 'sent' },
    ]);
    await addLetter(db, campaign.id, { givenName: 'Bea', familyName: 'Example', senate: '11', house: '21' }, [senator]);
    const page = await staffPage(browser, site, { role: 'admin', displayName: 'Checking admin' });
    const base = `/admin/letters/${campaign.id}`;
    const screens = [
      '/admin/letters',
      '/admin/letters/new',
      base,
      `${base}/report`,
      `${base}/deliveries`,
      `${base}/deliveries?status=sent`,
      `${base}/packet`,
      `${base}/close`,
      `${base}/live`,
    ];
    for (const path of screens) {
      await page.goto(`${site.url}${path}`);
      await expectNoAxeViolations(page, path);
      await expectNoOverflow(page, path);
    }
    await turnOnLiveDelivery(db, campaign.id, { staffId: 0, email: 'test@staff.example', ip: '127.0.0.1' });
    expect((await getCampaignForStaff(db, campaign.id))!.liveDeliveryAt).not.toBeNull();
    for (const path of [base, `${base}/live/off`]) {
      await page.goto(`${site.url}${path}`);
      await expectNoAxeViolations(page, `${path}, live`);
      await expectNoOverflow(page, `${path}, live`);
    }

    await page.goto(`${site.url}${base}/packet`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.no-print').first().isVisible()).toBe(false);
    expect(await page.locator('.packet-letter h3').allTextContents()).toEqual([
      'Ana Sample, Salem 97301 · constituent',
      'Bea Example, Salem 97301',
    ]);
  }, 180_000);
});
