import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { seedDemoContent } from '../../src/features/content/seed/index.ts';
import { seedDemoNews } from '../../src/features/news/seed/index.ts';
import { seedDemoEvents } from '../../src/features/events/seed/index.ts';
import { seedDemoLetters } from '../../src/features/letters/seed/index.ts';
import type { Database } from '../../src/platform/db/client.ts';
import { createTestApp } from './app.ts';
import { axeViolations, describeViolations } from './axe.ts';
import { openTestPglite } from './databases.ts';
import { chromiumPath } from './suites.ts';

/** Debian's Chromium, started quietly: no background calls to any other host. */
function startChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-extensions',
    ],
  });
}

// The browser project runs its files one after another in each worker (isolate: false), so one Chromium can serve
// them all; playwright ends it when the worker exits.
const worker = globalThis as { groundswellChromium?: Promise<Browser> };

/**
 * This worker's Chromium, as a file's own: what the file opens through it (contexts, pages) its `close()` closes,
 * and the browser stays up for the next file. Starting Chromium for each file cost about 0.4 s of CPU and a second
 * of a busy machine's time (ADR 076); each context is still a fresh visitor, with no cookies, cache or storage
 * from another.
 */
export async function launchChromium(): Promise<Browser> {
  worker.groundswellChromium ??= startChromium();
  let shared = await worker.groundswellChromium;
  if (!shared.isConnected()) {
    worker.groundswellChromium = startChromium();
    shared = await worker.groundswellChromium;
  }
  const opened = new Set<BrowserContext>();
  const keep = (context: BrowserContext) => {
    opened.add(context);
    context.once('close', () => opened.delete(context));
    return context;
  };
  const own: Pick<Browser, 'newContext' | 'newPage' | 'close'> = {
    newContext: async (options) => keep(await shared.newContext(options)),
    newPage: async (options) => {
      const page = await shared.newPage(options);
      keep(page.context());
      return page;
    },
    close: async () => {
      await Promise.all([...opened].map((context) => context.close()));
    },
  };
  return new Proxy(shared, {
    get(target, property) {
      if (Object.hasOwn(own, property)) return own[property as keyof typeof own];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The real app with demo content on a real HTTP port of this machine. */
export async function startDemoSite(
  openDatabase: () => Promise<Database> = openTestPglite,
): Promise<{ url: string; database: Database; stop(): Promise<void> }> {
  const database = await openDatabase();
  await seedDemoContent(database.db);
  await seedDemoNews(database.db);
  await seedDemoEvents(database.db);
  await seedDemoLetters(database.db);
  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve) => {
    let app: ReturnType<typeof createTestApp>['app'] | undefined;
    // The public URL must match the port, so build the app once the port is known.
    server = serve({ fetch: (req) => app!.fetch(req), port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      app = createTestApp(database, { PUBLIC_URL: `http://127.0.0.1:${info.port}` }).app;
      resolve(info.port);
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    async stop() {
      await new Promise((resolve) => server!.close(resolve));
      await database.close();
    },
  };
}

/** A fresh visitor (a context of its own) whose every request and every CSP complaint is recorded. */
export async function recordedVisitor(
  browser: Browser,
  locale: 'en' | 'es',
  options: { javaScriptEnabled?: boolean } = {},
) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: locale === 'es' ? 'es-US' : 'en-US',
    ...options,
  });
  const page = await context.newPage();
  const requested: string[] = [];
  const refused: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  page.on('console', (m) => {
    if (/Content Security Policy|^CSP /.test(m.text())) refused.push(m.text());
  });
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) =>
      console.log('CSP ' + e.violatedDirective + ' ' + e.blockedURI))`,
  });
  return { context, page, requested, refused };
}

/** Runs axe with the WCAG 2.2 AA rules on the page as it is now; `label` says which page failed. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  expect(describeViolations(await axeViolations(page), label)).toEqual([]);
}
