import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { buildIfChanged } from '../../scripts/build.ts';
import { migrationsFolder, openDatabase } from '../../src/platform/db/client.ts';
import { checkPostgres, requireAll } from './suites.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PGlite data directory with every migration applied, as a tarball: cheaper to load than initdb. */
    pgliteSnapshot: string;
    /** The PostgreSQL server's URL, or '' when that suite is skipped. */
    postgresUrl: string;
    /** A migrated database on that server that test databases are copied from (`create database … template`). */
    postgresTemplate: string;
  }
}

const cacheDir = join(import.meta.dirname, '../../node_modules/.cache/groundswell');
// Each project loads this module afresh; the flag lives on globalThis so the notice prints once.
const shared = globalThis as { groundswellAnnounced?: boolean; groundswellBuild?: Promise<unknown> };

/**
 * Runs before the test files of each project. Migrating a fresh PGlite costs
 * seconds, so it is done once per set of migrations and kept on disk; every
 * test file loads the result instead.
 */
export default async function setup(project: TestProject) {
  // The tests start the server, worker and CLI from the build, as `npm start` does (ADR 071): made once per run.
  shared.groundswellBuild ??= buildIfChanged();
  await shared.groundswellBuild;
  const migrations = migrationsHash();
  project.provide('pgliteSnapshot', await migratedSnapshot(migrations));

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
  project.provide('postgresTemplate', postgres.ok ? await migratedTemplate(postgres.url, migrations) : '');
}

/** The migrations and PGlite's version: what a migrated database depends on. */
function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsFolder, { recursive: true, withFileTypes: true })) {
    if (file.isFile()) hash.update(file.name).update(readFileSync(join(file.parentPath, file.name)));
  }
  hash.update(
    JSON.parse(readFileSync(join(import.meta.dirname, '../../node_modules/@electric-sql/pglite/package.json'), 'utf8'))
      .version,
  );
  return hash.digest('hex').slice(0, 16);
}

/**
 * A migrated template database on the PostgreSQL server, made once per set of migrations: copying
 * it (`create database … template`) takes about a quarter of the time of migrating a new database,
 * for each of the hundred-odd databases a run makes. It is made under a name of its own and then
 * renamed, so a parallel run never copies half a template; nothing stays connected to it.
 */
async function migratedTemplate(serverUrl: string, migrations: string): Promise<string> {
  const name = `groundswell_template_${migrations}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return name;
    const partial = `${name}_${process.pid}`;
    await admin.query(`drop database if exists ${partial}`);
    await admin.query(`create database ${partial}`);
    const url = new URL(serverUrl);
    url.pathname = `/${partial}`;
    const database = await openDatabase({ url: url.toString(), poolSize: 1 });
    await database.migrate();
    await database.close();
    try {
      await admin.query(`alter database ${partial} rename to ${name}`);
    } catch {
      // Another run renamed its copy first: use that one.
      await admin.query(`drop database if exists ${partial}`);
    }
    return name;
  } finally {
    await admin.end();
  }
}

async function migratedSnapshot(migrations: string): Promise<string> {
  const snapshot = join(cacheDir, `pglite-${migrations}.tar`);
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
