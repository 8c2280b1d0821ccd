// Takes the README's screenshot of the demo home page: `npm run screenshot`.
import { openDatabase } from '../src/platform/db/client.ts';
import { launchChromium, startDemoSite } from '../test/support/browser.ts';

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
} finally {
  await browser.close();
  await site.stop();
}
