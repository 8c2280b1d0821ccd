import { z } from 'zod';
import { isMailboxAddress } from '../../platform/email-address.ts';
import { isPlainText } from '../../platform/plain-text.ts';
import type { Locale } from '../../platform/web/locale.ts';
import type { EventDetails } from './events-read.ts';
import { interpretationLanguages, type InterpretationLanguage, type RsvpNeeds } from './schema.ts';

export type { RsvpNeeds } from './schema.ts';

/** An RSVP as the service takes it: checked, trimmed, with the form's ticks made booleans. */
export type RsvpInput = {
  givenName: string;
  familyName: string;
  email: string;
  zip: string;
  /** Empty when not given. */
  phone: string;
  sessionIds: number[];
  needs: RsvpNeeds;
  photoConsent: boolean;
  eventsTopic: boolean;
  /** Question id (as text) → the answer: as typed, "yes"/"no", or the chosen choice as the form showed it. */
  answers: Record<string, string>;
};

const messages = {
  en: {
    givenName: 'Enter your first name',
    familyName: 'Enter your last name',
    email: 'Enter your email address',
    emailShape: 'Enter an email address like name@example.org',
    zip: 'Enter your 5-digit ZIP code',
    phone: 'Enter a phone number like 503-555-0143, or leave it empty',
    phoneDigits: 'Enter a phone number with its area code',
    sessions: 'Choose at least one part of the day',
    sessionUnknown: 'Choose from the parts of the day listed',
    interpretation: 'Choose from the languages listed',
    interpretationOther: 'Tell us which language you need interpreted',
    required: 'Answer this question',
    yesNo: 'Choose yes or no',
    choice: 'Choose one of the answers listed',
    tooLong: (max: number) => `Use ${max.toLocaleString('en-US')} characters or fewer`,
    plain: 'Use only letters, numbers, spaces and punctuation',
    /** The "also email me about events" box: the words EVENTS_TOPIC_WORDING_VERSION names in consent records. */
    eventsTopic: 'Also email me invitations to future events',
  },
  es: {
    givenName: 'Escribe tu nombre',
    familyName: 'Escribe tu apellido',
    email: 'Escribe tu correo electrónico',
    emailShape: 'Escribe un correo como nombre@ejemplo.org',
    zip: 'Escribe tu código postal de 5 dígitos',
    phone: 'Escribe un teléfono como 503-555-0143, o déjalo vacío',
    phoneDigits: 'Escribe un teléfono con su código de área',
    sessions: 'Elige al menos una parte del día',
    sessionUnknown: 'Elige entre las partes del día de la lista',
    interpretation: 'Elige entre los idiomas de la lista',
    interpretationOther: 'Dinos qué idioma necesitas que se interprete',
    required: 'Responde esta pregunta',
    yesNo: 'Elige sí o no',
    choice: 'Elige una de las respuestas de la lista',
    tooLong: (max: number) => `Usa ${max} caracteres o menos`,
    plain: 'Usa solo letras, números, espacios y signos de puntuación',
    eventsTopic: 'Envíenme también invitaciones a futuros eventos',
  },
} satisfies Record<Locale, unknown>;

/** The words the RSVP form's checks use, for a form that wants to say them elsewhere (a hint). */
export function rsvpInputMessages(locale: Locale) {
  return messages[locale];
}

// A form body's field as one string: a repeated field gives its first, a file or nothing gives ''.
const one = (value: unknown): string => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
};
// A repeated field (checkboxes) as strings; at most 50, since no form here has more boxes than that.
const many = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value])
    .filter((v): v is string => typeof v === 'string')
    .slice(0, 50);
const ticked = (value: unknown) => one(value) === 'on';

/** What a person may change on their RSVP page: everything but who they are. */
export type RsvpChange = Omit<RsvpInput, 'givenName' | 'familyName' | 'email' | 'zip' | 'phone' | 'eventsTopic'>;

/**
 * The RSVP form for one event, in the visitor's language. It takes the form's body as read
 * (`parseBody({ all: true })`: a field may be a string, repeated, or a file) and never throws:
 * every problem, hostile bytes and pasted megabytes included, is an issue on the field's own name
 * (`givenName`, `sessions`, `q12`…), so `fieldErrors` puts each message by its field.
 */
export function rsvpInputFor(event: EventDetails, locale: Locale = 'en'): z.ZodType<RsvpInput, unknown> {
  const t = messages[locale];
  const form = z.object({ ...personFields(t), ...choiceFields(event, t) });
  return z
    .preprocess(asObject, form)
    .superRefine((v, ctx) => otherNeedsNaming(v, ctx, t))
    .transform((v): RsvpInput => {
      const data = v as z.output<typeof form>;
      return {
        givenName: data.givenName,
        familyName: data.familyName,
        email: data.email,
        zip: data.zip,
        phone: data.phone,
        eventsTopic: data.eventsTopic,
        ...choicesOf(event, data),
      };
    });
}

/** The RSVP page's form (sessions, needs, photos, answers), checked as the first form is. */
export function rsvpChangeFor(event: EventDetails, locale: Locale = 'en'): z.ZodType<RsvpChange, unknown> {
  const t = messages[locale];
  const form = z.object(choiceFields(event, t));
  return z
    .preprocess(asObject, form)
    .superRefine((v, ctx) => otherNeedsNaming(v, ctx, t))
    .transform((v): RsvpChange => choicesOf(event, v as z.output<typeof form>));
}

