import { SandboxedFrame } from '../../../platform/http/sandboxed-frame.tsx';
import { BackLink } from '../../../platform/web/components.tsx';
import { decodeCharacterReferences } from '../../../platform/web/escape.ts';
import { DataTable } from '../../../platform/web/tables.tsx';
import { formatInZone } from '../../../platform/web/time.ts';

type Heading = 'h2' | 'h3' | 'h4';

/**
 * An email's two parts side by side (stacked on a phone): the HTML as most
 * mail apps show it, in a sandboxed frame so its styles stay inside it, and
 * the plain text that the others show, as it is. The mailbox and the
 * broadcast preview both show mail this way.
 */
export function EmailParts(props: { htmlSrc: string; text: string; heading: Heading; lang?: string; label: string }) {
  const H = props.heading;
  return (
    <div class="email-parts">
      <section>
        <H>As most mail apps show it</H>
        <SandboxedFrame src={props.htmlSrc} title={`${props.label}: the email as most mail apps show it`} />
      </section>
      <section>
        <H>Plain text</H>
        <p class="hint">What mail apps that show text only show instead.</p>
        <pre class="mail" lang={props.lang}>
          {props.text}
        </pre>
      </section>
    </div>
  );
}

/** The line an inbox shows for a message: who from, the subject, and the preheader after it when there is one. */
export function InboxLine(props: { from: string; subject: string; preheader: string; lang?: string }) {
  return (
    <p class="inbox-line" lang={props.lang}>
      <span class="inbox-from">{props.from}</span> <strong>{props.subject}</strong>
      {props.preheader ? <span class="inbox-preheader"> — {props.preheader}</span> : null}
    </p>
  );
}

export type KeptMessage = {
  id: number;
  createdAt: Date;
  toAddress: string;
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: string }[];
};

export function MailboxList(props: { rows: KeptMessage[]; timeZone: string }) {
  return (
    <>
      <h1>Mailbox</h1>
      <p>No SMTP relay is set (SMTP_URL), so email is kept here instead of being sent. Newest first.</p>
      {props.rows.length === 0 ? <p>Nothing yet.</p> : null}
      <DataTable caption="Kept messages" columns={['When', 'To', 'Subject']}>
        {props.rows.map((m) => (
          <tr>
            <td>{formatInZone(m.createdAt, props.timeZone)}</td>
            <td>{m.toAddress}</td>
            <td>
              <a href={`/admin/mailbox/${m.id}`}>{m.subject}</a>
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

/** One kept message: both its parts, and its links, to follow as its reader would (a confirmation link, say). */
export function MailboxMessage(props: { message: KeptMessage; links: string[] }) {
  const m = props.message;
  return (
    <>
      <BackLink href="/admin/mailbox">Mailbox</BackLink>
      <h1>{m.subject}</h1>
      <p>To: {m.toAddress}</p>
      {m.html ? (
        <EmailParts htmlSrc={`/admin/mailbox/${m.id}/html`} text={m.text} heading="h2" label={m.subject} />
      ) : (
        <pre class="mail">{m.text}</pre>
      )}
      {m.attachments.length > 0 ? (
        <>
          <h2>Files sent with it</h2>
          <ul>
            {m.attachments.map((file, i) => (
              <li>
                <a href={`/admin/mailbox/${m.id}/files/${i}`} download={file.filename}>
                  {file.filename}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {props.links.length > 0 ? (
        <>
          <h2>Links in this message</h2>
          <ul class="mail-links">
            {props.links.map((href) => (
              <li>
                <a href={href}>{href}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/**
 * The web links a message carries, each once, in order: from the HTML part's
 * anchors when there is one (exactly what a click follows), else from the
 * text, where a closing bracket or full stop after an address is prose, not
 * part of it.
 */
export function linksIn(message: Pick<KeptMessage, 'html' | 'text'>): string[] {
  const found = message.html
    ? [...message.html.matchAll(/<a\s[^>]*?href="(https?:\/\/[^"]+)"/gi)].map((m) => decodeCharacterReferences(m[1]!))
    : [...message.text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => trimProse(m[0]));
  return [...new Set(found)];
}

/** Drops what ends a sentence, and a closing bracket that opened before the address. */
function trimProse(url: string): string {
  let end = url.replace(/[.,;:!?'"]+$/, '');
  while (end.endsWith(')') && count(end, '(') < count(end, ')')) end = end.slice(0, -1).replace(/[.,;:!?]+$/, '');
  return end;
}

const count = (text: string, ch: string) => text.split(ch).length - 1;
