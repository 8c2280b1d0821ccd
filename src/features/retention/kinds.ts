import type { Locale } from '../../platform/web/locale.ts';

/**
 * The retention rules an organisation may switch on, each with how many months to wait. Beyond the fixed periods
 * of platform/retention.ts (which keep the site's own promises), these are an organisation's policy on keeping
 * what people gave in the past (issue 18): the privacy notice states whichever are on.
 */
export const retentionRuleKinds = ['closed-petition-signatures', 'past-event-rsvps', 'inactive-supporters'] as const;
export type RetentionRuleKind = (typeof retentionRuleKinds)[number];

/** Months a rule may wait: from one month to ten years. */
export const RULE_MONTHS = { min: 1, max: 120 } as const;

type Words = { label: string; hint: string; notice: (months: number) => string };

/** What staff read on the rules screen (English), and what the notice says in each language. */
export const ruleWords: Record<
  RetentionRuleKind,
  { staff: Omit<Words, 'notice'>; notice: Record<Locale, Words['notice']> }
> = {
  'closed-petition-signatures': {
    staff: {
      label: 'Signatures on closed petitions',
      hint: 'Deletes each signature on a petition closed this many months ago, unless the signer subscribed to our emails. The petition keeps its count.',
    },
    notice: {
      en: (m) =>
        `Signatures on a petition closed more than ${months(m, 'en')} ago are deleted, unless the signer subscribed to our emails; the petition keeps only the number of signatures.`,
      es: (m) =>
        `Las firmas de una petición cerrada hace más de ${months(m, 'es')} se borran, salvo si la persona se suscribió a nuestros correos; la petición guarda solo el número de firmas.`,
    },
  },
  'past-event-rsvps': {
    staff: {
      label: 'RSVPs to past events',
      hint: 'Deletes each RSVP to an event that ended this many months ago, unless the person subscribed to our emails.',
    },
    notice: {
      en: (m) =>
        `Your RSVP to an event that ended more than ${months(m, 'en')} ago is deleted, unless you subscribed to our emails.`,
      es: (m) =>
        `Tu inscripción a un evento que terminó hace más de ${months(m, 'es')} se borra, salvo si te suscribiste a nuestros correos.`,
    },
  },
  'inactive-supporters': {
    staff: {
      label: 'People who are no longer in touch',
      hint: 'Erases everything about a person who is subscribed to nothing and whose record shows nothing new (no sign-up, signature, RSVP, letter or email from us) for this many months.',
    },
    notice: {
      en: (m) =>
        `If you are subscribed to nothing and have done nothing with us for ${months(m, 'en')}, your record is erased, with your signatures, RSVPs and letters (stories follow their own rule above).`,
      es: (m) =>
        `Si no estás suscrito a nada y no has hecho nada con nosotros durante ${months(m, 'es')}, se borra tu registro, con tus firmas, inscripciones y cartas (las historias siguen su propia regla, arriba).`,
    },
  },
};

function months(n: number, locale: Locale): string {
  if (locale === 'es') return n === 1 ? '1 mes' : `${n} meses`;
  return n === 1 ? '1 month' : `${n} months`;
}
