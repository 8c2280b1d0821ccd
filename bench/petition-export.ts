/**
 * npm run bench:export — the signature CSV of a petition with 1,000,000
 * generated signatures (BENCH_SIGNATURES), on PostgreSQL.
 *
 * A scratch database on the server (BENCH_DATABASE_URL, TEST_DATABASE_URL or
 * the local one) gets the signers and signatures set-wise (INSERT … SELECT
 * over generate_series, test/support/petition-signatures.ts). Then, each in
 * a fresh process running the whole app with Node's defaults (as `npm
 * start`), its output counted by a sink that only counts bytes and rows, its
 * memory sampled every 10 ms and its event loop's busy share measured:
 *
 * 1. the real route: an admin signs in and GETs
 *    /admin/petitions/:id/signatures.csv through every middleware. On
 *    PostgreSQL the route has the file written by the export process (ADR
 *    023), in which PostgreSQL writes the CSV with COPY … TO STDOUT
 *    (copy-csv.ts); the export process's peak RSS comes from the route's own
 *    log line;
 * 2. the same COPY run in the web process itself, no export process: the
 *    alternative ADR 023's addendum weighs;
 * 3. the per-row path PGlite keeps (signatureCsv: keyset pages formatted by
 *    csvLine in the web process), here on PostgreSQL, for comparison;
 *
 * and 4. the export process alone, started as the route starts it.
 *
 * Figures only: it asserts nothing. Targets: ≥ 100,000 rows/s, peak RSS ≤ 100 MB.
 */
import { cpus, loadavg } from 'node:os';
import { Writable } from 'node:stream';
import { openDatabase } from '../src/platform/db/client.ts';
import { testConfig } from '../test/support/app.ts';
import { createApp } from '../src/app/app.tsx';
import { createLogger } from '../src/platform/logger.ts';
import pg from 'pg';
import { type CopyToStreamQuery, to as copyTo } from 'pg-copy-streams';
import { copyStatement, CrlfRowEnds } from '../src/features/petitions/copy-csv.ts';
import { csvLine, exportColumns, exportStatement, signatureCsv } from '../src/features/petitions/export.ts';
import { runExportProcess } from '../src/features/petitions/export-runner.ts';
import { generateSignatures, makePetition } from '../test/support/petition-signatures.ts';
import { spawnTs, waitForLine } from '../test/support/processes.ts';
import { signedInAs } from '../test/support/staff.ts';
import { scratchPostgres } from './server.ts';

const signatureCount = Number(process.env.BENCH_SIGNATURES ?? 1_000_000);
const postgresServer =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

type Figures = {
  rows: number;
  bytes: number;
  seconds: number;
  baselineRss?: number;
  peakRss?: number;
  maxRss?: number;
  /** The web process's event loop: the share of the export's time it was busy. */
  eventLoopBusy?: number;
  exportProcessPeakRss?: number;
};

type Mode = 'route' | 'copy-here' | 'per-row';

/** The child: the app over the database, one export as `mode` says, counted and measured. */
async function exportInWebProcess(url: string, petitionId: number, mode: Mode): Promise<Figures> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const database = await openDatabase({ url, poolSize: 4 });
  // The route logs the export process's figures when it ends: read them from its log.
  let exportReport: { rows?: number; exportPeakRssMb?: number } = {};
  const logSink = new Writable({
    write(line: Buffer, _encoding, done) {
      const entry = JSON.parse(line.toString()) as { msg?: string; rows?: number; exportPeakRssMb?: number };
      if (entry.msg === 'signature export finished') exportReport = entry;
      done();
    },
  });
  const { app } = createApp({
    config: testConfig({ LOG_LEVEL: 'info' }),
    database,
    logger: createLogger({ level: 'info', pretty: false, destination: logSink }),
  });
  const admin = await signedInAs(app, database, 'admin');
  const baselineRss = process.memoryUsage().rss;
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  let body: AsyncIterable<Uint8Array>;
  let copy: CopyToStreamQuery | undefined;
  let client: pg.Client | undefined;
  if (mode === 'route') {
    const res = await admin.request(`/admin/petitions/${petitionId}/signatures.csv`);
    if (res.status !== 200 || !res.body) throw new Error(`export answered ${res.status}`);
    body = res.body as AsyncIterable<Uint8Array>;
  } else if (mode === 'copy-here') {
    client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('begin transaction isolation level repeatable read, read only');
    await client.query('set local max_parallel_workers_per_gather = 0');
    copy = client.query(copyTo(copyStatement(exportStatement(petitionId, {}), pg.escapeLiteral)));
    const header = Buffer.from(csvLine(exportColumns));
    const rest = copy.pipe(new CrlfRowEnds());
    body = (async function* () {
      yield header;
      yield* rest;
    })();
  } else {
    const encoder = new TextEncoder();
    body = (async function* () {
      for await (const chunk of signatureCsv(database.db, petitionId, {})) yield encoder.encode(chunk);
    })();
  }
  let bytes = 0;
  let lineEnds = 0;
  // Every row ends with CRLF, and no generated field holds a CR: counting CRs counts rows (and the header).
  for await (const chunk of body) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(13); i !== -1; i = chunk.indexOf(13, i + 1)) lineEnds++;
  }
  const seconds = (performance.now() - t0) / 1000;
  const eventLoopBusy = performance.eventLoopUtilization(elu0).utilization;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  if (client) {
    await client.query('commit');
    await client.end();
  }
  await new Promise((r) => setTimeout(r, 200));
  await database.close();
  if (mode === 'route' && exportReport.rows !== lineEnds - 1)
    throw new Error(`the route's log did not report the export (${JSON.stringify(exportReport)})`);
  if (copy && copy.rowCount !== lineEnds - 1) throw new Error(`COPY sent ${copy.rowCount} rows`);
  return {
    rows: lineEnds - 1,
    bytes,
    seconds,
    baselineRss,
    peakRss: peak,
    maxRss: process.resourceUsage().maxRSS * 1024,
    eventLoopBusy,
    ...(mode === 'route' ? { exportProcessPeakRss: exportReport.exportPeakRssMb! * 1024 * 1024 } : {}),
  };
}

