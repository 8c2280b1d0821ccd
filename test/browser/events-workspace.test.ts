import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRsvp } from '../../src/features/events/admin-test-support.ts';
import { getEventForStaff, listEventsForStaff } from '../../src/features/events/service.ts';
import { expectNoAxeViolations, launchChromium, startDemoSite } from '../support/browser.ts';
import { chromiumAvailable, requireAll } from '../support/suites.ts';
import { expectNoOverflow, staffPage, submitted } from '../support/workspace-browser.ts';

const available = chromiumAvailable();
if (!available.ok && requireAll())
  throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

/**
 * The events workspace on a phone (390 px): an organizer creates and publishes an event by keyboard alone, after a
 * refused first try; then every staff event screen reads without axe violations or sideways scrolling, the door's
 * check-in marks someone once, and the sign-in sheet prints without the workspace's frame.
 */
describe.skipIf(!available.ok)('the events workspace', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof startDemoSite>>;

  beforeAll(async () => {
    [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  it('creates and publishes an event by keyboard alone, a refusal on the way', async () => {
    const page = await staffPage(browser, site, { role: 'organizer', displayName: 'Keyboard organizer' });
    await page.goto(`${site.url}/admin/events`);
    await page.getByRole('link', { name: 'Create an event' }).focus();
    await submitted(page, () => page.keyboard.press('Enter'));
    expect(page.url()).toBe(`${site.url}/admin/events/new`);
    // Typed into each field in turn; the times keep the form's own (a week out, Pacific Time).
    const type = async (label: string, text: string) => {
      await page.getByLabel(label, { exact: true }).focus();
      await page.keyboard.type(text);
    };
    await type('Address', 'sample-training');
    await type('Place (in person)', 'Sample community hall');
    await type('Seats', '40');
    await type('Title (English)', 'Sample story circle');
    await page.getByRole('button', { name: 'Create event' }).focus();
    await submitted(page, () => page.keyboard.press('Enter'));
    // No address and no summary: the form comes back as typed, and focus is on the list of problems.
    expect(await page.title()).toMatch(/^Error: Create an event/);
    expect(await page.evaluate('document.activeElement.className')).toBe('error-summary');
    await expectNoAxeViolations(page, 'the refused editor');
    await expectNoOverflow(page, 'the refused editor');
    expect(await page.getByLabel('Seats').inputValue()).toBe('40');
    await page.getByRole('link', { name: 'Enter the street address' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('address');
    await page.keyboard.type('1 Sample Street, Salem');
    await page.locator('[id="en.summary"]').focus();
    await page.keyboard.type('We share our stories.');
    await page.getByRole('button', { name: 'Create event' }).focus();
    await submitted(page, () => page.keyboard.press('Enter'));
    expect(page.url()).toMatch(/\/admin\/events\/\d+\?notice=created$/);

    await page.getByRole('button', { name: 'Publish' }).focus();
    await submitted(page, () => page.keyboard.press('Enter'));
    expect(page.url()).toMatch(/notice=published$/);
    const made = (await listEventsForStaff(site.database.db)).find((e) => e.slug === 'sample-training')!;
    expect(made).toMatchObject({ status: 'published', capacity: 40, venue: 'Sample community hall' });
  }, 120_000);

  it('reads without axe violations, and fits 390 px, on every staff event screen', async () => {
    const db = site.database.db;
    const event = (await listEventsForStaff(db)).find((e) => e.slug === 'sample-training')!;
    await addRsvp(db, event.id, { givenName: 'Ana', familyName: 'Sample' }, 'confirmed', {
      senateDistrict: 12,
      houseDistrict: 23,
      needs: {
        interpretation: ['spanish', 'asl'],
        interpretationOther: '',
        accessibility: 'Step-free entrance',
        childcare: true,
        travelHelp: true,
      },
    });
    await addRsvp(db, event.id, { givenName: 'Bea', familyName: 'Example' }, 'waitlisted');
    // The lobby-day screen shows only for an event that meets legislators: tick it through the editor's own form.
    const page = await staffPage(browser, site, { role: 'organizer', displayName: 'Checking organizer' });
    await page.goto(`${site.url}/admin/events/${event.id}`);
    await page.getByLabel('Attendees meet their legislators').check();
    await submitted(page, () => page.getByRole('button', { name: 'Save' }).click());
    expect((await getEventForStaff(db, event.id))!.meetsLegislators).toBe(true);

    const base = `/admin/events/${event.id}`;
    for (const path of [
      '/admin/events',
      '/admin/events/new',
      base,
      `${base}/attendees`,
      `${base}/attendees?status=confirmed&need=childcare&q=ana`,
      `${base}/legislators`,
      `${base}/check-in`,
      `${base}/sheet`,
      `${base}/cancel`,
      `${base}/unpublish`,
    ]) {
      await page.goto(`${site.url}${path}`);
      await expectNoAxeViolations(page, path);
      await expectNoOverflow(page, path);
    }
    // On a desktop screen too, where the filters sit side by side.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${site.url}${base}/attendees`);
    await expectNoAxeViolations(page, 'attendees, wide');
  }, 180_000);

  it('checks someone in at the door once, however often the button is pressed, and prints a clean sheet', async () => {
    const db = site.database.db;
    const event = (await listEventsForStaff(db)).find((e) => e.slug === 'sample-training')!;
    const page = await staffPage(
      browser,
      site,
      { role: 'organizer', displayName: 'Door organizer' },
      { width: 820, height: 1180 },
    );
    await page.goto(`${site.url}/admin/events/${event.id}/check-in`);
    await page.getByLabel('Find a name').fill('ana');
    await submitted(page, () => page.getByRole('button', { name: 'Find' }).click());
    // The press as the tablet sends it, kept to send again below.
    const form = page.locator('form[method="post"][action$="/check-in"]').first();
    const fields = {
      _csrf: await form.locator('input[name="_csrf"]').inputValue(),
      rsvp: await form.locator('input[name="rsvp"]').inputValue(),
      q: 'ana',
      intent: 'present',
    };
    await submitted(page, () => page.getByRole('button', { name: /^Mark present\W+Sample, Ana$/ }).click());
    expect(await page.getByRole('status').textContent()).toBe('Sample, Ana is marked present.');
    await expectNoAxeViolations(page, 'check-in after a press');
    const first = (await getEventForStaff(db, event.id))!;
    expect(first.rsvps.checkedIn).toBe(1);
    // The same press again, as a tablet on a flaky connection resends it: still one check-in, at the first time.
    const again = await page.request.post(`${site.url}/admin/events/${event.id}/check-in`, {
      form: fields,
      headers: { origin: site.url },
    });
    expect(again.status()).toBe(200);
    expect((await getEventForStaff(db, event.id))!.rsvps.checkedIn).toBe(1);
    await page.reload();
    expect(await page.getByRole('button', { name: /^Undo\W+check-in of Sample, Ana$/ }).count()).toBe(1);

    await page.goto(`${site.url}/admin/events/${event.id}/sheet`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.no-print').first().isVisible()).toBe(false);
    expect(await page.locator('tbody th').allTextContents()).toEqual(['Example, Bea', 'Sample, Ana']);
  }, 120_000);
});
