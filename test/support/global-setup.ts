import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/platform/db/client.ts';
import { checkPostgres, requireAll } from './suites.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PGlite data directory with every migration applied, as a tarball: cheaper to load than initdb. */
    pgliteSnapshot: string;
    /** The PostgreSQL server's URL, or '' when that suite is skipped. */
    postgresUrl: string;
  }
}

/**
 * Runs once before all test files. Migrating a fresh PGlite costs seconds;
 * doing it once here and letting each file load the result keeps the suite
 * fast on two cores.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'groundswell-test-'));
  const pglite = await PGlite.create();
  const database = await openDatabase({ pglite });
  await database.migrate();
  const snapshot = join(dir, 'pglite-migrated.tar');
  writeFileSync(snapshot, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  await pglite.close();
  project.provide('pgliteSnapshot', snapshot);

  const postgres = await checkPostgres();
  if (!postgres.ok) {
    if (requireAll()) throw new Error(`PostgreSQL suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but unavailable: ${postgres.reason}`);
    process.stdout.write(`\n[groundswell] SKIPPED the PostgreSQL runs: ${postgres.reason}\n  To run them: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test\n\n`);
  }
  project.provide('postgresUrl', postgres.ok ? postgres.url : '');

  return () => rmSync(dir, { recursive: true, force: true });
}
