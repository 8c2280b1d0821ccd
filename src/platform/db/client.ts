import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { redactUrl } from '../config.ts';
import { lockDataFolder, type DataFolderLock } from './data-folder-lock.ts';

/**
 * The one database handle every feature receives. Features never ask whether
 * it is PGlite or PostgreSQL: both speak the same SQL through Drizzle. It is
 * made without the tables: each feature imports its own schema.ts and names
 * them in its queries (no relational `db.query`), so the platform needs no
 * list of every feature's tables; drizzle-kit finds them by drizzle.config.ts.
 */
export type Db = PgDatabase<PgQueryResultHKT>;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** PostgreSQL's connection URL, for a child process that needs its own connection (the export); unset on PGlite. */
  url?: string;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
};

export const migrationsFolder = fileURLToPath(new URL('../../../drizzle', import.meta.url));

/** An arbitrary constant: the advisory lock that serialises migrations across app processes. */
const MIGRATION_LOCK_ID = 7_340_021;

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

export type DatabaseOptions =
  /**
   * `waitForConnectionMs`: how long a query waits for a free connection before failing (5 s: a site under more
   * load than its pool answers 503 rather than queueing without end). Tests that queue hundreds at once on
   * purpose wait longer.
   */
  | { url: string; poolSize?: number; waitForConnectionMs?: number }
  /** dataDir undefined means an in-memory PGlite, used by tests. */
  | { url?: undefined; dataDir?: string; pglite?: PGlite };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url !== undefined)
    return openPostgres(options.url, options.poolSize ?? 10, options.waitForConnectionMs ?? 5000);
  return openPglite(options.dataDir, options.pglite);
}

async function openPostgres(url: string, poolSize: number, waitForConnectionMs: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: waitForConnectionMs,
    idleTimeoutMillis: 30_000,
  });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => {});
  const db = drizzleNodePg(pool) as unknown as Db;
  const database: Database = {
    db,
    kind: 'postgres',
    url,
    async ping() {
      await pool.query('select 1');
    },
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
        try {
          await migrateNodePg(drizzleNodePg(client), { migrationsFolder });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
        }
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
  try {
    await database.ping();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseUnavailableError(`could not connect to ${redactUrl(url)}: ${describe(error)}`);
  }
  return database;
}

/**
 * The embedded PostgreSQL's shared buffers live in its WebAssembly memory, which grows as they fill and never
 * shrinks: PostgreSQL's stock 128 MB cost the process as much. A small site's working set fits in 16 MB, and
 * the engine opens in about half the time (ADR 071).
 */
export const PGLITE_SETTINGS = ['-c', 'shared_buffers=16MB'];

async function openPglite(dataDir: string | undefined, existing: PGlite | undefined): Promise<Database> {
  // Loaded only when used: the embedded engine costs some 50 MB that a process on PostgreSQL never needs.
  const [{ PGlite: Engine }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  let lock: DataFolderLock | undefined;
  if (dataDir && !existing) {
    mkdirSync(dataDir, { recursive: true });
    // Before the engine reads a byte: a second process must not even load the folder.
    lock = lockDataFolder(dataDir);
  }
  let client: PGlite;
  try {
    client =
      existing ?? (await Engine.create(dataDir, { startParams: [...Engine.defaultStartParams, ...PGLITE_SETTINGS] }));
  } catch (error) {
    lock?.release();
    throw new DatabaseUnavailableError(`could not open the embedded database in ${dataDir}: ${describe(error)}`);
  }
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    async ping() {
      await client.query('select 1');
    },
    async migrate() {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
    },
    async close() {
      if (!client.closed) await client.close();
      lock?.release();
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** Whether every string in a value, however deep, is well-formed UTF-16. */
const allWellFormed = (value: unknown): boolean =>
  typeof value === 'string'
    ? value.isWellFormed()
    : typeof value === 'object' && value !== null
      ? Object.values(value).every(allWellFormed)
      : true;

/**
 * Many rows as one jsonb parameter, for `jsonb_to_recordset(…)`: the
 * statement's text stays the same whatever the number of rows, and building
 * it costs next to nothing (a large multi-row insert through the query
 * builder spends most of its time building the SQL). Strings are made
 * well-formed first: PostgreSQL's JSON refuses a lone surrogate, which a text
 * parameter would have turned into U+FFFD.
 */
export function jsonRows(rows: readonly Record<string, unknown>[]): SQL {
  // A replacer would be called for every key and value (three times slower for a petition batch); strings that
  // are already well-formed, nearly all of them, need none.
  const json = rows.every(allWellFormed)
    ? JSON.stringify(rows)
    : JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'string' ? value.toWellFormed() : value));
  return sql`${json}::jsonb`;
}

/** Rows of a raw query, whichever driver answered it. */
export async function rowsOf<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
