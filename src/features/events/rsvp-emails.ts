import type { Db } from '../../platform/db/client.ts';
import { escapeHtml } from '../../platform/web/escape.ts';
import type { Locale } from '../../platform/web/locale.ts';
import type { EmailContent, EmailTemplate, NewEmail, TemplateContext } from '../email/service.ts';
import { legislatorsFor, type Chamber } from '../reference/service.ts';
import { eventCalendar, eventUrl, webCalendarLinks } from './calendar.ts';
import { eventById, type EventDetails } from './events-read.ts';
import { rsvpManagePath } from './rsvp-records.ts';

// The emails about one RSVP: queued by rsvp.ts and rsvp-waitlist.ts in the transaction of what they
// tell, rendered by the email worker. The row keeps ids, the link's token and the person's place; the
// event, its calendar file and the legislators' names are read when the message is made.

export type RsvpEmailKind = 'confirmed' | 'waitlisted' | 'promoted' | 'cancelled';

export const rsvpTemplateNames: Record<RsvpEmailKind, string> = {
  confirmed: 'event-rsvp-confirmed',
  waitlisted: 'event-rsvp-waitlisted',
  promoted: 'event-rsvp-promoted',
  cancelled: 'event-rsvp-cancelled',
};

type RsvpFacts = {
  id: number;
  eventId: number;
  locale: Locale;
  sessionIds: number[];
  senateDistrict: number | null;
  houseDistrict: number | null;
};

/** The outbox row for one of the four messages. Its key is the moment, so a later change sends again. */
export function rsvpEmail(
  kind: RsvpEmailKind,
  args: { to: string; rsvp: RsvpFacts; token: string; givenName: string; position: number | null; now: Date },
): NewEmail {
  const { rsvp } = args;
  return {
    idempotencyKey: `event-rsvp:${rsvp.id}:${kind}:${args.now.getTime()}`,
    to: args.to,
    kind: 'transactional',
    template: rsvpTemplateNames[kind],
    locale: rsvp.locale,
    data: {
      rsvpId: rsvp.id,
      eventId: rsvp.eventId,
      token: args.token,
      givenName: args.givenName,
      position: args.position,
      sessionIds: rsvp.sessionIds,
      senateDistrict: rsvp.senateDistrict,
      houseDistrict: rsvp.houseDistrict,
    },
  };
}

