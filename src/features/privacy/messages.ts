import { personCheckRefusals } from '../../platform/http/person-check.tsx';
import type { Locale } from '../../platform/web/locale.ts';
import type { RequestKind } from './schema.ts';

/** The words of the public privacy-request pages, in each language (a missing Spanish string is a type error). */
const en = {
  request: {
    title: 'Ask for your data, a correction or deletion',
    description: 'Ask for a copy of the data we hold about you, a correction, or its deletion.',
    intro:
      'Under the Oregon Consumer Privacy Act you may ask us for a copy of what we hold about you, to correct it, or ' +
      'to delete it. We answer within 45 days.',
    how:
      'Give the email address we know you by. We will email it a link: following it confirms that the request is ' +
      'yours. Nothing happens until you do.',
    kindLegend: 'What would you like?',
    kind: {
      copy: 'A copy of my data (to download, as a file a computer can read and as a page to read)',
      correction: 'A correction of something that is wrong',
      deletion: 'Deletion of my record and everything that goes with it',
    } satisfies Record<RequestKind, string>,
    details: 'What is wrong, and what it should say',
    detailsHint: 'Only for a correction. Do not include anything we do not need.',
    email: 'Your email address',
    emailHint: 'The address you signed up, signed or wrote to us with.',
    submit: 'Send my request',
    errorTitle: 'There is a problem',
    honeypot: 'Leave this empty',
    challenge: {
      invalid:
        'We could not confirm that a person sent this form. Send it again, and give the automatic check a moment ' +
        'to finish.',
      expired: 'The automatic check had expired. Send the form again and it will run once more.',
      replayed: 'This form was already sent once. Send it again and a new automatic check will run.',
      ...personCheckRefusals.en,
    },
    errors: {
      kind: 'Choose a copy, a correction or deletion',
      email: 'Enter an email address like name@example.org',
      emailMissing: 'Enter your email address',
      detailsMissing: 'Say what is wrong and what it should say',
      plain: 'Use only letters, numbers, spaces and punctuation',
      tooLong: 'Use 2,000 characters or fewer',
    },
  },
  sent: {
    title: 'Check your email',
    body:
      'If we can act on this request, an email is on its way to that address with what to do next. The link in ' +
      'it works for 24 hours. If nothing arrives, check your spam folder, or write to us.',
  },
  confirm: {
    title: 'Confirm your request',
    body: {
      copy: 'Confirm that you want a copy of everything we hold about you. You can download it straight away.',
      correction: 'Confirm your request for a correction. Our staff will make it, or tell you why not, within 45 days.',
      deletion:
        'Confirm that you want us to delete your record: your details, subscriptions, signatures, RSVPs, letters and ' +
        'stories shared from this address. Petitions keep only the number of signatures. This cannot be undone.',
    } satisfies Record<RequestKind, string>,
    button: {
      copy: 'Confirm and get my copy',
      correction: 'Confirm my correction request',
      deletion: 'Delete everything you hold about me',
    } satisfies Record<RequestKind, string>,
    gone: 'This link has expired or was already used. You can make a new request.',
    again: 'Make a new request',
    correctionDone: 'Thank you. Your request is confirmed: our staff will answer it within 45 days.',
    correctionTitle: 'Request confirmed',
    deletedTitle: 'Your data is deleted',
    deleted:
      'We have deleted your record and everything that went with it. We have emailed you to confirm it. Petitions ' +
      'you signed keep only their count.',
  },
  copy: {
    title: 'Your copy of your data',
    intro:
      'Download what we hold about you. Each file can be downloaded once; this page works for 7 days from your ' +
      'confirmation.',
    json: 'Download as JSON (for a computer)',
    html: 'Download as a web page (to read)',
    taken: 'Already downloaded',
    gone: 'This link has expired, or both files were already downloaded. You can make a new request.',
    fileName: 'my-data',
    nothingHeld: 'We hold no record under this address.',
    htmlTitle: 'The data we hold about you',
  },
};

