import { seedDemoContent } from './features/content/seed/index.ts';
import { boot, fail } from './platform/boot.ts';

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
  'seed:demo': {
    help: 'Add the demo content to an empty database (does nothing once content exists).',
    async run() {
      const { database } = await boot();
      const { seeded } = await seedDemoContent(database.db);
      await database.close();
      process.stdout.write(seeded ? 'Demo content added.\n' : 'The database already has content; nothing changed.\n');
    },
  },
};

const [name, ...args] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  const list = Object.entries(commands)
    .map(([n, c]) => `  ${n.padEnd(14)} ${c.help}`)
    .join('\n');
  if (name && name !== 'help' && name !== '--help') fail(`Unknown command "${name}". Commands:\n${list}`);
  process.stdout.write(`Usage: npm run cli -- <command>\n\nCommands:\n${list}\n`);
} else {
  await command.run(args);
}
