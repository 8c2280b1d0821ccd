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
    'We will delete your details, your email choices, ' +
    'the record of what you agreed to and the list of emails we sent you. ' +
    'You will get no more email from us. This cannot be undone.',
  keptNote:
    'If an email to you bounced or you reported one as spam, ' +
    'we keep only your address on a do-not-email list, ' +
    'so that we never write to it by mistake.',
  confirmButton: 'Yes, delete everything',
  pressButton: 'To delete your data, press “Yes, delete everything”.',
  errorTitle: 'There is a problem',
  cancel: 'No, take me back',
  doneTitle: 'Your data is deleted',
  doneBody:
    'We have deleted everything we held about you, and you will get no more email from us. ' +
    'If you want to hear from us again one day, you can sign up again.',
  nothingHeld: 'We hold nothing about you any more, so there is nothing to change or unsubscribe.',
  fileName: 'my-data.json',
  freshNeeded:
    'To keep your data safe from anyone else who can open your email, ' +
    'we first email you a new link. That link can download or delete your data for one hour.',
  sendLink: 'Email me a new link',
  stillUnsubscribe: 'You can still stop all our email with this link.',
  stale:
    'This link no longer works: ' +
    'it is old, or you asked that links in earlier emails stop working. ' +
    'We can email a new one to the address we have for you.',
  sentTitle: 'Check your email',
  sent:
    'If we have your address, we have emailed you a new link. ' +
    'It opens your preferences, and for one hour it can also download or delete your data.',
  olderHeading: 'Links in earlier emails',
  olderIntro:
    'If someone else may read your email, ' +
    'you can stop the links in emails we already sent from opening this page. ' +
    'Unsubscribing from those emails still works. We will email you a new link.',
  stopOlder: 'Stop older links working',
  stoppedTitle: 'Older links stopped',
  stopped:
    'Links in emails we sent you before now no longer open your preferences. ' +
    'We have emailed you a new link, unless we already sent you three today.',
};
export type DataRightsMessages = typeof en;

const es: DataRightsMessages = {
  heading: 'Tus datos',
  intro: 'Puedes descargar una copia de todo lo que guardamos sobre ti, o pedirnos que lo borremos todo.',
  download: 'Descargar mis datos',
  downloadHint:
    'Un archivo JSON con tus datos, tus preferencias, lo que aceptaste y cuándo, y los correos que te enviamos.',
  deleteLink: 'Borrar todo lo que guardan sobre mí',
  confirmTitle: '¿Borramos todo lo que guardamos sobre ti?',
  confirmBody:
    'Borraremos tus datos, tus preferencias de correo, ' +
    'el registro de lo que aceptaste y la lista de correos que te enviamos. ' +
    'No recibirás más correos nuestros. Esto no se puede deshacer.',
  keptNote:
    'Si un correo que te enviamos rebotó o lo marcaste como spam, ' +
    'solo guardamos tu dirección en una lista de “no enviar”, ' +
    'para no escribirte nunca por error.',
  confirmButton: 'Sí, borrar todo',
  pressButton: 'Para borrar tus datos, pulsa «Sí, borrar todo».',
  errorTitle: 'Hay un problema',
  cancel: 'No, volver',
  doneTitle: 'Tus datos están borrados',
  doneBody:
    'Borramos todo lo que guardábamos sobre ti y no recibirás más correos nuestros. ' +
    'Si algún día quieres volver a saber de nosotros, puedes suscribirte de nuevo.',
  nothingHeld: 'Ya no guardamos nada sobre ti, así que no hay nada que cambiar ni de qué darte de baja.',
  fileName: 'mis-datos.json',
  freshNeeded:
    'Para proteger tus datos de cualquier otra persona que pueda abrir tu correo, ' +
    'primero te enviamos un enlace nuevo. ' +
    'Ese enlace sirve para descargar o borrar tus datos durante una hora.',
  sendLink: 'Envíame un enlace nuevo',
  stillUnsubscribe: 'Con este enlace todavía puedes dejar de recibir todos nuestros correos.',
  stale:
    'Este enlace ya no funciona: ' +
    'es antiguo, o pediste que los enlaces de correos anteriores dejaran de funcionar. ' +
    'Podemos enviarte uno nuevo a la dirección que tenemos.',
  sentTitle: 'Revisa tu correo',
  sent:
    'Si tenemos tu dirección, te enviamos un enlace nuevo. ' +
    'Abre tus preferencias y, durante una hora, ' +
    'también sirve para descargar o borrar tus datos.',
  olderHeading: 'Enlaces de correos anteriores',
  olderIntro:
    'Si otra persona puede leer tu correo, ' +
    'puedes hacer que los enlaces de los correos que ya te enviamos dejen de abrir esta página. ' +
    'Darte de baja desde esos correos seguirá funcionando. ' +
    'Te enviaremos un enlace nuevo.',
  stopOlder: 'Desactivar los enlaces anteriores',
  stoppedTitle: 'Enlaces anteriores desactivados',
  stopped:
    'Los enlaces de los correos que te enviamos antes ya no abren tus preferencias. ' +
    'Te enviamos un enlace nuevo, salvo que ya te hayamos enviado tres hoy.',
};

export function dataRightsMessages(locale: Locale): DataRightsMessages {
  return locale === 'es' ? es : en;
}
