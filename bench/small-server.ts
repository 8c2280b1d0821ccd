/**
 * npm run bench:small-server — the smallest server there is: 1 GB of memory and one core.
 *
 * Puts the site (`npm start`, exactly as the README runs it, with the demo
 * content) and a throwaway PostgreSQL cluster of its own in one cgroup v1
 * group limited to 1 GiB (memory and swap) and one core's CPU time, then the
 * site alone on PGlite in a fresh one. The load generators stay outside: they
 * are the visitors, not the server. Each case drives the three targets of
 * `bench:pages` (bench/page-load.ts), then a signing spike like
 * `bench:petition`'s (a new person from a new address every request, no
 * proof-of-work, bench/load.ts), and samples the group's memory throughout.
 * Prints requests/s, signatures/s, p99, the group's peak memory, how often it
 * reached the limit and any out-of-memory kill. Exits 1 on an OOM kill, an
 * error or a non-2xx answer, or a site that died.
 *
 * Needs root (it creates the groups and runs PostgreSQL as the `postgres`
 * user) and the cgroup v1 memory and cpu controllers under /sys/fs/cgroup.
 * Options: --pages-seconds (20, shared by the three targets), --spike-seconds
 * (20), --spike-connections (50), --only postgres|pglite, --memory-mb (1024:
 * a larger limit shows how far above 1 GB a case goes), --seed-outside (the
 * first start, which adds the demo content, outside the group; the group then
 * holds a restart on that data), --timeline (the group's resident memory
 * each second).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DEMO_PETITION_SLUG } from '../src/features/petitions/seed.ts';
import { freePort } from '../test/support/processes.ts';
import { cannotUseCgroups, createSmallServer, type MemorySample, type SmallServer } from './cgroup.ts';
import { runLoad } from './load.ts';
import { drivePages, pageTargets } from './page-load.ts';
import { stopProcessGroup, untilHealthy } from './server.ts';
import { signerForm } from './signers.ts';

const { values: options } = parseArgs({
  options: {
    'pages-seconds': { type: 'string', default: '20' },
    'spike-seconds': { type: 'string', default: '20' },
    'spike-connections': { type: 'string', default: '50' },
    only: { type: 'string' },
    'memory-mb': { type: 'string', default: '1024' },
    'seed-outside': { type: 'boolean', default: false },
    timeline: { type: 'boolean', default: false },
  },
});
const pagesSeconds = Number(options['pages-seconds']);
const spikeSeconds = Number(options['spike-seconds']);
const spikeConnections = Number(options['spike-connections']);
const memoryLimit = Number(options['memory-mb']) * 1024 ** 2;
const groupName = 'groundswell-bench';
const root = join(import.meta.dirname, '..');
const mb = (bytes: number) => `${Math.round(bytes / 1024 ** 2)} MB`;

type Phase = 'start' | 'idle' | 'pages' | 'spike';
const phaseLetter: Record<Phase, string> = { start: 's', idle: 'i', pages: 'p', spike: 'k' };
type CaseResult = {
  database: string;
  startSeconds: number;
  pages: { target: string; rps: number; p50: number; p99: number; errors: number }[];
  spike: { rate: number; p50: number; p99: number; ok: number; non2xx: number; errors: number };
  /** Highest sampled usage and resident memory in each phase (every 250 ms), and the kernel's high-water mark. */
  peaks: Record<Phase, MemorySample>;
  kernelPeak: number;
  pressure: ReturnType<SmallServer['pressure']>;
  throttling: ReturnType<SmallServer['throttling']>;
  siteDied: boolean;
};

const cannot = cannotUseCgroups();
if (cannot) {
  process.stderr.write(`bench:small-server cannot run here: ${cannot}.\n`);
  process.exit(2);
}

/** The newest PostgreSQL installed the Debian way, whose binaries `initdb` and `pg_ctl` it uses. */
function postgresBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const version = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a))[0];
  return version ? join(base, version, 'bin') : undefined;
}

