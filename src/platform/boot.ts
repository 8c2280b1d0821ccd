import { join } from 'node:path';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DatabaseUnavailableError, openDatabase, type Database } from './db/client.ts';
import { DataFolderInUse } from './db/data-folder-lock.ts';
import { createLogger, logsAreReadable, type Logger } from './logger.ts';

/** Stops the process with one plain line for a person to read: no stack trace. */
export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** The configuration, or a plain message and exit 1 when the environment is wrong. */
export function loadConfigOrFail(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(`Configuration error: ${error.message}`);
    throw error;
  }
}

/**
 * What every entry point (server, worker, CLI) does first: read the
 * configuration, open the database and bring its schema up to date. An
 * embedded database that another process holds stops the process with one
 * line, unless `inUse: 'throw'` (the CLI then asks that process instead).
 */
export async function boot(
  options: { migrate?: boolean; inUse?: 'fail' | 'throw' } = {},
): Promise<{ config: Config; logger: Logger; database: Database }> {
  const config = loadConfigOrFail();
  const logger = createLogger({ level: config.logLevel, pretty: logsAreReadable(config) });
  let database: Database;
  try {
    database = await openDatabase(
      config.databaseUrl ? { url: config.databaseUrl } : { dataDir: join(config.dataDir, 'pglite') },
    );
  } catch (error) {
    if (error instanceof DataFolderInUse && options.inUse !== 'throw') {
      fail(
        `Database error: DATA_DIR ${error.message}. Stop that process first; ` +
          `to run several, use DATABASE_URL (PostgreSQL).`,
      );
    }
    if (error instanceof DatabaseUnavailableError) {
      fail(`Database error: ${config.databaseUrl ? 'DATABASE_URL' : 'DATA_DIR'} ${error.message}`);
    }
    throw error;
  }
  if (options.migrate !== false) {
    try {
      await database.migrate();
    } catch (error) {
      fail(`Database error: migrations could not be applied: ${(error as Error).message}`);
    }
  }
  return { config, logger, database };
}
