/**
 * The worker side of `npm run bench:email`, in its own process so its memory
 * is its own: boots like `npm run worker` (on PostgreSQL or, for the PGlite
 * run, the embedded database the parent prepared), sends the due broadcast,
 * and prints one JSON line of figures when the outbox has nothing left.
 */
import { sql } from 'drizzle-orm';
import { createEmailRuntime } from '../src/email-runtime.ts';
import { rowsOf } from '../src/platform/db/client.ts';
import { boot } from '../src/platform/boot.ts';

const { config, logger, database } = await boot();
const startRssMb = Math.round(process.memoryUsage.rss() / 1048576);
const db = database.db;
let peakRss = process.memoryUsage.rss();
const peaks = { heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  for (const k of Object.keys(peaks) as (keyof typeof peaks)[])
    peaks[k] = Math.max(peaks[k], Math.round(m[k] / 1048576));
}, 50);

const email = createEmailRuntime({ config, database, logger });
const t0 = performance.now();
email.start();

let startedAt: number | undefined;
// Cheap checks while it runs (an index lookup), so the measuring costs the database next to nothing.
for (;;) {
  await new Promise((r) => setTimeout(r, 100));
  const [row] = await rowsOf<{ status: string | null; open: boolean }>(
    db,
    sql`select b.status,
          exists (
            select 1 from email_outbox o where o.broadcast_id = b.id and o.status in ('queued', 'sending')
          ) as open
        from broadcasts b order by b.id desc limit 1`,
  );
  if (row!.status !== 'scheduled' && startedAt === undefined) startedAt = performance.now();
  if (startedAt !== undefined && !row!.open) break;
}
const [counts] = await rowsOf<{ sent: number | string; failed: number | string }>(
  db,
  sql`select count(*) filter (where status = 'sent') as sent, count(*) filter (where status = 'failed') as failed
      from email_outbox where broadcast_id is not null`,
);
const done = { sent: Number(counts!.sent), failed: Number(counts!.failed) };
const t1 = performance.now();
await email.stop();
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024);
await database.close();
const result = {
  ...done,
  queueMs: Math.round(startedAt! - t0),
  sendMs: Math.round(t1 - startedAt!),
  totalMs: Math.round(t1 - t0),
  peakRssMb: Math.round(peakRss / 1048576),
  startRssMb,
  peaks,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
