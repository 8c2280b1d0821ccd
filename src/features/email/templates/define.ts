import type { Locale } from '../../../platform/web/locale.ts';
import type { EmailAttachment } from '../mime.ts';
import type { OutboxRow } from '../outbox.ts';
import { escapeHtml } from './layout.ts';

// How a template is written: what the renderer asks of it, and two helpers for the usual case.

/** Who the mail is from: the organisation's name and postal address come from the site settings. */
export type Sender = { name: string; address: string; postalAddress: string; publicUrl: string };

/** What a template makes of an outbox row; the layout wraps it (header, footer, button, links). */
export type EmailContent = {
  subject: string;
  /** The line inboxes show after the subject. Plain text. */
  preheader?: string | undefined;
  /** Trusted HTML for the message's column: anything merged in must already be escaped (see `paragraphs`). */
  bodyHtml: string;
  bodyText: string;
  /** One prominent button after the body (its label and URL are escaped by the layout). */
  action?: { label: string; url: string } | undefined;
  /**
   * Files sent with it (an event's calendar file), made afresh at each render: the outbox row keeps only what
   * rebuilds them, never the file.
   */
  attachments?: EmailAttachment[] | undefined;
  /** Where a reply goes instead of the sender (a constituent's letter: the office answers the writer). A bare address. */
  replyTo?: string | undefined;
};

export type TemplateContext = {
  locale: Locale;
  sender: Sender;
  /** An absolute URL of a page of the site, in the row's language: link('/tips') → https://…/es/tips. */
  link(path: string): string;
};

export type EmailTemplate = {
  render(row: OutboxRow, ctx: TemplateContext): EmailContent | Promise<EmailContent>;
};

/** A template written once per language; the row's language picks one. */
export function localized(
  byLocale: Record<Locale, (row: OutboxRow, ctx: TemplateContext) => EmailContent | Promise<EmailContent>>,
): EmailTemplate {
  return { render: (row, ctx) => byLocale[row.locale](row, ctx) };
}

/** Plain paragraphs for both parts, escaped for HTML (so merged names and the like are safe) and as typed for text. */
export function paragraphs(lines: string[]): Pick<EmailContent, 'bodyHtml' | 'bodyText'> {
  return { bodyHtml: lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n'), bodyText: lines.join('\n\n') };
}
