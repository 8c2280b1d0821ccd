import { createReadStream, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { seedDemoContent } from './features/content/seed/index.ts';
import { seedDemoPetition } from './features/petitions/seed.ts';
import { recountAll } from './features/petitions/service.ts';
import {
  importFromCli,
  referenceImportFlags,
  referenceImportHelp,
  referenceImportRequest,
  type ReferenceImportRequest,
} from './features/reference/cli.ts';
import { ReferenceImportError } from './features/reference/import.ts';
import {
  createStaffFromCli,
  readPassword,
  clearTwoStepFromCli,
  resetPasswordFromCli,
  roleFlagProblem,
  type StaffFlags,
} from './features/staff/cli.ts';
import { StaffInputError } from './features/staff/service.ts';
import {
  ImportFileError,
  importFromCli as importSupportersFromCli,
  supporterImportHelp,
  supporterImportRequest,
  type SupporterImportRequest,
} from './features/supporters/service.ts';
import { openStoryVault, RotationRunning, rotateStoryKey, StoryKeyError } from './features/stories/service.ts';
import { listenForAdminCommands } from './platform/admin-socket.ts';
import type { Config } from './platform/config.ts';
import { writeBackup, restoreBackup } from './platform/db/backup.ts';
import { purgeExpiredPersonalData } from './privacy-purge.ts';
import type { Database } from './platform/db/client.ts';
import { copyToPostgresFromCli, copyToPostgresHelp } from './platform/db/copy-cli.ts';
import { CopyRefused, type TableCopy } from './platform/db/copy.ts';
import { FlagProblem, readFlags } from './platform/flags.ts';
import type { Logger } from './platform/logger.ts';

/**
 * The admin commands (`npm run cli -- <command>`), apart from where they
 * run: src/cli.ts runs one with a database of its own, or, when a site on
 * the embedded database holds DATA_DIR, sends it to that site, which runs it
 * here with its database (src/main.ts). What must happen at the keyboard
 * (flags checked, a password typed) is done by `prepare`, in the CLI.
 */

/** A plain line for the admin, and exit 1. */
export class CommandRefused extends Error {}

export type CommandContext = {
  config: Config;
  logger: Logger;
  /** Unset only for a command that opens its database itself (`ownDatabase`). */
  database: Database | undefined;
  print(line: string): void;
  /** A line for stderr (a long command's progress); the CLI passes it, and so does the site through its socket. */
  error?(line: string): void;
  /** Where a command that writes a file (`fileOf`) puts its bytes; the CLI stores them. */
  file: Writable | undefined;
};

export type AdminCommand = {
  help: string;
  /** In the CLI, before any database is opened: the request, or CommandRefused. It must survive JSON. */
  prepare?(args: string[]): unknown;
  /** Why it cannot run inside the running site: the CLI refuses with this line. */
  notWhileRunning?: string;
  /** It opens the database itself (and so respects the data folder's lock itself). */
  ownDatabase?: boolean;
  /** The file the command's bytes go to, chosen in the CLI. */
  fileOf?(request: never): string;
  /**
   * `request` is what this command's own `prepare` made (typed by each command; `never` lets the table hold them all).
   */
  run(request: never, context: CommandContext): Promise<void>;
};

const needDatabase = (context: CommandContext): Database => context.database!;
const countLine = ({ table, rows }: TableCopy) =>
  `  ${table.padEnd(32)} ${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'}`;
const rowTotal = (tables: TableCopy[]) => tables.reduce((sum, t) => sum + t.rows, 0).toLocaleString('en-US');

function fileFlag(args: string[], name: 'to' | 'from', example: string): string {
  const value = readFlags(args, { [name]: example } as Record<typeof name, string>)[name];
  if (!value) throw new CommandRefused(`Give the file: --${name} ${example}`);
  return resolve(value);
}

const staffFlags = { email: 'you@example.org', role: 'admin|organizer|editor|viewer', name: '"Full Name"' };

function staffCommand(
  help: string,
  action: typeof createStaffFromCli,
  flagProblem?: (flags: StaffFlags) => string | undefined,
): AdminCommand {
  return {
    help,
    async prepare(args) {
      const flags: StaffFlags = readFlags(args, staffFlags);
      if (!flags.email) throw new CommandRefused('--email is required');
      // Before the password prompt, so no one types a password for a command that cannot run.
      const problem = flagProblem?.(flags);
      if (problem) throw new CommandRefused(problem);
      return { flags, password: await readPassword('Password (at least 12 characters): ') };
    },
    async run({ flags, password }: { flags: StaffFlags; password: string }, context) {
      context.print(await action(needDatabase(context).db, flags, password));
    },
  };
}

export const adminCommands: Record<string, AdminCommand> = {
  'db:migrate': {
    help: 'Apply database migrations (start-up does this too).',
    notWhileRunning:
      'the site running on this DATA_DIR applied the migrations when it started; restart it to apply newer ones.',
    async run(_request, context) {
      context.print('Migrations applied.');
    },
  },
  'db:copy-to-postgres': {
    help: copyToPostgresHelp,
    ownDatabase: true,
    notWhileRunning:
      'stop the site first: the copy reads a database that must not change meanwhile. ' +
      'Or, without stopping, take a backup and restore it into the empty PostgreSQL database.',
    prepare: (args) => readFlags(args, { to: 'postgres://user:password@host:5432/name' }),
    async run(flags: { to?: string }, context) {
      await copyToPostgresFromCli(context.config, flags, context.print);
    },
  },
  backup: {
    help:
      'Write a consistent copy of the whole database to a file, while the site runs: ' +
      '--to FILE (gzipped JSON lines; restores into PGlite or PostgreSQL). ' +
      'Uploaded files are not in it: see docs/operations.md.',
    prepare(args) {
      const path = fileFlag(args, 'to', 'backups/groundswell-2026-12-04.jsonl.gz');
      if (existsSync(path)) throw new CommandRefused(`${path} already exists: choose a new file name.`);
      return { path };
    },
    fileOf: ({ path }: { path: string }) => path,
    async run(_request, context) {
      const tables = await writeBackup(needDatabase(context).db, context.file!, {
        onTable: (t) => context.print(countLine(t)),
      });
      context.print(`Backed up ${rowTotal(tables)} rows in ${tables.length} tables, as of one moment.`);
    },
  },
  restore: {
    help:
      'Load a backup into a new, empty database (a new DATA_DIR, ' +
      'or an empty PostgreSQL database in DATABASE_URL): --from FILE. ' +
      'Refuses a database that holds anything.',
    notWhileRunning:
      'a site is running on this DATA_DIR, so its database is not empty. ' +
      'Restore into a new DATA_DIR (or an empty PostgreSQL database), ' +
      'then start the site on that.',
    prepare(args) {
      const path = fileFlag(args, 'from', 'backups/groundswell-2026-12-04.jsonl.gz');
      if (!existsSync(path)) throw new CommandRefused(`There is no file ${path}.`);
      return { path };
    },
    async run({ path }: { path: string }, context) {
      const tables = await restoreBackup(needDatabase(context).db, createReadStream(path), {
        onTable: (t) => context.print(countLine(t)),
      });
      context.print(`Restored ${rowTotal(tables)} rows in ${tables.length} tables; each table's count checked.`);
    },
  },
  'seed:demo': {
    help: 'Add the demo content to an empty database (does nothing once content exists).',
    async run(_request, context) {
      const { db } = needDatabase(context);
      const { seeded } = await seedDemoContent(db);
      await seedDemoPetition(db);
      context.print(seeded ? 'Demo content added.' : 'The database already has content; nothing changed.');
    },
  },
  'reference:import': {
    help: referenceImportHelp,
    // Resolved here, in the CLI's folder and environment, wherever it then runs.
    prepare: (args) => referenceImportRequest(readFlags(args, referenceImportFlags)),
    async run(request: ReferenceImportRequest, context) {
      context.print(await importFromCli(needDatabase(context).db, request));
    },
  },
  'supporters:import': {
    help: supporterImportHelp,
    // The path is resolved here, in the CLI's folder, wherever it then runs.
    prepare: (args) => supporterImportRequest(args),
    async run(request: SupporterImportRequest, context) {
      await importSupportersFromCli(needDatabase(context).db, request, {
        print: context.print,
        progress: context.error ?? context.print,
      });
    },
  },
  'petitions:recount': {
    help:
      'Recount every petition from its verified signatures, repair the counters if they drifted, ' +
      'and mark pending signatures whose link has lapsed as expired (runs nightly in the worker too).',
    async run(_request, context) {
      const results = await recountAll(needDatabase(context).db, context.logger);
      const repaired = results.filter((r) => r.before !== r.after);
      for (const r of repaired) context.print(`Petition ${r.petitionId}: count was ${r.before}, now ${r.after}.`);
      context.print(`Recounted ${results.length} petition(s); ${repaired.length} repaired.`);
    },
  },
  'privacy:purge': {
    help:
      'Delete what the privacy notice says is kept no longer: ' +
      'unconfirmed sign-ups and signatures, ' +
      "signers' IP hashes past their hours, " +
      'and unpublished stories past their keeping period (runs hourly in the worker too).',
    async run(_request, context) {
      const done = await purgeExpiredPersonalData(
        needDatabase(context).db,
        context.logger,
        new Date(),
        context.config.dataDir,
      );
      context.print(
        `Deleted ${done.unconfirmedSignatures} unconfirmed signature(s), ` +
          `${done.pendingTopics} unconfirmed topic(s), ${done.unusedLinks} unused link(s) ` +
          `and ${done.unconfirmedPeople} unconfirmed person(s); ` +
          `cleared ${done.signerAddressesCleared} IP hash(es); ` +
          `deleted ${done.expiredStories} story(ies) past their keeping period.`,
      );
    },
  },
  'stories:rotate-key': {
    help:
      'Seal every story again with a new key, then drop the old keys from the stories key file ' +
      '(STORIES_KEY_FILE). Back the file up again afterwards: see docs/operations.md.',
    async run(_request, context) {
      const { db } = needDatabase(context);
      const vault = await openStoryVault(db, context.config.storiesKeyFile);
      const { keyId, resealed } = await rotateStoryKey({ db, vault }, null);
      context.print(
        `Stories key rotated: new key ${keyId}; ${resealed} stor${resealed === 1 ? 'y' : 'ies'} re-sealed.`,
      );
    },
  },
  'staff:create': staffCommand(
    'Create a staff account: ' +
      '--email you@example.org --role admin|organizer|editor|viewer [--name "Full Name"]. ' +
      'Reads the password from a prompt or stdin.',
    createStaffFromCli,
    roleFlagProblem,
  ),
  'staff:reset-password': staffCommand(
    'Set a new password for a staff account: --email you@example.org. ' +
      'Reads it from a prompt or stdin; signs them out everywhere.',
    resetPasswordFromCli,
  ),
  'staff:clear-two-step': {
    help:
      'Turn off two-step sign-in for a staff member who lost their authenticator and recovery codes: ' +
      '--email you@example.org. They then sign in with their password and can turn it on again.',
    async prepare(args) {
      const flags: StaffFlags = readFlags(args, { email: staffFlags.email });
      if (!flags.email) throw new CommandRefused('--email is required');
      return flags;
    },
    async run(flags: StaffFlags, context) {
      context.print(await clearTwoStepFromCli(needDatabase(context).db, flags));
    },
  },
};

/** The line to show for an error a person can act on, or undefined for a fault. */
export function refusalLine(error: unknown): string | undefined {
  if (error instanceof StaffInputError)
    return `${error.field === 'password' ? 'Password' : error.field}: ${error.message}`;
  const refusals = [
    CommandRefused,
    FlagProblem,
    CopyRefused,
    ReferenceImportError,
    StoryKeyError,
    RotationRunning,
    ImportFileError,
  ];
  if (refusals.some((kind) => error instanceof kind)) return (error as Error).message;
  return undefined;
}

/** Runs a prepared command here; a refusal is printed with `error` and gives exit 1, a fault is thrown. */
export async function runAdminCommand(
  name: string,
  request: unknown,
  context: CommandContext & { error(line: string): void },
): Promise<number> {
  const command = adminCommands[name];
  if (!command) {
    context.error(`Unknown command "${name}".`);
    return 2;
  }
  try {
    await command.run(request as never, context);
    return 0;
  } catch (error) {
    const line = refusalLine(error);
    if (line === undefined) throw error;
    context.error(line);
    return 1;
  }
}

/**
 * In the site that holds the embedded database: runs what `npm run cli`
 * sends (src/platform/admin-socket.ts). A command that cannot run here is
 * refused (the CLI refuses it first); a fault is logged by its kind only,
 * since a database error's message may quote personal data.
 */
export async function listenForAdminCommandsHere(
  site: Pick<CommandContext, 'config' | 'logger' | 'database'>,
): Promise<{ close(): Promise<void> } | undefined> {
  try {
    return await listenForAdminCommands(site.config.dataDir, async ({ command, request }, reply) => {
      if (adminCommands[command]?.notWhileRunning) {
        reply.error(`${command}: ${adminCommands[command]!.notWhileRunning}`);
        return 1;
      }
      site.logger.info({ command }, 'admin command from the command line');
      try {
        return await runAdminCommand(command, request, {
          ...site,
          print: reply.print,
          error: reply.error,
          file: reply.file,
        });
      } catch (error) {
        site.logger.error(
          { command, error: { name: (error as Error).name, code: (error as { code?: string }).code } },
          'admin command failed',
        );
        reply.error(`${command} failed in the running site: ${(error as Error).message}`);
        return 1;
      }
    });
  } catch (error) {
    site.logger.warn(
      { error: (error as Error).message },
      'admin commands cannot reach this process: npm run cli will refuse while it runs',
    );
    return undefined;
  }
}
