import type { Browser, Page } from 'playwright-core';
import { createStaff, type StaffRole } from '../../src/features/staff/service.ts';
import type { Database } from '../../src/platform/db/client.ts';

/**
 * A staff member of this role, made for the test, signed in on a page of
 * their own: a phone's screen unless told otherwise.
 */
export async function staffPage(
  browser: Browser,
  site: { url: string; database: Database },
  staff: { role: StaffRole; displayName: string },
  viewport = { width: 390, height: 844 },
): Promise<Page> {
  const email = `${staff.role}-${Date.now()}@psj.example`;
  const password = 'a slow river under ice';
  await createStaff(site.database.db, { email, password, ...staff });
  const page = await (await browser.newContext({ viewport })).newPage();
  await page.goto(`${site.url}/admin/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL(`${site.url}/admin`), page.getByLabel('Password').press('Enter')]);
  return page;
}

/** Runs an action that submits a form and waits for the answer to be on screen. */
export async function submitted(page: Page, action: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
}

/** Nothing on the page is wider than the screen: no sideways scrolling. */
export async function expectNoOverflow(page: Page, label: string): Promise<void> {
  // A string, as the tests' types know no DOM.
  const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
  if (overflow > 0) throw new Error(`${label} is ${overflow}px wider than the screen`);
}
