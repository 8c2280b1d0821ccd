import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openDatabase, PGLITE_SETTINGS, type Database } from '../../src/platform/db/client.ts';

export type TestDatabaseKind = 'pglite' | 'postgres';

/** A migrated, empty PGlite loaded from the snapshot global-setup made, with the engine settings the site uses. */
export async function openTestPglite(): Promise<Database> {
  const tarball = new Blob([readFileSync(inject('pgliteSnapshot'))]);
  const pglite = await PGlite.create({
    loadDataDir: tarball,
    startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS],
  });
  return openDatabase({ pglite });
}

/** A migrated, empty database of its own on the PostgreSQL server, dropped by `drop()`. */
export async function openTestPostgres(serverUrl: string): Promise<Database & { url: string; drop(): Promise<void> }> {
  const name = `groundswell_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const template = inject('postgresTemplate');
  await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 4 });
  // Copied from the migrated template, this finds nothing to do; it still proves the journal agrees.
  await database.migrate();
  return {
    ...database,
    /** For child processes that open the same database. */
    url: url.toString(),
    async drop() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * Runs a block of integration tests on PGlite, and again on PostgreSQL when
 * TEST_DATABASE_URL answers. Each run gets its own database, opened once for
 * the block and removed afterwards.
 */
export function describeEachDatabase(name: string, body: (get: () => Database, kind: TestDatabaseKind) => void) {
  const postgresUrl = inject('postgresUrl');
  const kinds: TestDatabaseKind[] = postgresUrl ? ['pglite', 'postgres'] : ['pglite'];
  for (const kind of kinds) {
    describe(`${name} [${kind}]`, () => {
      let database: (Database & { drop?: () => Promise<void> }) | undefined;
      beforeAll(async () => {
        database = kind === 'pglite' ? await openTestPglite() : await openTestPostgres(postgresUrl);
      }, 60_000);
      afterAll(async () => {
        if (database?.drop) await database.drop();
        else await database?.close();
      });
      body(() => {
        if (!database) throw new Error('test database not opened yet');
        return database;
      }, kind);
    });
  }
}