const es: typeof en = {
  request: {
    title: 'Pide tus datos, una corrección o que los borremos',
    description: 'Pide una copia de los datos que tenemos sobre ti, una corrección o que los borremos.',
    intro:
      'Según la Ley de Privacidad del Consumidor de Oregón puedes pedirnos una copia de lo que tenemos sobre ti, ' +
      'que lo corrijamos o que lo borremos. Respondemos en un plazo de 45 días.',
    how:
      'Escribe el correo electrónico con el que nos conoces. Le enviaremos un enlace: al seguirlo confirmas que la ' +
      'solicitud es tuya. No pasa nada hasta que lo hagas.',
    kindLegend: '¿Qué quieres?',
    kind: {
      copy: 'Una copia de mis datos (para descargar, en un archivo que lee una computadora y en una página para leer)',
      correction: 'Corregir algo que está mal',
      deletion: 'Borrar mi registro y todo lo que va con él',
    },
    details: 'Qué está mal y qué debería decir',
    detailsHint: 'Solo para una corrección. No incluyas nada que no necesitemos.',
    email: 'Tu correo electrónico',
    emailHint: 'El correo con el que te inscribiste, firmaste o nos escribiste.',
    submit: 'Enviar mi solicitud',
    errorTitle: 'Hay un problema',
    honeypot: 'Deja esto vacío',
    challenge: {
      invalid:
        'No pudimos confirmar que una persona envió este formulario. Vuelve a enviarlo y dale un momento a la ' +
        'comprobación automática para terminar.',
      expired: 'La comprobación automática había vencido. Vuelve a enviar el formulario y se repetirá.',
      replayed: 'Este formulario ya se envió una vez. Vuelve a enviarlo y se hará una nueva comprobación automática.',
      ...personCheckRefusals.es,
    },
    errors: {
      kind: 'Elige una copia, una corrección o borrar',
      email: 'Escribe un correo como nombre@ejemplo.org',
      emailMissing: 'Escribe tu correo electrónico',
      detailsMissing: 'Di qué está mal y qué debería decir',
      plain: 'Usa solo letras, números, espacios y signos de puntuación',
      tooLong: 'Usa 2.000 caracteres o menos',
    },
  },
  sent: {
    title: 'Revisa tu correo',
    body:
      'Si podemos atender esta solicitud, te llegará un correo a esa dirección con los pasos a seguir. El enlace ' +
      'funciona durante 24 horas. Si no llega nada, revisa la carpeta de spam o escríbenos.',
  },
  confirm: {
    title: 'Confirma tu solicitud',
    body: {
      copy: 'Confirma que quieres una copia de todo lo que tenemos sobre ti. Podrás descargarla enseguida.',
      correction:
        'Confirma tu solicitud de corrección. Nuestro equipo la hará, o te dirá por qué no, en un plazo de 45 días.',
      deletion:
        'Confirma que quieres que borremos tu registro: tus datos, suscripciones, firmas, inscripciones, cartas e ' +
        'historias compartidas desde este correo. Las peticiones conservan solo el número de firmas. No se puede ' +
        'deshacer.',
    },
    button: {
      copy: 'Confirmar y obtener mi copia',
      correction: 'Confirmar mi solicitud de corrección',
      deletion: 'Borrar todo lo que tienen sobre mí',
    },
    gone: 'Este enlace caducó o ya se usó. Puedes hacer una nueva solicitud.',
    again: 'Hacer una nueva solicitud',
    correctionDone: 'Gracias. Tu solicitud está confirmada: nuestro equipo la responderá en un plazo de 45 días.',
    correctionTitle: 'Solicitud confirmada',
    deletedTitle: 'Tus datos están borrados',
    deleted:
      'Borramos tu registro y todo lo que iba con él. Te enviamos un correo para confirmarlo. Las peticiones que ' +
      'firmaste conservan solo su número de firmas.',
  },
  copy: {
    title: 'Tu copia de tus datos',
    intro:
      'Descarga lo que tenemos sobre ti. Cada archivo se puede descargar una vez; esta página funciona durante 7 ' +
      'días desde tu confirmación.',
    json: 'Descargar en JSON (para una computadora)',
    html: 'Descargar como página web (para leer)',
    taken: 'Ya descargado',
    gone: 'Este enlace caducó, o ya se descargaron los dos archivos. Puedes hacer una nueva solicitud.',
    fileName: 'mis-datos',
    nothingHeld: 'No tenemos ningún registro con este correo.',
    htmlTitle: 'Los datos que tenemos sobre ti',
  },
};

export type PrivacyMessages = typeof en;

export function privacyMessages(locale: Locale): PrivacyMessages {
  return locale === 'es' ? es : en;
}
