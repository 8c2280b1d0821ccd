import { join } from 'node:path';
import type { Config } from '../config.ts';
import { openDatabase, type Database } from './client.ts';
import { copyDatabase, CopyRefused } from './copy.ts';

export const copyToPostgresHelp =
  'Copy this site from the embedded database (PGlite in DATA_DIR) into a new, empty PostgreSQL database: --to postgres://user:password@host:5432/name. Stop the site first.';

/** A connection URL with its password hidden, fit to print. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(the URL given)';
  }
}

/**
 * `db:copy-to-postgres`: what an admin runs once to move a site that began
 * on PGlite to a PostgreSQL server. The PGlite data is only read; the site
 * keeps DATA_DIR afterwards for its uploads and its secret key. Returns what
 * to print, or throws CopyRefused with a message for the admin.
 */
export async function copyToPostgresFromCli(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  flags: Record<string, string>,
  print: (line: string) => void,
  openSource: () => Promise<Database> = () => openDatabase({ dataDir: join(config.dataDir, 'pglite') }),
): Promise<void> {
  if (config.databaseUrl) throw new CopyRefused('This site already runs on PostgreSQL (DATABASE_URL is set): there is nothing to copy. Unset DATABASE_URL to copy from the embedded database in DATA_DIR.');
  const url = flags.to;
  if (!url || url === 'true') throw new CopyRefused('Give the target database: --to postgres://user:password@host:5432/name');
  if (!/^postgres(ql)?:\/\//.test(url)) throw new CopyRefused('--to must be a PostgreSQL URL, starting postgres:// or postgresql://');
  let target: Database;
  try {
    target = await openDatabase({ url, poolSize: 2 });
    await target.ping();
  } catch (error) {
    throw new CopyRefused(`Could not connect to ${withoutPassword(url)}: ${(error as Error).message}`);
  }
  const source = await openSource();
  try {
    // Both at this version's schema: the source as the site left it, the target from nothing.
    await source.migrate();
    await target.migrate();
    print(`Copying into ${withoutPassword(url)} …`);
    const copied = await copyDatabase(source.db, target.db, ({ table, rows }) => print(`  ${table.padEnd(32)} ${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'}`));
    const total = copied.reduce((sum, t) => sum + t.rows, 0);
    print(`Copied ${total.toLocaleString('en-US')} rows in ${copied.length} tables; each table's count checked.`);
    print('Next: set DATABASE_URL to that database and start the site. Keep DATA_DIR (and SECRET_KEY if you set one): it holds the');
    print(`uploaded files and the secret key that signed links and encrypted data need. The embedded database in ${join(config.dataDir, 'pglite')} was only read;`);
    print('remove it once the site runs well on PostgreSQL.');
  } finally {
    await source.close();
    await target.close();
  }
}