/** A PostgreSQL cluster in `dir`, run as the `postgres` user inside the group, with settings for a 1 GB server. */
async function startPostgres(group: SmallServer, bin: string, dir: string) {
  const port = await freePort();
  const dataDir = join(dir, 'postgres');
  chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), 0);
  const asPostgres = (command: string) =>
    execFileSync('runuser', ['-u', 'postgres', '--', 'sh', '-c', command], { stdio: ['ignore', 'ignore', 'inherit'] });
  asPostgres(`${bin}/initdb -D ${dataDir} --auth=trust --username=postgres --encoding=UTF8 --no-instructions`);
  const settings = [
    `port=${port}`,
    "listen_addresses='127.0.0.1'",
    `unix_socket_directories='${dir}'`,
    'shared_buffers=128MB',
    'max_connections=30',
    'work_mem=4MB',
    'maintenance_work_mem=64MB',
    'effective_cache_size=512MB',
  ];
  writeFileSync(join(dataDir, 'postgresql.auto.conf'), `${settings.join('\n')}\n`);
  // pg_ctl's postmaster is a child of the shell that entered the group, so it and its backends count there.
  execFileSync(
    'sh',
    ['-c', `${group.enter} runuser -u postgres -- ${bin}/pg_ctl -D ${dataDir} -l ${dir}/postgres.log -w start`],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `postgres://postgres@127.0.0.1:${port}/groundswell`;
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('create database groundswell');
  await admin.end();
  return {
    url,
    stop: (mode: 'fast' | 'immediate' = 'fast') => asPostgres(`${bin}/pg_ctl -D ${dataDir} -m ${mode} -w stop`),
  };
}

/** Sites running now, each the leader of its own process group. */
const sites = new Set<ChildProcess>();

/** `npm start` inside the group, as production would run it, with the demo content for the benchmarks. */

async function startSite(enter: string, env: Record<string, string>) {
  const port = await freePort();
  const child: ChildProcess = spawn('sh', ['-c', `${enter} npm start`], {
    cwd: root,
    env: {
      ...process.env,
      PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH}`,
      NODE_ENV: 'production',
      SEED_DEMO: 'true',
      PORT: String(port),
      HOST: '127.0.0.1',
      SECRET_KEY: 'bench-small-server-secret-key-long-enough-0123456789',
      // The spike comes from many addresses through one proxy, as a viral moment does.
      TRUST_PROXY: '1',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    // Its own process group, so that stopping reaches npm, its shell, tsx and Node, as a service manager's does.
    detached: true,
  });
  sites.add(child);
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  await untilHealthy(url, child, 180_000);
  return { child, url, port, startSeconds: (performance.now() - started) / 1000 };
}

async function stopSite(child: ChildProcess) {
  await stopProcessGroup(child);
  sites.delete(child);
}

async function signingSpike(port: number) {
  const origin = `http://localhost:${port}`;
  const head =
    `POST /petitions/${DEMO_PETITION_SLUG}/sign HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
    `Accept-Encoding: br, gzip\r\nContent-Type: application/x-www-form-urlencoded\r\nOrigin: ${origin}\r\n`;
  const result = await runLoad({
    host: '127.0.0.1',
    port,
    connections: spikeConnections,
    durationMs: spikeSeconds * 1000,
    request: (n) => {
      const body = signerForm(n);
      const forwardedFor = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
      return `${head}X-Forwarded-For: ${forwardedFor}\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    },
  });
  return {
    rate: Math.round(result.ok / spikeSeconds),
    p50: result.percentile(50),
    p99: result.percentile(99),
    ok: result.ok,
    non2xx: result.non2xx + result.lateNon2xx,
    errors: result.errors,
  };
}

