import { formatNumber } from '../../platform/web/components.tsx';
import { personCheckRefusals } from '../../platform/http/person-check.tsx';
import type { Locale } from '../../platform/web/locale.ts';
import { retention } from '../../platform/retention.ts';

/** The wording of the newsletter box on the sign form, recorded with the consent when it is confirmed. */
export const PETITION_NEWSLETTER_WORDING_VERSION = 'petition-newsletter-2026-11-28';

const en = {
  page: {
    to: 'To',
    /** Follows the count itself, which the page's script keeps current. */
    ofGoal: (goal: string) => `of ${goal} verified signatures`,
    progressLabel: 'Progress to the goal',
    next: (n: string) => `Next milestone: ${n} signatures`,
    goalReached: 'The goal is reached. Every new signature still adds weight.',
    closed: 'This petition is closed and no longer takes signatures. Thank you to everyone who signed.',
    notYetOpen: 'This petition is not open for signatures yet.',
    recentTitle: 'Recent signers',
    recentNone: 'Be one of the first to sign.',
    recentNote: 'Only people who agreed to be shown are listed.',
    /** The Census names counties without the word (“Multnomah”). */
    county: (name: string) => (name.endsWith(' County') ? name : `${name} County`),
    signTitle: 'Sign the petition',
    whereTitle: 'Where signers live',
    whereIntro:
      'Verified signatures by Oregon Senate district, so each senator sees how many of their constituents have signed.',
    mapTitle: 'Map of Oregon’s 30 Senate districts, shaded by verified signatures',
    tableCaption: 'Verified signatures by Oregon Senate district',
    district: 'Senate district',
    count: 'Signatures',
    unknownDistrict: 'District not known',
  },
  list: {
    title: 'Petitions',
    description: 'Petitions you can sign now, and what came of the ones that have closed.',
    intro: 'Add your name to a petition while it is open, and see what came of the ones that have closed.',
    openTitle: 'Open for signatures',
    noneOpen: 'No petition is open for signatures right now.',
    joinLink: 'Sign up for our email to hear when the next one opens',
    closedTitle: 'Closed petitions',
    count: (count: string, goal: string) => `${count} of ${goal} verified signatures`,
    closes: (date: string) => `Closes on ${date}.`,
    opens: (date: string) => `Opens for signatures on ${date}.`,
    closedOn: (date: string) => `Closed on ${date}.`,
    reached: (count: string, goal: string) => `Goal reached: ${count} verified signatures, for a goal of ${goal}.`,
    notReached: (count: string, goal: string) => `${count} verified signatures, short of the goal of ${goal}.`,
  },
  share: {
    title: 'Share the petition',
    intro:
      'Each link opens the app or site named, with a message ready for you to send. ' +
      'Nothing is shared until you send it.',
    message: (title: string) => `I signed “${title}”. Will you add your name?`,
    email: 'Email',
    sms: 'Text message',
    facebook: 'Facebook',
    x: 'X',
    bluesky: 'Bluesky',
    whatsapp: 'WhatsApp',
    linkLabel: 'Link to this petition',
    copy: 'Copy link',
    copied: 'Link copied',
    copyFailed: 'Could not copy: select the link and copy it yourself.',
  },
  form: {
    intro: 'We will email you a link to confirm your signature. Only confirmed signatures count.',
    givenName: 'First name',
    familyName: 'Last name',
    email: 'Email address',
    zip: 'ZIP code',
    zipHint:
      'This petition is for people who live in Oregon. ' +
      'We use your ZIP code to count signatures by legislative district.',
    street: 'Street address (optional)',
    streetHint: 'Helps us deliver your signature to your own legislators. Never shown publicly.',
    streetHintGeocoder:
      'Helps us deliver your signature to your own legislators. ' +
      'To find your districts we send the address, and nothing else, ' +
      'to the US Census Bureau’s geocoder. Never shown publicly.',
    comment: 'Comment (optional)',
    commentHint: 'Why this matters to you. Legislators may read it with your name, in the packet we deliver.',
    showPublicly: 'Show my first name and city among recent signers on this page',
    newsletter: 'Also send me the newsletter (we will email a separate link to confirm)',
    consent: 'We use your details to count and deliver your signature, as our privacy notice explains.',
    privacy: 'Read our privacy notice',
    honeypot: 'Leave this box empty',
    submit: 'Sign the petition',
    errorTitle: 'There is a problem',
    formProblem: 'Your signature was not sent',
    blocked: (contact: string) =>
      contact
        ? `We cannot accept signatures from this connection or email address. ` +
          `If you think this is a mistake, write to us at ${contact}.`
        : 'We cannot accept signatures from this connection or email address. ' +
          'If you think this is a mistake, please contact us.',
    closed: 'This petition is closed and no longer takes signatures.',
    challenge: {
      invalid:
        'We could not confirm that a person sent this form. ' +
        'Send it again, and give the automatic check a moment to finish.',
      expired: 'The automatic check had expired. Send the form again and it will run once more.',
      replayed: 'This form was already sent once. Send it again and a new automatic check will run.',
      ...personCheckRefusals.en,
    },
  },
  signed: {
    title: 'Check your email to confirm your signature',
    body:
      `If that address can receive our email, a message with a link is on its way. ` +
      `Open it and press Confirm: your signature counts once it is confirmed. ` +
      `The link works for ${retention.unconfirmedDays} days.`,
    back: 'Back to the petition',
  },
  district: {
    legend: 'Which Oregon Senate district do you live in?',
    hint:
      'Your ZIP code spans more than one Senate district. ' +
      'If you know yours, choose it so your senator hears from you. If not, leave this: ' +
      'your signature counts either way.',
    option: (d: string) => `Senate District ${d}`,
    dontKnow: 'I don’t know',
    submit: 'Save my district',
    savedTitle: 'Thank you',
    saved: 'We noted your Senate district.',
    notSaved: 'We could not change the district of this signature. It may already be known.',
    invalid: 'Choose one of the districts listed, or “I don’t know”.',
  },
  confirm: {
    title: 'Confirm your signature',
    body: (title: string) => `Press the button to add your name to “${title}”.`,
    button: 'Confirm my signature',
    doneTitle: 'Thank you: your signature counts',
    done: 'Your name is on the petition. Share it so more people can add theirs.',
    expired: 'This link has expired. Sign the petition again and we will send a new one.',
    used: 'This signature is already confirmed. Thank you!',
    unknown: 'This link is not valid. Check that you copied the whole address, or sign the petition again.',
    again: 'Go to the petition',
  },
  embed: {
    signLink: 'Read and sign the petition',
    newTab: '(opens in a new tab)',
  },
};
export type PetitionMessages = typeof en;

