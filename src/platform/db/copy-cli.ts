import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { redactUrl, type Config } from '../config.ts';
import { openDatabase, type Database } from './client.ts';
import { copyDatabase, CopyRefused } from './copy.ts';

export const copyToPostgresHelp =
  'Copy this site from the embedded database (PGlite in DATA_DIR) into a new, empty PostgreSQL database: ' +
  '--to postgres://user:password@host:5432/name. Stop the site first.';

/** Where the copy reads from: the site's embedded database, which must already exist. */
export type CopySource = { where: string; exists(): boolean; open(): Promise<Database> };

export function embeddedSource(dataDir: string): CopySource {
  const where = join(dataDir, 'pglite');
  return { where, exists: () => existsSync(join(where, 'PG_VERSION')), open: () => openDatabase({ dataDir: where }) };
}

/**
 * `db:copy-to-postgres`: what an admin runs once to move a site that began
 * on PGlite to a PostgreSQL server. The embedded database is left in place
 * (only brought to this version's schema, as starting the site would); the
 * site keeps DATA_DIR afterwards for its uploads and its secret key. Prints
 * as it goes, or throws CopyRefused with a message for the admin.
 */
export async function copyToPostgresFromCli(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  flags: { to?: string | undefined },
  print: (line: string) => void,
  source: CopySource = embeddedSource(config.dataDir),
): Promise<void> {
  if (config.databaseUrl)
    throw new CopyRefused(
      'This site already runs on PostgreSQL (DATABASE_URL is set): there is nothing to copy. ' +
        'Unset DATABASE_URL to copy from the embedded database in DATA_DIR.',
    );
  const url = flags.to;
  if (!url || url === 'true')
    throw new CopyRefused('Give the target database: --to postgres://user:password@host:5432/name');
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new CopyRefused('--to must be a PostgreSQL URL, starting postgres:// or postgresql://');
  // A URL that cannot be read could not have its password hidden in a message either.
  if (!URL.canParse(url))
    throw new CopyRefused(
      '--to is not a URL that can be read: check it, and percent-encode any special characters in the password.',
    );
  // A mistyped DATA_DIR would otherwise open a new, empty database and copy nothing, "successfully".
  if (!source.exists())
    throw new CopyRefused(`There is no embedded database in ${source.where} to copy. Check DATA_DIR.`);
  let target: Database;
  try {
    target = await openDatabase({ url, poolSize: 2 });
    await target.ping();
  } catch (error) {
    throw new CopyRefused(`Could not reach the target database at ${redactUrl(url)} (${(error as Error).message}).`);
  }
  try {
    const opened = await source.open();
    try {
      // Both at this version's schema: the source as the site left it, the target from nothing.
      await opened.migrate();
      await target.migrate();
      print(`Copying into ${redactUrl(url)} …`);
      const copied = await copyDatabase(opened.db, target.db, {
        onTable: ({ table, rows }) =>
          print(`  ${table.padEnd(32)} ${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'}`),
      });
      const total = copied.reduce((sum, t) => sum + t.rows, 0);
      print(`Copied ${total.toLocaleString('en-US')} rows in ${copied.length} tables; each table's count checked.`);
      for (const line of [
        'Next: set DATABASE_URL to that database and start the site.',
        'Keep DATA_DIR (and SECRET_KEY if you set one): it holds the uploaded files and the secret key',
        `that signed links and encrypted data need. The embedded database in ${source.where} is left as it was;`,
        'remove it once the site runs well on PostgreSQL.',
      ])
        print(line);
    } finally {
      await opened.close();
    }
  } finally {
    await target.close();
  }
}
