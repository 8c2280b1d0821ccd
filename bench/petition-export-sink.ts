/**
 * For bench/petition-export.ts: the export function alone, in a process that
 * loads nothing else (Node 24 runs these files' TypeScript itself, without
 * tsx), streamed into a sink that only counts. Shows what the export itself
 * costs in memory, apart from the web app around it. Prints one JSON line.
 */
import { openDatabase } from '../src/platform/db/client.ts';
import { signatureCsv } from '../src/features/petitions/export.ts';

const [url, petitionId] = process.argv.slice(2);
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 10);
const database = await openDatabase({ url: url!, poolSize: 2 });
const baseline = process.memoryUsage().rss;
const encoder = new TextEncoder();
const t0 = performance.now();
let bytes = 0;
let lineEnds = 0;
for await (const chunk of signatureCsv(database.db, Number(petitionId), {})) {
  // Encoded as the route sends it, so the bytes are real; no generated field holds a CR, so CRs count rows.
  bytes += encoder.encode(chunk).length;
  for (let i = chunk.indexOf('\r'); i !== -1; i = chunk.indexOf('\r', i + 1)) lineEnds++;
}
const seconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
await database.close();
process.stdout.write(`${JSON.stringify({ rows: lineEnds - 1, bytes, seconds, baselineRss: baseline, peakRss: peak, maxRss: process.resourceUsage().maxRSS * 1024 })}\n`);
