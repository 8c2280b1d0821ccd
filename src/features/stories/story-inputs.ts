import { z } from 'zod';
import { isMailboxAddress } from '../../platform/email-address.ts';
import { isPlainText } from '../../platform/plain-text.ts';
import type { Locale } from '../../platform/web/locale.ts';
import {
  publishConsents,
  storyTopics,
  tellerKinds,
  type PublishConsent,
  type StoryTopic,
  type TellerKind,
} from './schema.ts';

/**
 * The version of the consent words the story form and the consent page show (public-messages.ts, `consent`).
 * Stored with each story's consent: change it whenever those words change, so a moderator knows what was agreed to.
 */
export const STORY_CONSENT_WORDING_VERSION = 'story-consent-2026-12-05';

/** The longest story the form takes: a long letter, far more than most tell, well under the form's body limit. */
export const STORY_MAX_LENGTH = 20_000;

/** Oregon's 36 counties, as the form offers them; "outside" for a teller elsewhere. */
export const oregonCounties = [
  'Baker',
  'Benton',
  'Clackamas',
  'Clatsop',
  'Columbia',
  'Coos',
  'Crook',
  'Curry',
  'Deschutes',
  'Douglas',
  'Gilliam',
  'Grant',
  'Harney',
  'Hood River',
  'Jackson',
  'Jefferson',
  'Josephine',
  'Klamath',
  'Lake',
  'Lane',
  'Lincoln',
  'Linn',
  'Malheur',
  'Marion',
  'Morrow',
  'Multnomah',
  'Polk',
  'Sherman',
  'Tillamook',
  'Umatilla',
  'Union',
  'Wallowa',
  'Wasco',
  'Washington',
  'Wheeler',
  'Yamhill',
] as const;
export const OUTSIDE_OREGON = 'outside';

/** The teller's consent, as the form and the consent page take it. */
export type ConsentInput = {
  publishConsent: PublishConsent;
  testimonyConsent: boolean;
  contactBeforePublishing: boolean;
};

/** A story as the service takes it: checked, trimmed; every field but the story may be empty. */
export type StoryInput = ConsentInput & {
  story: string;
  name: string;
  email: string;
  phone: string;
  county: string;
  kinds: TellerKind[];
  topics: StoryTopic[];
  contentNotes: string;
};

const messages = {
  en: {
    story: 'Write your story, in as many or as few words as you like',
    tooLong: (max: number) => `Use ${max.toLocaleString('en-US')} characters or fewer`,
    plain: 'Use only letters, numbers, spaces and punctuation',
    emailShape: 'Enter an email address like name@example.org, or leave it empty',
    phone: 'Enter a phone number like 503-555-0143, or leave it empty',
    phoneDigits: 'Enter a phone number with its area code',
    county: 'Choose a county from the list, or leave it empty',
    kinds: 'Choose from the list',
    topics: 'Choose from the list',
    publishConsent: 'Choose who may read your story',
    contactFirst: 'To be contacted first, give an email address or phone number above, or untick this box',
  },
  es: {
    story: 'Escribe tu historia, con tantas o tan pocas palabras como quieras',
    tooLong: (max: number) => `Usa ${max.toLocaleString('es-US')} caracteres o menos`,
    plain: 'Usa solo letras, números, espacios y signos de puntuación',
    emailShape: 'Escribe un correo como nombre@ejemplo.org, o déjalo vacío',
    phone: 'Escribe un teléfono como 503-555-0143, o déjalo vacío',
    phoneDigits: 'Escribe un teléfono con su código de área',
    county: 'Elige un condado de la lista, o déjalo vacío',
    kinds: 'Elige de la lista',
    topics: 'Elige de la lista',
    publishConsent: 'Elige quién puede leer tu historia',
    contactFirst: 'Para que te contactemos antes, escribe arriba un correo o un teléfono, o desmarca esta casilla',
  },
} satisfies Record<Locale, unknown>;
type Messages = (typeof messages)[Locale];

