import { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { limitBodySize } from './body-size.ts';

function app() {
  const a = new Hono();
  a.use(
    limitBodySize(
      () => 10,
      (c) => c.text('too large', 413),
    ),
  );
  a.all('/', async (c) => c.text(`got ${(await c.req.text()).length}`));
  return a;
}

const chunked = (text: string) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const part of text.match(/.{1,4}/g) ?? []) controller.enqueue(new TextEncoder().encode(part));
      controller.close();
    },
  });

describe('limitBodySize', () => {
  it('judges a body of declared length by its Content-Length', async () => {
    const declared = (body: string, length: number) =>
      app().request('/', { method: 'POST', body, headers: { 'content-length': String(length) } });
    expect((await declared('0123456789', 10)).status).toBe(200);
    // Refused on the header alone, before any of the body is read.
    const over = await declared('0', 11);
    expect(over.status).toBe(413);
    expect(await over.text()).toBe('too large');
  });

  it('counts a body sent without a length as it arrives', async () => {
    const send = (text: string) =>
      app().request('/', { method: 'POST', body: chunked(text), duplex: 'half' } as RequestInit);
    const small = await send('0123456');
    expect(small.status).toBe(200);
    expect(await small.text()).toBe('got 7');
    expect((await send('0123456789abcdef')).status).toBe(413);
  });

  it('lets GET and HEAD through untouched', async () => {
    expect((await app().request('/')).status).toBe(200);
    expect((await app().request('/', { method: 'HEAD' })).status).toBe(200);
  });

  // limitBodySize (and readUrlEncoded) find Node's request as c.env.incoming and read it themselves (ADR 038):
  // were @hono/node-server to hand it over otherwise, this fails instead of every body going through the web Request.
  it('behind @hono/node-server, reads Node’s request: nothing of a declared body, all of a chunked one', async () => {
    const seen: { node: boolean; readBeforeRoute: boolean }[] = [];
    const a = new Hono();
    a.use(
      limitBodySize(
        () => 10,
        (c) => c.text('too large', 413),
      ),
    );
    a.post('/', async (c) => {
      const incoming = (c.env as { incoming?: unknown }).incoming;
      seen.push({
        node: incoming instanceof IncomingMessage,
        readBeforeRoute: incoming instanceof IncomingMessage && incoming.readableDidRead,
      });
      return c.text(`got ${(await c.req.text()).length}`);
    });
    const server = serve({ fetch: a.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      expect(await (await fetch(base, { method: 'POST', body: '0123' })).text()).toBe('got 4');
      expect(
        await (await fetch(base, { method: 'POST', body: chunked('01234'), duplex: 'half' } as RequestInit)).text(),
      ).toBe('got 5');
      expect(
        (await fetch(base, { method: 'POST', body: chunked('0123456789abcdef'), duplex: 'half' } as RequestInit))
          .status,
      ).toBe(413);
      expect(seen).toEqual([
        { node: true, readBeforeRoute: false },
        { node: true, readBeforeRoute: true },
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
