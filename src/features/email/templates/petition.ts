import { localized, paragraphs, type EmailTemplate } from './define.ts';
import { retention } from '../../../platform/retention.ts';
import type { Locale } from '../../../platform/web/locale.ts';

/**
 * Merge fields as the petitions feature queues them (pending-signature.ts); a missing one renders as nothing rather
 * than "undefined".
 */
const field = (data: Record<string, unknown>, name: string) =>
  typeof data[name] === 'string' ? (data[name] as string).trim() : '';

/** The words above the button when a petition has none of its own; the petition form starts from them. */
export function standardConfirmationWords(locale: Locale, title: string): string {
  return locale === 'es'
    ? `Gracias por firmar «${title}». Pulsa el botón para confirmar tu firma: ` +
        `solo cuentan las firmas confirmadas. ` +
        `El enlace funciona durante ${retention.unconfirmedDays} días.`
    : `Thank you for signing “${title}”. Press the button to confirm your signature: ` +
        `only confirmed signatures count. The link works for ${retention.unconfirmedDays} days.`;
}

/**
 * The petition's own words above the button (staff write them per petition
 * and language), a paragraph per blank line; undefined when it has none.
 */
function petitionParagraphs(data: Record<string, unknown>): string[] | undefined {
  const message = field(data, 'message');
  return message
    ? message
        .split(/\r?\n\s*\r?\n/)
        .map((p) => p.trim())
        .filter(Boolean)
    : undefined;
}

/**
 * The link that confirms a petition signature. Transactional: it answers
 * something the person just did, so it carries no list links. The link
 * opens a page with a Confirm button; opening it confirms nothing, so a mail
 * scanner that follows links cannot sign for anyone.
 */
export const petitionTemplates: Record<'petition-confirm', EmailTemplate> = {
  'petition-confirm': localized({
    en: (row, ctx) => {
      const name = field(row.data, 'givenName');
      const title = field(row.data, 'title');
      return {
        subject: 'Confirm your signature',
        preheader: `One click and your signature counts. The link works for ${retention.unconfirmedDays} days.`,
        ...paragraphs([
          name ? `Hello ${name},` : 'Hello,',
          ...(petitionParagraphs(row.data) ?? [standardConfirmationWords('en', title)]),
          'If it was not you, ignore this message: nothing is signed in your name unless the button is pressed.',
        ]),
        action: {
          label: 'Confirm my signature',
          url: ctx.link(`/petitions/${field(row.data, 'slug')}/confirm/${field(row.data, 'token')}`),
        },
      };
    },
    es: (row, ctx) => {
      const name = field(row.data, 'givenName');
      const title = field(row.data, 'title');
      return {
        subject: 'Confirma tu firma',
        preheader: `Un clic y tu firma cuenta. El enlace funciona durante ${retention.unconfirmedDays} días.`,
        ...paragraphs([
          name ? `Hola, ${name}:` : 'Hola:',
          ...(petitionParagraphs(row.data) ?? [standardConfirmationWords('es', title)]),
          'Si no fuiste tú, ignora este mensaje: no se firma nada en tu nombre a menos que se pulse el botón.',
        ]),
        action: {
          label: 'Confirmar mi firma',
          url: ctx.link(`/petitions/${field(row.data, 'slug')}/confirm/${field(row.data, 'token')}`),
        },
      };
    },
  }),
};