type Messages = (typeof messages)[Locale];

const asObject = (body: unknown) => (body && typeof body === 'object' ? body : {});
const field = <T extends z.ZodType>(schema: T) => z.preprocess(one, schema);
const textField = (t: Messages, max: number, opts: { required?: string | undefined; lines?: boolean } = {}) => {
  const base = z.string().trim();
  return (
    (opts.required ? base.min(1, opts.required) : base)
      .max(max, t.tooLong(max))
      .refine((v) => isPlainText(v, { lines: opts.lines }), t.plain)
      // One kind of line break, whichever the browser sent.
      .transform((v) => (opts.lines ? v.replace(/\r\n?/g, '\n') : v))
  );
};

function personFields(t: Messages) {
  return {
    givenName: field(textField(t, 100, { required: t.givenName })),
    familyName: field(textField(t, 100, { required: t.familyName })),
    email: field(
      z
        .string()
        .trim()
        .min(1, t.email)
        .max(254, t.tooLong(254))
        .refine((v) => isMailboxAddress(v), t.emailShape),
    ),
    zip: field(
      z
        .string()
        .trim()
        .regex(/^\d{5}$/, t.zip),
    ),
    phone: field(
      z
        .string()
        .trim()
        .max(30, t.tooLong(30))
        .regex(/^(\+?[0-9 ().-]*)$/, t.phone)
        .refine((v) => v === '' || (v.match(/[0-9]/g)?.length ?? 0) >= 7, t.phoneDigits),
    ),
    eventsTopic: z.preprocess(ticked, z.boolean()),
  };
}

function choiceFields(event: EventDetails, t: Messages) {
  const questionFields: Record<string, z.ZodType<string>> = {};
  for (const q of event.questions) {
    const answer =
      q.kind === 'yes-no'
        ? z.string().refine((v) => v === 'yes' || v === 'no' || (!q.required && v === ''), t.yesNo)
        : q.kind === 'choice'
          ? z.string().refine((v) => q.choices.includes(v) || (!q.required && v === ''), t.choice)
          : textField(t, 1000, { lines: true, required: q.required ? t.required : undefined });
    // An unanswered required yes/no or choice says "answer this question", not which answers exist.
    questionFields[`q${q.id}`] = field(
      q.required && q.kind !== 'text' ? z.string().min(1, t.required).pipe(answer) : answer,
    ) as z.ZodType<string>;
  }
  const sessionIds = new Set(event.sessions.map((s) => s.id));
  return {
    sessions: z.preprocess(
      many,
      z
        .array(z.string())
        .refine((ids) => ids.every((id) => /^\d{1,9}$/.test(id) && sessionIds.has(Number(id))), t.sessionUnknown)
        .refine((ids) => sessionIds.size === 0 || ids.length > 0, t.sessions)
        .transform((ids) => [...new Set(ids.map(Number))].sort((a, b) => a - b)),
    ),
    interpretation: z.preprocess(
      many,
      z
        .array(z.string())
        .refine(
          (langs) => langs.every((l) => (interpretationLanguages as readonly string[]).includes(l)),
          t.interpretation,
        )
        .transform((langs) => [...new Set(langs)] as InterpretationLanguage[]),
    ),
    interpretationOther: field(textField(t, 200)),
    accessibility: field(textField(t, 1000, { lines: true })),
    childcare: z.preprocess(ticked, z.boolean()),
    travelHelp: z.preprocess(ticked, z.boolean()),
    photoConsent: z.preprocess(ticked, z.boolean()),
    ...questionFields,
  };
}

type Choices = {
  sessions: number[];
  interpretation: InterpretationLanguage[];
  interpretationOther: string;
  accessibility: string;
  childcare: boolean;
  travelHelp: boolean;
  photoConsent: boolean;
};

// "Other" asks which language: the box alone tells staff nothing they can book.
function otherNeedsNaming(v: unknown, ctx: z.RefinementCtx, t: Messages) {
  // Runs even when another field failed (zod checks on): read defensively, never throw.
  const data = v as Partial<Choices> | undefined;
  if (Array.isArray(data?.interpretation) && data.interpretation.includes('other') && !data.interpretationOther)
    ctx.addIssue({ code: 'custom', path: ['interpretationOther'], message: t.interpretationOther });
}

function choicesOf(event: EventDetails, data: Choices): RsvpChange {
  const answers: Record<string, string> = {};
  for (const q of event.questions) {
    const answer = (data as unknown as Record<string, unknown>)[`q${q.id}`];
    if (typeof answer === 'string' && answer !== '') answers[String(q.id)] = answer;
  }
  return {
    sessionIds: data.sessions,
    needs: {
      interpretation: data.interpretation,
      interpretationOther: data.interpretation.includes('other') ? data.interpretationOther : '',
      accessibility: data.accessibility,
      childcare: data.childcare,
      travelHelp: data.travelHelp,
    },
    photoConsent: data.photoConsent,
    answers,
  };
}
