import { personCheckRefusals } from '../../platform/http/person-check.tsx';
import type { Locale } from '../../platform/web/locale.ts';

/** The sign-up journey's words. The consent wording's version is recorded with each agreement. */
export const SIGNUP_WORDING_VERSION = 'signup-2026-11-27';

const en = {
  join: {
    title: 'Join the movement for safety and justice',
    intro: 'Get news about the policies we work on, ways to learn, and moments to act. We never share your address.',
    givenName: 'First name',
    familyName: 'Last name (optional)',
    email: 'Email address',
    zip: 'ZIP code (optional)',
    zipHint: 'Lets us tell you about events and legislators near you.',
    language: 'Language for our emails',
    topics: 'What would you like to receive?',
    topic: {
      newsletter: 'The newsletter',
      'action-alerts': 'Action alerts when a vote is close',
      events: 'Invitations to events',
    },
    consent:
      'We will email you a link to confirm. You can change your choices or unsubscribe from any email, at any time.',
    privacy: 'Read our privacy notice',
    honeypot: 'Leave this box empty',
    submit: 'Sign up',
    errorTitle: 'There is a problem',
    blocked: (contact: string) =>
      contact
        ? `We cannot accept sign-ups from this connection or email address. ` +
          `If you think this is a mistake, write to us at ${contact}.`
        : 'We cannot accept sign-ups from this connection or email address. ' +
          'If you think this is a mistake, please contact us.',
    challenge: {
      invalid:
        'We could not confirm that a person sent this form. ' +
        'Send it again, and give the automatic check a moment to finish.',
      expired: 'The automatic check had expired. Send the form again and it will run once more.',
      replayed: 'This form was already sent once. Send it again and a new automatic check will run.',
      ...personCheckRefusals.en,
    },
  },
  checkEmail: {
    title: 'Check your email',
    body:
      'If that address can receive our email, ' +
      'a message with a confirmation link is on its way. Open it and press Confirm to finish. ' +
      'The link works for 7 days.',
  },
  confirm: {
    title: 'Confirm your subscription',
    body: 'Press the button to confirm that you want our email.',
    button: 'Confirm',
    done: 'You are subscribed. Thank you for joining us!',
    doneTitle: 'Thank you',
    expired: 'This link has expired. Sign up again and we will send a new one.',
    used: 'This link was already used: your subscription is confirmed.',
    unknown: 'This link is not valid. Check that you copied the whole address, or sign up again.',
    again: 'Sign up again',
  },
  languageNames: { en: 'English', es: 'Spanish (español)' },
  preferences: {
    title: 'Your email preferences',
    intro: 'Choose what we send you. Unticking a box stops that email at once.',
    save: 'Save my choices',
    unsubscribeAll: 'Unsubscribe from everything',
    saved: 'Saved. Thank you for letting us know.',
    gone: 'You are unsubscribed from everything. You will get no more email from us unless you sign up again.',
    pendingNote: 'waiting for you to confirm',
    invalid: 'This link is not valid. Use the link at the bottom of one of our emails.',
  },
};
export type SignupMessages = typeof en;

const es: SignupMessages = {
  join: {
    title: 'Únete al movimiento por la seguridad y la justicia',
    intro:
      'Recibe noticias sobre las políticas que impulsamos, ' +
      'oportunidades para aprender y momentos para actuar. Nunca compartimos tu correo.',
    givenName: 'Nombre',
    familyName: 'Apellido (opcional)',
    email: 'Correo electrónico',
    zip: 'Código postal (opcional)',
    zipHint: 'Así podemos avisarte de eventos y legisladores cerca de ti.',
    language: 'Idioma de nuestros correos',
    topics: '¿Qué te gustaría recibir?',
    topic: {
      newsletter: 'El boletín',
      'action-alerts': 'Alertas para actuar cuando se acerca una votación',
      events: 'Invitaciones a eventos',
    },
    consent:
      'Te enviaremos un enlace para confirmar. ' +
      'Puedes cambiar tus preferencias o darte de baja desde cualquier correo, cuando quieras.',
    privacy: 'Lee nuestro aviso de privacidad',
    honeypot: 'Deja esta casilla vacía',
    submit: 'Suscribirme',
    errorTitle: 'Hay un problema',
    blocked: (contact) =>
      contact
        ? `No podemos aceptar suscripciones desde esta conexión o este correo. ` +
          `Si crees que es un error, escríbenos a ${contact}.`
        : 'No podemos aceptar suscripciones desde esta conexión o este correo. ' +
          'Si crees que es un error, comunícate con nosotros.',
    challenge: {
      invalid:
        'No pudimos confirmar que una persona envió este formulario. ' +
        'Vuelve a enviarlo y dale un momento a la comprobación automática para terminar.',
      expired: 'La comprobación automática había vencido. Vuelve a enviar el formulario y se repetirá.',
      replayed: 'Este formulario ya se envió una vez. Vuelve a enviarlo y se hará una nueva comprobación automática.',
      ...personCheckRefusals.es,
    },
  },
  checkEmail: {
    title: 'Revisa tu correo',
    body:
      'Si esa dirección puede recibir nuestros correos, ' +
      'te llegará un mensaje con un enlace para confirmar. ' +
      'Ábrelo y pulsa Confirmar para terminar. El enlace funciona durante 7 días.',
  },
  confirm: {
    title: 'Confirma tu suscripción',
    body: 'Pulsa el botón para confirmar que quieres recibir nuestros correos.',
    button: 'Confirmar',
    done: '¡Ya estás suscrito o suscrita! Gracias por sumarte.',
    doneTitle: 'Gracias',
    expired: 'Este enlace ya venció. Vuelve a suscribirte y te enviaremos uno nuevo.',
    used: 'Este enlace ya se usó: tu suscripción está confirmada.',
    unknown: 'Este enlace no es válido. Revisa que copiaste la dirección completa o vuelve a suscribirte.',
    again: 'Volver a suscribirme',
  },
  languageNames: { en: 'Inglés (English)', es: 'Español' },
  preferences: {
    title: 'Tus preferencias de correo',
    intro: 'Elige qué te enviamos. Si desmarcas una casilla, dejamos de enviarte ese correo de inmediato.',
    save: 'Guardar mis preferencias',
    unsubscribeAll: 'Darme de baja de todo',
    saved: 'Guardado. Gracias por avisarnos.',
    gone: 'Te diste de baja de todo. No te enviaremos más correos a menos que vuelvas a suscribirte.',
    pendingNote: 'esperando tu confirmación',
    invalid: 'Este enlace no es válido. Usa el enlace que aparece al final de nuestros correos.',
  },
};

export function signupMessages(locale: Locale): SignupMessages {
  return locale === 'es' ? es : en;
}

/** Field errors from the service's zod schema, in the visitor's language. */
export function translateError(message: string, locale: Locale): string {
  if (locale === 'en') return message;
  const map: Record<string, string> = {
    'Enter your first name': 'Escribe tu nombre',
    'Enter your email address': 'Escribe tu correo electrónico',
    'Enter an email address like name@example.org': 'Escribe un correo como nombre@ejemplo.org',
    'Enter a 5-digit ZIP code, or leave it empty': 'Escribe un código postal de 5 dígitos, o déjalo vacío',
    'Choose at least one kind of email': 'Elige al menos un tipo de correo',
    'Use 100 characters or fewer': 'Usa 100 caracteres o menos',
    'Use 254 characters or fewer': 'Usa 254 caracteres o menos',
    'Use only letters, numbers, spaces and punctuation': 'Usa solo letras, números, espacios y signos de puntuación',
  };
  return map[message] ?? 'Revisa este dato';
}
