import { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

// After a refusal, what the client is still sending is read and dropped, so that it is not cut off
// mid-upload (a browser then shows "connection reset" instead of our answer). Past this, it is cut off.
const DISCARD_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Refuses a request body over `maxSizeFor(path)` bytes, before any route
 * reads it. A body of declared length is judged from the headers alone; a
 * body sent without one (chunked) is counted as it arrives and kept, so
 * the route reads it as usual.
 *
 * Behind @hono/node-server the body is read from Node's request itself:
 * Hono's bodyLimit asks for the web Request's body stream, which makes a
 * whole web Request for every request, GETs included (without this, 16 % fewer
 * signatures a second in a spike: ADR 038), and stops reading where it refuses, which
 * leaves the connection stuck. After a refusal the rest is read and
 * dropped (up to DISCARD_MAX_BYTES), so the 413 reaches a client that is
 * still sending, and a keep-alive connection goes on to the next request.
 */
export function limitBodySize(
  maxSizeFor: (path: string) => number,
  onError: (c: Context) => Response | Promise<Response>,
): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const maxSize = maxSizeFor(c.req.path);
    const incoming = nodeRequest(c);
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number.parseInt(length, 10) <= maxSize) return next();
      if (incoming) discardRest(incoming);
      return onError(c);
    }
    if (!incoming) return bodyLimit({ maxSize, onError })(c, next);
    const body = await readUpTo(incoming, maxSize);
    if (body === 'too large') {
      discardRest(incoming);
      return onError(c);
    }
    c.req.raw = new Request(c.req.raw, { body });
    return next();
  };
}

function nodeRequest(c: Context): IncomingMessage | undefined {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  return incoming instanceof IncomingMessage ? incoming : undefined;
}

/**
 * The whole body, or 'too large' as soon as it passes `maxSize` (the rest is left unread). A body cut short is what
 * arrived.
 */
function readUpTo(incoming: IncomingMessage, maxSize: number): Promise<Uint8Array | 'too large'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: Uint8Array | 'too large') => {
      incoming.off('data', onData).off('end', onEnd).off('error', onEnd).off('close', onEnd);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxSize) {
        incoming.pause();
        done('too large');
      } else chunks.push(chunk);
    };
    const onEnd = () => done(new Uint8Array(Buffer.concat(chunks)));
    incoming.on('data', onData).on('end', onEnd).on('error', onEnd).on('close', onEnd);
  });
}

function discardRest(incoming: IncomingMessage): void {
  if (incoming.readableEnded || incoming.destroyed) return;
  let dropped = 0;
  incoming.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DISCARD_MAX_BYTES) incoming.socket?.destroy();
  });
  incoming.on('error', () => {});
  incoming.resume();
}
