/**
 * npm run bench:petition-floor — the ceiling under bench:petition.
 *
 * The same spike (bench/signers.ts, bench/load.ts: 100 keep-alive
 * connections, a new signer per request) against a server that does only
 * what no signing server can skip: Node's own HTTP server reads the form and
 * hands the signature to the real SignatureBatcher, whose writeSignatures
 * commits the supporter, the signature, its confirmation email's outbox row
 * and the timeline entry before the 2xx, on PostgreSQL. No Hono, no
 * middleware, no validation, no abuse checks, no page: none of the
 * application's own work. What this reaches is the most any signing route
 * on this machine, with this database design, could reach; bench:petition
 * shows what the real one does.
 *
 * First it measures the database alone: BENCH_WRITERS (default 4) loops in
 * this process, each calling writeSignatures with batches of BENCH_BATCH
 * (default 20) new signers, no HTTP at all.
 *
 * Prints signatures/s, latency and CPU per signature of each part. Figures
 * only: it asserts nothing.
 */
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { openDatabase, rowsOf, type Database } from '../src/platform/db/client.ts';
import { Secrets } from '../src/platform/crypto.ts';
import { DEMO_PETITION_SLUG, seedDemoPetition } from '../src/features/petitions/seed.ts';
import {
  petitionBySlug,
  SignatureBatcher,
  writeSignatures,
  type PendingSignature,
  type Petition,
} from '../src/features/petitions/service.ts';
import { exited, spawnTs, waitForLine } from '../test/support/processes.ts';
import { runLoad } from './load.ts';
import { postgresCpuMs, treeCpuMs } from './proc-cpu.ts';
import { scratchPostgres } from './server.ts';
import { signerForm } from './signers.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 100);
const postgresServer =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const writers = Number(process.env.BENCH_WRITERS ?? 4);
const batchSize = Number(process.env.BENCH_BATCH ?? 20);
const secretKey = 'bench-floor-secret-key-long-enough-0123456789';

/**
 * A signature as the form gives it, with none of the real
 * route's checks or look-ups (no districts, no address hash).
 */
function bareSignature(
  form: URLSearchParams,
  petition: { id: number; slug: string; en: { title: string } },
): PendingSignature {
  const email = form.get('email') ?? '';
  return {
    petitionId: petition.id,
    email: email.toLowerCase(),
    emailAsTyped: email,
    givenName: form.get('givenName') ?? '',
    familyName: form.get('familyName') ?? '',
    zip: form.get('zip') ?? '',
    street: null,
    comment: form.get('comment') || null,
    showPublicly: form.get('showPublicly') === 'on',
    senateDistrict: null,
    houseDistrict: null,
    districtSource: 'unknown',
    city: null,
    county: null,
    locale: 'en',
    ipHash: null,
    source: null,
    newsletter: undefined,
    petition: { slug: petition.slug, title: petition.en.title },
  };
}

/** The bare server, in its own process as the real one runs: one signature per POST, 200 once it is committed. */
async function serve(url: string, petitionId: number, title: string): Promise<void> {
  const database = await openDatabase({ url, poolSize: 10 });
  const batcher = new SignatureBatcher({
    db: database.db,
    secrets: new Secrets(secretKey),
    emailDomain: 'bench.example',
  });
  const petition = { id: petitionId, slug: DEMO_PETITION_SLUG, en: { title } };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      batcher.submit(bareSignature(form, petition)).then(
        () => res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '3' }).end('ok\n'),
        () => res.writeHead(503, { 'Content-Type': 'text/plain', 'Content-Length': '6' }).end('error\n'),
      );
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`listening on ${typeof address === 'object' && address ? address.port : 0}\n`);
  });
}

type Row = {
  label: string;
  ok: number;
  p50: number;
  p99: number;
  failed: number;
  acknowledged: number;
  durable: number;
  serverCpuMs: number;
  postgresCpuMs: number;
  generatorCpuMs: number;
};

/** A scratch database with the demo petition, for one measurement. */
async function withPetition<T>(work: (database: Database, petition: Petition, url: string) => Promise<T>): Promise<T> {
  const scratch = await scratchPostgres(postgresServer);
  if (!scratch) throw new Error(`PostgreSQL at ${postgresServer} did not answer: nothing to measure`);
  const database = await openDatabase({ url: scratch.url, poolSize: writers + 2 });
  try {
    await database.migrate();
    await seedDemoPetition(database.db);
    return await work(database, (await petitionBySlug(database.db, DEMO_PETITION_SLUG))!, scratch.url);
  } finally {
    await database.close();
    await scratch.drop();
  }
}

/** Signatures with their confirmation email queued, as the durability check of bench:petition counts them. */
async function durableCount(database: Database): Promise<number> {
  const [check] = await rowsOf<{ durable: number | string }>(
    database.db,
    sql`select count(*) as durable from petition_signatures s join supporters p on p.id = s.supporter_id
        where exists (select 1 from email_outbox o where o.to_address = p.email)`,
  );
  return Number(check!.durable);
}