const words = {
  en: {
    hello: (name: string) => (name ? `Hello ${name},` : 'Hello,'),
    sample: 'This is a sample event on a demonstration site: nobody will be there.',
    confirmed: {
      subject: (t: string) => `You're registered: ${t}`,
      lead: (t: string) => `Thank you: you have a place at “${t}”. We look forward to seeing you.`,
    },
    promoted: {
      subject: (t: string) => `A place opened up for you: ${t}`,
      lead: (t: string) =>
        `Good news: a place opened up at “${t}”, and it is yours. You are no longer on the waitlist.`,
    },
    waitlisted: {
      subject: (t: string, n: number) => `You're on the waitlist, number ${n}: ${t}`,
      lead: (t: string, n: number) =>
        `“${t}” is full, so you are on the waitlist: you are number ${n}. ` +
        'When a place opens up it goes to the first person waiting, and we will email you at once.',
    },
    cancelled: {
      subject: (t: string) => `Your RSVP is cancelled: ${t}`,
      lead: (t: string) =>
        `Your RSVP for “${t}” is cancelled. If the event is in your calendar, you can delete it there.`,
      again: 'Changed your mind? You can RSVP again on the event page while places are open.',
      action: 'See the event',
    },
    when: 'When',
    where: 'Where',
    online: 'Online',
    join: 'Join here',
    joinLater: 'We will email you the link to join before the event.',
    sessions: 'You chose',
    legislators: (senator: string, representative: string) =>
      `${[
        senator && `your state senator is ${senator}`,
        representative && `your state representative is ${representative}`,
      ]
        .filter(Boolean)
        .join(' and ')
        .replace(/^./, (c) => c.toUpperCase())}. On the day, you will meet them or their staff.`,
    district: (n: number) => `District ${n}`,
    calendar: 'Add it to your calendar: open the attached file, or use',
    manage: 'Change or cancel my RSVP',
    manageWaitlist: 'Change my RSVP or leave the waitlist',
    or: 'or',
  },
  es: {
    hello: (name: string) => (name ? `Hola, ${name}:` : 'Hola:'),
    sample: 'Este es un evento de ejemplo en un sitio de demostración: no habrá nadie allí.',
    confirmed: {
      subject: (t: string) => `Tu lugar está confirmado: ${t}`,
      lead: (t: string) => `Gracias: tienes un lugar en «${t}». Te esperamos.`,
    },
    promoted: {
      subject: (t: string) => `Se abrió un lugar para ti: ${t}`,
      lead: (t: string) => `Buenas noticias: se abrió un lugar en «${t}» y es tuyo. Ya no estás en la lista de espera.`,
    },
    waitlisted: {
      subject: (t: string, n: number) => `Estás en la lista de espera, número ${n}: ${t}`,
      lead: (t: string, n: number) =>
        `«${t}» está lleno, así que estás en la lista de espera: eres el número ${n}. ` +
        'Cuando se abra un lugar, será para la primera persona que espera, y te escribiremos enseguida.',
    },
    cancelled: {
      subject: (t: string) => `Tu inscripción está cancelada: ${t}`,
      lead: (t: string) =>
        `Tu inscripción para «${t}» está cancelada. Si el evento está en tu calendario, puedes borrarlo allí.`,
      again: '¿Cambiaste de idea? Puedes inscribirte de nuevo en la página del evento mientras haya lugares.',
      action: 'Ver el evento',
    },
    when: 'Cuándo',
    where: 'Dónde',
    online: 'En línea',
    join: 'Entra aquí',
    joinLater: 'Te enviaremos el enlace para entrar antes del evento.',
    sessions: 'Elegiste',
    legislators: (senator: string, representative: string) =>
      `${[
        senator && `tu senador o senadora estatal es ${senator}`,
        representative && `tu representante estatal es ${representative}`,
      ]
        .filter(Boolean)
        .join(' y ')
        .replace(/^./, (c) => c.toUpperCase())}. Ese día te reunirás con ellos o con su equipo.`,
    district: (n: number) => `Distrito ${n}`,
    calendar: 'Agrégalo a tu calendario: abre el archivo adjunto, o usa',
    manage: 'Cambiar o cancelar mi inscripción',
    manageWaitlist: 'Cambiar mi inscripción o salir de la lista de espera',
    or: 'o',
  },
} satisfies Record<Locale, unknown>;

/** "Tuesday, March 10, 2026, 9:30 AM – 5:00 PM PDT" in the event's zone and the reader's language. */
export function whenText(event: Pick<EventDetails, 'startsAt' | 'endsAt' | 'timeZone'>, locale: Locale): string {
  const tag = locale === 'es' ? 'es-US' : 'en-US';
  const day = { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' } as const;
  const time = { hour: 'numeric', minute: '2-digit' } as const;
  const dayOf = (d: Date) => new Intl.DateTimeFormat(tag, { timeZone: event.timeZone, ...day }).format(d);
  const start = new Intl.DateTimeFormat(tag, { timeZone: event.timeZone, ...day, ...time }).format(event.startsAt);
  const sameDay = dayOf(event.startsAt) === dayOf(event.endsAt);
  const end = new Intl.DateTimeFormat(tag, {
    timeZone: event.timeZone,
    ...(sameDay ? {} : day),
    ...time,
    timeZoneName: 'short',
  }).format(event.endsAt);
  return `${start} – ${end}`;
}

type Line = { text: string; html: string };
const plain = (text: string): Line => ({ text, html: `<p>${escapeHtml(text)}</p>` });

const num = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : null);
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

async function legislatorLine(db: Db, data: Record<string, unknown>, locale: Locale): Promise<Line | undefined> {
  const t = words[locale];
  const named = async (chamber: Chamber, district: number | null) => {
    if (district === null) return '';
    const people = await legislatorsFor(db, chamber, String(district));
    return people.length ? `${people.map((p) => p.name).join(', ')} (${t.district(district)})` : '';
  };
  const [senator, representative] = await Promise.all([
    named('upper', num(data.senateDistrict)),
    named('lower', num(data.houseDistrict)),
  ]);
  return senator || representative ? plain(t.legislators(senator, representative)) : undefined;
}

/**
 * The four templates, registered by the app's email runtime. They read the event when the message is
 * made, so the calendar file attached is the event as it is then.
 */
