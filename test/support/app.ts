import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoryVault } from '../../src/features/stories/service.ts';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import type { Database } from '../../src/platform/db/client.ts';
import type { ImageLibrary } from '../../src/platform/web/images.tsx';
import { createApp } from '../../src/app/app.tsx';
import { createLogger } from '../../src/platform/logger.ts';
import { startWebServer } from '../../src/web-server.ts';

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    SECRET_KEY: 'test-secret-key-that-is-long-enough-0123456789',
    PUBLIC_URL: 'http://localhost:3000',
    // Tests edit content through the service, not this process: check the version on every request.
    PAGE_CACHE_CHECK_MS: '0',
    LOG_LEVEL: 'silent',
    // Tests post far faster than people; the limiter has tests of its own.
    WRITES_PER_MINUTE: '1000000',
    // Each test browser presents its own address through the proxy header (test/support/staff.ts).
    TRUST_PROXY: '1',
    // A key ring of the test process's own, never the developer's site's ./data one.
    STORIES_KEY_FILE: join(tmpdir(), `groundswell-test-stories-keys-${process.pid}.json`),
    ...overrides,
  });
}

/** The real application over a test database, for requests through app.request(). */
export function createTestApp(
  database: Database,
  overrides: Record<string, string> = {},
  more: { images?: ImageLibrary; storyVault?: StoryVault } = {},
) {
  const config = testConfig(overrides);
  return createApp({ config, database, logger: createLogger({ level: 'silent', pretty: false }), ...more });
}

/** The real web server on a free loopback port, for tests that speak HTTP over sockets. */
export function listenTestServer(
  config: Config,
  database: Database,
): Promise<{ server: { stop(): Promise<void> }; port: number }> {
  return new Promise((resolve) => {
    const server = startWebServer({
      config,
      database,
      logger: createLogger({ level: 'silent', pretty: false }),
      emailQueued: () => {},
      broadcastScheduled: () => {},
      onListening: (port) => resolve({ server, port }),
    });
  });
}
