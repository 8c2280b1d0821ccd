import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { logsAreReadable } from '../src/platform/logger.ts';
import { readableLine } from '../src/platform/readable-log.ts';
import { startUpLines } from '../src/start-up-report.ts';
import { freePort, builtEntry, NODE_FLAGS } from './support/processes.ts';

describe('what a person at a terminal reads', () => {
  it('is readable lines in a terminal outside production, JSON lines otherwise, unless LOG_FORMAT says', () => {
    expect(logsAreReadable({ logFormat: 'auto', nodeEnv: 'development' }, true)).toBe(true);
    expect(logsAreReadable({ logFormat: 'auto', nodeEnv: 'development' }, false)).toBe(false);
    expect(logsAreReadable({ logFormat: 'auto', nodeEnv: 'production' }, true)).toBe(false);
    expect(logsAreReadable({ logFormat: 'readable', nodeEnv: 'production' }, false)).toBe(true);
    expect(logsAreReadable({ logFormat: 'json', nodeEnv: 'development' }, true)).toBe(false);
  });

  it('turns log lines into short sentences, says warnings and errors, and leaves out ordinary requests', () => {
    const time = '2026-12-04T17:30:05.000Z';
    const clock = new Date(time).toTimeString().slice(0, 8);
    expect(readableLine(JSON.stringify({ level: 30, time, msg: 'demo petition added' }))).toBe(
      `${clock}  demo petition added`,
    );
    expect(readableLine(JSON.stringify({ level: 40, time, msg: 'reference data not imported: bad file' }))).toBe(
      `${clock}  warning: reference data not imported: bad file`,
    );
    expect(
      readableLine(JSON.stringify({ level: 30, time, msg: 'request', method: 'GET', route: '/', status: 200, ms: 1 })),
    ).toBeUndefined();
    expect(
      readableLine(
        JSON.stringify({
          level: 50,
          time,
          msg: 'unhandled error',
          err: { type: 'DrizzleQueryError', code: '23505', message: 'duplicate key' },
        }),
      ),
    ).toBe(`${clock}  error: unhandled error (DrizzleQueryError: 23505: duplicate key)`);
  });

  it('says where the site is, how to sign in, and what is missing with how to add it', () => {
    const lines = startUpLines({
      url: 'http://localhost:3000',
      demoAdmin: { email: 'admin@groundswell.example', password: 'demo-secret' },
      referenceLoaded: false,
      smtpConfigured: false,
    }).join('\n');
    expect(lines).toContain('Groundswell is running at http://localhost:3000');
    expect(lines).toContain('Sign in as admin@groundswell.example with the password demo-secret');
    expect(lines).toContain('Load them at http://localhost:3000/admin/reference (admins), or run: npm run cli --');
    expect(lines).toContain(
      "Email is not sent: it waits in the workspace's Mailbox (http://localhost:3000/admin/mailbox)",
    );
    expect(lines).toContain('set SMTP_URL');
    const ready = startUpLines({ url: 'https://psj.example', referenceLoaded: true, smtpConfigured: true }).join('\n');
    expect(ready).not.toContain('Still to set up');
    expect(ready).not.toContain('Sign in as');
    expect(ready).toContain('Staff workspace: https://psj.example/admin');
  });
});

const hasScript = spawnSync('script', ['--version']).status === 0;
const dataDir = mkdtempSync(join(tmpdir(), 'groundswell-terminal-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// `script` (util-linux) runs the start in a pseudo-terminal, so standard output is a terminal as it is for a person.
describe.skipIf(!hasScript)('npm start in a terminal', () => {
  it('prints readable lines, the demo sign-in among them, and no JSON', async () => {
    const port = await freePort();
    const child = spawn(
      'script',
      ['-qfec', `${process.execPath} ${NODE_FLAGS.join(' ')} ${builtEntry('main')}`, '/dev/null'],
      {
        cwd: join(import.meta.dirname, '..'),
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          LOG_LEVEL: 'info',
          DATA_DIR: dataDir,
          PORT: String(port),
          HOST: '127.0.0.1',
          GROUNDSWELL_REFERENCE_DIR: join(dataDir, 'no-reference-data'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group, so the stop reaches the site inside the terminal.
        detached: true,
      },
    );
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await expect.poll(() => output, { timeout: 90_000, interval: 250 }).toContain('Stop the site with Ctrl+C.');
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
    await exited;
    const lines = output.replaceAll('\r', '').split('\n');
    expect(lines).toContain(
      `Groundswell is running at http://localhost:${port} (in Spanish at http://localhost:${port}/es)`,
    );
    expect(lines).toContain(`Staff workspace: http://localhost:${port}/admin`);
    const signIn = lines.find((l) => l.includes('Sign in as admin@groundswell.example with the password demo-'));
    expect(signIn).toBeDefined();
    const password = /password (demo-\S+)/.exec(signIn!)![1]!;
    expect(output.split(password)).toHaveLength(2);
    expect(lines).toContain('Still to set up:');
    expect(lines).toContain(
      `    Load them at http://localhost:${port}/admin/reference (admins), or run: npm run cli -- reference:import`,
    );
    expect(output).toContain("Email is not sent: it waits in the workspace's Mailbox");
    expect(lines.filter((l) => l.trimStart().startsWith('{'))).toEqual([]);
    expect(lines.some((l) => /^\d\d:\d\d:\d\d {2}demo content added to the empty database$/.test(l))).toBe(true);
  }, 120_000);
});
