/**
 * The signature export in a process of its own (ADR 023), started by the
 * export route when the database is PostgreSQL. PostgreSQL writes the CSV
 * itself, `COPY (…) TO STDOUT` (copy-csv.ts); this process adds the header,
 * turns COPY's LF row ends into the file's CRLF, and passes the bytes on,
 * so a million-row export costs the web server neither memory nor time on
 * its event loop: the server only pipes this process's output to the
 * download.
 *
 * In: one JSON line on stdin, { sql, params } (export.ts exportStatement);
 * DATABASE_URL in the environment. Out: the CSV on stdout; at the end, one
 * JSON line on stderr with the row count and this process's peak memory.
 * Anything else on stderr, and a non-zero exit, means it failed.
 *
 * Run by Node itself (its TypeScript type stripping), not tsx, whose loader
 * would be memory the export does not use.
 */
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { copyStatement, CrlfRowEnds } from './copy-csv.ts';
import { csvLine, exportColumns } from './csv.ts';

async function readInput(): Promise<{ sql: string; params: unknown[] }> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return JSON.parse(text) as { sql: string; params: unknown[] };
}

const statement = await readInput();
const client = new pg.Client({ connectionString: process.env.DATABASE_URL, application_name: 'groundswell-export' });
await client.connect();
let rows = 0;
try {
  // One snapshot for the whole file: signatures arriving meanwhile are not half in it.
  await client.query('begin transaction isolation level repeatable read, read only');
  // One walk along an index: parallel workers would cost more than they save.
  await client.query('set local max_parallel_workers_per_gather = 0');
  process.stdout.write(csvLine(exportColumns));
  const copy = client.query(copyTo(copyStatement(statement, pg.escapeLiteral)));
  // Read only as fast as stdout drains, so as fast as the download goes; stdout itself stays open.
  await pipeline(copy, new CrlfRowEnds(), process.stdout, { end: false });
  await client.query('commit');
  rows = copy.rowCount;
} finally {
  await client.end();
}
process.stderr.write(`${JSON.stringify({ rows, peakRss: process.resourceUsage().maxRSS * 1024 })}\n`);
