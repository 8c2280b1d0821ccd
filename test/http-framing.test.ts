import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoContent } from '../src/features/content/seed/index.ts';
import { DEMO_PETITION_SLUG, seedDemoPetition } from '../src/features/petitions/seed.ts';
import { listenTestServer, testConfig } from './support/app.ts';
import { describeEachDatabase } from './support/databases.ts';
import { RawConnection, type RawResponse } from './support/raw-http.ts';

const metricsToken = 'metrics-token-for-the-framing-test';
const publicUrl = 'http://localhost:3000';

/**
 * Every kind of redirect, error and not-modified answer the app gives, one
 * after another on a single keep-alive connection read as a strict client
 * reads it (RawConnection): a length that is not what was sent would hang
 * or garble the next answer. Every request claims to be for evil.example,
 * which no Location may repeat.
 */
describeEachDatabase('answers on one keep-alive connection', (database) => {
  let server: { stop(): Promise<void> };
  let port = 0;
  let connection: RawConnection;

  beforeAll(async () => {
    await seedDemoContent(database().db);
    await seedDemoPetition(database().db);
    const config = testConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      PUBLIC_URL: publicUrl,
      WRITES_PER_MINUTE: '3',
      METRICS_TOKEN: metricsToken,
      SHUTDOWN_DRAIN_MS: '0',
    });
    ({ server, port } = await listenTestServer(config, database()));
    connection = await RawConnection.open(port);
  });
  afterAll(async () => {
    connection?.close();
    await server?.stop();
  });

  const send = async (
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: string | Buffer,
  ): Promise<RawResponse> => {
    const res = await connection.exchange({ method, path, headers: { Host: 'evil.example', ...headers }, body });
    const location = res.headers['location'];
    if (location !== undefined) {
      // A path on this site or the public address: where a browser would go is this site, whatever Host said.
      expect(new URL(location, publicUrl).origin, `${method} ${path} → ${location}`).toBe(publicUrl);
      expect(location, `${method} ${path}`).toMatch(/^(\/(?![/\\])|http:\/\/localhost:3000\/)/);
    }
    expect(res.headers['connection'], `${method} ${path}`).not.toBe('close');
    return res;
  };

  it('sends trailing-slash redirects as paths on this site, with no body and a length of 0', async () => {
    const redirects: [string, string][] = [
      ['/es/', '/es'],
      ['/tips/', '/tips'],
      ['/join/', '/join'],
      ['/admin/', '/admin'],
      [`/petitions/${DEMO_PETITION_SLUG}/`, `/petitions/${DEMO_PETITION_SLUG}`],
      ['/tips/?from=footer', '/tips?from=footer'],
      // Read by a browser as another host, were the slashes kept.
      ['//elsewhere.example/', '/elsewhere.example'],
    ];
    for (const [path, location] of redirects) {
      const res = await send('GET', path);
      expect([path, res.status, res.headers['location'], res.headers['content-length'], res.body.length]).toEqual([
        path,
        301,
        location,
        '0',
        0,
      ]);
    }
    // A backslash, which URLs read as a slash: refused before
    // the app sees it (send() checks any Location all the same).
    expect((await send('GET', '/\\elsewhere.example/')).status).toBe(400);
  });

  it('sends the other redirects the same way', async () => {
    const favicon = await send('GET', '/favicon.ico');
    expect([favicon.status, favicon.headers['location']]).toEqual([301, expect.stringMatching(/^\/favicon\./)]);
    const signIn = await send('GET', '/admin');
    expect([signIn.status, signIn.headers['location']]).toEqual([303, '/admin/sign-in?next=%2Fadmin']);
    // A first visit from a browser that prefers Spanish.
    const language = await send('GET', '/tips', { 'Accept-Language': 'es' });
    expect([language.status, language.headers['location']]).toEqual([302, '/es/tips']);
    for (const res of [favicon, signIn, language])
      expect([res.headers['content-length'], res.body.length]).toEqual(['0', 0]);
  });

  it('sends error pages with exactly their length: 404, 403, 401, 429', async () => {
    const missing = await send('GET', '/no-such-page');
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).toContain('</html>');
    const forged = await send(
      'POST',
      '/admin/sign-in',
      { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': '10.0.0.1' },
      'email=a%40b.example',
    );
    expect(forged.status).toBe(403);
    const metrics = await send('GET', '/metrics');
    expect(metrics.status).toBe(401);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (
          await send(
            'POST',
            '/admin/sign-in',
            { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': '10.0.0.2' },
            'email=a',
          )
        ).status,
      );
    }
    // WRITES_PER_MINUTE is 3 here: the fourth is refused before the CSRF check.
    expect(statuses).toEqual([403, 403, 403, 429, 429]);
  });

  it('answers 413 to oversized public forms with a page, reading what was sent so the connection goes on', async () => {
    const big = `email=${'a'.repeat(70 * 1024)}`;
    const form = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: publicUrl };
    const join = await send('POST', '/join', { ...form, 'X-Forwarded-For': '10.0.0.3' }, big);
    expect(join.status).toBe(413);
    expect(join.body.toString()).toContain('<h1>That is too large</h1>');
    const spanish = await send('POST', '/es/join', { ...form, 'X-Forwarded-For': '10.0.0.3' }, big);
    expect(spanish.body.toString()).toContain('<h1>Es demasiado grande</h1>');
    // The petition's sign form reads its body itself; the limit comes first all the same.
    const sign = await send(
      'POST',
      `/petitions/${DEMO_PETITION_SLUG}/sign`,
      { ...form, 'X-Forwarded-For': '10.0.0.4' },
      big,
    );
    expect(sign.status).toBe(413);
    // Without a declared length, counted as it arrives.
    const chunks = Buffer.from(`${(8 * 1024).toString(16)}\r\n${'b'.repeat(8 * 1024)}\r\n`.repeat(10) + '0\r\n\r\n');
    const chunked = await send(
      'POST',
      '/join',
      { ...form, 'Transfer-Encoding': 'chunked', 'X-Forwarded-For': '10.0.0.5' },
      chunks,
    );
    expect(chunked.status).toBe(413);
    const smallChunks = Buffer.from('6\r\nemail=\r\n4\r\nnope\r\n0\r\n\r\n');
    const smallChunked = await send(
      'POST',
      '/join',
      { ...form, 'Transfer-Encoding': 'chunked', 'X-Forwarded-For': '10.0.0.5' },
      smallChunks,
    );
    // Read by the route all the same: the form back, with what was typed.
    expect(smallChunked.status).toBe(400);
    expect(smallChunked.body.toString()).toContain('value="nope"');
    // A small form still goes through (it is refused for its content, not its size).
    const small = await send('POST', '/join', { ...form, 'X-Forwarded-For': '10.0.0.6' }, 'email=not-an-email');
    expect(small.status).toBe(400);
  });

  it('delivers the 413 to a client that is still sending, slower than half a second', async () => {
    const slow = await RawConnection.open(port);
    try {
      const size = 200 * 1024;
      slow.write(
        `POST /join HTTP/1.1\r\nHost: localhost\r\nOrigin: ${publicUrl}\r\n` +
          `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${size}\r\n\r\n`,
      );
      for (let sent = 0; sent < size; sent += 20 * 1024) {
        slow.write('c'.repeat(20 * 1024));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(slow.isClosed).toBe(false);
      // The answer was sent as soon as the headers came: read now, as a client that sends first and reads after.
      const refused = await slow.response('POST', 'the slow POST /join');
      expect(refused.status).toBe(413);
      expect((await slow.exchange({ path: '/healthz' })).status).toBe(200);
    } finally {
      slow.close();
    }
  });

  it('sends 304 without a body and HEAD with the length GET sends', async () => {
    const home = await send('GET', '/');
    expect(home.status).toBe(200);
    const etag = home.headers['etag']!;
    const notModified = await send('GET', '/', { 'If-None-Match': etag });
    expect([notModified.status, notModified.headers['content-length']]).toEqual([304, undefined]);
    for (const path of [
      '/',
      '/es',
      '/tips',
      `/petitions/${DEMO_PETITION_SLUG}`,
      '/no-such-page',
      '/es/',
      '/favicon.ico',
      '/admin',
      '/admin/sign-in',
    ]) {
      const get = await send('GET', path);
      const head = await send('HEAD', path);
      expect([path, head.status]).toEqual([path, get.status]);
      // What GET sends, or nothing said; never another number.
      if (head.headers['content-length'] !== undefined)
        expect([path, head.headers['content-length']]).toEqual([path, String(get.body.length)]);
    }
    expect((await send('GET', '/healthz')).status).toBe(200);
  });
});