const es: PetitionMessages = {
  page: {
    to: 'Para',
    ofGoal: (goal) => `de ${goal} firmas verificadas`,
    progressLabel: 'Avance hacia la meta',
    next: (n) => `Próxima meta: ${n} firmas`,
    goalReached: 'Alcanzamos la meta. Cada nueva firma suma todavía más fuerza.',
    closed: 'Esta petición está cerrada y ya no recibe firmas. Gracias a todas las personas que firmaron.',
    notYetOpen: 'Esta petición todavía no recibe firmas.',
    recentTitle: 'Firmas recientes',
    recentNone: 'Sé una de las primeras personas en firmar.',
    recentNote: 'Solo mostramos a quienes aceptaron aparecer.',
    county: (name) => `condado de ${name.replace(/ County$/, '')}`,
    signTitle: 'Firma la petición',
    whereTitle: 'Dónde viven las personas que firman',
    whereIntro:
      'Firmas verificadas por distrito del Senado de Oregón, ' +
      'para que cada senador o senadora vea cuántas personas de su distrito firmaron.',
    mapTitle: 'Mapa de los 30 distritos del Senado de Oregón, sombreados según las firmas verificadas',
    tableCaption: 'Firmas verificadas por distrito del Senado de Oregón',
    district: 'Distrito del Senado',
    count: 'Firmas',
    unknownDistrict: 'Distrito desconocido',
  },
  list: {
    title: 'Peticiones',
    description: 'Peticiones que puedes firmar ahora y el resultado de las que ya cerraron.',
    intro: 'Suma tu nombre a una petición mientras está abierta y mira el resultado de las que ya cerraron.',
    openTitle: 'Abiertas para firmar',
    noneOpen: 'Ahora no hay ninguna petición abierta para firmar.',
    joinLink: 'Suscríbete a nuestros correos para saber cuándo abre la próxima',
    closedTitle: 'Peticiones cerradas',
    count: (count, goal) => `${count} de ${goal} firmas verificadas`,
    closes: (date) => `Cierra el ${date}.`,
    opens: (date) => `Abre para recibir firmas el ${date}.`,
    closedOn: (date) => `Cerró el ${date}.`,
    reached: (count, goal) => `Meta alcanzada: ${count} firmas verificadas, con una meta de ${goal}.`,
    notReached: (count, goal) => `${count} firmas verificadas, sin llegar a la meta de ${goal}.`,
  },
  share: {
    title: 'Comparte la petición',
    intro:
      'Cada enlace abre la aplicación o el sitio indicado con un mensaje listo para enviar. ' +
      'No se comparte nada hasta que lo envíes.',
    message: (title) => `Firmé «${title}». ¿Te sumas con tu firma?`,
    email: 'Correo electrónico',
    sms: 'Mensaje de texto',
    facebook: 'Facebook',
    x: 'X',
    bluesky: 'Bluesky',
    whatsapp: 'WhatsApp',
    linkLabel: 'Enlace a esta petición',
    copy: 'Copiar enlace',
    copied: 'Enlace copiado',
    copyFailed: 'No se pudo copiar: selecciona el enlace y cópialo tú.',
  },
  form: {
    intro: 'Te enviaremos un enlace por correo para confirmar tu firma. Solo cuentan las firmas confirmadas.',
    givenName: 'Nombre',
    familyName: 'Apellido',
    email: 'Correo electrónico',
    zip: 'Código postal',
    zipHint:
      'Esta petición es para personas que viven en Oregón. ' +
      'Usamos tu código postal para contar las firmas por distrito legislativo.',
    street: 'Dirección (opcional)',
    streetHint: 'Nos ayuda a entregar tu firma a tus propios legisladores. Nunca se muestra en público.',
    streetHintGeocoder:
      'Nos ayuda a entregar tu firma a tus propios legisladores. ' +
      'Para encontrar tus distritos enviamos la dirección, y nada más, ' +
      'al servicio de geocodificación de la Oficina del Censo de EE. UU. ' +
      'Nunca se muestra en público.',
    comment: 'Comentario (opcional)',
    commentHint: 'Por qué te importa. Los legisladores pueden leerlo junto a tu nombre en el paquete que entregamos.',
    showPublicly: 'Mostrar mi nombre y mi ciudad entre las firmas recientes de esta página',
    newsletter: 'Enviarme también el boletín (te mandaremos otro enlace para confirmar)',
    consent: 'Usamos tus datos para contar y entregar tu firma, como explica nuestro aviso de privacidad.',
    privacy: 'Lee nuestro aviso de privacidad',
    honeypot: 'Deja esta casilla vacía',
    submit: 'Firmar la petición',
    errorTitle: 'Hay un problema',
    formProblem: 'Tu firma no se envió',
    blocked: (contact) =>
      contact
        ? `No podemos aceptar firmas desde esta conexión o este correo. ` +
          `Si crees que es un error, escríbenos a ${contact}.`
        : 'No podemos aceptar firmas desde esta conexión o este correo. ' +
          'Si crees que es un error, comunícate con nosotros.',
    closed: 'Esta petición está cerrada y ya no recibe firmas.',
    challenge: {
      invalid:
        'No pudimos confirmar que una persona envió este formulario. ' +
        'Vuelve a enviarlo y dale un momento a la comprobación automática para terminar.',
      expired: 'La comprobación automática había vencido. Vuelve a enviar el formulario y se repetirá.',
      replayed: 'Este formulario ya se envió una vez. Vuelve a enviarlo y se hará una nueva comprobación automática.',
      ...personCheckRefusals.es,
    },
  },
  signed: {
    title: 'Revisa tu correo para confirmar tu firma',
    body:
      `Si esa dirección puede recibir nuestros correos, te llegará un mensaje con un enlace. ` +
      `Ábrelo y pulsa Confirmar: tu firma cuenta cuando está confirmada. ` +
      `El enlace funciona durante ${retention.unconfirmedDays} días.`,
    back: 'Volver a la petición',
  },
  district: {
    legend: '¿En qué distrito del Senado de Oregón vives?',
    hint:
      'Tu código postal abarca más de un distrito del Senado. ' +
      'Si sabes cuál es el tuyo, elígelo para que tu senador o senadora sepa de ti. ' +
      'Si no, déjalo así: tu firma cuenta de todos modos.',
    option: (d) => `Distrito del Senado ${d}`,
    dontKnow: 'No lo sé',
    submit: 'Guardar mi distrito',
    savedTitle: 'Gracias',
    saved: 'Anotamos tu distrito del Senado.',
    notSaved: 'No pudimos cambiar el distrito de esta firma. Es posible que ya lo conozcamos.',
    invalid: 'Elige uno de los distritos de la lista, o «No lo sé».',
  },
  confirm: {
    title: 'Confirma tu firma',
    body: (title) => `Pulsa el botón para sumar tu nombre a «${title}».`,
    button: 'Confirmar mi firma',
    doneTitle: 'Gracias: tu firma cuenta',
    done: 'Tu nombre ya está en la petición. Compártela para que más personas se sumen.',
    expired: 'Este enlace ya venció. Vuelve a firmar la petición y te enviaremos uno nuevo.',
    used: 'Esta firma ya está confirmada. ¡Gracias!',
    unknown: 'Este enlace no es válido. Revisa que copiaste la dirección completa, o vuelve a firmar la petición.',
    again: 'Ir a la petición',
  },
  embed: {
    signLink: 'Lee y firma la petición',
    newTab: '(se abre en una pestaña nueva)',
  },
};

