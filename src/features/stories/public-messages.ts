import { storyTopicNames } from './topic-names.ts';
import { personCheckRefusals } from '../../platform/http/person-check.tsx';
import type { Locale } from '../../platform/web/locale.ts';
import type { PublishConsent, TellerKind } from './schema.ts';

/**
 * The words a teller reads: the story form, the thank-you, the deletion and consent pages. Plain and calm: a person
 * may be writing about the worst thing that happened to them. The consent words are those
 * STORY_CONSENT_WORDING_VERSION names: change that version with them.
 */
const en = {
  title: 'Share your story',
  description: 'Tell us what happened to you or your family. You decide who may read it.',
  intro: [
    'Your story can help change how Oregon responds to harm. Share as much or as little as you want.',
    'Only the story is needed. Everything else is up to you.',
  ],
  whatHappens: 'What happens to your story',
  promises: [
    'A small team at our organisation reads it. Nobody else can.',
    'It is stored encrypted. Your contact details are only used to reach you about your story, and we never add ' +
      'you to a mailing list.',
    'Nothing is published unless you choose that below, and a staff member checks it first. We remove names and ' +
      'places that could identify you or others.',
    'You can delete it at any time with the link we show you after you send it (and email to you, if you give ' +
      'an email address).',
  ],
  help: 'If you are in danger now, call 911. To talk to someone, call or text 988, any time.',
  errorTitle: 'There is a problem',
  story: 'Your story',
  storyHint: 'Write in English or Spanish, in your own words. Up to 20,000 characters.',
  aboutYou: 'About you (all optional)',
  name: 'First name (optional)',
  nameHint: 'Only shown if you choose to publish with your first name. You can use another name.',
  email: 'Email address (optional)',
  emailHint: 'For follow-up about your story only, and to send you the link that deletes it.',
  phone: 'Phone number (optional)',
  phoneHint: 'For follow-up about your story only.',
  county: 'County (optional)',
  countyNone: 'Prefer not to say',
  countyOutside: 'Outside Oregon',
  kinds: 'Who are you? Choose any that fit (optional)',
  kind: {
    survivor: 'A survivor of a crime or of violence',
    family: 'A family member of someone harmed, or of someone in prison',
    incarcerated: 'Someone who was in prison or jail',
    other: 'Something else',
  } satisfies Record<TellerKind, string>,
  topics: 'What is your story about? (optional)',
  topic: storyTopicNames.en,
  contentNotes: 'Content notes (optional)',
  contentNotesHint: 'Warn readers of anything hard in your story, for example "mentions a death" or "sexual violence".',
  consent: {
    legend: 'Who may read your story?',
    hint: 'Choose one. You can change your mind later by writing to us.',
    choice: {
      'first-name': 'Publish it on this website with my first name',
      anonymous: 'Publish it on this website without my name',
      'staff-only': 'Do not publish it: staff only, to inform their work',
    } satisfies Record<PublishConsent, string>,
    testimony: 'Staff may also read my story, without my name, as testimony to Oregon legislators',
    contactFirst: 'Contact me before my story is published',
    contactFirstHint: 'We need your email address or phone number to do this.',
  },
  draft: {
    heading: 'Saving a draft',
    body:
      'Nothing you type is kept on this device unless you save a draft. A saved draft stays in this browser until ' +
      'you delete it: anyone using this device could read it.',
    save: 'Save a draft on this device',
    delete: 'Delete the saved draft',
    saved: 'Draft saved on this device: your story and content notes, never your name or contact details.',
    deleted: 'The saved draft is deleted from this device.',
    restored: 'We put back the draft saved on this device.',
  },
  honeypot: 'Leave this box empty',
  submit: 'Send my story',
  challenge: {
    invalid:
      'We could not confirm that a person sent this form. Send it again, and give the automatic check a moment ' +
      'to finish.',
    expired: 'The automatic check had expired. Send the form again and it will run once more.',
    replayed: 'This form was already sent once. Send it again and a new automatic check will run.',
    ...personCheckRefusals.en,
  },
  thanks: {
    title: 'Thank you for sharing your story',
    body:
      'We have your story. A member of our team will read it with care. Nothing is published unless you chose ' +
      'that, and only after staff check it.',
    email: 'We have sent you an email with what happens next.',
    deleteHeading: 'Your link to delete your story',
    deleteBody:
      'This link deletes your story whenever you want. Keep it somewhere safe and private: anyone with the link ' +
      'can delete the story. It is shown only once.',
  },
  remove: {
    title: 'Delete your story?',
    body:
      'This deletes your story and your contact details from our records for good. If it was published, it comes ' +
      'off the website at once. This cannot be undone.',
    confirm: 'Yes, delete my story',
    cancel: 'No, keep my story',
    doneTitle: 'Your story is deleted',
    done: 'Your story and your contact details are deleted from our records. Thank you for trusting us with it.',
    goneTitle: 'There is no story to delete',
    gone: 'This link does not work. The story may already be deleted.',
  },
  again: {
    title: 'Choose again how your story may be used',
    intro:
      'We asked you to choose again how your story may be used. Nothing is published until you answer. We do ' +
      'not show your story here, to keep it private.',
    submit: 'Save my choice',
    doneTitle: 'Thank you: your choice is saved',
    done: 'We will use your story only in the way you chose.',
    goneTitle: 'This link no longer works',
    gone: 'Your choice may already be saved, or the story may have been deleted.',
  },
  home: 'Go to the home page',
};

