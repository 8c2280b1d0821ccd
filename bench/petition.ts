/**
 * npm run bench:petition — a spike of signers against one petition.
 *
 * Starts the real server (`src/main.ts`, one process, as production runs it)
 * on PostgreSQL (BENCH_DATABASE_URL, or the local server) and then on PGlite,
 * with the demo petition, and drives POST /petitions/<slug>/sign for
 * BENCH_SECONDS (default 60) from BENCH_CONNECTIONS (default 100) keep-alive
 * connections (bench/load.ts: each sends a request, reads the whole answer,
 * then sends the next): every request a new person (a unique email, an Oregon
 * ZIP) from a new address (X-Forwarded-For, trusted for one proxy), as in a
 * viral moment. No benchmark-only switch exists. The first run's requests
 * carry no proof-of-work, so each goes through the no-JavaScript path, whose
 * per-address allowance a new address always has; a second (BENCH_PROOF=0
 * leaves it out) signs as a browser with JavaScript does, each form with a
 * solved proof-of-work that the server checks and records as spent. The
 * benchmark issues those challenges itself, at the lowest cost, with the
 * server's SECRET_KEY (bench/signers.ts), before the run.
 *
 * A signature counts as durable when it and its confirmation email's outbox
 * row were committed before the 2xx; after the run the database is checked
 * for every acknowledged signer. Meanwhile a signature is confirmed every
 * two seconds and count.json is polled to see how long the public count lags.
 * Prints signatures/s, p50/p99 latency, the durability check, the count lag,
 * the machine's load and what each of the server, PostgreSQL and the load
 * generator spent in CPU per signature. Figures only: it asserts nothing.
 */
