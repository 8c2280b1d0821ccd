import type { Locale } from '../../platform/web/locale.ts';
import { paragraphs, type EmailContent, type EmailTemplate, type NewEmail } from '../email/service.ts';
import type { RequestKind } from './schema.ts';

// The emails of a privacy request, in the language the person asked in. They hold no name, no record, nothing of
// the request but its kind: the row keeps only the kind and the link's token, and forgets both, and the address,
// once sent (`forgetWhenSent`, ADR 064). Each is keyed `privacy:<request id>:…`.

export const privacyTemplateNames = {
  confirm: 'privacy-confirm',
  nothingHeld: 'privacy-nothing-held',
  erased: 'privacy-erased',
} as const;

export const confirmPath = (token: string) => `/privacy/confirm/${token}`;

function email(
  requestId: number,
  step: string,
  to: string,
  locale: Locale,
  template: string,
  data: Record<string, unknown>,
): NewEmail {
  return {
    idempotencyKey: `privacy:${requestId}:${step}`,
    to,
    kind: 'transactional',
    template,
    locale,
    data,
    forgetWhenSent: true,
  };
}

export const confirmEmail = (id: number, to: string, locale: Locale, kind: RequestKind, token: string) =>
  email(id, 'confirm', to, locale, privacyTemplateNames.confirm, { kind, token });
export const nothingHeldEmail = (id: number, to: string, locale: Locale, kind: RequestKind) =>
  email(id, 'nothing-held', to, locale, privacyTemplateNames.nothingHeld, { kind });
export const erasedEmail = (id: number, to: string, locale: Locale) =>
  email(id, 'erased', to, locale, privacyTemplateNames.erased, {});

const words = {
  en: {
    what: {
      copy: 'a copy of the data we hold about you',
      correction: 'a correction of the data we hold about you',
      deletion: 'the deletion of the data we hold about you',
    } satisfies Record<RequestKind, string>,
    confirm: {
      subject: 'Confirm your privacy request',
      lines: (what: string) => [
        'Hello,',
        `Someone, we hope you, asked us for ${what} using this email address.`,
        'If it was you, confirm with the button below within 24 hours. If it was not you, ignore this email: ' +
          'nothing happens without your confirmation.',
      ],
      action: 'Confirm my request',
    },
    nothingHeld: {
      subject: 'Your privacy request',
      lines: (what: string) => [
        'Hello,',
        `Someone, we hope you, asked us for ${what} using this email address.`,
        'We hold no record under this address, so there is nothing to send, correct or delete. If you have written ' +
          'to us or signed with another address, make the request again with that one.',
      ],
    },
    erased: {
      subject: 'Your data is deleted',
      lines: [
        'Hello,',
        'As you asked and confirmed, we have deleted your record and everything that went with it: your details, ' +
          'subscriptions, signatures, RSVPs, letters and stories shared from this address. Petitions keep only ' +
          'their number of signatures.',
        'This is the last email we send to this address, unless you sign up again.',
      ],
    },
  },
  es: {
    what: {
      copy: 'una copia de los datos que tenemos sobre ti',
      correction: 'una corrección de los datos que tenemos sobre ti',
      deletion: 'que borremos los datos que tenemos sobre ti',
    },
    confirm: {
      subject: 'Confirma tu solicitud de privacidad',
      lines: (what: string) => [
        'Hola:',
        `Alguien, esperamos que tú, nos pidió ${what} con este correo electrónico.`,
        'Si fuiste tú, confírmalo con el botón de abajo en las próximas 24 horas. Si no fuiste tú, ignora este ' +
          'correo: no pasa nada sin tu confirmación.',
      ],
      action: 'Confirmar mi solicitud',
    },
    nothingHeld: {
      subject: 'Tu solicitud de privacidad',
      lines: (what: string) => [
        'Hola:',
        `Alguien, esperamos que tú, nos pidió ${what} con este correo electrónico.`,
        'No tenemos ningún registro con este correo, así que no hay nada que enviar, corregir ni borrar. Si nos ' +
          'escribiste o firmaste con otro correo, haz la solicitud de nuevo con ese.',
      ],
    },
    erased: {
      subject: 'Tus datos están borrados',
      lines: [
        'Hola:',
        'Como pediste y confirmaste, borramos tu registro y todo lo que iba con él: tus datos, suscripciones, ' +
          'firmas, inscripciones, cartas e historias compartidas desde este correo. Las peticiones conservan solo ' +
          'su número de firmas.',
        'Este es el último correo que enviamos a esta dirección, a menos que te vuelvas a inscribir.',
      ],
    },
  },
} satisfies Record<Locale, unknown>;

const kindOf = (data: Record<string, unknown>): RequestKind =>
  data.kind === 'correction' || data.kind === 'deletion' ? data.kind : 'copy';
const tokenOf = (data: Record<string, unknown>) => (typeof data.token === 'string' ? data.token : '');

/** The three templates, registered by the app's email runtime. */
export function privacyTemplates(): Record<string, EmailTemplate> {
  return {
    [privacyTemplateNames.confirm]: {
      render: (row, ctx): EmailContent => {
        const t = words[ctx.locale];
        const lines = t.confirm.lines(t.what[kindOf(row.data)]);
        return {
          subject: t.confirm.subject,
          preheader: lines[1],
          ...paragraphs(lines),
          action: { label: t.confirm.action, url: ctx.link(confirmPath(tokenOf(row.data))) },
        };
      },
    },
    [privacyTemplateNames.nothingHeld]: {
      render: (row, ctx): EmailContent => {
        const t = words[ctx.locale];
        const lines = t.nothingHeld.lines(t.what[kindOf(row.data)]);
        return { subject: t.nothingHeld.subject, preheader: lines[1], ...paragraphs(lines) };
      },
    },
    [privacyTemplateNames.erased]: {
      render: (_row, ctx): EmailContent => {
        const t = words[ctx.locale].erased;
        return { subject: t.subject, preheader: t.lines[1], ...paragraphs(t.lines) };
      },
    },
  };
}