export function petitionMessages(locale: Locale): PetitionMessages {
  return locale === 'es' ? es : en;
}

/** Field errors from the sign form's zod schema, in the visitor's language. */
export function translateSignError(message: string, locale: Locale): string {
  if (locale === 'en') return message;
  const map: Record<string, string> = {
    'Enter your first name': 'Escribe tu nombre',
    'Enter your last name': 'Escribe tu apellido',
    'Enter your email address': 'Escribe tu correo electrónico',
    'Enter an email address like name@example.org': 'Escribe un correo como nombre@ejemplo.org',
    'Enter your 5-digit ZIP code': 'Escribe tu código postal de 5 dígitos',
    'Enter an Oregon ZIP code: this petition is for people who live in Oregon':
      'Escribe un código postal de Oregón: esta petición es para personas que viven en Oregón',
    'Use 100 characters or fewer': 'Usa 100 caracteres o menos',
    'Use 200 characters or fewer': 'Usa 200 caracteres o menos',
    'Use 254 characters or fewer': 'Usa 254 caracteres o menos',
    'Use 1,000 characters or fewer': 'Usa 1000 caracteres o menos',
    'Use only letters, numbers, spaces and punctuation': 'Usa solo letras, números, espacios y signos de puntuación',
  };
  return map[message] ?? 'Revisa este dato';
}

/** A count in the page's language: "10,000" in English, "10.000" in Spanish. */
export function formatCount(n: number, locale: Locale): string {
  return formatNumber(n, locale);
}
