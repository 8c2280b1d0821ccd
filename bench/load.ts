/**
 * A closed-loop HTTP/1.1 load generator for the benchmarks: `connections`
 * keep-alive connections, each sending one request, reading the whole
 * response, then sending the next, as that many browsers would. No
 * pipelining.
 *
 * Why not autocannon: on two cores the load generator shares the machine with
 * the server and the database, so what it costs per request is taken from
 * them. autocannon parses responses with a parser written in JavaScript and
 * rebuilds each request through several layers; it spent about 0.22 ms of CPU
 * per signing request here. This sends bytes it builds with one string
 * concatenation and reads only the status line, the length and the end of
 * each response.
 */
import { connect, type Socket } from 'node:net';

export type LoadOptions = {
  host: string;
  port: number;
  connections: number;
  durationMs: number;
  /** The whole request, head and body, for the n-th request (n counts from 1 across all connections). */
  request: (n: number) => string;
};

export type LoadResult = {
  /** Answers received before the time was up, by class. */
  ok: number;
  non2xx: number;
  /** Connection errors, resets and malformed answers. */
  errors: number;
  /** 2xx answers to requests still in flight when the time was up: acknowledged all the same, but not in the rate. */
  lateOk: number;
  /** Other answers that came after the time was up. */
  lateNon2xx: number;
  /**
   * Milliseconds from writing the request to reading the end of
   * its answer, for every answer counted in `ok` and `non2xx`.
   */
  latencies: Float64Array;
  /** p-th percentile of `latencies`, in ms, rounded to 0.1 ms. */
  percentile(p: number): number;
};

/**
 * Reads one response from the start of `buffer`: its status and
 * its total length in bytes, or undefined while incomplete.
 */
export function parseResponse(
  buffer: Buffer,
): { status: number; length: number; close: boolean } | undefined | 'malformed' {
  const headEnd = buffer.indexOf('\r\n\r\n');
  if (headEnd < 0) return buffer.length > 65_536 ? 'malformed' : undefined;
  const head = buffer.toString('latin1', 0, headEnd).toLowerCase();
  const status = /^http\/1\.[01] (\d{3})/.exec(head);
  if (!status) return 'malformed';
  const close = /\r\nconnection: *close/.test(head);
  const bodyStart = headEnd + 4;
  const length = /\r\ncontent-length: *(\d+)/.exec(head);
  if (length) {
    const total = bodyStart + Number(length[1]);
    return buffer.length >= total ? { status: Number(status[1]), length: total, close } : undefined;
  }
  if (/\r\ntransfer-encoding: *chunked/.test(head)) {
    // Chunks: size in hex, CRLF, data, CRLF; a zero-size chunk and a CRLF end it (no trailers expected).
    let at = bodyStart;
    for (;;) {
      const lineEnd = buffer.indexOf('\r\n', at);
      if (lineEnd < 0) return undefined;
      const size = parseInt(buffer.toString('latin1', at, lineEnd), 16);
      if (Number.isNaN(size)) return 'malformed';
      at = lineEnd + 2 + size + 2;
      if (buffer.length < at) return undefined;
      if (size === 0) return { status: Number(status[1]), length: at, close };
    }
  }
  // No length and not chunked: only 1xx, 204 and 304 may do that, and this generator never gets them.
  return 'malformed';
}

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  let n = 0;
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let lateOk = 0;
  let lateNon2xx = 0;
  let latencies = new Float64Array(1 << 16);
  let counted = 0;
  const deadline = performance.now() + options.durationMs;

  return new Promise((resolve) => {
    const sockets = new Set<Socket>();
    let scheduled = 0;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(hardStop);
      const sorted = latencies.slice(0, counted).sort();
      resolve({
        ok,
        non2xx,
        errors,
        lateOk,
        lateNon2xx,
        latencies: sorted,
        percentile: (p) =>
          sorted.length === 0
            ? NaN
            : Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10,
      });
    };
    // Answers still missing 10 s after the time is up are errors, not something to wait for forever.
    const hardStop = setTimeout(() => {
      for (const socket of sockets) socket.destroy();
    }, options.durationMs + 10_000);
    const record = (ms: number) => {
      if (counted === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[counted++] = ms;
    };
    const later = (ms: number) => {
      scheduled += 1;
      setTimeout(() => {
        scheduled -= 1;
        // No new connection once the time is up (one refused then would count as an error).
        if (performance.now() < deadline) start();
        else if (sockets.size === 0 && scheduled === 0) finish();
      }, ms);
    };

    const start = () => {
      const socket: Socket = connect({ host: options.host, port: options.port, noDelay: true });
      sockets.add(socket);
      let pending: Buffer = Buffer.alloc(0);
      let sentAt = 0;
      let waiting = false;
      let failed = false;
      const send = () => {
        if (performance.now() >= deadline) {
          socket.end();
          return;
        }
        n += 1;
        waiting = true;
        sentAt = performance.now();
        socket.write(options.request(n));
      };
      socket.on('connect', send);
      socket.on('data', (chunk: Buffer) => {
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        const parsed = parseResponse(pending);
        if (parsed === undefined) return;
        waiting = false;
        if (parsed === 'malformed') {
          failed = true;
          socket.destroy();
          return;
        }
        const now = performance.now();
        const success = parsed.status >= 200 && parsed.status < 300;
        if (now < deadline) {
          record(now - sentAt);
          if (success) ok += 1;
          else non2xx += 1;
        } else if (success) lateOk += 1;
        else lateNon2xx += 1;
        pending = pending.subarray(parsed.length);
        if (parsed.close) socket.end();
        else send();
      });
      socket.on('error', () => {
        failed = true;
      });
      socket.on('close', () => {
        sockets.delete(socket);
        // A request that got no answer, or a connection that could not be made, is one error.
        if (waiting || failed) errors += 1;
        // A connection the server closed, or broke, is opened again while there is time, as a browser would.
        if (performance.now() < deadline) later(failed || waiting ? 10 : 0);
        else if (sockets.size === 0 && scheduled === 0) finish();
      });
    };
    for (let i = 0; i < options.connections; i++) start();
  });
}
