import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type { Db } from '../../platform/db/client.ts';
import { composeMime, parseMailbox, type EmailAttachment } from './mime.ts';
import { emailMailbox } from './schema.ts';

/** A message ready for the wire. */
export type OutgoingEmail = {
  outboxId: number;
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  attachments?: EmailAttachment[] | undefined;
  /** The outbox forgets this address once sent (a story's teller, ADR 063): no copy of it may keep it either. */
  forgetAddress?: boolean | undefined;
};

/**
 * What the demo mailbox shows instead of an address the outbox forgets: staff still read the message and follow
 * its links to try the journey, but the mailbox does not become a list of tellers (ADR 064).
 */
export const HIDDEN_ADDRESS = 'hidden@hidden.invalid';

/** What went wrong, in the two kinds the outbox cares about. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    /** Temporary failures (4xx, timeouts, 429, connection trouble) are retried; permanent ones are not. */
    readonly temporary: boolean,
  ) {
    super(message);
  }
}

export interface MailTransport {
  readonly name: string;
  send(email: OutgoingEmail): Promise<{ providerMessageId: string }>;
  close(): Promise<void>;
}

/** SMTP through nodemailer, with a connection pool and DKIM signing when configured. */
export class SmtpTransport implements MailTransport {
  readonly name = 'smtp';
  private readonly transporter: Transporter;

  constructor(
    url: string,
    options: { dkim?: { domainName: string; keySelector: string; privateKey: string }; maxConnections?: number } = {},
  ) {
    this.transporter = nodemailer.createTransport({
      url,
      pool: true,
      maxConnections: options.maxConnections ?? 5,
      maxMessages: Infinity,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      ...(options.dkim ? { dkim: options.dkim } : {}),
    } as SMTPPool.Options);
  }

  async send(email: OutgoingEmail): Promise<{ providerMessageId: string }> {
    try {
      const info = await this.transporter.sendMail({
        envelope: { from: parseMailbox(email.from).address, to: [email.to] },
        // Given, so nodemailer does not make (and throw away) one of its own for every message.
        messageId: email.messageId,
        raw: composeMime(email),
      });
      return { providerMessageId: String(info.response ?? info.messageId) };
    } catch (error) {
      throw classify(error);
    }
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}

/** Keeps messages in the database for /admin/mailbox: the demo's way to show the whole journey without a relay. */
export class MailboxTransport implements MailTransport {
  readonly name = 'mailbox';
  constructor(
    private readonly db: Db,
    private readonly logger?: { info(obj: object, msg: string): void },
  ) {}

  async send(email: OutgoingEmail): Promise<{ providerMessageId: string }> {
    // An address to forget is replaced wherever the copy would hold it, should a template have quoted it.
    const hide = (text: string) => (email.forgetAddress ? text.replaceAll(email.to, HIDDEN_ADDRESS) : text);
    const [row] = await this.db
      .insert(emailMailbox)
      .values({
        outboxId: email.outboxId,
        toAddress: email.forgetAddress ? HIDDEN_ADDRESS : email.to,
        subject: hide(email.subject),
        text: hide(email.text),
        html: hide(email.html),
        headers: Object.fromEntries(
          Object.entries({ ...email.headers, 'Message-ID': email.messageId }).map(([k, v]) => [k, hide(v)]),
        ),
        attachments: email.attachments ?? [],
      })
      .returning({ id: emailMailbox.id });
    // One line, without the address: enough to know where to look.
    this.logger?.info(
      { mailboxId: row!.id },
      `email kept in the demo mailbox (no SMTP_URL): read it at /admin/mailbox/${row!.id}`,
    );
    return { providerMessageId: `mailbox:${row!.id}` };
  }

  async close(): Promise<void> {}
}

/** SMTP 4xx, 429-like throttling and network trouble are temporary; 5xx replies are permanent. */
export function classify(error: unknown): DeliveryError {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const message = (e.message ?? String(error)).slice(0, 500);
  if (typeof e.responseCode === 'number')
    return new DeliveryError(message, e.responseCode < 500 || e.responseCode === 421);
  return new DeliveryError(message, true);
}
