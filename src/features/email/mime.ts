import { isMailboxAddress } from '../../platform/email-address.ts';

/**
 * Builds the RFC 5322 / MIME text of one message: a multipart/alternative
 * with a plain-text and an HTML part, both UTF-8 in base64.
 *
 * Why not let nodemailer compose it: for a broadcast to 100,000 people its
 * general-purpose composer cost more CPU per message than everything else
 * together (issue 4's benchmark), while our messages always have the same
 * simple shape. nodemailer still speaks SMTP, pools connections and signs
 * with DKIM; it is handed this text as `raw`.
 */
/** A file sent with a message (an event's calendar file): text, as every file we send is. */
export type EmailAttachment = { filename: string; contentType: string; content: string };

export type MimeMessage = {
  from: string;
  to: string;
  subject: string;
  messageId: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  date?: Date;
  /** With files, the two parts go inside a multipart/mixed, each file after them. */
  attachments?: EmailAttachment[] | undefined;
};

const CRLF = '\r\n';

/** Base64 in lines of 76 characters, as RFC 2045 asks. */
function base64Lines(value: string): string {
  const encoded = Buffer.from(value, 'utf8').toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  return lines.join(CRLF);
}

/** Header text as is when it is plain ASCII, else RFC 2047 encoded-words that never split a character. */
export function encodeHeaderText(value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  if (/^[\x20-\x7e]*$/.test(clean)) return clean;
  const words: string[] = [];
  let chunk = '';
  for (const ch of clean) {
    // 45 bytes of UTF-8 make 60 base64 characters: each encoded-word stays under 75.
    if (Buffer.byteLength(chunk + ch, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

/** `"Name" <address>` or `address`, with the name encoded when it needs to be. */
export function parseMailbox(value: string): { name: string; address: string } {
  const match = /^\s*(?:"((?:[^"\\]|\\.)*)"|([^<]*?))\s*<([^<>\s]+)>\s*$/.exec(value);
  if (!match) return { name: '', address: value.trim() };
  return { name: (match[1] ?? match[2] ?? '').replace(/\\(.)/g, '$1').trim(), address: match[3]! };
}

/**
 * A mailbox as a header holds it: the name quoted (or, outside ASCII, in
 * encoded-words, which are atoms). An address that a mail client would read as
 * more than one mailbox, a name or a group is refused rather than sent to
 * whoever it would reach; sign-up refuses such addresses by the same rule.
 */
function formatMailbox(value: string): string {
  const { name, address } = parseMailbox(value);
  if (!isMailboxAddress(address)) throw new Error('not one mailbox address: refusing to write it into a header');
  if (!name) return address;
  const encoded = encodeHeaderText(name);
  return encoded === name ? `"${name.replace(/["\\]/g, '\\$&')}" <${address}>` : `${encoded} <${address}>`;
}

/** Only header names we would write ourselves: letters, digits and hyphens. */
const headerName = /^[A-Za-z0-9-]+$/;

/**
 * Both parts are base64, whose alphabet has no "-" or "_": a fixed boundary
 * can never occur inside them, so no random one is needed per message.
 */
const boundary = '=_gs-alternative_=';
const mixedBoundary = '=_gs-mixed_=';

// A media type and a file name as a header holds them: only what we would write ourselves, never a line break.
const mediaType = /^[a-z0-9.+-]+\/[a-z0-9.+-]+(?:; ?[a-z-]+=[A-Za-z0-9.-]+)*$/;
const fileName = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 100) || 'file';

export function composeMime(message: MimeMessage): string {
  const head = [
    `From: ${formatMailbox(message.from)}`,
    `To: ${formatMailbox(message.to)}`,
    `Subject: ${encodeHeaderText(message.subject)}`,
    `Message-ID: ${message.messageId}`,
    `Date: ${(message.date ?? new Date()).toUTCString().replace('GMT', '+0000')}`,
    'MIME-Version: 1.0',
  ];
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (!headerName.test(name)) throw new Error(`not a header name: ${name}`);
    head.push(`${name}: ${encodeHeaderText(value)}`);
  }
  const part = (type: string, body: string) =>
    [
      `--${boundary}`,
      `Content-Type: ${type}; charset=utf-8`,
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(body),
    ].join(CRLF);
  const alternative = [part('text/plain', message.text), part('text/html', message.html), `--${boundary}--`];
  const files = message.attachments ?? [];
  if (files.length === 0)
    return [
      head.join(CRLF),
      `Content-Type: multipart/alternative; boundary="${boundary}"`,
      '',
      ...alternative,
      '',
    ].join(CRLF);
  const attachment = (file: EmailAttachment) => {
    if (!mediaType.test(file.contentType)) throw new Error('not a media type we write: refusing the attachment');
    const name = fileName(file.filename);
    return [
      `--${mixedBoundary}`,
      `Content-Type: ${file.contentType}; charset=utf-8; name="${name}"`,
      `Content-Disposition: attachment; filename="${name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(file.content),
    ].join(CRLF);
  };
  return [
    head.join(CRLF),
    `Content-Type: multipart/mixed; boundary="${mixedBoundary}"`,
    '',
    `--${mixedBoundary}`,
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    ...alternative,
    ...files.map(attachment),
    `--${mixedBoundary}--`,
    '',
  ].join(CRLF);
}