async function runCase(database: 'PostgreSQL' | 'PGlite', bin: string | undefined): Promise<CaseResult> {
  const group = createSmallServer(groupName, memoryLimit, 1);
  const dir = mkdtempSync(join(tmpdir(), 'groundswell-small-server-'));
  let postgres: Awaited<ReturnType<typeof startPostgres>> | undefined;
  let site: Awaited<ReturnType<typeof startSite>> | undefined;
  const empty = (): MemorySample => ({ usage: 0, resident: 0, cache: 0 });
  const peaks: Record<Phase, MemorySample> = { start: empty(), idle: empty(), pages: empty(), spike: empty() };
  let phase: Phase = 'start';
  // Ctrl-C or a kill: leave no process, group or folder behind.
  abandon = () => {
    for (const site of sites) killQuietly(-site.pid!);
    try {
      postgres?.stop('immediate'); // which also frees its shared memory segment, as a SIGKILL would not
    } catch {
      /* killed below */
    }
    for (const pid of group.pids()) killQuietly(pid);
    for (let i = 0; i < 25 && group.pids().length > 0; i++) execFileSync('sleep', ['0.2']);
    group.remove();
    rmSync(dir, { recursive: true, force: true });
  };
  const timeline: string[] = [];
  let ticks = 0;
  const sampler = setInterval(() => {
    const now = group.sample();
    if (ticks++ % 4 === 0) timeline.push(`${phaseLetter[phase]}${Math.round(now.resident / 1024 ** 2)}`);
    const peak = peaks[phase];
    peak.usage = Math.max(peak.usage, now.usage);
    peak.resident = Math.max(peak.resident, now.resident);
    peak.cache = Math.max(peak.cache, now.cache);
  }, 250);
  try {
    if (database === 'PostgreSQL') postgres = await startPostgres(group, bin!, dir);
    const dataDir = join(dir, 'data');
    const env: Record<string, string> = postgres
      ? { DATABASE_URL: postgres.url, DATA_DIR: dataDir }
      : { DATA_DIR: dataDir };
    if (options['seed-outside']) {
      // The first start seeds the demo content outside the group, so that the group holds what a restart needs.
      const seeding = await startSite('exec', env);
      await stopSite(seeding.child);
      phase = 'start';
      for (const peak of Object.values(peaks)) Object.assign(peak, empty());
      group.resetPeak();
      timeline.length = 0;
    }
    site = await startSite(group.enter, env);
    phase = 'idle';
    await new Promise((r) => setTimeout(r, 3000)); // settled, idle: the seed's work done, the collector run
    phase = 'pages';
    const pages = [];
    const each = Math.max(1, Math.round(pagesSeconds / 3));
    for (const [target, url, distinct] of pageTargets(site.url)) {
      await drivePages(url, 2, distinct); // warm-up: JIT, caches, pool
      pages.push({ target, ...(await drivePages(url, each, distinct)) });
    }
    phase = 'spike';
    const spike = await signingSpike(site.port);
    await new Promise((r) => setTimeout(r, 500));
    const siteDied =
      site.child.exitCode !== null ||
      !(await fetch(`${site.url}/healthz`).then(
        (r) => r.ok,
        () => false,
      ));
    return {
      database,
      startSeconds: site.startSeconds,
      pages,
      spike,
      peaks,
      kernelPeak: group.peakUsage(),
      pressure: group.pressure(),
      throttling: group.throttling(),
      siteDied,
    };
  } catch (error) {
    // Say whether the kernel killed it for memory: an exit code 137 alone does not.
    const { oomKills } = group.pressure();
    throw new Error(
      `${(error as Error).message}; OOM kills in the group: ${oomKills}, its high-water mark ` +
        `${mb(group.peakUsage())} (resident peaks: start ${mb(peaks.start.resident)}, ` +
        `pages ${mb(peaks.pages.resident)}, spike ${mb(peaks.spike.resident)})`,
    );
  } finally {
    clearInterval(sampler);
    if (options.timeline)
      process.stdout.write(
        `${database}: resident MB each second (s start, i idle, p pages, k spike): ${timeline.join(' ')}\n`,
      );
    if (site) await stopSite(site.child);
    try {
      postgres?.stop('fast');
    } catch {
      /* killed below */
    }
    // Whatever of ours is left in the group (a site that ignored SIGTERM, a postmaster that would not stop).
    for (const pid of group.pids()) killQuietly(pid);
    for (let i = 0; i < 50 && group.pids().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    group.remove();
    rmSync(dir, { recursive: true, force: true });
    abandon = undefined;
  }
}

function killQuietly(pid: number) {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* gone meanwhile */
  }
}

let abandon: (() => void) | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    abandon?.();
    process.exit(130);
  });

