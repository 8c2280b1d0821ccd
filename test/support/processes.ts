import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');

/**
 * Node flags every child process of the tests starts with, as `npm start` does: without V8's
 * memory-protection-key bookkeeping for JIT pages, which can abort a process that creates and frees
 * PGlite's WebAssembly on CPUs that have the keys (ADR 053); and with PGlite compiled by V8's baseline
 * compiler only, whose optimising compiler took hundreds of megabytes for a moment (ADR 071).
 */
export const NODE_FLAGS = ['--no-memory-protection-keys', '--liftoff-only'];

/** Runs a TypeScript file of this project (a test or benchmark helper) in a child process, through tsx. */
export function spawnTs(
  entry: string,
  args: string[],
  env: Record<string, string>,
  nodeFlags: string[] = [],
): ChildProcess {
  return spawn(process.execPath, [...NODE_FLAGS, ...nodeFlags, '--import', 'tsx', join(root, entry), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Where the build (scripts/build.ts, made by the global set-up) puts an entry point of `src/`: the tests start
 * the server, worker and CLI as `npm start` does, from the build on plain Node (ADR 071).
 */
export function builtEntry(name: 'main' | 'worker' | 'cli'): string {
  return join(root, 'dist', `${name}.js`);
}

/** Runs the built server, worker or CLI in a child process on the pinned Node. */
export function spawnBuilt(
  name: 'main' | 'worker' | 'cli',
  args: string[],
  env: Record<string, string>,
  nodeFlags: string[] = [],
): ChildProcess {
  return spawn(process.execPath, [...NODE_FLAGS, ...nodeFlags, builtEntry(name), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Resolves with the first stdout line matching `pattern`, or rejects when the process ends first. The
 * default wait is long: in CI a child compiles and opens its database while four test files share two
 * cores, and a start that took 51 s there failed a test that asserted nothing about speed.
 */
export function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs = 120_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let errors = '';
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}; stderr: ${errors.slice(-2000)}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = pattern.exec(buffer);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve(match);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`process ended (${code}) before ${pattern}; stderr: ${errors.slice(-2000)}`));
    });
  });
}

/** The SMTP sink in its own process (test/support/smtp-sink-process.ts), logging each accepted message. */
export async function startSinkProcess(logFile: string) {
  const child = spawnTs('test/support/smtp-sink-process.ts', [logFile], {});
  const match = await waitForLine(child, /listening (\d+)/);
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
  let stopping = false;
  return {
    url: `smtp://127.0.0.1:${match[1]}`,
    /** Why the sink is no longer accepting mail, when it ended without being stopped; otherwise undefined. */
    failure(): string | undefined {
      if (stopping || (child.exitCode === null && child.signalCode === null)) return undefined;
      return `the SMTP sink ended (${child.exitCode ?? child.signalCode}): ${errors}`;
    },
    /** Accepted messages so far: [recipient, Message-ID]. */
    deliveries(): [string, string][] {
      let text = '';
      try {
        text = readFileSync(logFile, 'utf8');
      } catch {
        return [];
      }
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t') as [string, string]);
    },
    async stop() {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const ended = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await ended;
    },
  };
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** A port nobody listens on right now, for a server started in a child process. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
