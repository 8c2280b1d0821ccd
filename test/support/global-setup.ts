import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { migrationsFolder, openDatabase } from '../../src/platform/db/client.ts';
import { checkPostgres, requireAll } from './suites.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PGlite data directory with every migration applied, as a tarball: cheaper to load than initdb. */
    pgliteSnapshot: string;
    /** The PostgreSQL server's URL, or '' when that suite is skipped. */
    postgresUrl: string;
  }
}

const cacheDir = join(import.meta.dirname, '../../node_modules/.cache/groundswell');
// Each project loads this module afresh; the flag lives on globalThis so the notice prints once.
const shared = globalThis as { groundswellAnnounced?: boolean };

/**
 * Runs before the test files of each project. Migrating a fresh PGlite costs
 * seconds, so it is done once per set of migrations and kept on disk; every
 * test file loads the result instead.
 */
export default async function setup(project: TestProject) {
  project.provide('pgliteSnapshot', await migratedSnapshot());

  const postgres = await checkPostgres();
  if (!postgres.ok) {
    if (requireAll())
      throw new Error(
        `PostgreSQL suite required (GROUNDSWELL_REQUIRE_ALL_SUITES=1) but unavailable: ${postgres.reason}`,
      );
    if (!shared.groundswellAnnounced) {
      process.stdout.write(
        `\n[groundswell] SKIPPED the PostgreSQL runs: ${postgres.reason}\n` +
          '  To run them: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test\n\n',
      );
    }
  }
  shared.groundswellAnnounced = true;
  project.provide('postgresUrl', postgres.ok ? postgres.url : '');
}

async function migratedSnapshot(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsFolder, { recursive: true, withFileTypes: true })) {
    if (file.isFile()) hash.update(file.name).update(readFileSync(join(file.parentPath, file.name)));
  }
  hash.update(
    JSON.parse(readFileSync(join(import.meta.dirname, '../../node_modules/@electric-sql/pglite/package.json'), 'utf8'))
      .version,
  );
  const snapshot = join(cacheDir, `pglite-${hash.digest('hex').slice(0, 16)}.tar`);
  if (existsSync(snapshot)) return snapshot;
  const pglite = await PGlite.create();
  const database = await openDatabase({ pglite });
  await database.migrate();
  const tarball = Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer());
  await pglite.close();
  mkdirSync(cacheDir, { recursive: true });
  // Written under another name first, so a parallel run never reads half a file.
  const partial = `${snapshot}.${process.pid}`;
  writeFileSync(partial, tarball);
  renameSync(partial, snapshot);
  return snapshot;
}
