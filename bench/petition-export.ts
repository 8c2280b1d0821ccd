/**
 * npm run bench:export — the signature CSV of a petition with 1,000,000
 * generated signatures (BENCH_SIGNATURES), on PostgreSQL.
 *
 * A scratch database on the server (BENCH_DATABASE_URL, TEST_DATABASE_URL or
 * the local one) gets the signers and signatures set-wise (INSERT … SELECT
 * over generate_series, test/support/petition-signatures.ts). Then each
 * export runs in a fresh process of its own, so its memory is the export's
 * and nothing of the generating:
 *
 * 1. the real route: the whole app built, an admin signed in, a GET of
 *    /admin/petitions/:id/signatures.csv through every middleware into a
 *    sink that only counts bytes and rows; with Node's defaults (as
 *    `npm start` runs) and with the V8 flags of `npm run worker`;
 * 2. the export function alone (bench/petition-export-sink.ts), in a process
 *    that loads only it and the database client, with the worker's flags.
 *
 * Each samples process.memoryUsage().rss every 10 ms and reads the kernel's
 * high-water mark (maxRSS); the RSS before the first row is printed too, so
 * what the export adds shows apart from what loading the code costs.
 * Figures only: it asserts nothing. Targets: ≥ 100,000 rows/s, peak RSS ≤ 100 MB.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/platform/db/client.ts';
import { createTestApp } from '../test/support/app.ts';
import { generateSignatures, makePetition } from '../test/support/petition-signatures.ts';
import { spawnTs, waitForLine } from '../test/support/processes.ts';
import { signedInAs } from '../test/support/staff.ts';
import { scratchPostgres } from './server.ts';

const signatureCount = Number(process.env.BENCH_SIGNATURES ?? 1_000_000);
const postgresServer = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const root = join(import.meta.dirname, '..');
const workerScript: string = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.worker;
const workerFlags = workerScript.match(/--max-[a-z-]+=\d+/g) ?? [];
const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

type Figures = { rows: number; bytes: number; seconds: number; baselineRss: number; peakRss: number; maxRss: number };

/** The route child: the app over the database, one export through the route, counted and measured. */
async function exportThroughRoute(url: string, petitionId: number): Promise<Figures> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const database = await openDatabase({ url, poolSize: 4 });
  const { app } = createTestApp(database);
  const admin = await signedInAs(app, database, 'admin');
  const baselineRss = process.memoryUsage().rss;
  const t0 = performance.now();
  const res = await admin.request(`/admin/petitions/${petitionId}/signatures.csv`);
  if (res.status !== 200 || !res.body) throw new Error(`export answered ${res.status}`);
  let bytes = 0;
  let lineEnds = 0;
  // Every row ends with CRLF, and no generated field holds a CR: counting CRs counts rows (and the header).
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(13); i !== -1; i = chunk.indexOf(13, i + 1)) lineEnds++;
  }
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  await database.close();
  return { rows: lineEnds - 1, bytes, seconds, baselineRss, peakRss: peak, maxRss: process.resourceUsage().maxRSS * 1024 };
}

function report(label: string, f: Figures): string {
  return [
    `${label}:`,
    `  rows:      ${f.rows.toLocaleString('en-US')} (${mb(f.bytes)} of CSV)`,
    `  seconds:   ${f.seconds.toFixed(2)}`,
    `  rows/s:    ${Math.round(f.rows / f.seconds).toLocaleString('en-US')}   (target ≥ 100,000)`,
    `  peak RSS:  ${mb(f.peakRss)} sampled every 10 ms, ${mb(f.maxRss)} by the kernel's high-water mark   (target ≤ 100 MB)`,
    `             ${mb(f.baselineRss)} of it before the first row; the export added ${mb(f.peakRss - f.baselineRss)} (sampled)`,
    `  load:      ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${cpus().length} cores`,
    '',
  ].join('\n');
}

async function main() {
  const scratch = await scratchPostgres(postgresServer);
  if (!scratch) {
    process.stderr.write(`bench:export needs PostgreSQL: nothing answered at ${postgresServer.replace(/\/\/[^@]*@/, '//…@')} (set BENCH_DATABASE_URL)\n`);
    process.exitCode = 1;
    return;
  }
  try {
    const t0 = performance.now();
    const database = await openDatabase({ url: scratch.url, poolSize: 2 });
    await database.migrate();
    const petitionId = await makePetition(database.db, 'bench-export');
    await generateSignatures(database.db, { petitionId, count: signatureCount, prefix: 'bench' });
    await database.db.execute('analyze' as never);
    await database.close();
    process.stdout.write(`generated ${signatureCount.toLocaleString('en-US')} signatures in ${((performance.now() - t0) / 1000).toFixed(1)} s\n\n`);

    const args = [scratch.url, String(petitionId)];
    for (const [label, flags] of [
      ["The route, in the whole app, Node's defaults (as npm start)", []],
      [`The route, in the whole app, with npm run worker's V8 flags (${workerFlags.join(' ')})`, workerFlags],
    ] as const) {
      const child = spawnTs('bench/petition-export.ts', ['--route', ...args], { LOG_LEVEL: 'silent' }, [...flags]);
      process.stdout.write(report(label, JSON.parse((await waitForLine(child, /^\{.*\}$/m, 30 * 60_000))[0])));
    }
    // Plain node: Node 24 strips the types of these few files itself, and tsx's loader would be memory the export does not use.
    const sink = spawn(process.execPath, [...workerFlags, join(root, 'bench/petition-export-sink.ts'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const figures = JSON.parse((await waitForLine(sink, /^\{.*\}$/m, 30 * 60_000))[0]) as Figures;
    process.stdout.write(report(`The export function alone, in a process that loads only it and the database client (${workerFlags.join(' ')})`, figures));
  } finally {
    await scratch.drop();
  }
}

if (process.argv[2] === '--route') {
  process.stdout.write(`${JSON.stringify(await exportThroughRoute(process.argv[3]!, Number(process.argv[4])))}\n`);
} else {
  await main();
}