/** The database alone: `writers` loops, each writing a batch of new signers and waiting for its commit. */
async function databaseAlone(): Promise<Row> {
  return withPetition(async (database, petition) => {
    const secrets = new Secrets(secretKey);
    let n = 0;
    const latencies: number[] = [];
    const end = Date.now() + seconds * 1000;
    const postgresBefore = postgresCpuMs();
    const nodeBefore = process.cpuUsage();
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (Date.now() < end) {
          const form = Array.from({ length: batchSize }, () => new URLSearchParams(signerForm(++n)));
          const started = performance.now();
          await writeSignatures(
            database.db,
            form.map((f) => bareSignature(f, petition)),
            { secrets, emailDomain: 'bench.example' },
          );
          latencies.push(performance.now() - started);
        }
      }),
    );
    const node = process.cpuUsage(nodeBefore);
    const postgresMs = postgresCpuMs() - postgresBefore;
    const ok = latencies.length * batchSize;
    latencies.sort((a, b) => a - b);
    const at = (p: number) =>
      Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]! * 10) / 10;
    return {
      label: `database alone, ${writers} × ${batchSize}`,
      ok,
      p50: at(50),
      p99: at(99),
      failed: 0,
      acknowledged: ok,
      durable: await durableCount(database),
      serverCpuMs: (node.user + node.system) / 1000,
      postgresCpuMs: postgresMs,
      generatorCpuMs: NaN,
    };
  });
}

/** The bare HTTP server in its own process, driven by bench/load.ts from this one. */
async function bareServer(): Promise<Row> {
  return withPetition(async (database, petition, url) => {
    const child = spawnTs('bench/petition-floor.ts', ['--serve', url, String(petition.id), petition.en.title], {
      LOG_LEVEL: 'silent',
    });
    const port = Number((await waitForLine(child, /listening on (\d+)/))[1]);
    const cpuBefore = treeCpuMs(child.pid!);
    const postgresBefore = postgresCpuMs();
    const generatorBefore = process.cpuUsage();
    const head =
      `POST /sign HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` + 'Content-Type: application/x-www-form-urlencoded\r\n';
    const result = await runLoad({
      host: '127.0.0.1',
      port,
      connections,
      durationMs: seconds * 1000,
      request: (n) => {
        const body = signerForm(n);
        return `${head}Content-Length: ${body.length}\r\n\r\n${body}`;
      },
    });
    const serverCpuMs = treeCpuMs(child.pid!) - cpuBefore;
    const postgresMs = postgresCpuMs() - postgresBefore;
    const generator = process.cpuUsage(generatorBefore);
    child.kill('SIGTERM');
    await exited(child);
    return {
      label: 'bare HTTP server + database',
      ok: result.ok,
      p50: result.percentile(50),
      p99: result.percentile(99),
      failed: result.non2xx + result.errors,
      acknowledged: result.ok + result.lateOk,
      durable: await durableCount(database),
      serverCpuMs,
      postgresCpuMs: postgresMs,
      generatorCpuMs: (generator.user + generator.system) / 1000,
    };
  });
}

async function main(): Promise<void> {
  const loadBefore = loadavg();
  const rows = [await databaseAlone(), await bareServer()];
  const n = (v: number) => v.toLocaleString('en-US');
  const loads = (averages: number[]) => averages.map((l) => l.toFixed(2)).join(' ');
  process.stdout.write(
    `\nPetition signing, the ceiling on this machine: ${seconds} s each, ${cpus().length} cores; ` +
      `load average before ${loads(loadBefore)}, after ${loads(loadavg())}\n` +
      `(the database alone: latency is per batch statement; the server: per request, ${connections} connections)\n\n` +
      'what runs                        | signatures/s | p50 ms | p99 ms | failed | acknowledged | durable | ' +
      'missing | CPU ms per signature: Node, PostgreSQL, load generator\n',
  );
  for (const r of rows) {
    const cpuPerSignature = [r.serverCpuMs, r.postgresCpuMs, r.generatorCpuMs].map((ms) =>
      Number.isNaN(ms) ? '-' : (ms / r.ok).toFixed(3),
    );
    const cells = [
      r.label.padEnd(32),
      n(Math.round(r.ok / seconds)).padStart(12),
      String(r.p50).padStart(6),
      String(r.p99).padStart(6),
      String(r.failed).padStart(6),
      n(r.acknowledged).padStart(12),
      n(r.durable).padStart(7),
      String(Math.max(0, r.acknowledged - r.durable)).padStart(7),
      cpuPerSignature.join(', '),
    ];
    process.stdout.write(`${cells.join(' | ')}\n`);
  }
}

if (process.argv[2] === '--serve') await serve(process.argv[3]!, Number(process.argv[4]), process.argv[5]!);
else await main();
