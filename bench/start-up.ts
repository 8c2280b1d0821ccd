/**
 * `npm run bench:start-up`: what the README's `npm start` costs, as an admin meets it (issue 19, ADR 071).
 *
 * For PGlite (a fresh DATA_DIR) and, with TEST_DATABASE_URL set, PostgreSQL (a database made for the run):
 *   - the first start, demo seed included: `npm start` to the first /healthz 200;
 *   - restarts on the data that start left, quiet, then with both cores kept busy by two spinning processes
 *     (a restart after a crash happens while the spike goes on);
 *   - memory of everything `npm start` leaves running (npm, any shell, the server), idle 10 s after the first
 *     start and after a restart, and after 30 s of page traffic: resident (RSS, counting shared pages in each
 *     process) and proportional (PSS, shared pages split between the processes that map them).
 * Prints one table per database and the machine's load average.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../test/support/processes.ts';
import { drivePages } from './page-load.ts';
import { stopProcessGroup, untilHealthy } from './server.ts';

const root = join(import.meta.dirname, '..');
const RESTARTS = Number(process.env.BENCH_RESTARTS ?? 3);

type Memory = { rss: number; pss: number; processes: string[] };

/** The process and all its descendants, by walking /proc's parent links. */
function processTree(rootPid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the fields after the last ')' are fixed.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
    } catch {
      /* gone meanwhile */
    }
  }
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, parent] of parents) if (parent === tree[i]) tree.push(pid);
  }
  return tree;
}

function kilobytes(text: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

function treeMemory(rootPid: number): Memory {
  const memory: Memory = { rss: 0, pss: 0, processes: [] };
  for (const pid of processTree(rootPid)) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const rss = kilobytes(status, 'VmRSS');
      memory.rss += rss;
      memory.pss += kilobytes(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'), 'Pss');
      const name = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).slice(0, 3).join(' ');
      memory.processes.push(`${name.slice(0, 60)} ${Math.round(rss / 1024)} MB`);
    } catch {
      /* gone meanwhile */
    }
  }
  return memory;
}

const megabytes = (kb: number) => `${Math.round(kb / 1024)} MB`;

type Started = { child: ChildProcess; url: string; seconds: number };

/** `npm start` in its own process group (so stopping it stops npm, the shell and the server), timed to /healthz. */
async function npmStart(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const begun = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: root,
    detached: true,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await untilHealthy(url, child, 120_000);
  return { child, url, seconds: (performance.now() - begun) / 1000 };
}

const stop = (started: Started) => stopProcessGroup(started.child);

/** Two processes spinning on both cores, as other work on a busy server would. */
function busyCores(): () => void {
  const spinners = [1, 2].map(() => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
  return () => {
    for (const spinner of spinners) spinner.kill('SIGKILL');
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function memoryLines(started: Started, lines: string[], when: string): Promise<void> {
  await new Promise((r) => setTimeout(r, 10_000));
  const idle = treeMemory(started.child.pid!);
  lines.push(`${when}, idle 10 s: RSS ${megabytes(idle.rss)}, PSS ${megabytes(idle.pss)}`);
  for (const line of idle.processes) lines.push(`    ${line}`);
}

async function measure(label: string, env: Record<string, string>): Promise<void> {
  const lines: string[] = [];
  const first = await npmStart(env);
  lines.push(`first start, demo seed: ${first.seconds.toFixed(1)} s`);
  await memoryLines(first, lines, 'memory after the first start');
  await stop(first);

  // A running site restarts without seeding: its memory then is what a server holds day to day.
  const quiet: number[] = [];
  for (let i = 0; i < RESTARTS; i++) {
    const again = await npmStart(env);
    quiet.push(again.seconds);
    if (i === 0) {
      await memoryLines(again, lines, 'memory after a restart');
      const traffic = await drivePages(`${again.url}/`, 30);
      const loaded = treeMemory(again.child.pid!);
      lines.push(
        `after 30 s of home page load: RSS ${megabytes(loaded.rss)}, PSS ${megabytes(loaded.pss)} ` +
          `(${traffic.rps} requests/s, p99 ${traffic.p99} ms, 50 connections)`,
      );
    }
    await stop(again);
  }
  const seconds = (values: number[]) =>
    `${median(values).toFixed(2)} s [${values.map((s) => s.toFixed(2)).join(', ')}]`;
  lines.push(`restart, quiet (median of ${RESTARTS}): ${seconds(quiet)}`);
  const busy: number[] = [];
  const release = busyCores();
  try {
    for (let i = 0; i < RESTARTS; i++) {
      const again = await npmStart(env);
      busy.push(again.seconds);
      await stop(again);
    }
  } finally {
    release();
  }
  lines.push(`restart, both cores busy: ${seconds(busy)}`);
  console.log(`\n${label}\n${lines.map((line) => `  ${line}`).join('\n')}`);
}

console.log(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const dataDir = mkdtempSync(join(tmpdir(), 'groundswell-start-up-'));
try {
  await measure('PGlite (embedded)', { DATA_DIR: dataDir });
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
if (process.env.TEST_DATABASE_URL) {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  const name = 'groundswell_start_up_bench';
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const pgDataDir = mkdtempSync(join(tmpdir(), 'groundswell-start-up-'));
  try {
    await measure('PostgreSQL', { DATABASE_URL: url.toString(), DATA_DIR: pgDataDir });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(pgDataDir, { recursive: true, force: true });
  }
}
console.log(
  `\nload average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
