import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Result } from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * axe-core run in the page the way `@axe-core/playwright`'s legacy mode runs it, with its cost taken out (ADR 076).
 * AxeBuilder's default mode sends axe-core's 1.3 MB source twice and opens a blank page for every check (about
 * 570 ms a page here); legacy mode still sends it three times (about 300 ms). This sends the 580 kB minified build
 * once a document, then calls `axe.run` with the same rules (about 170 ms). Every frame gets axe as AxeBuilder gives
 * it, so axe.run checks same-origin frames too; the pages under test load nothing from another origin (the tests
 * assert it).
 */

// The axe-core version @axe-core/playwright itself loads, whichever folder the package manager put it in: its
// minified build, the one axe-core ships for injecting into pages.
const fromAxePlaywright = createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'));
const axeSource = readFileSync(fromAxePlaywright.resolve('axe-core/axe.min.js'), 'utf8');

export const wcag22aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** The WCAG 2.2 AA violations axe finds on the page as it is now, outside the `exclude` selectors. */
export async function axeViolations(page: Page, options: { exclude?: string[] } = {}): Promise<Result[]> {
  const exclude = options.exclude ?? [];
  for (const frame of page.frames()) {
    // axe.run never looks inside a frame that is left out, so it needs no axe (and a sandboxed email's frame, which
    // runs no script, would only be waited on).
    if (frame.parentFrame() && exclude.length > 0) {
      const element = await frame.frameElement().catch(() => null);
      if (!element) continue;
      const left = await element.evaluate(
        (node: { closest(selector: string): unknown }, selectors: string[]) =>
          selectors.some((selector) => node.closest(selector) !== null),
        exclude,
      );
      if (left) continue;
    }
    // A frame that runs no script never answers: give up on it after a second, as AxeBuilder does; axe.run then
    // reports it untested, as AxeBuilder's run does.
    const injected = frame.evaluate(`typeof window.axe === 'undefined' ? (() => { ${axeSource}\n})() : undefined`);
    const limit = new Promise((resolve) => setTimeout(resolve, 1000).unref());
    await Promise.race([injected.catch(() => undefined), limit]);
  }
  const context = JSON.stringify({ exclude });
  const runOptions = JSON.stringify({ runOnly: { type: 'tag', values: wcag22aa } });
  // A string, as the tests' types know no DOM.
  const outcome = await page.evaluate<{ error: string | null; violations: Result[] | null }>(
    `window.axe.run(${context}, ${runOptions}).then(
      (results) => ({ error: null, violations: results.violations }),
      (error) => ({ error: String(error && error.message), violations: null }),
    )`,
  );
  if (outcome.error !== null || outcome.violations === null) throw new Error(`axe failed: ${outcome.error}`);
  return outcome.violations;
}

/** One line a violation: which rule, and where. */
export function describeViolations(violations: Result[], label?: string): string[] {
  const prefix = label ? `${label}: ` : '';
  return violations.map((v) => `${prefix}${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
