import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { seedDemoContent } from '../../src/features/content/seed/index.ts';
import type { Database } from '../../src/platform/db/client.ts';
import { createTestApp } from './app.ts';
import { openTestPglite } from './databases.ts';
import { chromiumPath } from './suites.ts';

/** Debian's Chromium, started quietly: no background calls to any other host. */
export function launchChromium(): Promise<Browser> {
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

/** The real app with demo content on a real HTTP port of this machine. */
export async function startDemoSite(
  openDatabase: () => Promise<Database> = openTestPglite,
): Promise<{ url: string; database: Database; stop(): Promise<void> }> {
  const database = await openDatabase();
  await seedDemoContent(database.db);
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
