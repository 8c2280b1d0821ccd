import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { LoadingCache } from '../../platform/cache.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { escapeHtml, type EmailContent, type EmailTemplate, type TemplateContext } from '../email/service.ts';
import { eventCalendar } from './calendar.ts';
import { eventById, type EventDetails } from './events-read.ts';
import { REMINDER_TEMPLATE } from './reminders.ts';
import { whenText } from './rsvp-emails.ts';
import { rsvpManagePath } from './rsvp-records.ts';
import { eventRsvps, type ReminderKind } from './schema.ts';

/** What the reminder needs besides its outbox row. */
export type ReminderEmailDeps = {
  db: Db;
  /**
   * The manage page's token from the RSVP's stored nonce (an HMAC with SECRET_KEY, made by the RSVP code), so the
   * reminder carries the same working link as the confirmation while the outbox holds none. Absent (a test of the
   * words alone), the reminder points to the confirmation's link instead.
   */
  manageToken?: ((nonce: string) => string) | undefined;
};

/** Why a queued reminder is not sent after all: the worker records it as the message's failure. */
export class ReminderWithdrawn extends Error {}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "Saturday, March 7" in the event's zone: the subject's day. */
function eventDay(event: EventDetails, locale: Locale): string {
  const key = `${locale}:${event.timeZone}`;
  let format = dayFormats.get(key);
  if (!format) {
    const tag = locale === 'es' ? 'es-US' : 'en-US';
    format = new Intl.DateTimeFormat(tag, { timeZone: event.timeZone, weekday: 'long', month: 'long', day: 'numeric' });
    dayFormats.set(key, format);
  }
  return format.format(event.startsAt);
}

/** A line of the body in both parts: `html` is trusted (anything merged in escaped by the caller). */
type Line = { text: string; html: string };
const plain = (text: string): Line => ({ text, html: escapeHtml(text) });
const linked = (before: string, label: string, url: string): Line => ({
  text: `${before}${label}: ${url}`,
  html: `${escapeHtml(before)}<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`,
});

/** Only a web address becomes a link or a button: staff type the join link, and a javascript: URL is no place to go. */
const webAddress = (url: string) => /^https?:\/\/[^\s]+$/i.test(url.trim());

const words = {
  en: {
    subject: (title: string, day: string) => `Reminder: ${title}, ${day}`,
    hello: (name: string) => (name ? `Hello ${name},` : 'Hello,'),
    lead: (kind: ReminderKind, title: string) =>
      kind === 'day'
        ? `“${title}” is almost here, and we look forward to seeing you.`
        : `A reminder that you are coming to “${title}”. We are glad you will be there.`,
    when: 'When: ',
    where: 'Where: ',
    online: 'Online. ',
    join: 'Join here',
    sessions: 'Your sessions: ',
    access: 'Access: ',
    sample: 'This is a sample event on a demonstration site.',
    cancelBefore: 'Can’t come any more? Please ',
    cancel: 'change or cancel your RSVP',
    cancelWhy: ', so that someone on the waitlist can have your seat.',
    cancelByConfirmation:
      'Can’t come any more? Please use the link in the email that confirmed your RSVP to change or cancel it, ' +
      'so that someone on the waitlist can have your seat.',
    joinButton: 'Join online',
    manageButton: 'Change or cancel my RSVP',
    eventButton: 'See the event',
  },
  es: {
    subject: (title: string, day: string) => `Recordatorio: ${title}, ${day}`,
    hello: (name: string) => (name ? `Hola, ${name}:` : 'Hola:'),
    lead: (kind: ReminderKind, title: string) =>
      kind === 'day'
        ? `«${title}» ya casi llega, y te esperamos con gusto.`
        : `Te recordamos que te inscribiste para «${title}». Nos alegra que vengas.`,
    when: 'Cuándo: ',
    where: 'Dónde: ',
    online: 'En línea. ',
    join: 'Enlace para unirte',
    sessions: 'Tus sesiones: ',
    access: 'Accesibilidad: ',
    sample: 'Este es un evento de muestra de un sitio de demostración.',
    cancelBefore: '¿Ya no puedes venir? Por favor, ',
    cancel: 'cambia o cancela tu inscripción',
    cancelWhy: ', así otra persona de la lista de espera puede ocupar tu lugar.',
    cancelByConfirmation:
      '¿Ya no puedes venir? Usa el enlace del correo que confirmó tu inscripción para cambiarla o cancelarla, ' +
      'así otra persona de la lista de espera puede ocupar tu lugar.',
    joinButton: 'Unirme en línea',
    manageButton: 'Cambiar o cancelar mi inscripción',
    eventButton: 'Ver el evento',
  },
} satisfies Record<Locale, unknown>;

