import { seedDemoContent } from './features/content/seed/index.ts';
import { seedDemoPetition } from './features/petitions/seed.ts';
import { recountAll } from './features/petitions/service.ts';
import { importFromCli, referenceImportHelp, referenceImportRequest } from './features/reference/cli.ts';
import { ReferenceImportError } from './features/reference/import.ts';
import { createStaffFromCli, parseFlags, readPassword, resetPasswordFromCli } from './features/staff/cli.ts';
import { StaffInputError } from './features/staff/service.ts';
import { boot, fail, loadConfigOrFail } from './platform/boot.ts';
import { purgeExpiredPersonalData } from './privacy-purge.ts';
import { copyToPostgresFromCli, copyToPostgresHelp } from './platform/db/copy-cli.ts';
import { CopyRefused } from './platform/db/copy.ts';

/** Admin tasks: `npm run cli -- <command>`. Each opens the database, does one thing and exits. */
const commands: Record<string, { help: string; run: (args: string[]) => Promise<void> }> = {
  'db:migrate': {
    help: 'Apply database migrations (start-up does this too).',
    async run() {
      const { database } = await boot();
      await database.close();
      process.stdout.write('Migrations applied.\n');
    },
  },
  'db:copy-to-postgres': {
    help: copyToPostgresHelp,
    async run(args) {
      try {
        await copyToPostgresFromCli(loadConfigOrFail(), parseFlags(args), (line) => process.stdout.write(`${line}\n`));
      } catch (error) {
        if (error instanceof CopyRefused) fail(error.message);
        throw error;
      }
    },
  },
  'seed:demo': {
    help: 'Add the demo content to an empty database (does nothing once content exists).',
    async run() {
      const { database } = await boot();
      const { seeded } = await seedDemoContent(database.db);
      await seedDemoPetition(database.db);
      await database.close();
      process.stdout.write(seeded ? 'Demo content added.\n' : 'The database already has content; nothing changed.\n');
    },
  },
  'reference:import': {
    help: referenceImportHelp,
    async run(args) {
      let request;
      try {
        request = referenceImportRequest(parseFlags(args));
      } catch (error) {
        if (error instanceof ReferenceImportError) fail(error.message);
        throw error;
      }
      const { database } = await boot();
      let done: string;
      try {
        done = await importFromCli(database.db, request);
      } catch (error) {
        await database.close();
        if (error instanceof ReferenceImportError) fail(error.message);
        throw error;
      }
      await database.close();
      process.stdout.write(`${done}\n`);
    },
  },
  'petitions:recount': {
    help: 'Recount every petition from its verified signatures, repair the counters if they drifted, and mark pending signatures whose link has lapsed as expired (runs nightly in the worker too).',
    async run() {
      const { database, logger } = await boot();
      try {
        const results = await recountAll(database.db, logger);
        const repaired = results.filter((r) => r.before !== r.after);
        for (const r of repaired) process.stdout.write(`Petition ${r.petitionId}: count was ${r.before}, now ${r.after}.\n`);
        process.stdout.write(`Recounted ${results.length} petition(s); ${repaired.length} repaired.\n`);
      } finally {
        await database.close();
      }
    },
  },
  'privacy:purge': {
    help: 'Delete what the privacy notice says is kept no longer: unconfirmed sign-ups and signatures, and signers\' IP hashes past their hours (runs hourly in the worker too).',
    async run() {
      const { database, logger } = await boot();
      try {
        const done = await purgeExpiredPersonalData(database.db, logger);
        process.stdout.write(
          `Deleted ${done.unconfirmedSignatures} unconfirmed signature(s), ${done.pendingTopics} unconfirmed topic(s), ${done.unusedLinks} unused link(s) and ${done.unconfirmedPeople} unconfirmed person(s); cleared ${done.signerAddressesCleared} IP hash(es).\n`,
        );
      } finally {
        await database.close();
      }
    },
  },
  'staff:create': {
    help: 'Create a staff account: --email you@example.org [--role admin|organizer|editor|viewer] [--name "Full Name"]. Reads the password from a prompt or stdin.',
    async run(args) {
      await withPassword(args, createStaffFromCli);
    },
  },
  'staff:reset-password': {
    help: 'Set a new password for a staff account: --email you@example.org. Reads it from a prompt or stdin; signs them out everywhere.',
    async run(args) {
      await withPassword(args, resetPasswordFromCli);
    },
  },
};

async function withPassword(args: string[], action: typeof createStaffFromCli) {
  const flags = parseFlags(args);
  if (!flags.email) fail('--email is required');
  const password = await readPassword('Password (at least 12 characters): ');
  const { database } = await boot();
  try {
    process.stdout.write(`${await action(database.db, flags, password)}\n`);
  } catch (error) {
    if (error instanceof StaffInputError) fail(`${error.field === 'password' ? 'Password' : error.field}: ${error.message}`);
    throw error;
  } finally {
    await database.close();
  }
}

const [name, ...args] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  const list = Object.entries(commands)
    .map(([n, c]) => `  ${n.padEnd(22)} ${c.help}`)
    .join('\n');
  if (name && name !== 'help' && name !== '--help') fail(`Unknown command "${name}". Commands:\n${list}`);
  process.stdout.write(`Usage: npm run cli -- <command>\n\nCommands:\n${list}\n`);
} else {
  await command.run(args);
}