function report(label: string, f: Figures): string {
  const lines = [
    `${label}:`,
    `  rows:      ${f.rows.toLocaleString('en-US')} (${mb(f.bytes)} of CSV)`,
    `  seconds:   ${f.seconds.toFixed(2)}`,
    `  rows/s:    ${Math.round(f.rows / f.seconds).toLocaleString('en-US')}   (target ≥ 100,000)`,
  ];
  if (f.exportProcessPeakRss !== undefined)
    lines.push(
      `  export process peak RSS: ${mb(f.exportProcessPeakRss)} (the kernel's high-water mark)   (target ≤ 100 MB)`,
    );
  if (f.peakRss !== undefined) {
    const indent = ' '.repeat(27);
    lines.push(
      `  web process peak RSS:    ${mb(f.peakRss)} sampled every 10 ms, ` +
        `${mb(f.maxRss!)} by the kernel's high-water mark;`,
      `${indent}${mb(f.baselineRss!)} of it before the download, which added ${mb(f.peakRss - f.baselineRss!)}`,
      `  web process event loop busy: ${Math.round(f.eventLoopBusy! * 100)} % of the export's time`,
    );
  }
  lines.push(
    `  load:      ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${cpus().length} cores`,
    '',
  );
  return lines.join('\n');
}

/** The export process alone, started as the route starts it, its output counted. */
async function exportProcessAlone(url: string, petitionId: number): Promise<Figures> {
  const t0 = performance.now();
  const run = runExportProcess(url, exportStatement(petitionId, {}));
  let bytes = 0;
  for await (const chunk of run.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  const seconds = (performance.now() - t0) / 1000;
  const { rows, peakRss } = await run.done;
  return { rows, bytes, seconds, exportProcessPeakRss: peakRss };
}

async function main() {
  const scratch = await scratchPostgres(postgresServer);
  if (!scratch) {
    process.stderr.write(
      `bench:export needs PostgreSQL: nothing answered at ${postgresServer.replace(/\/\/[^@]*@/, '//…@')} ` +
        '(set BENCH_DATABASE_URL)\n',
    );
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
    const took = ((performance.now() - t0) / 1000).toFixed(1);
    process.stdout.write(`generated ${signatureCount.toLocaleString('en-US')} signatures in ${took} s\n\n`);

    const modes: [Mode, string][] = [
      ['route', "The route (export process, COPY), in the whole app, Node's defaults (as npm start)"],
      ['copy-here', 'The same COPY in the web process itself, no export process'],
      ['per-row', "PGlite's per-row path (signatureCsv, csvLine in the web process), here on PostgreSQL"],
    ];
    for (const [mode, label] of modes) {
      const child = spawnTs('bench/petition-export.ts', ['--child', mode, scratch.url, String(petitionId)], {
        LOG_LEVEL: 'silent',
      });
      process.stdout.write(report(label, JSON.parse((await waitForLine(child, /^\{.*\}$/m, 30 * 60_000))[0])));
    }
    process.stdout.write(
      report('The export process alone, as the route starts it', await exportProcessAlone(scratch.url, petitionId)),
    );
  } finally {
    await scratch.drop();
  }
}

if (process.argv[2] === '--child') {
  const [mode, url, petitionId] = process.argv.slice(3) as [Mode, string, string];
  process.stdout.write(`${JSON.stringify(await exportInWebProcess(url, Number(petitionId), mode))}\n`);
} else {
  await main();
}
