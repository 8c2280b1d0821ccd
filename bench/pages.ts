/**
 * npm run bench:pages — throughput and latency of the public pages.
 *
 * Starts the server on PGlite and then on PostgreSQL (BENCH_DATABASE_URL, or
 * the local server), warms up, and drives GET / and a /resources search with
 * autocannon (BENCH_SECONDS, default 20 s; 50 connections). Prints requests/s,
 * p50 and p99 latency, and the compressed size of every public page.
 * Figures only: this is not a test and asserts nothing.
 */
import { cpus, loadavg } from 'node:os';
import {
  drivePages as drive,
  pageConnections as connections,
  pageHeaders as headers,
  pageTargets,
} from './page-load.ts';
import { scratchPostgres, startServer } from './server.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const postgresServer =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const publicPaths = [
  '/',
  '/about',
  '/tips',
  '/policies',
  '/resources',
  '/privacy',
  '/news',
  '/events',
  '/letters',
  '/stories',
  '/share-your-story',
];

type Row = { database: string; target: string; rps: number; p50: number; p99: number; bytes: number; errors: number };

async function compressedBytes(url: string): Promise<number> {
  const res = await fetch(url, { headers });
  // fetch decodes the body; Content-Length is the size on the wire.
  await res.arrayBuffer();
  return Number(res.headers.get('content-length') ?? 0);
}

async function benchOne(database: string, env: Record<string, string>): Promise<{ rows: Row[]; sizes: string[] }> {
  const server = await startServer(env);
  const rows: Row[] = [];
  const sizes: string[] = [];
  try {
    for (const [target, url, distinct] of pageTargets(server.url)) {
      await drive(url, 3, distinct); // warm-up: JIT, caches, pool
      const figures = await drive(url, seconds, distinct);
      rows.push({ database, target, ...figures, bytes: await compressedBytes(url) });
    }
    const html = await (await fetch(`${server.url}/`, { headers })).text();
    const cssPath = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1] ?? '';
    const css = await compressedBytes(server.url + cssPath);
    for (const locale of ['', '/es']) {
      for (const path of publicPaths) {
        const p = locale + (path === '/' && locale ? '' : path);
        const bytes = await compressedBytes(server.url + p);
        const kb = (bytes + css) / 1024;
        const verdict = kb <= 25 ? 'ok' : 'OVER 25 KB';
        sizes.push(
          `${p.padEnd(16)} ${String(bytes).padStart(6)} B html + ${css} B css = ${kb.toFixed(1)} KB ${verdict}`,
        );
      }
    }
  } finally {
    await server.stop();
  }
  return { rows, sizes };
}

const results: Row[] = [];
process.stdout.write(
  `bench:pages — ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);
process.stdout.write(
  `autocannon: ${connections} connections, ${seconds} s per target, after a 3 s warm-up; ` +
    'server and load generator share this machine\n\n',
);

const lite = await benchOne('PGlite', {});
results.push(...lite.rows);
const scratch = await scratchPostgres(postgresServer);
let sizes = lite.sizes;
if (scratch) {
  try {
    const real = await benchOne('PostgreSQL', { DATABASE_URL: scratch.url });
    results.push(...real.rows);
    sizes = real.sizes;
  } finally {
    await scratch.drop();
  }
} else {
  process.stdout.write(
    `PostgreSQL not reachable at ${postgresServer.replace(/:[^:@/]*@/, ':***@')}: only PGlite measured\n`,
  );
}

/** One line of the results table: database, target, then the figures right-aligned. */
const tableLine = (database: string, target: string, figures: (string | number)[], errors: string | number) =>
  `${[database.padEnd(11), target.padEnd(28), ...figures.map((f) => String(f).padStart(7)), errors].join(' ')}\n`;
process.stdout.write(tableLine('database', 'target', ['req/s', 'p50 ms', 'p99 ms', 'bytes'], 'errors'));
for (const r of results)
  process.stdout.write(tableLine(r.database, r.target, [r.rps, r.p50, r.p99, r.bytes], r.errors));
process.stdout.write('\nCompressed page weight (brotli), stylesheet included:\n' + sizes.join('\n') + '\n');
process.stdout.write(
  `\ntargets: GET / >= 5000 req/s with p99 <= 20 ms on either database; every page <= 25 KB compressed\n`,
);
