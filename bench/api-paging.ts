/**
 * npm run bench:api — a tool syncing 100,000 people through the OSDI API (issue 20, Must show 4).
 *
 * On PGlite (in memory) and on PostgreSQL (a scratch database on BENCH_DATABASE_URL, TEST_DATABASE_URL or
 * the local server), 100,000 people are made set-wise (generate_series; the person_changes triggers run as
 * for any insert), a key is made, and a client pages through /api/v1/people by its next links, 25 a page
 * (the default) and 100 a page (the most), through the whole app in this process (app.request: every
 * middleware, the key check, the rate limit and the audit line, no sockets). Each page is timed.
 *
 * The floor, in the same run: the same pages read by the supporters feature's own function
 * (apiPeoplePage), without HTTP, JSON or the audit log. The ratio says what the API layer costs.
 * Figures only: it asserts nothing beyond having seen every person once.
 */
import { loadavg } from 'node:os';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { createApp } from '../src/app/app.tsx';
import { createApiKey } from '../src/features/api/service.ts';
import { apiPeoplePage } from '../src/features/supporters/service.ts';
import { Secrets } from '../src/platform/crypto.ts';
import { openDatabase, PGLITE_SETTINGS, type Database } from '../src/platform/db/client.ts';
import { createLogger } from '../src/platform/logger.ts';
import { testConfig } from '../test/support/app.ts';
import { scratchPostgres } from './server.ts';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const postgresServer =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const only = process.env.BENCH_ONLY;

async function seed(database: Database): Promise<void> {
  await database.db.execute(sql`
    insert into supporters (email, email_as_typed, given_name, family_name, zip, locale)
    select 'person' || n || '@example.org', 'Person' || n || '@example.org', 'Sample', 'Person ' || n,
           lpad((97000 + n % 900)::text, 5, '0'), case when n % 5 = 0 then 'es' else 'en' end
    from generate_series(1, ${PEOPLE}) n`);
  await database.db.execute(sql`
    insert into subscriptions (supporter_id, topic, status)
    select id, 'newsletter', case when id % 3 = 0 then 'unsubscribed' else 'subscribed' end from supporters`);
  await database.db.execute(sql`analyze`);
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function pageThroughApi(database: Database, perPage: number) {
  const config = testConfig({ API_REQUESTS_PER_MINUTE: '1000000', PUBLIC_URL: 'http://localhost:3000' });
  const { app } = createApp({ config, database, logger: createLogger({ level: 'silent', pretty: false }) });
  const { token } = await createApiKey(
    database.db,
    new Secrets(config.secretKey),
    { name: 'Bench', scopes: ['read_people'] },
    { staffId: null, email: 'bench@staff.example', ip: '127.0.0.1' },
  );
  const times: number[] = [];
  const seen = new Set<string>();
  let next: string | undefined = `http://localhost:3000/api/v1/people?per_page=${perPage}`;
  const t0 = performance.now();
  while (next) {
    const start = performance.now();
    const res = await app.request(next, { headers: { 'OSDI-API-Token': token } });
    const body = (await res.json()) as {
      _embedded: { 'osdi:people': { identifiers: string[] }[] };
      _links: { next?: { href: string } };
    };
    times.push(performance.now() - start);
    if (res.status !== 200) throw new Error(`page answered ${res.status}`);
    for (const p of body._embedded['osdi:people']) seen.add(p.identifiers[0]!);
    next = body._links.next?.href;
  }
  const seconds = (performance.now() - t0) / 1000;
  if (seen.size !== PEOPLE) throw new Error(`saw ${seen.size} people of ${PEOPLE}`);
  return { seconds, times: times.sort((a, b) => a - b) };
}

async function pageThroughFloor(database: Database, perPage: number) {
  const times: number[] = [];
  let after: { at: string; id: number } | undefined;
  let total: number | undefined;
  let rows = 0;
  const t0 = performance.now();
  for (;;) {
    const start = performance.now();
    // As the API's next links do: after the first page, the place and the first page's total.
    const page = await apiPeoplePage(database.db, { limit: perPage, offset: 0, after, total });
    total = page.total;
    times.push(performance.now() - start);
    rows += page.rows.length;
    const last = page.rows.at(-1);
    if (!last || page.rows.length < perPage) break;
    after = { at: last.at, id: last.id };
  }
  if (rows !== PEOPLE) throw new Error(`the floor read ${rows} rows`);
  return { seconds: (performance.now() - t0) / 1000, times: times.sort((a, b) => a - b) };
}

function line(label: string, r: { seconds: number; times: number[] }) {
  const rate = Math.round(PEOPLE / r.seconds);
  return {
    rate,
    text: `${label.padEnd(24)} ${rate.toLocaleString('en-US').padStart(8)} rows/s  ${r.times.length} pages  p50 ${quantile(r.times, 0.5).toFixed(1)} ms  p99 ${quantile(r.times, 0.99).toFixed(1)} ms  max ${r.times.at(-1)!.toFixed(1)} ms`,
  };
}

async function run(kind: 'pglite' | 'postgres', database: Database) {
  await database.migrate();
  const s0 = performance.now();
  await seed(database);
  console.log(
    `\n${kind}: ${PEOPLE.toLocaleString('en-US')} people made in ${((performance.now() - s0) / 1000).toFixed(1)} s (load ${loadavg()[0]!.toFixed(1)})`,
  );
  for (const perPage of [25, 100]) {
    const floor = line(`  floor, ${perPage} a page`, await pageThroughFloor(database, perPage));
    const api = line(`  API, ${perPage} a page`, await pageThroughApi(database, perPage));
    console.log(floor.text);
    console.log(api.text);
    console.log(`  API / floor: ${((api.rate / floor.rate) * 100).toFixed(0)} %   (load ${loadavg()[0]!.toFixed(1)})`);
  }
}

if (only !== 'postgres') {
  const pglite = await PGlite.create({ startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS] });
  const database = await openDatabase({ pglite });
  await run('pglite', database);
  await database.close();
}
if (only !== 'pglite') {
  const scratch = await scratchPostgres(postgresServer);
  if (!scratch) console.log('\npostgres: no server answered; skipped');
  else {
    const database = await openDatabase({ url: scratch.url, poolSize: 4 });
    try {
      await run('postgres', database);
    } finally {
      await database.close();
      await scratch.drop();
    }
  }
}
