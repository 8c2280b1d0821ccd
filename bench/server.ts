import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { buildIfChanged } from '../scripts/build.ts';
import { builtEntry, freePort } from '../test/support/processes.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Starts the real server in its own process, as production runs it: the build on plain Node (ADR 071). */
export async function startServer(
  env: Record<string, string>,
): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  await buildIfChanged();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'groundswell-bench-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      // As `npm start` runs it (package.json).
      '--no-memory-protection-keys',
      '--liftoff-only',
      ...(process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? []),
      builtEntry('main'),
    ],
    {
      cwd: join(import.meta.dirname, '..'),
      env: {
        ...process.env,
        NODE_ENV: 'production',
        SEED_DEMO: 'true',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await untilHealthy(url, child, 60_000);
  // With several web processes the first to listen answers /healthz while the others still start; connections
  // opened then would all stay with it. Give the rest time to listen, as a load balancer's health checks would.
  if (env.WEB_PROCESSES && env.WEB_PROCESSES !== '1') await new Promise((r) => setTimeout(r, 8000));
  return {
    url,
    pid: child.pid!,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves once `${url}/healthz` answers 200; rejects when `child` exits first or `timeoutMs` passes. */
export async function untilHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer /healthz within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * SIGTERM to every process in `child`'s process group (spawned `detached`: npm, its shell and the server), as
 * systemd or Docker stop a service, since npm does not pass the signal on; SIGKILL to what is left after 15 s.
 */
export async function stopProcessGroup(child: ChildProcess): Promise<void> {
  const group = -child.pid!;
  const signal = (name: NodeJS.Signals | 0) => {
    try {
      process.kill(group, name);
      return true;
    } catch {
      return false; // no process left in the group
    }
  };
  signal('SIGTERM');
  for (let i = 0; i < 300 && signal(0); i++) await new Promise((r) => setTimeout(r, 50));
  signal('SIGKILL');
}

/** A fresh database on the PostgreSQL server for one benchmark run, dropped afterwards. */
export async function scratchPostgres(serverUrl: string): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch {
    return undefined;
  }
  const name = `groundswell_bench_${process.pid}`;
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
