import type { Page } from 'playwright-core';
import { createStaff } from '../../src/features/staff/service.ts';
import type { Database } from '../../src/platform/db/client.ts';
import { adminRouteTable } from './admin-routes.ts';
import { grantStoriesAccess } from './admin-routes-stories.ts';

/**
 * Every screen of the workspace, taken from the role × route table that
 * `src/app/admin-access.test.ts` keeps complete (it fails when a route is
 * missing from it). So a new screen is screenshot and checked for axe and
 * overflow without anyone remembering to list it twice.
 */
export type WorkspaceScreen = { name: string; path: string };

// Not screens: files, downloads, JSON for scripts, an email's own document (shown inside a screen's
// sandboxed frame, and checked in broadcasts.test.ts), and the probes of records and links that do not exist.
const notAScreen =
  /\.(?:csv|css|json)(?:\?|$)|\/file(?:\?|$)|\/broadcasts\/\d+\/preview\/|\/999999(?:\/|$)|\/password\/x+$/;

export async function workspaceScreens(database: Database): Promise<WorkspaceScreen[]> {
  const table = await adminRouteTable(database);
  const seen = new Set<string>();
  const screens: WorkspaceScreen[] = [];
  for (const route of table) {
    if (route.method !== 'GET' || !route.allowed.includes('admin') || notAScreen.test(route.url)) continue;
    if (route.url.startsWith('/admin/sign-in') || seen.has(route.url)) continue;
    seen.add(route.url);
    screens.push({ name: screenName(route.url), path: route.url });
  }
  return screens;
}

/** A file name a person can find the screen by: /admin/petitions/12/signatures → petitions-id-signatures. */
export function screenName(path: string): string {
  const [route = ''] = path.split('?');
  const parts = route
    .replace(/^\/admin\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? 'id' : part.replace(/[^a-z0-9.-]+/gi, '-')));
  return parts.length === 0 ? 'home' : parts.join('-').replace(/\./g, '-');
}

/** Signs a new admin in through the real sign-in form, as a person would. */
export async function signInAsNewAdmin(page: Page, site: { url: string; database: Database }): Promise<void> {
  const email = `screens-${Date.now()}@staff.example`;
  const password = 'a long walk along the willamette';
  const admin = await createStaff(site.database.db, { email, displayName: 'Sample Admin', role: 'admin', password });
  // The stories screens need the grant an admin gives on top of the role (ADR 063).
  await grantStoriesAccess(site.database, [admin.id]);
  await page.goto(`${site.url}/admin/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL(`${site.url}/admin`), page.getByLabel('Password').press('Enter')]);
}

/** How far the page is wider than the window, in CSS pixels: 0 when nothing scrolls sideways. */
export function horizontalOverflow(page: Page): Promise<number> {
  // A string, since this project's types describe Node.js, not the browser the expression runs in.
  return page.evaluate<number>('Math.max(0, document.documentElement.scrollWidth - window.innerWidth)');
}
