/**
 * npm run bench:supporter-import — a supporter CSV import of 100,000 rows
 * (BENCH_IMPORT_ROWS), shaped like Action Network's people export, and the
 * same people exported back out.
 *
 * The file is generated into a temporary folder, streamed (one line at a
 * time): 1 row in 100 has a bad address and 1 in 100 repeats an earlier
 * one, half say subscribed, and most carry a tag. Each run is a process of
 * its own, so one size's memory does not carry into the next:
 *
 * 1. the dry run (import-job.ts's check pass), rows/s;
 * 2. the import, rows/s;
 * 3. the export of every imported person with every field, rows/s,
 *    into a sink that only counts bytes;
 *
 * on PGlite (a data folder in the temporary folder, as a site keeps it) and, when DATABASE_URL or
 * TEST_DATABASE_URL is set, on a scratch PostgreSQL database. Memory: the peak of
 * process.memoryUsage().rss and heapUsed sampled every 10 ms, resourceUsage().maxRSS, and the live
 * heap (heapUsed after a forced collection, every 10,000 rows: what is held, not garbage). Constant
 * memory shows as the same peaks at 20,000 rows (a fifth) as at the full size. On PGlite the
 * database itself lives in the process (its buffers and WebAssembly memory count in RSS);
 * on PostgreSQL the process's memory is the import's own. Figures only: it asserts nothing.
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/platform/db/client.ts';
import { guessMapping } from '../src/features/supporters/import-columns.ts';
import { readHeader } from '../src/features/supporters/import-file.ts';
import { claimPass, fileSize, recordUpload, runPass, type Pass } from '../src/features/supporters/import-job.ts';
import { exportFields, supporterListCsv } from '../src/features/supporters/export-list.ts';
import { spawnTs, waitForLine } from '../test/support/processes.ts';
import { scratchPostgres } from './server.ts';

const fullSize = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const smallSize = Math.round(fullSize / 5);
const postgresServer = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

const given = ['Ana', 'Luis', 'María', 'Tom', 'Kim', 'Rosa', 'Jamal', 'Mei', 'Olga', 'Sam'];
const family = ['Lopez', 'Nguyen', 'Smith', 'Hernández', 'Park', 'Johnson', 'Reyes', 'Lee', 'Brown', 'García'];
const tags = ['', 'Canvass Team', 'volunteer, Board_Member', 'Advocacy Day 2026'];

/** An Action-Network-shaped file of `rows` data rows, written a line at a time. */
async function writeFile(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(
    'uuid,first_name,last_name,email,zip_code,can2_phone,can2_user_city,can2_subscription_status,can2_user_tags,language\r\n',
  );
  for (let i = 0; i < rows; i++) {
    const email =
      i % 100 === 7
        ? `broken-${i}.example.org`
        : i % 100 === 42
          ? `person-${i - 1}@example.org`
          : `person-${i}@example.org`;
    const zip = String(97001 + (i % 900));
    const phone = i % 3 === 0 ? `503-555-${String(i % 10_000).padStart(4, '0')}` : '';
    const status = i % 2 === 0 ? 'subscribed' : 'unsubscribed';
    const tag = tags[i % tags.length]!;
    await write(
      `an-${i},${given[i % 10]},${family[(i * 7) % 10]},${email},${zip},${phone},Portland,${status},"${tag}",${i % 5 === 0 ? 'es' : 'en'}\r\n`,
    );
  }
  out.end();
  await once(out, 'finish');
}

type Figures = {
  rows: number;
  checkSeconds: number;
  /** The dry run's counts: what would be added, updated, refused. */
  dryRun: unknown;
  importSeconds: number;
  exportSeconds: number;
  exported: number;
  exportBytes: number;
  baselineRss: number;
  peakRss: number;
  peakHeap: number;
  /** The most the heap held after a full collection, checked every 10,000 rows: what the run keeps, not its garbage. */
  liveHeap: number;
  maxRss: number;
};

