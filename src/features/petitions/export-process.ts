/**
 * The signature export in a process of its own (ADR 023), started by the
 * export route when the database is PostgreSQL. It loads the PostgreSQL
 * driver and csv.ts and nothing else, so a million-row export costs the web
 * server neither memory nor time on its event loop: the server only pipes
 * this process's output to the download.
 *
 * In: one JSON line on stdin, { sql, params } (export.ts exportStatement);
 * DATABASE_URL in the environment. Out: the CSV on stdout; at the end, one
 * JSON line on stderr with the row count and this process's peak memory.
 * Anything else on stderr, and a non-zero exit, means it failed.
 *
 * Run by Node itself (its TypeScript type stripping), not tsx, whose loader
 * would be memory the export does not use.
 */
import { once } from 'node:events';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { csvLine, exportColumns } from './csv.ts';

/** Rows per read: under a megabyte held at once; fewer, larger reads were no faster (bench/petition-export.ts). */
const ROWS_PER_READ = 2_000;

async function readInput(): Promise<{ sql: string; params: unknown[] }> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return JSON.parse(text) as { sql: string; params: unknown[] };
}

async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

const { sql, params } = await readInput();
const client = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: 'groundswell-export' });
await client.connect();
let rows = 0;
try {
  // One snapshot for the whole file: signatures arriving meanwhile are not half in it.
  await client.query('begin transaction isolation level repeatable read, read only');
  // One walk along an index: parallel workers would cost more than they save.
  await client.query('set local max_parallel_workers_per_gather = 0');
  const cursor = client.query(new Cursor<(string | null)[]>(sql, params, { rowMode: 'array' }));
  await write(csvLine(exportColumns));
  for (;;) {
    const page = await cursor.read(ROWS_PER_READ);
    if (page.length === 0) break;
    let chunk = '';
    for (const row of page) chunk += csvLine(row);
    rows += page.length;
    await write(chunk);
  }
  await cursor.close();
  await client.query('commit');
} finally {
  await client.end();
}
process.stderr.write(`${JSON.stringify({ rows, peakRss: process.resourceUsage().maxRSS * 1024 })}\n`);