// A form body's field as one string: a repeated field gives its first, a file or nothing gives ''.
const one = (value: unknown): string => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
};
// Checkboxes sharing a name; never more than the form has boxes (a flood of repeats says nothing more).
const many = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value])
    .filter((v): v is string => typeof v === 'string')
    .slice(0, 50);
const ticked = (value: unknown) => one(value) === 'on';
const asObject = (body: unknown) => (body && typeof body === 'object' ? body : {});
const field = <T extends z.ZodType>(schema: T) => z.preprocess(one, schema);

const textField = (t: Messages, max: number, opts: { required?: string; lines?: boolean } = {}) => {
  const base = z.string().trim();
  return (
    (opts.required ? base.min(1, opts.required) : base)
      .max(max, t.tooLong(max))
      .refine((v) => isPlainText(v, { lines: opts.lines }), t.plain)
      // One kind of line break, whichever the browser sent.
      .transform((v) => (opts.lines ? v.replace(/\r\n?/g, '\n') : v))
  );
};

const choices = <T extends string>(allowed: readonly T[], message: string) =>
  z.preprocess(
    many,
    z
      .array(z.string())
      .refine((v) => v.every((x) => (allowed as readonly string[]).includes(x)), message)
      .transform((v) => [...new Set(v)] as T[]),
  );

function consentFields(t: Messages) {
  return {
    publishConsent: field(
      z.string().refine((v) => (publishConsents as readonly string[]).includes(v), t.publishConsent),
    ) as z.ZodType<PublishConsent>,
    testimonyConsent: z.preprocess(ticked, z.boolean()),
    contactBeforePublishing: z.preprocess(ticked, z.boolean()),
  };
}

/**
 * The story form, in the teller's language. It takes the body as read (`parseBody({ all: true })`) and never
 * throws: hostile bytes and pasted megabytes are each an issue on the field's own name, so `fieldErrors` puts
 * every message by its field and the teller loses nothing they wrote.
 */
export function storyInputFor(locale: Locale = 'en'): z.ZodType<StoryInput, unknown> {
  const t = messages[locale];
  const form = z.object({
    // In the form's order, so the error summary lists the problems as the page shows the fields.
    story: field(textField(t, STORY_MAX_LENGTH, { required: t.story, lines: true })),
    contentNotes: field(textField(t, 500, { lines: true })),
    name: field(textField(t, 100)),
    email: field(
      z
        .string()
        .trim()
        .max(254, t.tooLong(254))
        .refine((v) => v === '' || isMailboxAddress(v), t.emailShape),
    ),
    phone: field(
      z
        .string()
        .trim()
        .max(30, t.tooLong(30))
        .regex(/^(\+?[0-9 ().-]*)$/, t.phone)
        .refine((v) => v === '' || (v.match(/[0-9]/g)?.length ?? 0) >= 7, t.phoneDigits),
    ),
    county: field(
      z
        .string()
        .refine((v) => v === '' || v === OUTSIDE_OREGON || (oregonCounties as readonly string[]).includes(v), t.county),
    ),
    kinds: choices(tellerKinds, t.kinds),
    topics: choices(storyTopics, t.topics),
    ...consentFields(t),
  });
  return z.preprocess(asObject, form).superRefine((v, ctx) => {
    // Runs even when another field failed: read defensively, never throw.
    const data = v as Partial<StoryInput> | undefined;
    if (data?.contactBeforePublishing && !data.email && !data.phone)
      ctx.addIssue({ code: 'custom', path: ['contactBeforePublishing'], message: t.contactFirst });
  }) as unknown as z.ZodType<StoryInput, unknown>;
}

/** The consent page's form: the three choices and the two boxes, checked as the story form checks them. */
export function consentInputFor(locale: Locale = 'en'): z.ZodType<ConsentInput, unknown> {
  return z.preprocess(asObject, z.object(consentFields(messages[locale]))) as unknown as z.ZodType<
    ConsentInput,
    unknown
  >;
}
