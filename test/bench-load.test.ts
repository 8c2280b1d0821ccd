import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseResponse, runLoad } from '../bench/load.ts';

// The benchmarks' load generator: its figures are only as good as its reading of answers.
describe('bench/load.ts', () => {
  it('reads a response by its length, chunked or not, and waits for the rest of one cut short', () => {
    const plain = Buffer.from('HTTP/1.1 201 Created\r\nContent-Length: 5\r\n\r\nhello');
    expect(parseResponse(plain)).toEqual({ status: 201, length: plain.length, close: false });
    expect(parseResponse(plain.subarray(0, plain.length - 1))).toBeUndefined();
    expect(parseResponse(plain.subarray(0, 20))).toBeUndefined();
    const chunked = Buffer.from(
      'HTTP/1.1 429 Too Many\r\ntransfer-encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
    );
    expect(parseResponse(chunked)).toEqual({ status: 429, length: chunked.length, close: true });
    expect(parseResponse(chunked.subarray(0, chunked.length - 2))).toBeUndefined();
    // Two answers in one read: the first's length says where the second starts.
    expect(parseResponse(Buffer.concat([plain, plain]))).toEqual({ status: 201, length: plain.length, close: false });
    expect(parseResponse(Buffer.from('SMTP nonsense\r\n\r\n'))).toBe('malformed');
  });

  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));
  const listen = (handler: Parameters<typeof createServer>[1]) =>
    new Promise<number>((resolve) => {
      server = createServer(handler).listen(0, '127.0.0.1', () => resolve((server!.address() as AddressInfo).port));
    });

  it('counts answers by class, sends a new body each time, and reopens a connection the server closes', async () => {
    const seen: string[] = [];
    const port = await listen((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push(body);
        const n = seen.length;
        // Every third answer is a 429; every fifth closes its connection.
        res.writeHead(n % 3 === 0 ? 429 : 200, n % 5 === 0 ? { connection: 'close' } : {});
        if (n % 2) res.end('odd');
        else {
          // Written in two parts without a length: sent chunked.
          res.write('even ');
          res.end('answer');
        }
      });
    });
    const result = await runLoad({
      host: '127.0.0.1',
      port,
      connections: 4,
      durationMs: 400,
      request: (n) => `POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${String(n).length}\r\n\r\n${n}`,
    });
    expect(result.errors).toBe(0);
    expect(result.ok + result.non2xx).toBeGreaterThan(20);
    // Every request the server read was answered and counted once, in time or late.
    expect(result.ok + result.non2xx + result.lateOk + result.lateNon2xx).toBe(seen.length);
    expect(result.non2xx).toBeGreaterThan(0);
    expect(result.latencies.length).toBe(result.ok + result.non2xx);
    expect(new Set(seen).size).toBe(seen.length);
    expect(result.percentile(50)).toBeGreaterThan(0);
    expect(result.percentile(99)).toBeGreaterThanOrEqual(result.percentile(50));
  });

  it('counts a request whose connection breaks before its answer as an error', async () => {
    let n = 0;
    const port = await listen((req, res) => {
      n += 1;
      if (n % 4 === 0) req.socket.destroy();
      else res.end('ok');
    });
    const result = await runLoad({
      host: '127.0.0.1',
      port,
      connections: 2,
      durationMs: 300,
      request: () => 'GET / HTTP/1.1\r\nHost: x\r\n\r\n',
    });
    expect(result.errors).toBeGreaterThan(0);
    expect(result.ok + result.lateOk + result.errors).toBe(n);
  });
});