/** The reminder's words, from the event as it is now and the attendee's RSVP. */
export function reminderContent(
  reminder: { kind: ReminderKind; givenName: string; sessionIds: number[]; manageUrl: string | undefined },
  event: EventDetails,
  ctx: Pick<TemplateContext, 'locale' | 'link'>,
): EmailContent {
  const w = words[ctx.locale];
  const title = event.text.title;
  const when = whenText(event, ctx.locale);
  const joinUrl = event.joinUrl.trim();
  const place = [event.venue, event.address]
    .map((s) => s.trim())
    .filter(Boolean)
    .join(', ');
  const sessions = event.sessions.filter((s) => reminder.sessionIds.includes(s.id)).map((s) => s.title);
  const lines: Line[] = [
    plain(w.hello(reminder.givenName)),
    plain(w.lead(reminder.kind, title)),
    plain(w.when + when),
    event.format === 'online'
      ? webAddress(joinUrl)
        ? linked(w.where + w.online, w.join, joinUrl)
        : plain(w.where + w.online.trim())
      : plain(w.where + place),
    ...(sessions.length > 0 ? [plain(w.sessions + sessions.join('; '))] : []),
    ...(event.text.accessibilityNotes.trim() ? [plain(w.access + event.text.accessibilityNotes.trim())] : []),
    ...(event.isDemo ? [plain(w.sample)] : []),
    reminder.manageUrl
      ? {
          text: `${w.cancelBefore}${w.cancel}${w.cancelWhy} ${reminder.manageUrl}`,
          html:
            `${escapeHtml(w.cancelBefore)}<a href="${escapeHtml(reminder.manageUrl)}">${escapeHtml(w.cancel)}</a>` +
            escapeHtml(w.cancelWhy),
        }
      : plain(w.cancelByConfirmation),
  ];
  const action =
    event.format === 'online' && webAddress(joinUrl)
      ? { label: w.joinButton, url: joinUrl }
      : reminder.manageUrl
        ? { label: w.manageButton, url: reminder.manageUrl }
        : { label: w.eventButton, url: ctx.link(`/events/${event.slug}`) };
  return {
    subject: w.subject(title, eventDay(event, ctx.locale)),
    preheader: `${when} · ${event.format === 'online' ? w.online.trim() : place}`,
    bodyHtml: lines.map((l) => `<p>${l.html}</p>`).join('\n'),
    bodyText: lines.map((l) => l.text).join('\n\n'),
    action,
  };
}

const field = (data: Record<string, unknown>, name: string) =>
  typeof data[name] === 'string' ? (data[name] as string).trim() : '';
const idField = (data: Record<string, unknown>, name: string) => {
  const value = Number(data[name]);
  return Number.isSafeInteger(value) ? value : undefined;
};

/**
 * The reminder template. It reads the event as the message goes out, with its calendar file, both kept ten seconds
 * (5,000 reminders read the event and build the file a handful of times: building one takes a few hundred
 * milliseconds of the process's time), and the RSVP itself: a reminder queued before the event or the RSVP was
 * cancelled is withdrawn.
 */
export function eventReminderTemplates(deps: ReminderEmailDeps): Record<typeof REMINDER_TEMPLATE, EmailTemplate> {
  type Loaded = { event: EventDetails; calendar: string } | undefined;
  const events = new LoadingCache<string, Loaded>({ max: 200, freshMs: 10_000 });
  const load = async (eventId: number, locale: Locale, sender: TemplateContext['sender']): Promise<Loaded> => {
    const event = await eventById(deps.db, eventId, locale);
    if (!event) return undefined;
    // The event as it is now: its SEQUENCE updates the entry the confirmation's file made.
    const calendar = eventCalendar([event], { publicUrl: sender.publicUrl, name: sender.name, locale, joinUrl: true });
    return { event, calendar };
  };
  return {
    [REMINDER_TEMPLATE]: {
      async render(row, ctx) {
        const rsvpId = idField(row.data, 'rsvpId');
        const eventId = idField(row.data, 'eventId');
        const kind: ReminderKind = row.data.kind === 'day' ? 'day' : 'week';
        if (rsvpId === undefined || eventId === undefined) throw new Error('event reminder without its RSVP');
        const [rsvp] = await deps.db
          .select({
            status: eventRsvps.status,
            sessionIds: eventRsvps.sessionIds,
            nonce: eventRsvps.manageTokenNonce,
          })
          .from(eventRsvps)
          .where(eq(eventRsvps.id, rsvpId));
        const loaded = await events.get(`${eventId}:${row.locale}`, () => load(eventId, row.locale, ctx.sender));
        if (rsvp?.status !== 'confirmed' || loaded?.event.status !== 'published')
          throw new ReminderWithdrawn(
            'event reminder withdrawn: the RSVP or the event was cancelled after it was queued',
          );
        const token = deps.manageToken?.(rsvp.nonce);
        const content = reminderContent(
          {
            kind,
            givenName: field(row.data, 'givenName'),
            sessionIds: rsvp.sessionIds,
            manageUrl: token ? ctx.link(rsvpManagePath(token)) : undefined,
          },
          loaded.event,
          ctx,
        );
        const file = { filename: `${loaded.event.slug}.ics`, contentType: 'text/calendar; method=PUBLISH' };
        return { ...content, attachments: [{ ...file, content: loaded.calendar }] };
      },
    },
  };
}
