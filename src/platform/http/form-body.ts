import { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * The posted form. A body that cannot be read (cut short, malformed
 * multipart) is treated as an empty form: the screen then says what is
 * missing instead of failing.
 */
export async function readForm(c: Context): Promise<FormData> {
  try {
    return await c.req.formData();
  } catch {
    return new FormData();
  }
}

/**
 * One text field exactly as typed (a file or nothing is ''). Neither cut nor
 * cleaned: the form's schema refuses what is too long or not plain text
 * (platform/plain-text.ts) with a message by the field, and the form shows
 * back what was typed; the body limit bounds the size.
 */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/**
 * A urlencoded form's fields as strings, the last of a repeated name
 * winning (as c.req.parseBody() gives them). Behind @hono/node-server the
 * body is read straight from Node's request when nothing has read it yet
 * and it says its length (limitBodySize has then checked it): building the web
 * Request, its stream and FormData that parseBody needs cost 18 % more server
 * CPU per signature in a spike (ADR 038, bench/fast-paths.ts). It reads
 * Hono's private bodyCache, which form-body.test.ts pins. Anywhere else
 * (tests' app.request, a body already read) it is parseBody.
 */
export async function readUrlEncoded(c: Context): Promise<Record<string, string | File | (string | File)[]>> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const direct =
    incoming instanceof IncomingMessage &&
    !incoming.readableDidRead &&
    incoming.headers['content-length'] !== undefined &&
    (incoming.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded') &&
    Object.keys((c.req as unknown as { bodyCache: object }).bodyCache).length === 0;
  if (!direct) return c.req.parseBody();
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
  } catch {
    // Cut short: treated as an empty form, like readForm; the person (if still there) sees what is missing.
    return {};
  }
  const fields: Record<string, string> = Object.create(null);
  for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) fields[name] = value;
  return fields;
}
