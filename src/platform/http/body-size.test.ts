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
});