/** One run, in a process of its own: dry run, import, export, measured. */
async function run(file: string, database: { url?: string; dataDir?: string }): Promise<Figures> {
  const db = await openDatabase(database.url ? { url: database.url, poolSize: 4 } : { dataDir: database.dataDir! });
  await db.migrate();
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  sample();
  const baselineRss = peakRss;
  let liveHeap = 0;
  const collected = () => {
    (globalThis as { gc?: () => void }).gc?.();
    liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed);
  };
  const sampler = setInterval(sample, 10);
  const columns = await readHeader(file);
  const job = await recordUpload(
    db.db,
    { storedFile: file, sizeBytes: await fileSize(file), columns, fields: guessMapping(columns) },
    null,
  );
  const pass = async (kind: Pass) => {
    const t0 = performance.now();
    const claimed = await claimPass(db.db, job.id, kind, null);
    const ended = await runPass(
      db.db,
      claimed!,
      kind,
      { folder: undefined, onProgress: (done) => (done % 10_000 === 0 ? collected() : undefined) },
      (error) => {
        throw error;
      },
    );
    if (ended.status === 'failed' || ended.status === 'interrupted') throw new Error(`${kind}: ${ended.error}`);
    return { seconds: (performance.now() - t0) / 1000, rows: ended.totalRows ?? 0, counts: ended.dryRun };
  };
  const check = await pass('check');
  const imported = await pass('import');
  const t0 = performance.now();
  let exportBytes = 0;
  let exported = -1;
  for await (const chunk of supporterListCsv(db.db, {}, exportFields)) {
    exportBytes += Buffer.byteLength(chunk);
    if (exported % 10_000 < 2_000) collected();
    for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) exported++;
  }
  const exportSeconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  sample();
  await db.close();
  return {
    rows: check.rows,
    checkSeconds: check.seconds,
    dryRun: check.counts,
    importSeconds: imported.seconds,
    exportSeconds,
    exported,
    exportBytes,
    baselineRss,
    peakRss,
    peakHeap,
    liveHeap,
    maxRss: process.resourceUsage().maxRSS * 1024,
  };
}

async function inChild(file: string, database: { url?: string; dataDir?: string }): Promise<Figures> {
  const child = spawnTs('bench/supporter-import.ts', ['--run', file, database.url ?? '', database.dataDir ?? ''], {}, [
    '--expose-gc',
  ]);
  return JSON.parse((await waitForLine(child, /^\{.*\}$/m, 60 * 60_000))[0]) as Figures;
}

function report(label: string, f: Figures): void {
  const perSecond = (n: number, s: number) => `${Math.round(n / s).toLocaleString('en-US')} rows/s`;
  console.log(
    `${label.padEnd(24)} ${f.rows.toLocaleString('en-US').padStart(7)} rows: dry run ${perSecond(f.rows, f.checkSeconds)}, ` +
      `import ${perSecond(f.rows, f.importSeconds)}, export ${perSecond(f.exported, f.exportSeconds)} ` +
      `(${f.exported.toLocaleString('en-US')} people, ${mb(f.exportBytes)}); ` +
      `RSS ${mb(f.baselineRss)} at start, peak ${mb(f.peakRss)} (maxRSS ${mb(f.maxRss)}), heap peak ${mb(f.peakHeap)}, live heap ${mb(f.liveHeap)}`,
  );
  console.log(`${''.padEnd(24)} dry run: ${JSON.stringify(f.dryRun)}`);
}

if (process.argv[2] === '--run') {
  const [file, url, dataDir] = process.argv.slice(3);
  const figures = await run(file!, url ? { url } : { dataDir: dataDir! });
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  process.exit(0);
} else {
  const folder = mkdtempSync(join(tmpdir(), 'bench-supporter-import-'));
  console.log(
    `supporter import benchmark: ${cpus().length} CPUs, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, Node ${process.version}`,
  );
  try {
    for (const rows of [smallSize, fullSize]) {
      const file = join(folder, `people-${rows}.csv`);
      await writeFile(file, rows);
      console.log(`generated ${rows.toLocaleString('en-US')} rows: ${mb(statSync(file).size)}`);
      report('PGlite', await inChild(file, { dataDir: join(folder, `pglite-${rows}`) }));
      const scratch = postgresServer ? await scratchPostgres(postgresServer) : undefined;
      if (scratch) {
        try {
          report('PostgreSQL', await inChild(file, { url: scratch.url }));
        } finally {
          await scratch.drop();
        }
      }
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
