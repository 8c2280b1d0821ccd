/**
 * npm run bench:email — a broadcast to 100,000 generated recipients.
 *
 * For PostgreSQL (BENCH_DATABASE_URL, or the local server) and then PGlite:
 * a fresh database with BENCH_RECIPIENTS subscribers (default 100,000), a
 * two-language broadcast due now, an SMTP sink in a process of its own, and
 * the worker (bench/email-worker.ts) in another, as `npm run worker` runs.
 * Prints messages/s, the time to write the recipients and queue them, the
 * sending time, the total, and the worker's peak RSS. Figures only: it
 * asserts nothing. The target on the 2-core machine: ≥ 1,500 messages/s
 * with a peak RSS ≤ 150 MB.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/platform/db/client.ts';
import { scheduleTaggedBroadcast, seedSubscribers } from '../test/support/email-load.ts';
import { exited, spawnTs, startSinkProcess, waitForLine } from '../test/support/processes.ts';
import { scratchPostgres } from './server.ts';

const recipients = Number(process.env.BENCH_RECIPIENTS ?? 100_000);
const postgresServer =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const workerEnv = {
  SECRET_KEY: 'bench-secret-key-that-is-long-enough-0123456789',
  PUBLIC_URL: 'https://psj.example',
  NODE_ENV: 'production',
  SEED_DEMO: 'false',
  LOG_LEVEL: 'warn',
  // The cap is the relay's: a real one is set far lower. Here the machine is the limit.
  EMAIL_MESSAGES_PER_SECOND: process.env.BENCH_RATE ?? '100000',
  EMAIL_CONCURRENCY: process.env.BENCH_CONCURRENCY ?? '40',
};

// The same V8 memory flags `npm run worker` uses (read from package.json), plus any given for profiling.
const workerScript: string = JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8')).scripts
  .worker;
const workerFlags = [
  ...(workerScript.match(/--max-[a-z-]+=\d+/g) ?? []),
  ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
];

type Figures = { sent: number; failed: number; queueMs: number; sendMs: number; totalMs: number; peakRssMb: number };

async function run(
  label: string,
  target: { url?: string; dataDir?: string },
): Promise<Figures & { label: string; received: number; seedMs: number }> {
  const scratch = mkdtempSync(join(tmpdir(), 'groundswell-bench-email-'));
  const t0 = performance.now();
  const database = await openDatabase(target.url ? { url: target.url } : { dataDir: join(target.dataDir!, 'pglite') });
  await database.migrate();
  await seedSubscribers(database.db, recipients, 'bench');
  await scheduleTaggedBroadcast(database.db, 'bench');
  await database.close();
  const seedMs = Math.round(performance.now() - t0);

  const sink = await startSinkProcess(join(scratch, 'smtp.log'));
  const worker = spawnTs(
    'bench/email-worker.ts',
    [],
    {
      ...workerEnv,
      SMTP_URL: sink.url,
      ...(target.url ? { DATABASE_URL: target.url } : { DATA_DIR: target.dataDir! }),
    },
    workerFlags,
  );
  const line = await waitForLine(worker, /^\{.*\}$/m, 30 * 60_000);
  if (process.env.BENCH_VERBOSE) process.stdout.write(`${label}: ${line[0]}\n`);
  await exited(worker);
  await sink.stop();
  const received = sink.deliveries().length;
  rmSync(scratch, { recursive: true, force: true });
  return { label, seedMs, received, ...(JSON.parse(line[0]) as Figures) };
}

const rows: Awaited<ReturnType<typeof run>>[] = [];
const pgdb = await scratchPostgres(postgresServer);
if (pgdb) {
  try {
    rows.push(await run('PostgreSQL', { url: pgdb.url }));
  } finally {
    await pgdb.drop();
  }
} else {
  process.stdout.write(`PostgreSQL at ${postgresServer} did not answer: skipping that run.\n`);
}
if (process.env.BENCH_ONLY !== 'postgres') {
  const pgliteDir = mkdtempSync(join(tmpdir(), 'groundswell-bench-pglite-'));
  try {
    rows.push(await run('PGlite', { dataDir: pgliteDir }));
  } finally {
    rmSync(pgliteDir, { recursive: true, force: true });
  }
}

const n = (v: number) => v.toLocaleString('en-US');
process.stdout.write(
  `\nEmail broadcast benchmark: ${n(recipients)} recipients, ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);
process.stdout.write(
  `worker: EMAIL_CONCURRENCY=${workerEnv.EMAIL_CONCURRENCY}, cap ${workerEnv.EMAIL_MESSAGES_PER_SECOND} msg/s, ` +
    `node ${workerFlags.join(' ')}; SMTP sink in its own process\n\n`,
);
process.stdout.write(
  'database    | messages/s | sent      | failed | at sink   | queue (s) | send (s) | total (s) | worker peak RSS\n',
);
const seconds = (ms: number) => (ms / 1000).toFixed(1);
for (const r of rows) {
  const cells = [
    r.label.padEnd(11),
    n(Math.round((r.sent / r.sendMs) * 1000)).padStart(10),
    n(r.sent).padStart(9),
    String(r.failed).padStart(6),
    n(r.received).padStart(9),
    seconds(r.queueMs).padStart(9),
    seconds(r.sendMs).padStart(8),
    seconds(r.totalMs).padStart(9),
    `${r.peakRssMb} MB`,
  ];
  process.stdout.write(`${cells.join(' | ')}\n`);
}
process.stdout.write(
  '\n(queue: from the worker start until the recipients were written and queued; ' +
    'send: from then until the outbox was empty)\n',
);
