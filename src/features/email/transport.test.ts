import { createHash, createPublicKey, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/support/app.ts';
import { startSmtpSink } from '../../../test/support/smtp-sink.ts';
import { SmtpTransport, type OutgoingEmail } from './transport.ts';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
// Through the configuration, as an operator would set it (the PEM's newlines escaped, as in a .env file).
const config = testConfig({
  DKIM_DOMAIN: 'psj.example',
  DKIM_SELECTOR: 'mail2026',
  DKIM_PRIVATE_KEY: privateKey.replace(/\n/g, '\\n'),
  EMAIL_FROM: 'news@psj.example',
});

const message = (n: number): OutgoingEmail => ({
  outboxId: n,
  messageId: `<dkim-${n}@psj.example>`,
  from: `"PSJ" <${config.email.from}>`,
  to: 'reader@example.org',
  subject: `Signed ñ ${n}`,
  text: 'Plain words.\n\nWith trailing spaces   \n',
  html: '<p>Plain words.</p>',
  headers: {
    'List-Unsubscribe': '<https://psj.example/unsubscribe/1.x>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  },
});

/** A relay that keeps each message's bytes exactly as they arrived, which a signature check needs. */
async function startRawSink() {
  const raw: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        raw.push(Buffer.concat(chunks).toString('latin1'));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    raw,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * Checks a DKIM signature the way a receiver does (RFC 6376, relaxed/relaxed,
 * rsa-sha256), with the public key handed in instead of looked up in DNS.
 */
function verifyDkim(
  raw: string,
  publicKey: KeyObject,
): { tags: Record<string, string>; bodyHashMatches: boolean; signatureValid: boolean } {
  const split = raw.indexOf('\r\n\r\n');
  const fields = raw.slice(0, split).split(/\r\n(?![ \t])/);
  const body = raw.slice(split + 4);
  const relaxed = (field: string) => {
    const colon = field.indexOf(':');
    return `${field.slice(0, colon).trim().toLowerCase()}:${field
      .slice(colon + 1)
      .replace(/\r\n/g, '')
      .replace(/[ \t]+/g, ' ')
      .trim()}`;
  };
  const signature = fields.find((f) => /^dkim-signature:/i.test(f))!;
  const tags = Object.fromEntries(
    signature
      .slice(signature.indexOf(':') + 1)
      .split(';')
      .map((t) => t.replace(/\s+/g, ''))
      .filter(Boolean)
      .map((t) => [t.slice(0, t.indexOf('=')), t.slice(t.indexOf('=') + 1)]),
  );
  const lines = body.split('\r\n').map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  const canonicalBody = lines.length ? lines.join('\r\n') + '\r\n' : '';
  const bodyHashMatches = createHash('sha256').update(canonicalBody, 'latin1').digest('base64') === tags.bh;
  // Each name in h= takes the next instance of that field from the bottom.
  const used = new Set<number>();
  const signed = tags.h!.split(':').map((name) => {
    for (let i = fields.length - 1; i >= 0; i--) {
      if (!used.has(i) && fields[i]!.toLowerCase().startsWith(`${name.toLowerCase()}:`)) {
        used.add(i);
        return relaxed(fields[i]!) + '\r\n';
      }
    }
    return '';
  });
  const unsigned = relaxed(signature).replace(/(^|;)(\s*b\s*=)[^;]*/, '$1$2');
  const data = Buffer.from(signed.join('') + unsigned, 'latin1');
  return { tags, bodyHashMatches, signatureValid: verify('sha256', data, publicKey, Buffer.from(tags.b!, 'base64')) };
}

describe('SMTP transport', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let raw: Awaited<ReturnType<typeof startRawSink>>;
  beforeAll(async () => {
    sink = await startSmtpSink();
    raw = await startRawSink();
  });
  afterAll(async () => {
    await sink.close();
    await raw.close();
  });

  it('signs with DKIM when configured: the receiving server sees the domain and selector', async () => {
    expect(config.email.dkim).toMatchObject({ domainName: 'psj.example', keySelector: 'mail2026' });
    const transport = new SmtpTransport(sink.url, { dkim: config.email.dkim });
    await transport.send(message(1));
    await transport.close();
    const mail = sink.received.find((m) => m.subject === 'Signed ñ 1')!;
    const header = mail.headerLines.find((h) => h.key === 'dkim-signature')!.line;
    expect(header).toMatch(/\bd=psj\.example;/);
    expect(header).toMatch(/\bs=mail2026;/);
    expect(header).toMatch(/\ba=rsa-sha256;/);
  });

  it('makes a signature that verifies with the public key and covers the From and the RFC 8058 headers', async () => {
    const transport = new SmtpTransport(raw.url, { dkim: config.email.dkim });
    await transport.send(message(2));
    await transport.close();
    const sent = raw.raw.find((r) => r.includes('<dkim-2@psj.example>'))!;
    const check = verifyDkim(sent, createPublicKey(config.email.dkim!.privateKey));
    expect(check).toMatchObject({ bodyHashMatches: true, signatureValid: true });
    expect(check.tags.h!.toLowerCase().split(':')).toEqual(
      expect.arrayContaining(['from', 'subject', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post']),
    );
    // The check is real: a changed word breaks it.
    const at = sent.lastIndexOf('Content-Transfer-Encoding: base64') + 40;
    const tampered = verifyDkim(
      sent.slice(0, at) + (sent[at] === 'A' ? 'B' : 'A') + sent.slice(at + 1),
      createPublicKey(config.email.dkim!.privateKey),
    );
    expect(tampered.bodyHashMatches).toBe(false);
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    expect(verifyDkim(sent, otherKey).signatureValid).toBe(false);
  });

  it('sends unsigned mail when DKIM is not configured', async () => {
    const transport = new SmtpTransport(sink.url);
    await transport.send(message(3));
    await transport.close();
    const mail = sink.received.find((m) => m.subject === 'Signed ñ 3')!;
    expect(mail.headerLines.some((h) => h.key === 'dkim-signature')).toBe(false);
  });
});
