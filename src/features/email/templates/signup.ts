import { localized, paragraphs, type EmailTemplate } from './define.ts';

/** The merge field, as the supporters feature queues it; a name can be empty for an imported person. */
const givenName = (data: Record<string, unknown>) => (typeof data.givenName === 'string' ? data.givenName.trim() : '');

/**
 * The double opt-in and welcome messages, and a new link to the preferences
 * page sent at the person's request, queued by the supporters feature.
 * Transactional: no list links.
 */
export const signupTemplates: Record<'signup-confirm' | 'welcome' | 'preferences-link', EmailTemplate> = {
  'signup-confirm': localized({
    en: (row, ctx) => {
      const name = givenName(row.data);
      return {
        subject: 'Please confirm your subscription',
        preheader: 'One click and you are on the list. The link works for 7 days.',
        ...paragraphs([
          name ? `Hello ${name},` : 'Hello,',
          'Someone, probably you, asked to receive our email. Press the button to confirm. The link works for 7 days.',
          'If it was not you, ignore this message and you will hear nothing more from us.',
        ]),
        action: { label: 'Confirm my subscription', url: ctx.link(`/confirm/${String(row.data.token)}`) },
      };
    },
    es: (row, ctx) => {
      const name = givenName(row.data);
      return {
        subject: 'Confirma tu suscripción, por favor',
        preheader: 'Un clic y estarás en la lista. El enlace funciona durante 7 días.',
        ...paragraphs([
          name ? `Hola, ${name}:` : 'Hola:',
          'Alguien, probablemente tú, pidió recibir nuestros correos. ' +
            'Pulsa el botón para confirmar. El enlace funciona durante 7 días.',
          'Si no fuiste tú, ignora este mensaje y no te escribiremos más.',
        ]),
        action: { label: 'Confirmar mi suscripción', url: ctx.link(`/confirm/${String(row.data.token)}`) },
      };
    },
  }),
  welcome: localized({
    en: (row, ctx) => {
      const name = givenName(row.data);
      return {
        subject: 'Welcome: you are subscribed',
        preheader: 'Thank you for joining the movement for safety and justice.',
        ...paragraphs([
          name ? `Welcome, ${name}!` : 'Welcome!',
          'Thank you for joining the movement for safety and justice. ' +
            'We will write when there is news, something to learn, or a moment to act.',
        ]),
        action: { label: 'Read our tips for talking about reform', url: ctx.link('/tips') },
      };
    },
    es: (row, ctx) => {
      const name = givenName(row.data);
      return {
        subject: 'Bienvenida: ya estás suscrito o suscrita',
        preheader: 'Gracias por sumarte al movimiento por la seguridad y la justicia.',
        ...paragraphs([
          name ? `¡Te damos la bienvenida, ${name}!` : '¡Te damos la bienvenida!',
          'Gracias por sumarte al movimiento por la seguridad y la justicia. ' +
            'Te escribiremos cuando haya noticias, algo que aprender o un momento para actuar.',
        ]),
        action: { label: 'Lee nuestros consejos para hablar de la reforma', url: ctx.link('/tips') },
      };
    },
  }),
  'preferences-link': localized({
    en: (row, ctx) => ({
      subject: 'Your link to your email preferences',
      preheader: 'For one hour it can also download or delete your data.',
      ...paragraphs([
        'Hello,',
        'Here is the link you asked for. It opens your email preferences for 90 days. ' +
          'For the next hour it can also download a copy of your data or delete it.',
        'If you did not ask for it, you can ignore this message: nothing changes, and only you received this link.',
      ]),
      action: { label: 'Open my preferences', url: ctx.link(`/preferences/${String(row.data.token)}`) },
    }),
    es: (row, ctx) => ({
      subject: 'Tu enlace a tus preferencias de correo',
      preheader: 'Durante una hora también sirve para descargar o borrar tus datos.',
      ...paragraphs([
        'Hola:',
        'Aquí tienes el enlace que pediste. Abre tus preferencias de correo durante 90 días. ' +
          'Durante la próxima hora también sirve para descargar una copia de tus datos o borrarlos.',
        'Si no lo pediste, puedes ignorar este mensaje: no cambia nada y solo tú recibiste este enlace.',
      ]),
      action: { label: 'Abrir mis preferencias', url: ctx.link(`/preferences/${String(row.data.token)}`) },
    }),
  }),
};
