import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { escapeHtml } from '../../platform/web/escape.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { enqueueEmail, type EmailContent, type EmailTemplate } from '../email/service.ts';
import { supporterContact } from '../supporters/service.ts';
import { eventById } from './events-read.ts';
import { eventRsvps } from './schema.ts';
import { whenText } from './rsvp-emails.ts';

/**
 * When staff cancel an event, everyone coming or waiting is told, in their language, in the transaction that
 * cancels it: nobody travels to the Capitol for a day that is off. Queued once per RSVP (the key), so cancelling
 * twice, or a retry, tells no one twice.
 */
export const EVENT_CANCELLED_TEMPLATE = 'event-cancelled';

export async function queueCancellationEmails(tx: Db, eventId: number, emailDomain: string): Promise<number> {
  const people = await rowsOf<{ id: number | string; email: string; given_name: string; locale: Locale }>(
    tx,
    sql`select ${eventRsvps.id} as id, ${supporterContact.email} as email, ${supporterContact.givenName} as given_name,
          ${eventRsvps.locale} as locale
        from ${eventRsvps} ${supporterContact.join(eventRsvps.supporterId)}
        where ${eventRsvps.eventId} = ${eventId} and ${eventRsvps.status} in ('confirmed', 'waitlisted')
        order by ${eventRsvps.id}`,
  );
  for (const person of people) {
    await enqueueEmail(
      tx,
      {
        idempotencyKey: `event-cancelled:${person.id}`,
        to: person.email,
        kind: 'transactional',
        template: EVENT_CANCELLED_TEMPLATE,
        locale: person.locale,
        data: { eventId, givenName: person.given_name },
      },
      { domain: emailDomain },
    );
  }
  return people.length;
}

const words = {
  en: {
    subject: (t: string) => `Cancelled: ${t}`,
    hello: (name: string) => (name ? `Hello ${name},` : 'Hello,'),
    lead: (t: string, when: string) =>
      `We are sorry: “${t}” (${when}) is cancelled. Please do not travel for it. If it is in your calendar, you can delete it there.`,
    more: 'Other ways to take part are on our events page.',
    action: 'See our events',
  },
  es: {
    subject: (t: string) => `Cancelado: ${t}`,
    hello: (name: string) => (name ? `Hola, ${name}:` : 'Hola:'),
    lead: (t: string, when: string) =>
      `Lo sentimos: «${t}» (${when}) está cancelado. Por favor, no viajes para asistir. Si está en tu calendario, puedes borrarlo allí.`,
    more: 'Encontrarás otras formas de participar en nuestra página de eventos.',
    action: 'Ver nuestros eventos',
  },
} satisfies Record<Locale, unknown>;

/** The message, read from the event when it is sent, in the person's language. */
export function cancellationTemplate(db: Db): EmailTemplate {
  return {
    async render(row, ctx): Promise<EmailContent> {
      const event = await eventById(db, Number(row.data.eventId), row.locale);
      if (!event) throw new Error(`event ${String(row.data.eventId)} is gone: its cancellation email cannot be made`);
      const t = words[ctx.locale];
      const lines = [
        t.hello(typeof row.data.givenName === 'string' ? row.data.givenName : ''),
        t.lead(event.text.title, whenText(event, ctx.locale)),
        t.more,
      ];
      return {
        subject: t.subject(event.text.title),
        preheader: lines[1],
        bodyHtml: lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n'),
        bodyText: lines.join('\n\n'),
        action: { label: t.action, url: ctx.link('/events') },
      };
    },
  };
}
