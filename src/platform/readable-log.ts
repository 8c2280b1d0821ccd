import { Writable } from 'node:stream';

/**
 * The log as a person at a terminal reads it: one short line per event
 * ("09:30:12  demo content added"), warnings and errors said so, and no
 * line per request (a terminal is for the person who started the site;
 * a log collector reads the JSON lines). It formats what pino wrote, after
 * redaction, so it shows nothing the JSON would not. Written here rather
 * than with pino-pretty, which is for development and not installed with
 * the site's dependencies.
 */
export function readableLogLines(out: { write(text: string): unknown } = process.stdout): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) {
        const text = line.trim() === '' ? undefined : readableLine(line);
        if (text !== undefined) out.write(`${text}\n`);
      }
      done();
    },
  });
}

const levelWords: Record<number, string> = { 40: 'warning: ', 50: 'error: ', 60: 'fatal: ' };

/** One JSON log line as a readable line, or undefined for a line a person at the terminal need not read. */
export function readableLine(json: string): string | undefined {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const level = typeof entry.level === 'number' ? entry.level : 30;
  if (entry.msg === 'request' && level < 50) return undefined;
  const time = typeof entry.time === 'string' ? new Date(entry.time) : new Date();
  const clock = Number.isNaN(time.getTime()) ? '' : time.toTimeString().slice(0, 8);
  let message = String(entry.msg ?? '');
  if (entry.msg === 'request') message = `${entry.method} ${entry.route} answered ${entry.status} (${entry.ms} ms)`;
  const err = entry.err as { type?: string; message?: string; code?: string } | undefined;
  if (err) message += ` (${[err.type, err.code, err.message].filter(Boolean).join(': ')})`;
  return `${clock}  ${levelWords[level] ?? ''}${message}`;
}
