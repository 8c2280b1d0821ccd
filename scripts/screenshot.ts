// `npm run screenshot`: the README's pictures of the demo home page, and every workspace screen at a
// phone's width (390 px) and a laptop's (1280 px) in docs/screenshots/, named after the screen.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { openDatabase } from '../src/platform/db/client.ts';
import { launchChromium, startDemoSite } from '../test/support/browser.ts';
import { horizontalOverflow, signInAsNewAdmin, workspaceScreens } from '../test/support/workspace-screens.ts';

const folder = 'docs/screenshots';
const site = await startDemoSite(async () => {
  const database = await openDatabase({});
  await database.migrate();
  return database;
});
const browser = await launchChromium();
try {
  for (const [name, width, height] of [
    ['docs/screenshot-home.png', 1280, 1800],
    ['docs/screenshot-home-mobile.png', 390, 1400],
  ] as const) {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(`${site.url}/`, { waitUntil: 'load' });
    await page.screenshot({ path: name });
    await page.close();
    process.stdout.write(`wrote ${name}\n`);
  }

  // Start from an empty folder, so a screen that no longer exists leaves no picture behind.
  mkdirSync(folder, { recursive: true });
  for (const file of readdirSync(folder)) if (file.endsWith('.png')) rmSync(`${folder}/${file}`);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAsNewAdmin(page, site);
  const screens = await workspaceScreens(site.database);
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    for (const screen of screens) {
      await page.goto(`${site.url}${screen.path}`, { waitUntil: 'load' });
      const overflow = await horizontalOverflow(page);
      const path = `${folder}/${screen.name}-${width}.png`;
      await page.screenshot({ path, fullPage: true });
      process.stdout.write(`wrote ${path}${overflow > 0 ? ` (OVERFLOWS by ${overflow}px)` : ''}\n`);
    }
  }
} finally {
  await browser.close();
  await site.stop();
}
