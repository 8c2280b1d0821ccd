import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the receiver saw of each request, and the keys it processed (its own idempotency check). */
type Received = { path: string; key: string; event: string; signature: string; body: string; answered: number };

/**
 * A receiver on the loopback: /flaky answers 500 twice, then 200 (and 200 again to a repeat, which it recognises by
 * its Idempotency-Key and does not process twice); /down always answers 500.
 */
export async function startReceiver() {
  const received: Received[] = [];
  const processed = new Map<string, number>();
  let flakyFailures = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const key = String(req.headers['idempotency-key']);
      let answered = 500;
      if (req.url === '/flaky' && flakyFailures >= 2) answered = 200;
      else if (req.url === '/flaky') flakyFailures += 1;
      if (answered === 200) processed.set(key, (processed.get(key) ?? 0) + 1);
      received.push({
        path: req.url ?? '',
        key,
        event: String(req.headers['groundswell-event']),
        signature: String(req.headers['groundswell-signature']),
        body: Buffer.concat(chunks).toString('utf8'),
        answered,
      });
      res.writeHead(answered, { 'content-type': 'text/plain' });
      res.end(answered === 200 ? 'ok' : `<b>broken</b> \u0000${'x'.repeat(2000)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    processed,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
