import { localizedPath, type Locale } from '../../platform/web/locale.ts';
import type { OutboxRow } from './outbox.ts';
import type { EmailContent, EmailTemplate, Sender, TemplateContext } from './templates/define.ts';
import { layoutHtml, layoutText } from './templates/layout.ts';
import { signupTemplates } from './templates/signup.ts';
import type { RenderEmail } from './worker.ts';

export {
  localized,
  paragraphs,
  type EmailContent,
  type EmailTemplate,
  type Sender,
  type TemplateContext,
} from './templates/define.ts';
export { escapeHtml } from './templates/layout.ts';
export { signupTemplates } from './templates/signup.ts';

/** Where a list message's reader manages or stops it. */
export type ListLinks = {
  /** The preferences page (GET): topics, language, unsubscribe from everything. */
  preferencesUrl: string;
  /** The RFC 8058 one-click URL: POSTed by mail clients, named only in the header. */
  unsubscribeUrl: string;
  /** A mailto: URL for clients that only know that form; left out of the header when absent. */
  unsubscribeMailto?: string | undefined;
};

export type RendererOptions = {
  sender: () => Promise<Sender>;
  /** Template name (the outbox row's `template`) → template. */
  templates: Readonly<Record<string, EmailTemplate>>;
  /** Called for every bulk row; transactional rows never get list links or headers. */
  listLinks: (row: OutboxRow) => ListLinks | Promise<ListLinks>;
  /** How long the sender (a database read) is reused: a broadcast renders thousands of messages a second. */
  senderCacheMs?: number;
};

/**
 * Renders outbox rows for the wire: the template's content in the compiled
 * MJML layout of the row's kind and language, a plain-text part, and for
 * bulk mail the RFC 8058 List-Unsubscribe headers.
 */
export function templateRenderer(given: RendererOptions | (() => Promise<Sender>)): RenderEmail {
  // The first form of this function took only the sender: the sign-up messages, and no bulk mail.
  const options: RendererOptions =
    typeof given === 'function' ? { sender: given, templates: signupTemplates, listLinks: refuseListLinks } : given;
  const sender = reusedFor(options.sender, options.senderCacheMs ?? 10_000);
  return async (row) => {
    const template = options.templates[row.template];
    if (!template) throw new Error(`no email template "${row.template}"`);
    const s = await sender();
    const ctx: TemplateContext = {
      locale: row.locale,
      sender: s,
      link: (path) => s.publicUrl + localizedPath(row.locale, path),
    };
    const content = await template.render(row, ctx);
    const list = row.kind === 'bulk' ? await options.listLinks(row) : undefined;
    const message = composeEmail(content, { locale: row.locale, sender: s, preferencesUrl: list?.preferencesUrl });
    return {
      from: mailbox(s.name, s.address),
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: {
        ...(list ? listUnsubscribeHeaders(list) : {}),
        ...(content.replyTo ? { 'Reply-To': content.replyTo } : {}),
      },
      ...(content.attachments?.length ? { attachments: content.attachments } : {}),
    };
  };
}

/** One message as its reader's mail client gets it: the subject, the line inboxes show after it, and both parts. */
export type ComposedEmail = { subject: string; preheader: string; html: string; text: string };

/**
 * A template's content inside the compiled layout of its kind and language:
 * list mail (given where its reader manages it) carries the list footer.
 * The sender uses this for every message, and a preview for a sample one,
 * so what staff check is what people get.
 */
export function composeEmail(
  content: EmailContent,
  options: { locale: Locale; sender: Sender; preferencesUrl?: string | undefined },
): ComposedEmail {
  const layout = options.preferencesUrl === undefined ? 'transactional' : 'list';
  const input = {
    subject: content.subject,
    preheader: content.preheader ?? '',
    orgName: options.sender.name,
    postalAddress: options.sender.postalAddress,
    bodyHtml: content.bodyHtml,
    bodyText: content.bodyText,
    action: content.action,
    preferencesUrl: options.preferencesUrl,
  };
  return {
    subject: input.subject,
    preheader: input.preheader,
    text: layoutText(layout, options.locale, input),
    html: layoutHtml(layout, options.locale, input),
  };
}

function refuseListLinks(row: OutboxRow): never {
  throw new Error(`bulk email ${row.id} rendered without list links: pass listLinks to templateRenderer`);
}

/** RFC 2369 and RFC 8058: the one-click URL first, which is what mail clients POST to. */
export function listUnsubscribeHeaders(links: ListLinks): Record<string, string> {
  const targets = [`<${links.unsubscribeUrl}>`, ...(links.unsubscribeMailto ? [`<${links.unsubscribeMailto}>`] : [])];
  return { 'List-Unsubscribe': targets.join(', '), 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** "Name" <address>, quoted so a comma or quote in the organisation's name cannot make a second address. */
function mailbox(name: string, address: string): string {
  const display = name.replace(/[\r\n]+/g, ' ').trim();
  return display ? `"${display.replace(/["\\]/g, '\\$&')}" <${address}>` : address;
}

function reusedFor<T>(load: () => Promise<T>, ms: number): () => Promise<T> {
  let kept: { value: Promise<T>; until: number } | undefined;
  return () => {
    const now = Date.now();
    if (!kept || kept.until <= now) {
      const value = load();
      kept = { value, until: now + ms };
      // A failed read is not kept: the next message asks again.
      value.catch(() => {
        if (kept?.value === value) kept = undefined;
      });
    }
    return kept.value;
  };
}
