import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { adminCommands, refusalLine, runAdminCommand, type AdminCommand } from './admin-commands.ts';
import { AdminSocketUnreachable, sendAdminCommand } from './platform/admin-socket.ts';
import { boot, fail, loadConfigOrFail } from './platform/boot.ts';
import type { Config } from './platform/config.ts';
import { DataFolderInUse } from './platform/db/data-folder-lock.ts';
import { readFlags } from './platform/flags.ts';
import { createLogger } from './platform/logger.ts';

/**
 * Admin tasks: `npm run cli -- <command>`. Each does one thing and exits:
 * with a database of its own, or, when a site on the embedded database
 * holds DATA_DIR, by asking that site to do it (src/admin-commands.ts).
 */

const print = (line: string) => process.stdout.write(`${line}\n`);
const printError = (line: string) => process.stderr.write(`${line}\n`);
/** One line and exit 1, after a half-written file is removed (so not fail(), which exits at once). */
const refuse = (line: string): number => {
  printError(line);
  return 1;
};

async function run(name: string, command: AdminCommand, args: string[]): Promise<number> {
  let request: unknown;
  try {
    // A command that takes no flags refuses any, so a mistyped one is not quietly ignored.
    if (!command.prepare) readFlags(args, {});
    request = await command.prepare?.(args);
  } catch (error) {
    fail(refusalLine(error) ?? (error as Error).message);
  }
  const config = loadConfigOrFail();
  return withFile(command.fileOf?.(request as never), async (file) => {
    if (command.ownDatabase) {
      try {
        return await runAdminCommand(name, request, {
          config,
          logger: createLogger({ level: config.logLevel }),
          database: undefined,
          print,
          error: printError,
          file,
        });
      } catch (error) {
        if (!(error instanceof DataFolderInUse)) throw error;
        return refuse(`${name}: DATA_DIR ${error.message}: ${command.notWhileRunning}`);
      }
    }
    let booted: Awaited<ReturnType<typeof boot>>;
    try {
      booted = await boot({ inUse: 'throw' });
    } catch (error) {
      if (error instanceof DataFolderInUse) return inRunningSite(name, command, request, config, error, file);
      throw error;
    }
    try {
      return await runAdminCommand(name, request, { ...booted, print, error: printError, file });
    } finally {
      await booted.database.close();
    }
  });
}

/** The site holds the embedded database: it runs the command, and we print what it says. */
async function inRunningSite(
  name: string,
  command: AdminCommand,
  request: unknown,
  config: Config,
  inUse: DataFolderInUse,
  file: Writable | undefined,
): Promise<number> {
  if (command.notWhileRunning) return refuse(`${name}: ${command.notWhileRunning}`);
  try {
    return await sendAdminCommand(
      config.dataDir,
      { command: name, request },
      { print, error: printError, file: file ?? new Writable({ write: (_chunk, _encoding, done) => done() }) },
    );
  } catch (error) {
    if (error instanceof AdminSocketUnreachable) {
      return refuse(
        `Database error: DATA_DIR ${inUse.message}, ` +
          `and it does not take admin commands now (starting, or stopping). Try again in a moment.`,
      );
    }
    return refuse((error as Error).message);
  }
}

/** Runs `body` with a file to write to, if the command writes one: kept only when it succeeds, never half-written. */
async function withFile(
  path: string | undefined,
  body: (file: Writable | undefined) => Promise<number>,
): Promise<number> {
  if (!path) return body(undefined);
  const partial = `${path}.partial`;
  // A .partial left by a killed run is overwritten; the file itself was checked not to exist.
  const file = createWriteStream(partial, { mode: 0o600 });
  let code = 1;
  try {
    code = await body(file);
    if (!file.writableEnded) file.end();
    await finished(file);
    if (code === 0) await rename(partial, path);
    return code;
  } finally {
    if (code !== 0) {
      file.destroy();
      await rm(partial, { force: true });
    }
  }
}

const [name, ...args] = process.argv.slice(2);
const command = name ? adminCommands[name] : undefined;
if (!command) {
  const list = Object.entries(adminCommands)
    .map(([n, c]) => `  ${n.padEnd(22)} ${c.help}`)
    .join('\n');
  if (name && name !== 'help' && name !== '--help') fail(`Unknown command "${name}". Commands:\n${list}`);
  process.stdout.write(`Usage: npm run cli -- <command>\n\nCommands:\n${list}\n`);
} else {
  process.exitCode = await run(name!, command, args);
}
