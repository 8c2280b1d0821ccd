import { localizedPath, type Locale } from '../../platform/web/locale.ts';
import type { OutboxRow } from './outbox.ts';
import type { RenderEmail } from './worker.ts';

export type Sender = { name: string; address: string; postalAddress: string; publicUrl: string };

type Words = { subject: string; lines: (data: Record<string, unknown>, link: (path: string) => string) => { text: string[]; button?: { label: string; href: string } } };

// Plain, short messages in both languages. (MJML layouts come with broadcasts.)
const templates: Record<string, Record<Locale, Words>> = {
  'signup-confirm': {
    en: {
      subject: 'Please confirm your subscription',
      lines: (d, link) => ({
        text: [`Hello ${String(d.givenName ?? '')},`, 'Someone, probably you, asked to receive our email. Press the button to confirm. The link works for 7 days.', 'If it was not you, ignore this message and you will hear nothing more from us.'],
        button: { label: 'Confirm my subscription', href: link(`/confirm/${String(d.token)}`) },
      }),
    },
    es: {
      subject: 'Confirma tu suscripción, por favor',
      lines: (d, link) => ({
        text: [`Hola, ${String(d.givenName ?? '')}:`, 'Alguien, probablemente tú, pidió recibir nuestros correos. Pulsa el botón para confirmar. El enlace funciona durante 7 días.', 'Si no fuiste tú, ignora este mensaje y no te escribiremos más.'],
        button: { label: 'Confirmar mi suscripción', href: link(`/confirm/${String(d.token)}`) },
      }),
    },
  },
  welcome: {
    en: {
      subject: 'Welcome: you are subscribed',
      lines: (d, link) => ({
        text: [`Welcome, ${String(d.givenName ?? '')}!`, 'Thank you for joining the movement for safety and justice. We will write when there is news, something to learn, or a moment to act.'],
        button: { label: 'Read our tips for talking about reform', href: link('/tips') },
      }),
    },
    es: {
      subject: 'Bienvenida: ya estás suscrito o suscrita',
      lines: (d, link) => ({
        text: [`¡Te damos la bienvenida, ${String(d.givenName ?? '')}!`, 'Gracias por sumarte al movimiento por la seguridad y la justicia. Te escribiremos cuando haya noticias, algo que aprender o un momento para actuar.'],
        button: { label: 'Lee nuestros consejos para hablar de la reforma', href: link('/tips') },
      }),
    },
  },
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Renders an outbox row into the message for the wire: a plain-text part and a simple HTML part. */
export function templateRenderer(sender: () => Promise<Sender>): RenderEmail {
  return async (row: OutboxRow) => {
    const s = await sender();
    const words = templates[row.template]?.[row.locale];
    if (!words) throw new Error(`no email template "${row.template}" for ${row.locale}`);
    const link = (path: string) => s.publicUrl + localizedPath(row.locale, path);
    const body = words.lines(row.data, link);
    const footer = [s.name, s.postalAddress].filter(Boolean).join(' · ');
    const text = [...body.text, ...(body.button ? [`${body.button.label}: ${body.button.href}`] : []), '', '—', footer].join('\n\n');
    const html = `<!doctype html><html lang="${row.locale}"><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1d2330;max-width:36rem;margin:0 auto;padding:1rem">${body.text
      .map((p) => `<p>${escapeHtml(p)}</p>`)
      .join('')}${
      body.button
        ? `<p><a href="${escapeHtml(body.button.href)}" style="display:inline-block;background:#124e66;color:#fff;padding:.7rem 1.1rem;border-radius:6px;text-decoration:none;font-weight:700">${escapeHtml(body.button.label)}</a></p>`
        : ''
    }<hr><p style="font-size:.9rem;color:#4a5263">${escapeHtml(footer)}</p></body></html>`;
    return { from: `${s.name} <${s.address}>`, subject: words.subject, text, html, headers: {} };
  };
}
