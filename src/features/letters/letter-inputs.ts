import { z } from 'zod';
import { isMailboxAddress } from '../../platform/email-address.ts';
import { isPlainText } from '../../platform/plain-text.ts';
import type { Locale } from '../../platform/web/locale.ts';
import type { CampaignDetails } from './campaigns-read.ts';
import { findMethods, type FindMethod } from './schema.ts';

/** A letter as the service takes it: checked and trimmed, line breaks made one kind. */
export type LetterInput = {
  givenName: string;
  familyName: string;
  email: string;
  street: string;
  city: string;
  zip: string;
  subject: string;
  body: string;
  /** Empty when the campaign asks for no story, or none was told. */
  story: string;
  /** The districts as found ("1"…"30" / "60"); empty when not found. */
  senate: string;
  house: string;
  foundBy: FindMethod;
};

/** The longest a letter's own text may be: about two pages, what an office will read. */
export const LETTER_BODY_MAX = 5000;
export const LETTER_STORY_MAX = 2000;

const messages = {
  en: {
    givenName: 'Enter your first name',
    familyName: 'Enter your last name',
    email: 'Enter your email address',
    emailShape: 'Enter an email address like name@example.org',
    street: 'Enter your street address: offices write back to constituents by it',
    zip: 'Enter your 5-digit ZIP code',
    subject: 'Enter a subject for your letter',
    body: 'Write your letter',
    district: (chamber: string) => `Choose your ${chamber} district from the list`,
    senate: 'Senate',
    house: 'House',
    noDistrict: 'Find your legislators first: by address, location, the map or your ZIP code',
    foundBy: 'Choose how to find your legislators',
    tooLong: (max: number) => `Use ${max.toLocaleString('en-US')} characters or fewer`,
    plain: 'Use only letters, numbers, spaces and punctuation',
  },
  es: {
    givenName: 'Escribe tu nombre',
    familyName: 'Escribe tu apellido',
    email: 'Escribe tu correo electrónico',
    emailShape: 'Escribe un correo como nombre@ejemplo.org',
    street: 'Escribe tu dirección: las oficinas responden a sus electores por ella',
    zip: 'Escribe tu código postal de 5 dígitos',
    subject: 'Escribe un asunto para tu carta',
    body: 'Escribe tu carta',
    district: (chamber: string) => `Elige tu distrito de ${chamber} de la lista`,
    senate: 'Senado',
    house: 'Cámara de Representantes',
    noDistrict: 'Primero encuentra a tus legisladores: por dirección, ubicación, el mapa o tu código postal',
    foundBy: 'Elige cómo encontrar a tus legisladores',
    tooLong: (max: number) => `Usa ${max} caracteres o menos`,
    plain: 'Usa solo letras, números, espacios y signos de puntuación',
  },
} satisfies Record<Locale, unknown>;

/** The words the letter form's checks use, for a form that wants to say them elsewhere (a hint). */
export function letterInputMessages(locale: Locale) {
  return messages[locale];
}

type Messages = (typeof messages)[Locale];

// A form body's field as one string: a repeated field gives its first, a file or nothing gives ''.
const one = (value: unknown): string => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
};
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
// A district as the finder gave it: "1"…"30" (Senate) or "1"…"60" (House), zeros dropped; empty for none.
const districtField = (t: Messages, seats: number, chamber: string) =>
  field(
    z
      .string()
      .trim()
      .max(3, t.district(chamber))
      .refine((v) => v === '' || (/^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= seats), t.district(chamber))
      .transform((v) => (v === '' ? '' : String(Number(v)))),
  );

/**
 * The letter form for one campaign, in the writer's language. It takes the form's body as read
 * (`parseBody({ all: true })`) and never throws: every problem, hostile bytes and pasted megabytes
 * included, is an issue on the field's own name, so `fieldErrors` puts each message by its field.
 * The districts a campaign needs must be there: a letter to "my senator" without a Senate district
 * has nobody to go to.
 */
export function letterInputFor(c: CampaignDetails, locale: Locale = 'en'): z.ZodType<LetterInput, unknown> {
  const t = messages[locale];
  const form = z.object({
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
    street: field(textField(t, 200, { required: t.street })),
    city: field(textField(t, 100)),
    zip: field(
      z
        .string()
        .trim()
        .regex(/^\d{5}$/, t.zip),
    ),
    subject: field(textField(t, 200, { required: t.subject })),
    body: field(textField(t, LETTER_BODY_MAX, { required: t.body, lines: true })),
    story: field(textField(t, LETTER_STORY_MAX, { lines: true })),
    senate: districtField(t, 30, t.senate),
    house: districtField(t, 60, t.house),
    foundBy: field(z.string().refine((v) => (findMethods as readonly string[]).includes(v), t.foundBy)),
  });
  return z
    .preprocess(asObject, form)
    .superRefine((v, ctx) => {
      // Runs even when another field failed: read defensively, never throw.
      const data = v as Partial<z.output<typeof form>> | undefined;
      if (c.targetKinds.includes('my-senator') && data?.senate === '')
        ctx.addIssue({ code: 'custom', path: ['senate'], message: t.noDistrict });
      if (c.targetKinds.includes('my-representative') && data?.house === '')
        ctx.addIssue({ code: 'custom', path: ['house'], message: t.noDistrict });
    })
    .transform((v): LetterInput => {
      const data = v as z.output<typeof form>;
      return { ...data, story: c.allowStory ? data.story : '', foundBy: data.foundBy as FindMethod };
    });
}
