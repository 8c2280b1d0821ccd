import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const exportProcessPath = fileURLToPath(new URL('./export-process.ts', import.meta.url));

// The export process holds one page of rows at a time: a small young generation and a capped heap keep
// its memory near Node's own (measured in bench/petition-export.ts).
const EXPORT_PROCESS_FLAGS = [
  '--max-semi-space-size=1',
  '--max-old-space-size=32',
  '--disable-warning=ExperimentalWarning',
];

export type ExportReport = { rows: number; peakRss: number };

/**
 * Runs the export process (export-process.ts) for one statement and gives
 * its CSV as a byte stream, read only as fast as the download takes it.
 * The stream errors, instead of ending, when the process fails part-way,
 * so a broken export never looks like a complete file; cancelling the
 * stream (the download was abandoned) stops the process.
 */
export function runExportProcess(
  databaseUrl: string,
  statement: { sql: string; params: unknown[] },
): { body: ReadableStream<Uint8Array>; done: Promise<ExportReport> } {
  const child = spawn(process.execPath, [...EXPORT_PROCESS_FLAGS, exportProcessPath], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end(JSON.stringify(statement));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(-1));
    child.once('close', (code) => resolve(code));
  });
  const done = exited.then((code) => {
    const report = /^\{"rows":\d+,"peakRss":\d+\}$/m.exec(stderr);
    if (code !== 0 || !report)
      throw new Error(
        `the export process failed (exit ${code}): ${stderr
          .replace(/^\{"rows".*$/m, '')
          .trim()
          .slice(0, 500)}`,
      );
    return JSON.parse(report[0]) as ExportReport;
  });
  // Handled by whoever awaits it; never an unhandled rejection when nobody does.
  done.catch(() => {});

  const chunks = child.stdout[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (!next.done) {
        // A Buffer is a Uint8Array: passed on as read, not copied (a copy per chunk is another 145 MB
        // through the web process's heap for a million rows).
        controller.enqueue(next.value as Buffer);
        return;
      }
      try {
        await done;
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
    cancel() {
      child.kill('SIGTERM');
    },
  });
  return { body, done };
}
