import type { Locale } from '../../platform/web/locale.ts';
import { paragraphs, type EmailContent, type EmailTemplate, type NewEmail } from '../email/service.ts';

// The emails to a teller: the confirmation with the deletion link, and staff's request to choose consent again.
// They never hold the story's words or the teller's name (ADR 063): an inbox is read by others, and forwarded. The
// row keeps only the story's public id and the link's token, and is forgotten once sent (`forgetWhenSent`).

export const storyTemplateNames = { received: 'story-received', consent: 'story-consent' } as const;

export const storyDeletionPath = (token: string) => `/share-your-story/delete/${token}`;
export const storyConsentPath = (token: string) => `/share-your-story/consent/${token}`;

/** The confirmation of a story just sent: the key is the story's, so it is queued once. */
export function storyReceivedEmail(args: { to: string; publicId: string; token: string; locale: Locale }): NewEmail {
  return {
    idempotencyKey: `story:${args.publicId}:received`,
    to: args.to,
    kind: 'transactional',
    template: storyTemplateNames.received,
    locale: args.locale,
    data: { publicId: args.publicId, token: args.token },
    forgetWhenSent: true,
  };
}

/** Staff's request to choose again; `asked` tells one request from the next. */
export function storyConsentEmail(args: {
  to: string;
  publicId: string;
  token: string;
  locale: Locale;
  asked: number;
}): NewEmail {
  return {
    idempotencyKey: `story:${args.publicId}:consent:${args.asked}`,
    to: args.to,
    kind: 'transactional',
    template: storyTemplateNames.consent,
    locale: args.locale,
    data: { publicId: args.publicId, token: args.token },
    forgetWhenSent: true,
  };
}

const words = {
  en: {
    received: {
      subject: 'We received your story',
      lines: [
        'Hello,',
        'Thank you for trusting us with your story. We know it may not have been easy to write.',
        'What happens next: a member of our small team will read it with care. Nothing is published unless you ' +
          'chose that, and only after staff check it and remove names and places. If you asked us to contact you ' +
          'first, we will.',
        'You can delete your story at any time with the button below. Keep this email private: anyone with the ' +
          'link can delete the story.',
      ],
      action: 'Delete my story',
    },
    consent: {
      subject: 'Please choose again how your story may be used',
      lines: [
        'Hello,',
        'Some time ago you shared your story with us. Before we do anything more with it, we would like you to ' +
          'choose again how it may be used.',
        'Nothing is published until you answer. The page does not show your story.',
      ],
      action: 'Choose how my story may be used',
    },
  },
  es: {
    received: {
      subject: 'Recibimos tu historia',
      lines: [
        'Hola:',
        'Gracias por confiarnos tu historia. Sabemos que quizás no fue fácil escribirla.',
        'Lo que pasa ahora: una persona de nuestro pequeño equipo la leerá con cuidado. No se publica nada a ' +
          'menos que lo hayas elegido, y solo después de que el equipo la revise y quite nombres y lugares. Si ' +
          'nos pediste que te contactáramos antes, lo haremos.',
        'Puedes borrar tu historia en cualquier momento con el botón de abajo. Guarda este correo en privado: ' +
          'cualquiera que tenga el enlace puede borrar la historia.',
      ],
      action: 'Borrar mi historia',
    },
    consent: {
      subject: 'Por favor, elige de nuevo cómo se puede usar tu historia',
      lines: [
        'Hola:',
        'Hace un tiempo compartiste tu historia con nosotros. Antes de hacer algo más con ella, queremos que ' +
          'elijas de nuevo cómo se puede usar.',
        'No se publica nada hasta que respondas. La página no muestra tu historia.',
      ],
      action: 'Elegir cómo se puede usar mi historia',
    },
  },
} satisfies Record<Locale, unknown>;

const tokenOf = (data: Record<string, unknown>) => (typeof data.token === 'string' ? data.token : '');

/** The two templates, registered by the app's email runtime. */
export function storyTemplates(): Record<string, EmailTemplate> {
  const template = (kind: 'received' | 'consent', path: (token: string) => string): EmailTemplate => ({
    render: (row, ctx): EmailContent => {
      const t = words[ctx.locale][kind];
      return {
        subject: t.subject,
        preheader: t.lines[1],
        ...paragraphs(t.lines),
        action: { label: t.action, url: ctx.link(path(tokenOf(row.data))) },
      };
    },
  });
  return {
    [storyTemplateNames.received]: template('received', storyDeletionPath),
    [storyTemplateNames.consent]: template('consent', storyConsentPath),
  };
}
