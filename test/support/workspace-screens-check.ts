import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { launchChromium, startDemoSite } from './browser.ts';
import { chromiumAvailable, requireAll } from './suites.ts';
import { horizontalOverflow, signInAsNewAdmin, type WorkspaceScreen, workspaceScreens } from './workspace-screens.ts';

/**
 * Every workspace screen, at a phone's width and a laptop's: it answers 200, nothing on it scrolls the page
 * sideways, and axe finds nothing. The list comes from the route table the role test keeps complete, so a
 * new screen is checked the day it is added. (axe runs at 390 px, where most goes wrong; public pages are
 * checked in public-pages.test.ts.)
 *
 * The screens are dealt out to `shards` files, one in every `shards` to each: one file checking them all
 * took over ten minutes in CI while three other files shared the two cores, and split, the shards run beside
 * the rest instead of alone at the end (ADR 065).
 */
export function describeWorkspaceScreens(shard: number, shards: number) {
  const available = chromiumAvailable();
  if (!available.ok && requireAll())
    throw new Error(`Browser suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but ${available.reason}`);

  describe.skipIf(!available.ok)(`workspace screens, part ${shard} of ${shards}, at 390 px and 1280 px`, () => {
    let browser: Browser;
    let site: Awaited<ReturnType<typeof startDemoSite>>;
    let all: WorkspaceScreen[];
    let page: Page;

    beforeAll(async () => {
      [browser, site] = await Promise.all([launchChromium(), startDemoSite()]);
      all = await workspaceScreens(site.database);
      page = await (await browser.newContext()).newPage();
      await page.setViewportSize({ width: 390, height: 900 });
      await signInAsNewAdmin(page, site);
    }, 90_000);
    afterAll(async () => {
      await browser?.close();
      await site?.stop();
    });

    if (shard === 1)
      it('finds the screens of every part of the workspace', () => {
        const parts = new Set(all.map((s) => s.path.split('/')[2] ?? ''));
        for (const part of [
          '',
          'content',
          'media',
          'petitions',
          'broadcasts',
          'supporters',
          'staff',
          'audit',
          'mailbox',
        ])
          expect(parts, part).toContain(part);
      });

    it('shows each of its screens with nothing off the side at either width, and zero axe violations at 390 px', async () => {
      const screens = all.filter((_, i) => i % shards === shard - 1);
      expect(screens.length).toBeGreaterThan(0);
      // Every problem on every screen, so one run shows them all.
      const problems: string[] = [];
      for (const screen of screens) {
        await page.setViewportSize({ width: 390, height: 900 });
        const res = await page.goto(`${site.url}${screen.path}`);
        if (res?.status() !== 200) problems.push(`${screen.path}: answered ${res?.status()}`);
        const narrow = await horizontalOverflow(page);
        if (narrow > 0) problems.push(`${screen.path}: ${narrow}px wider than a 390 px window`);
        // An email's sandboxed frame runs no script, axe's included (axe would wait on it for ever);
        // the email documents are checked on their own in broadcasts.test.ts.
        const violations = await axeViolations(page, { exclude: ['iframe.sandboxed-frame'] });
        for (const v of violations)
          problems.push(`${screen.path}: axe ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        // The same document widened: the laptop's layout, without asking the server for the screen again.
        await page.setViewportSize({ width: 1280, height: 900 });
        const wide = await horizontalOverflow(page);
        if (wide > 0) problems.push(`${screen.path}: ${wide}px wider than a 1280 px window`);
      }
      expect(problems).toEqual([]);
    }, 600_000);
  });
}
