/**
 * `npm run bench:soak`: does the server grow under steady traffic? (issue 19, ADR 071)
 *
 * Starts the built server (bench/server.ts) on PostgreSQL (TEST_DATABASE_URL or the local server) or, with
 * BENCH_ONLY=pglite, on PGlite; measures its capacity on the home page for 10 s; then drives the home page
 * and seven other public pages at half that rate for BENCH_SOAK_MINUTES (default 10), and
 * prints the server's resident memory every minute and its growth from the first minute to the last.
 * Figures only: it asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';
import { pageConnections, pageHeaders } from './page-load.ts';
import { scratchPostgres, startServer } from './server.ts';

const minutes = Number(process.env.BENCH_SOAK_MINUTES ?? 10);
// No search: from one address it would meet the search's own per-address limit (429) within a second.
const paths = ['/', '/about', '/news', '/events', '/resources', '/tips', '/es', '/petitions'];

const residentMb = (pid: number) =>
  Math.round(Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);

async function soak(label: string, env: Record<string, string>) {
  const server = await startServer(env);
  try {
    const capacity = await autocannon({
      url: `${server.url}/`,
      connections: pageConnections,
      duration: 10,
      headers: pageHeaders,
    });
    const rate = Math.round(capacity.requests.average / 2);
    const idle = residentMb(server.pid);
    process.stdout.write(
      `\n${label}: capacity ${Math.round(capacity.requests.average)} requests/s on /; soaking at ${rate}/s ` +
        `for ${minutes} min over ${paths.length} pages; resident ${idle} MB before\n`,
    );
    const samples: number[] = [];
    const sampler = setInterval(() => {
      samples.push(residentMb(server.pid));
      process.stdout.write(`  minute ${samples.length}: ${samples.at(-1)} MB, load ${loadavg()[0]!.toFixed(2)}\n`);
    }, 60_000);
    const result = await autocannon({
      url: server.url,
      connections: 20,
      duration: minutes * 60,
      overallRate: rate,
      headers: pageHeaders,
      requests: paths.map((path) => ({ method: 'GET', path })),
    });
    clearInterval(sampler);
    const first = samples[0] ?? idle;
    const last = samples.at(-1) ?? idle;
    process.stdout.write(
      `  ${Math.round(result.requests.average)} requests/s, p99 ${result.latency.p99} ms, ` +
        `${result.non2xx} non-2xx, ${result.errors} errors\n` +
        `  resident: ${idle} MB before, ${first} MB after the first minute, ${last} MB after the last ` +
        `(${(((last - first) / first) * 100).toFixed(1)} % growth), highest ${Math.max(...samples)} MB\n`,
    );
  } finally {
    await server.stop();
  }
}

process.stdout.write(
  `${cpus().length} cores; load average before ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);
if (process.env.BENCH_ONLY === 'pglite') {
  await soak('PGlite', {});
} else {
  const server = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const database = await scratchPostgres(server);
  if (!database) throw new Error(`PostgreSQL at ${server} did not answer`);
  try {
    await soak('PostgreSQL', { DATABASE_URL: database.url });
  } finally {
    await database.drop();
  }
}