import { cpus, loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { openDatabase, rowsOf, type Database } from '../src/platform/db/client.ts';
import { Secrets } from '../src/platform/crypto.ts';
import { DEMO_PETITION_SLUG } from '../src/features/petitions/seed.ts';
import { signatureToken } from '../src/features/petitions/pending-signature.ts';
import { runLoad } from './load.ts';
import { postgresCpuMs, treeCpuMs } from './proc-cpu.ts';
import { signerForm, solvedChallenges } from './signers.ts';
import { scratchPostgres, startServer } from './server.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 100);
const postgresServer =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const secretKey = 'bench-petition-secret-key-long-enough-0123456789';

type Result = {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  acknowledged: number;
  non2xx: number;
  errors: number;
  durable: number;
  missing: number;
  lagMs: number[];
  serverCpuMs: number;
  postgresCpuMs: number;
  generatorCpuMs: number;
};

async function run(
  label: string,
  env: Record<string, string>,
  open: (() => Promise<Database>) | undefined,
  proofs?: string[],
): Promise<Result> {
  const server = await startServer({
    SECRET_KEY: secretKey,
    TRUST_PROXY: '1',
    EMAIL_WORKER: env.DATABASE_URL ? 'separate' : 'inline',
    EMAIL_MESSAGES_PER_SECOND: '1',
    LOG_LEVEL: 'warn',
    ...env,
  });
  const origin = new URL(server.url).origin.replace('127.0.0.1', 'localhost');
  const n = 0;
  const lagMs: number[] = [];
  let running = true;
  // The count's lag: confirm one signature through the real route, then poll count.json until it shows.
  const lagProbe = (async () => {
    if (!open) return;
    const secrets = new Secrets(secretKey);
    let k = 0;
    await new Promise((r) => setTimeout(r, 3000));
    while (running) {
      k += 97;
      const before = await count(server.url);
      const token = await tokenFor(`signer-${k}@bench.example`, secrets);
      if (!token) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      // As a person does: open the emailed link's page, press its Confirm button (a POST with the page's CSRF token).
      const link = `${server.url}/petitions/${DEMO_PETITION_SLUG}/confirm/${token}`;
      const page = await fetch(link, { headers: { 'x-forwarded-for': '10.255.0.1' } });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
      const cookie = (page.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
      const res = await fetch(link, {
        method: 'POST',
        headers: {
          origin,
          cookie,
          'content-type': 'application/x-www-form-urlencoded',
          'x-forwarded-for': '10.255.0.1',
        },
        body: new URLSearchParams({ _csrf: csrf }).toString(),
      });
      if (res.status >= 400) {
        process.stdout.write(`count-lag probe: the confirmation answered ${res.status}; no lag figures\n`);
        break;
      }
      const t0 = performance.now();
      while (running && (await count(server.url)) <= before) await new Promise((r) => setTimeout(r, 25));
      if (running) lagMs.push(Math.round(performance.now() - t0));
      await new Promise((r) => setTimeout(r, 2000));
    }
  })();
  // The confirm link's token is derived from the signature's nonce (pending-signature.ts); look it up.
  let probeDb: Database | undefined;
  async function tokenFor(email: string, secrets: Secrets): Promise<string | undefined> {
    probeDb ??= await open!();
    const [row] = await rowsOf<{ token_nonce: string }>(
      probeDb.db,
      sql`select s.token_nonce from petition_signatures s join supporters p on p.id = s.supporter_id
          where p.email = ${email}`,
    );
    return row ? signatureToken(secrets, row.token_nonce) : undefined;
  }

  const cpuBefore = treeCpuMs(server.pid);
  const postgresBefore = postgresCpuMs();
  const generatorBefore = process.cpuUsage();
  const target = new URL(server.url);
  const head =
    `POST /petitions/${DEMO_PETITION_SLUG}/sign HTTP/1.1\r\nHost: ${target.host}\r\n` +
    // As a browser sends them.
    `Accept-Encoding: br, gzip\r\nContent-Type: application/x-www-form-urlencoded\r\nOrigin: ${origin}\r\n`;
  const result = await runLoad({
    host: target.hostname,
    port: Number(target.port),
    connections,
    durationMs: seconds * 1000,
    request: (n) => {
      const body = signerForm(n, proofs?.[(n - 1) % proofs.length]);
      const forwardedFor = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
      return `${head}X-Forwarded-For: ${forwardedFor}\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    },
  });
  const serverCpuMs = treeCpuMs(server.pid) - cpuBefore;
  const postgresMs = postgresCpuMs() - postgresBefore;
  const generator = process.cpuUsage(generatorBefore);
  const generatorCpuMs = (generator.user + generator.system) / 1000;
  running = false;
  await lagProbe;

  // Durability: as many signatures, each with its confirmation email queued, as requests acknowledged.
  let durable = NaN;
  if (open) {
    const db = probeDb ?? (await open());
    const [check] = await rowsOf<{ with_email: number | string }>(
      db.db,
      sql`select count(*) as with_email from petition_signatures s join supporters p on p.id = s.supporter_id
          where p.email like 'signer-%@bench.example'
            and exists (select 1 from email_outbox o where o.to_address = p.email)`,
    );
    durable = Number(check!.with_email);
    await db.close();
  }
  await server.stop();
  const ok = result.ok;
  // Acknowledged: every 2xx, those answered after the time was up included; each must be in the database.
  const acknowledged = ok + result.lateOk;
  return {
    label,
    rps: Math.round(ok / seconds),
    p50: result.percentile(50),
    p99: result.percentile(99),
    ok,
    acknowledged,
    non2xx: result.non2xx,
    errors: result.errors,
    durable,
    missing: Math.max(0, acknowledged - durable),
    lagMs,
    serverCpuMs,
    // PGlite runs inside the server: no PostgreSQL processes to count.
    postgresCpuMs: open ? postgresMs : NaN,
    generatorCpuMs,
  };
}

async function count(url: string): Promise<number> {
  const res = await fetch(`${url}/petitions/${DEMO_PETITION_SLUG}/count.json`);
  const body = (await res.json()) as { count?: number; verified?: number };
  return Number(body.count ?? body.verified ?? 0);
}

const rows: Result[] = [];
const loadBefore = loadavg();
// Each PostgreSQL run on a fresh database: the same generated signers again would all be repeats.
const postgresRuns: [string, Record<string, string>, boolean?][] = [['PostgreSQL, 1 web process', {}]];
// As most people sign, with JavaScript on: each form carries a solved proof-of-work, which the server
// checks and records as spent. BENCH_PROOF=0 leaves this run out.
if (process.env.BENCH_PROOF !== '0') postgresRuns.push(['PostgreSQL, 1 web, proof of work', {}, true]);
// And one web process per core (WEB_PROCESSES=auto), unless BENCH_WEB_PROCESSES=1.
if (process.env.BENCH_WEB_PROCESSES !== '1')
  postgresRuns.push([`PostgreSQL, ${cpus().length} web processes`, { WEB_PROCESSES: 'auto' }]);
// BENCH_ONLY=pglite leaves the PostgreSQL runs out (BENCH_ONLY=postgres, the PGlite one).
for (const [label, extra, withProofs] of process.env.BENCH_ONLY === 'pglite' ? [] : postgresRuns) {
  // Made just before their run (they expire in 30 minutes); a run faster than 3,000 a second would reuse them,
  // and the server would refuse the repeats as replays (counted as non-2xx).
  const proofs = withProofs ? await solvedChallenges(secretKey, seconds * 3000) : undefined;
  const pgdb = await scratchPostgres(postgresServer);
  if (!pgdb) {
    process.stdout.write(`PostgreSQL at ${postgresServer} did not answer: skipping that run.\n`);
    break;
  }
  try {
    rows.push(
      await run(
        label,
        { DATABASE_URL: pgdb.url, ...extra },
        () => openDatabase({ url: pgdb.url, poolSize: 2 }),
        proofs,
      ),
    );
  } finally {
    await pgdb.drop();
  }
}
if (process.env.BENCH_ONLY !== 'postgres') {
  // PGlite serves only the server's own process: no probe can read it alongside, so no lag or durability figures there.
  rows.push(await run('PGlite', {}, undefined));
}

const n = (v: number) => v.toLocaleString('en-US');
const loads = (averages: number[]) => averages.map((l) => l.toFixed(2)).join(' ');
process.stdout.write(
  `\nPetition spike: ${seconds} s, ${connections} connections, ${cpus().length} cores; ` +
    `load average before ${loads(loadBefore)}, after ${loads(loadavg())}\n\n`,
);
process.stdout.write(
  'database                         | signatures/s | p50 ms | p99 ms | 2xx       | non-2xx | errors | ' +
    'acknowledged | durable      | missing | count lag ms (median, max)     | ' +
    'CPU ms per signature: server, PostgreSQL, load generator\n',
);
for (const r of rows) {
  const lags = [...r.lagMs].sort((a, b) => a - b);
  const median = lags.length ? lags[Math.floor(lags.length / 2)]! : NaN;
  const cells = [
    r.label.padEnd(32),
    n(r.rps).padStart(12),
    String(r.p50).padStart(6),
    String(r.p99).padStart(6),
    n(r.ok).padStart(9),
    String(r.non2xx).padStart(7),
    String(r.errors).padStart(6),
    n(r.acknowledged).padStart(12),
    n(r.durable).padStart(12),
    String(r.missing).padStart(7),
    `${median}, ${lags.at(-1) ?? NaN} (${lags.length} probes)`.padEnd(30),
    [r.serverCpuMs, r.postgresCpuMs, r.generatorCpuMs].map((ms) => (ms / r.ok).toFixed(3)).join(', '),
  ];
  process.stdout.write(`${cells.join(' | ')}\n`);
}
