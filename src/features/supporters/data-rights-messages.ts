import type { Locale } from '../../platform/web/locale.ts';

/** The words of a supporter's data rights on their preferences page: a copy of their data, and erasure. */
const en = {
  heading: 'Your data',
  intro: 'You can download a copy of everything we hold about you, or ask us to delete all of it.',
  download: 'Download my data',
  downloadHint: 'A JSON file with your details, your choices, what you agreed to and when, and the emails we sent you.',
  deleteLink: 'Delete everything you hold about me',
  confirmTitle: 'Delete everything we hold about you?',
  confirmBody:
    'We will delete your details, your email choices, the record of what you agreed to and the list of emails we sent you. You will get no more email from us. This cannot be undone.',
  keptNote: 'If an email to you bounced or you reported one as spam, we keep only your address on a do-not-email list, so that we never write to it by mistake.',
  confirmButton: 'Yes, delete everything',
  pressButton: 'To delete your data, press “Yes, delete everything”.',
  errorTitle: 'There is a problem',
  cancel: 'No, take me back',
  doneTitle: 'Your data is deleted',
  doneBody: 'We have deleted everything we held about you, and you will get no more email from us. If you want to hear from us again one day, you can sign up again.',
  nothingHeld: 'We hold nothing about you any more, so there is nothing to change or unsubscribe.',
  fileName: 'my-data.json',
};
export type DataRightsMessages = typeof en;

const es: DataRightsMessages = {
  heading: 'Tus datos',
  intro: 'Puedes descargar una copia de todo lo que guardamos sobre ti, o pedirnos que lo borremos todo.',
  download: 'Descargar mis datos',
  downloadHint: 'Un archivo JSON con tus datos, tus preferencias, lo que aceptaste y cuándo, y los correos que te enviamos.',
  deleteLink: 'Borrar todo lo que guardan sobre mí',
  confirmTitle: '¿Borramos todo lo que guardamos sobre ti?',
  confirmBody:
    'Borraremos tus datos, tus preferencias de correo, el registro de lo que aceptaste y la lista de correos que te enviamos. No recibirás más correos nuestros. Esto no se puede deshacer.',
  keptNote:
    'Si un correo que te enviamos rebotó o lo marcaste como spam, solo guardamos tu dirección en una lista de “no enviar”, para no escribirte nunca por error.',
  confirmButton: 'Sí, borrar todo',
  pressButton: 'Para borrar tus datos, pulsa «Sí, borrar todo».',
  errorTitle: 'Hay un problema',
  cancel: 'No, volver',
  doneTitle: 'Tus datos están borrados',
  doneBody: 'Borramos todo lo que guardábamos sobre ti y no recibirás más correos nuestros. Si algún día quieres volver a saber de nosotros, puedes suscribirte de nuevo.',
  nothingHeld: 'Ya no guardamos nada sobre ti, así que no hay nada que cambiar ni de qué darte de baja.',
  fileName: 'mis-datos.json',
};

export function dataRightsMessages(locale: Locale): DataRightsMessages {
  return locale === 'es' ? es : en;
}