export function rsvpTemplates(db: Db): Record<string, EmailTemplate> {
  const render =
    (kind: RsvpEmailKind): EmailTemplate['render'] =>
    async (row, ctx) => {
      const event = await eventById(db, Number(row.data.eventId), row.locale);
      if (!event) throw new Error(`event ${String(row.data.eventId)} is gone: its RSVP email cannot be made`);
      return content(db, kind, event, row.data, ctx);
    };
  return Object.fromEntries(
    (Object.keys(rsvpTemplateNames) as RsvpEmailKind[]).map((kind) => [
      rsvpTemplateNames[kind],
      { render: render(kind) },
    ]),
  );
}

async function content(
  db: Db,
  kind: RsvpEmailKind,
  event: EventDetails,
  data: Record<string, unknown>,
  ctx: TemplateContext,
): Promise<EmailContent> {
  const locale = ctx.locale;
  const t = words[locale];
  const title = event.text.title;
  const token = str(data.token);
  const lines: Line[] = [plain(t.hello(str(data.givenName)))];
  const seated = kind === 'confirmed' || kind === 'promoted';
  const position = num(data.position) ?? 1;

  if (kind === 'cancelled') {
    lines.push(plain(t.cancelled.lead(title)), plain(t.cancelled.again));
    return finish(t.cancelled.subject(title), lines, {
      label: t.cancelled.action,
      url: eventUrl(event, ctx.sender.publicUrl, locale),
    });
  }
  lines.push(plain(kind === 'waitlisted' ? t.waitlisted.lead(title, position) : t[kind].lead(title)));
  if (event.isDemo) lines.push(plain(t.sample));
  lines.push(plain(`${t.when}: ${whenText(event, locale)}`));
  if (event.format === 'online') {
    // The join link only for those with a place: on the waitlist, it would let anyone in.
    if (seated && event.joinUrl) {
      lines.push({
        text: `${t.where}: ${t.online}. ${t.join}: ${event.joinUrl}`,
        html: `<p>${escapeHtml(`${t.where}: ${t.online}.`)} <a href="${escapeHtml(event.joinUrl)}">${escapeHtml(t.join)}</a></p>`,
      });
    } else lines.push(plain(`${t.where}: ${t.online}.${seated ? ` ${t.joinLater}` : ''}`));
  } else {
    const place = [event.venue, event.address].filter((p) => p.trim()).join(', ');
    if (place) lines.push(plain(`${t.where}: ${place}`));
  }
  const chosen = Array.isArray(data.sessionIds) ? data.sessionIds.map(Number) : [];
  const sessions = event.sessions.filter((s) => chosen.includes(s.id)).map((s) => s.title);
  if (sessions.length) lines.push(plain(`${t.sessions}: ${sessions.join('; ')}`));
  if (seated && event.meetsLegislators) {
    const legislators = await legislatorLine(db, data, locale);
    if (legislators) lines.push(legislators);
  }
  if (seated) {
    const links = webCalendarLinks(event, ctx.sender.publicUrl);
    const named = [
      ['Google Calendar', links.google],
      ['Outlook', links.outlook],
      ['Yahoo', links.yahoo],
    ] as const;
    lines.push({
      text: `${t.calendar}:\n${named.map(([name, url]) => `${name}: ${url}`).join('\n')}`,
      html: `<p>${escapeHtml(t.calendar)} ${named
        .map(([name, url]) => `<a href="${escapeHtml(url)}">${escapeHtml(name)}</a>`)
        .join(', ')}.</p>`,
    });
  }
  const subject = kind === 'waitlisted' ? t.waitlisted.subject(title, position) : t[kind].subject(title);
  const action = { label: seated ? t.manage : t.manageWaitlist, url: ctx.link(rsvpManagePath(token)) };
  const attachments = seated
    ? [
        {
          filename: `${event.slug}.ics`,
          contentType: 'text/calendar; method=PUBLISH',
          content: eventCalendar([event], { publicUrl: ctx.sender.publicUrl, name: title, locale, joinUrl: true }),
        },
      ]
    : undefined;
  return { ...finish(subject, lines, action), attachments };
}

function finish(subject: string, lines: Line[], action: { label: string; url: string }): EmailContent {
  return {
    subject,
    preheader: lines[1]?.text,
    bodyHtml: lines.map((l) => l.html).join('\n'),
    bodyText: lines.map((l) => l.text).join('\n\n'),
    action,
  };
}