type Words = typeof en;

const es: Words = {
  title: 'Comparte tu historia',
  description: 'Cuéntanos lo que te pasó a ti o a tu familia. Tú decides quién puede leerlo.',
  intro: [
    'Tu historia puede ayudar a cambiar cómo Oregón responde al daño. Comparte tanto o tan poco como quieras.',
    'Solo necesitamos la historia. Todo lo demás es opcional.',
  ],
  whatHappens: 'Qué pasa con tu historia',
  promises: [
    'La lee un equipo pequeño de nuestra organización. Nadie más puede leerla.',
    'Se guarda cifrada. Tus datos de contacto solo se usan para hablar contigo sobre tu historia, y nunca te ' +
      'añadimos a una lista de correo.',
    'No se publica nada a menos que lo elijas abajo, y una persona del equipo lo revisa antes. Quitamos nombres ' +
      'y lugares que puedan identificarte a ti o a otras personas.',
    'Puedes borrarla en cualquier momento con el enlace que te mostramos al enviarla (y que te enviamos por ' +
      'correo, si nos das uno).',
  ],
  help:
    'Si estás en peligro ahora, llama al 911. Para hablar con alguien, llama o envía un mensaje al 988, a ' +
    'cualquier hora.',
  errorTitle: 'Hay un problema',
  story: 'Tu historia',
  storyHint: 'Escribe en español o en inglés, con tus propias palabras. Hasta 20,000 caracteres.',
  aboutYou: 'Sobre ti (todo es opcional)',
  name: 'Nombre (opcional)',
  nameHint: 'Solo se muestra si eliges publicar con tu nombre. Puedes usar otro nombre.',
  email: 'Correo electrónico (opcional)',
  emailHint: 'Solo para hablar contigo sobre tu historia y enviarte el enlace para borrarla.',
  phone: 'Teléfono (opcional)',
  phoneHint: 'Solo para hablar contigo sobre tu historia.',
  county: 'Condado (opcional)',
  countyNone: 'Prefiero no decirlo',
  countyOutside: 'Fuera de Oregón',
  kinds: '¿Quién eres? Elige lo que corresponda (opcional)',
  kind: {
    survivor: 'Sobreviviente de un delito o de violencia',
    family: 'Familiar de alguien que sufrió daño, o de alguien en prisión',
    incarcerated: 'Alguien que estuvo en prisión o en la cárcel',
    other: 'Otra cosa',
  },
  topics: '¿De qué trata tu historia? (opcional)',
  topic: storyTopicNames.es,
  contentNotes: 'Avisos de contenido (opcional)',
  contentNotesHint:
    'Avisa a quien lea de algo difícil en tu historia, por ejemplo "habla de una muerte" o "violencia sexual".',
  consent: {
    legend: '¿Quién puede leer tu historia?',
    hint: 'Elige una opción. Puedes cambiar de opinión más adelante escribiéndonos.',
    choice: {
      'first-name': 'Publicarla en este sitio con mi nombre',
      anonymous: 'Publicarla en este sitio sin mi nombre',
      'staff-only': 'No publicarla: solo para el equipo, para guiar su trabajo',
    },
    testimony: 'El equipo también puede leer mi historia, sin mi nombre, como testimonio ante legisladores de Oregón',
    contactFirst: 'Contáctenme antes de publicar mi historia',
    contactFirstHint: 'Para esto necesitamos tu correo o tu teléfono.',
  },
  draft: {
    heading: 'Guardar un borrador',
    body:
      'No se guarda nada de lo que escribes en este aparato a menos que guardes un borrador. Un borrador guardado ' +
      'queda en este navegador hasta que lo borres: cualquiera que use este aparato podría leerlo.',
    save: 'Guardar un borrador en este aparato',
    delete: 'Borrar el borrador guardado',
    saved: 'Borrador guardado en este aparato: tu historia y los avisos, nunca tu nombre ni tus datos de contacto.',
    deleted: 'El borrador guardado se borró de este aparato.',
    restored: 'Recuperamos el borrador guardado en este aparato.',
  },
  honeypot: 'Deja esta casilla vacía',
  submit: 'Enviar mi historia',
  challenge: {
    invalid:
      'No pudimos confirmar que una persona envió este formulario. Vuelve a enviarlo y dale un momento a la ' +
      'comprobación automática para terminar.',
    expired: 'La comprobación automática había vencido. Vuelve a enviar el formulario y se repetirá.',
    replayed: 'Este formulario ya se envió una vez. Vuelve a enviarlo y se hará una nueva comprobación automática.',
    ...personCheckRefusals.es,
  },
  thanks: {
    title: 'Gracias por compartir tu historia',
    body:
      'Recibimos tu historia. Una persona de nuestro equipo la leerá con cuidado. No se publica nada a menos que ' +
      'lo hayas elegido, y solo después de que el equipo la revise.',
    email: 'Te enviamos un correo con lo que pasa ahora.',
    deleteHeading: 'Tu enlace para borrar tu historia',
    deleteBody:
      'Este enlace borra tu historia cuando quieras. Guárdalo en un lugar seguro y privado: cualquiera que ' +
      'tenga el enlace puede borrar la historia. Solo se muestra una vez.',
  },
  remove: {
    title: '¿Borrar tu historia?',
    body:
      'Esto borra para siempre tu historia y tus datos de contacto de nuestros registros. Si estaba publicada, ' +
      'sale del sitio enseguida. No se puede deshacer.',
    confirm: 'Sí, borrar mi historia',
    cancel: 'No, conservar mi historia',
    doneTitle: 'Tu historia está borrada',
    done: 'Tu historia y tus datos de contacto se borraron de nuestros registros. Gracias por confiárnosla.',
    goneTitle: 'No hay ninguna historia que borrar',
    gone: 'Este enlace no funciona. Puede que la historia ya esté borrada.',
  },
  again: {
    title: 'Elige de nuevo cómo se puede usar tu historia',
    intro:
      'Te pedimos que elijas de nuevo cómo se puede usar tu historia. No se publica nada hasta que respondas. ' +
      'No mostramos tu historia aquí, para protegerla.',
    submit: 'Guardar mi elección',
    doneTitle: 'Gracias: guardamos tu elección',
    done: 'Usaremos tu historia solo de la manera que elegiste.',
    goneTitle: 'Este enlace ya no funciona',
    gone: 'Puede que tu elección ya esté guardada, o que la historia se haya borrado.',
  },
  home: 'Ir a la página principal',
};

export function storyPublicMessages(locale: Locale): Words {
  return locale === 'es' ? es : en;
}
