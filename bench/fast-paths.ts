/**
 * npm run bench:fast-paths — what each fast path buys (ADR 038).
 *
 * The same spike as bench:petition (PostgreSQL, one web process, signers
 * with JavaScript on, each form with a solved proof-of-work), run once with
 * every fast path and once with each switched off in turn: the server is
 * started with bench/fast-paths/hooks.ts, which swaps the named module for a
 * twin doing the same through the libraries' public API. Production has no
 * such switch. The variants take turns, BENCH_ROUNDS times (default 2), the
 * second round in reverse order, each on a fresh database for BENCH_SECONDS
 * (default 15) after 3 s of warm-up, so that what else the machine does
 * falls on all of them alike; the table gives each variant's rate and server
 * CPU per signature against "all on" of the same run. Figures only.
 */
import { cpus, loadavg } from 'node:os';
import { DEMO_PETITION_SLUG } from '../src/features/petitions/seed.ts';
import { runLoad } from './load.ts';
import { postgresCpuMs, treeCpuMs } from './proc-cpu.ts';
import { scratchPostgres, startServer } from './server.ts';
import { signerForm, solvedChallenges } from './signers.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 100);
const postgresServer =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const secretKey = 'bench-petition-secret-key-long-enough-0123456789';
// BENCH_VARIANTS (separated by ';') to measure others, e.g. several switched off together:
// 'all on;form-body,spliced-gzip'.
const variants = process.env.BENCH_VARIANTS?.split(';') ?? [
  'all on',
  'form-body',
  'form-challenge',
  'spliced-gzip',
  'body-size',
];
const hooks = new URL('./fast-paths/hooks.ts', import.meta.url).pathname;

type Sample = { ok: number; non2xx: number; errors: number; p99: number; serverCpuMs: number; postgresCpuMs: number };

async function sample(variant: string, proofs: string[]): Promise<Sample> {
  // startServer reads the flags from this process's environment.
  process.env.BENCH_SERVER_FLAGS = `--import ${hooks}`;
  const pgdb = await scratchPostgres(postgresServer);
  if (!pgdb) throw new Error(`PostgreSQL at ${postgresServer} did not answer`);
  const server = await startServer({
    SECRET_KEY: secretKey,
    TRUST_PROXY: '1',
    EMAIL_WORKER: 'separate',
    EMAIL_MESSAGES_PER_SECOND: '1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: pgdb.url,
    BENCH_FAST_PATH_OFF: variant === 'all on' ? '' : variant,
  });
  try {
    const target = new URL(server.url);
    const origin = target.origin.replace('127.0.0.1', 'localhost');
    const head =
      `POST /petitions/${DEMO_PETITION_SLUG}/sign HTTP/1.1\r\nHost: ${target.host}\r\n` +
      `Accept-Encoding: br, gzip\r\nContent-Type: application/x-www-form-urlencoded\r\nOrigin: ${origin}\r\n`;
    const request = (n: number, proof?: string) => {
      const body = signerForm(n, proof);
      const address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
      return `${head}X-Forwarded-For: ${address}\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    };
    const load = { host: target.hostname, port: Number(target.port), connections };
    // Warm-up (the JIT, the pools, the caches): other signers, the last proofs.
    await runLoad({ ...load, durationMs: 3000, request: (n) => request(5_000_000 + n, proofs[proofs.length - n]) });
    // What the server spends with nobody signing (timers, the email worker), taken off, so that a slower
    // variant is not charged for it over more signatures.
    const idleFrom = treeCpuMs(server.pid);
    await new Promise((r) => setTimeout(r, 2000));
    const idlePerSecond = (treeCpuMs(server.pid) - idleFrom) / 2;
    const cpuBefore = treeCpuMs(server.pid);
    const postgresBefore = postgresCpuMs();
    const result = await runLoad({
      ...load,
      durationMs: seconds * 1000,
      request: (n) => request(n, proofs[(n - 1) % (proofs.length - 20_000)]),
    });
    return {
      ok: result.ok,
      non2xx: result.non2xx,
      errors: result.errors,
      p99: result.percentile(99),
      serverCpuMs: treeCpuMs(server.pid) - cpuBefore - idlePerSecond * seconds,
      postgresCpuMs: postgresCpuMs() - postgresBefore,
    };
  } finally {
    await server.stop();
    await pgdb.drop();
  }
}

if (typeof (await import('node:module')).registerHooks !== 'function')
  throw new Error('needs Node 24 (npm run bench:fast-paths)');
const loadBefore = loadavg();
// Each database is fresh, so one set of proofs serves every run: none is spent twice in one.
const proofs = await solvedChallenges(secretKey, seconds * 3000 + 20_000);
const samples = new Map<string, Sample[]>(variants.map((v) => [v, []]));
for (let round = 0; round < rounds; round++) {
  for (const variant of round % 2 ? [...variants].reverse() : variants) {
    const s = await sample(variant, proofs);
    samples.get(variant)!.push(s);
    process.stdout.write(
      `round ${round + 1} ${variant.padEnd(20)} ${Math.round(s.ok / seconds)}/s, ` +
        `server ${(s.serverCpuMs / s.ok).toFixed(3)} ms/signature, non-2xx ${s.non2xx}, errors ${s.errors}; ` +
        `load ${loadavg()[0]!.toFixed(2)}\n`,
    );
  }
}

const total = (v: string) => {
  const s = samples.get(v)!;
  const sum = (f: (x: Sample) => number) => s.reduce((a, x) => a + f(x), 0);
  return {
    rate: sum((x) => x.ok) / (seconds * s.length),
    server: sum((x) => x.serverCpuMs) / sum((x) => x.ok),
    postgres: sum((x) => x.postgresCpuMs) / sum((x) => x.ok),
    non2xx: sum((x) => x.non2xx),
    p99: Math.max(...s.map((x) => x.p99)),
  };
};
const base = total('all on');
process.stdout.write(
  `\nFast paths: ${rounds} rounds of ${seconds} s per variant, ${connections} connections, ${cpus().length} cores; ` +
    `load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n\n`,
);
process.stdout.write(
  'switched off           | signatures/s | vs all on | server CPU ms/signature | vs all on | ' +
    'PostgreSQL CPU ms/signature | worst p99 ms | non-2xx\n',
);
for (const v of variants) {
  const t = total(v);
  const pct = (x: number, y: number) =>
    v === 'all on' ? '' : `${x >= y ? '+' : ''}${(((x - y) / y) * 100).toFixed(1)} %`;
  process.stdout.write(
    [
      (v === 'all on' ? 'nothing (all on)' : v).padEnd(22),
      Math.round(t.rate).toString().padStart(12),
      pct(t.rate, base.rate).padStart(9),
      t.server.toFixed(3).padStart(23),
      pct(t.server, base.server).padStart(9),
      t.postgres.toFixed(3).padStart(27),
      String(t.p99).padStart(12),
      `${t.non2xx}\n`,
    ].join(' | '),
  );
}
