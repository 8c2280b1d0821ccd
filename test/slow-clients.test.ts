import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenTestServer, testConfig } from './support/app.ts';
import type { Database } from '../src/platform/db/client.ts';
import { openTestPglite } from './support/databases.ts';
import { RawConnection } from './support/raw-http.ts';

/** A socket to the server, with when it closed and what it was told. */
function open(port: number): Promise<{ socket: Socket; received: () => string; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    let received = '';
    const socket = connect(port, '127.0.0.1');
    const closed = new Promise<number>((done) => socket.once('close', () => done(Date.now())));
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => {});
    socket.once('connect', () => resolve({ socket, received: () => received, closed }));
    socket.once('error', reject);
  });
}

/** Writes `piece` every `everyMs` until the socket closes or `forMs` pass. */
function dribble(socket: Socket, piece: string, everyMs: number, forMs: number): void {
  const started = Date.now();
  const timer = setInterval(() => {
    if (socket.destroyed || Date.now() - started > forMs) return clearInterval(timer);
    socket.write(piece);
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

/**
 * A server with nothing in front of it holds its own against clients that
 * send a byte now and then, or never close: a few such sockets on loopback,
 * against short limits set through the configuration.
 */
// Sockets and timers only: the database plays no part, so one run (not one per database) is enough.
/** A sign-up form's request line and headers, up to its length. */
const formHead = 'POST /join HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n';

describe('slow and idle clients', () => {
  let server: { stop(): Promise<void> };
  let database: Database;
  let port = 0;

  beforeAll(async () => {
    database = await openTestPglite();
    const config = testConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      SHUTDOWN_DRAIN_MS: '0',
      HTTP_HEADERS_TIMEOUT_MS: '1000',
      HTTP_REQUEST_TIMEOUT_MS: '2000',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000',
      HTTP_MAX_CONNECTIONS: '4',
    });
    ({ server, port } = await listenTestServer(config, database));
  });
  afterAll(async () => {
    await server?.stop();
    await database?.close();
  });

  it('cuts off a client dribbling headers at the header timeout, or its body at the request timeout', async () => {
    const started = Date.now();
    const headers = await Promise.all([open(port), open(port)]);
    for (const { socket } of headers) {
      socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
      dribble(socket, 'X-Slow: a\r\n', 200, 8000);
    }
    const body = await open(port);
    body.socket.write(`${formHead}Content-Length: 1000\r\n\r\n`);
    dribble(body.socket, 'a', 200, 8000);

    const headerCuts = await Promise.all(headers.map((h) => h.closed));
    const bodyCut = await body.closed;
    // 1 s for the headers and 2 s for the request, each checked once a second (Node's own would be 60 s and 5 min);
    // the upper bounds leave room for a busy test machine.
    for (const at of headerCuts) expect(at - started).toBeLessThan(5000);
    expect(bodyCut - started).toBeGreaterThanOrEqual(1900);
    expect(bodyCut - started).toBeLessThan(6000);
    for (const cut of [...headers, body]) expect(cut.received()).toMatch(/^HTTP\/1\.1 408 /);
  }, 15_000);

  it('cuts off a client that goes on dribbling a body it was refused, at the request timeout', async () => {
    const started = Date.now();
    const refused = await open(port);
    refused.socket.write(`${formHead}Content-Length: 1000000\r\n\r\n`);
    dribble(refused.socket, 'a', 200, 8000);
    const cut = await refused.closed;
    expect(refused.received()).toMatch(/^HTTP\/1\.1 413 /);
    expect(cut - started).toBeLessThan(6000);
  }, 15_000);

  it('closes connections past HTTP_MAX_CONNECTIONS at once, and serves those it holds', async () => {
    const held = await Promise.all([
      RawConnection.open(port),
      RawConnection.open(port),
      RawConnection.open(port),
      RawConnection.open(port),
    ]);
    try {
      expect((await held[0]!.exchange({ path: '/healthz' })).status).toBe(200);
      const tried = Date.now();
      const extra = await open(port);
      // Closed without a word, before any timeout would have.
      expect((await extra.closed) - tried).toBeLessThan(900);
      expect(extra.received()).toBe('');
    } finally {
      for (const connection of held) connection.close();
    }
    // Once they are gone, a new visitor gets in.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const later = await RawConnection.open(port);
    expect((await later.exchange({ path: '/healthz' })).status).toBe(200);
    later.close();
  });

  it('closes a keep-alive connection left idle past HTTP_KEEP_ALIVE_TIMEOUT_MS', async () => {
    const idle = await RawConnection.open(port);
    expect((await idle.exchange({ path: '/healthz' })).status).toBe(200);
    // Node keeps the socket a second longer than it announces (keepAliveTimeoutBuffer), so clients close first.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(idle.isClosed).toBe(true);
  });
});
