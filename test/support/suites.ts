import { existsSync } from 'node:fs';
import pg from 'pg';

/** Set by CI: a suite that cannot run is a failure, never a skip. */
export function requireAll(): boolean {
  return process.env.GROUNDSWELL_REQUIRE_ALL_SUITES === '1';
}

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): { ok: true } | { ok: false; reason: string } {
  return existsSync(chromiumPath)
    ? { ok: true }
    : { ok: false, reason: `no browser at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)` };
}

export async function checkPostgres(): Promise<{ ok: true; url: string } | { ok: false; reason: string }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return { ok: false, reason: 'TEST_DATABASE_URL is not set' };
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return { ok: true, url };
  } catch (error) {
    return { ok: false, reason: `TEST_DATABASE_URL does not answer: ${(error as Error).message}` };
  } finally {
    await client.end().catch(() => {});
  }
}