const bin = postgresBin();
const cases: ('PostgreSQL' | 'PGlite')[] = [];
if (options.only !== 'pglite') {
  if (bin) cases.push('PostgreSQL');
  else process.stdout.write('No PostgreSQL under /usr/lib/postgresql: only PGlite measured.\n');
}
if (options.only !== 'postgres') cases.push('PGlite');

const loads = (averages: number[]) => averages.map((l) => l.toFixed(2)).join(' ');
const loadBefore = loadavg();
process.stdout.write(
  `bench:small-server — the site${bin ? ' (and its PostgreSQL)' : ''} in a cgroup of ${mb(memoryLimit)} ` +
    `(memory and swap) and 1 core; the load generators outside it, on the same ${cpus().length}-core machine ` +
    `(${cpus()[0]?.model ?? '?'}). Pages: the 3 bench:pages targets, ${Math.round(pagesSeconds / 3)} s each ` +
    `after 2 s of warm-up, 50 connections; spike: ${spikeSeconds} s, ${spikeConnections} connections, ` +
    `a new signer every request.\n`,
);

let failed = false;
const results: CaseResult[] = [];
for (const database of cases) {
  process.stdout.write(`\n${database}: starting…\n`);
  try {
    results.push(await runCase(database, bin));
  } catch (error) {
    failed = true;
    process.stdout.write(`${database}: ${(error as Error).message}\n`);
  }
}

const cell = (v: string | number, width: number) => String(v).padStart(width);
for (const r of results) {
  const errors = r.pages.reduce((sum, p) => sum + p.errors, 0) + r.spike.non2xx + r.spike.errors;
  const bad = r.pressure.oomKills > 0 || errors > 0 || r.siteDied;
  failed ||= bad;
  process.stdout.write(
    `\n== ${r.database}: npm start to /healthz 200 in ${r.startSeconds.toFixed(1)} s ` +
      `(${options['seed-outside'] ? 'a restart: the first start, with the demo seed, ran outside the group' : 'the first start, with the demo seed'})\n`,
  );
  process.stdout.write('target                         req/s  p50 ms  p99 ms  errors\n');
  for (const p of r.pages)
    process.stdout.write(
      `${p.target.padEnd(28)}${cell(p.rps, 8)}${cell(p.p50, 8)}${cell(p.p99, 8)}${cell(p.errors, 8)}\n`,
    );
  const s = r.spike;
  process.stdout.write(
    `${'signing spike (signatures/s)'.padEnd(28)}${cell(s.rate, 8)}${cell(s.p50, 8)}${cell(s.p99, 8)}` +
      `${cell(s.non2xx + s.errors, 8)}  (${s.ok} signed, ${s.non2xx} non-2xx, ${s.errors} errors)\n`,
  );
  process.stdout.write('memory of the group, highest sample  all charged  resident (anon+shm)  file cache\n');
  for (const phase of ['start', 'idle', 'pages', 'spike'] as const) {
    const p = r.peaks[phase];
    process.stdout.write(
      `  ${phase.padEnd(34)}${cell(mb(p.usage), 11)}${cell(mb(p.resident), 20)}${cell(mb(p.cache), 12)}\n`,
    );
  }
  process.stdout.write(
    `  kernel high-water mark (max_usage_in_bytes): ${mb(r.kernelPeak)} of ${mb(memoryLimit)}; ` +
      `limit reached ${r.pressure.failcnt} times (cache reclaimed), memory+swap limit ${r.pressure.memswFailcnt} times; ` +
      `OOM kills ${r.pressure.oomKills}\n` +
      `  CPU: throttled in ${r.throttling.throttled} of ${r.throttling.periods} periods of 100 ms ` +
      `(${(r.throttling.throttledMs / 1000).toFixed(1)} s waiting for the quota)\n` +
      `  verdict: ${bad ? `FAILED (${[r.pressure.oomKills > 0 && 'OOM kill', errors > 0 && `${errors} errors`, r.siteDied && 'site died'].filter(Boolean).join(', ')})` : 'ok: no OOM kill, no error'}\n`,
  );
}
process.stdout.write(`\nload average before ${loads(loadBefore)}, after ${loads(loadavg())}\n`);
process.exit(failed ? 1 : 0);
