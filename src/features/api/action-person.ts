import { z } from 'zod';
import { emailAddress } from '../../platform/email-address.ts';
import { locales, type Locale } from '../../platform/web/locale.ts';
import { apiSignUpPerson } from '../supporters/service.ts';
import type { ApiDeps } from './resource.ts';

/**
 * The person an action helper (record_signature_helper, record_attendance_helper) is given, in OSDI's
 * shape. The action's own form decides what it needs (both names and an Oregon ZIP to sign; a ZIP to RSVP):
 * the helpers check the same rules as the web forms, and say which field by its name here.
 */
export const actionPersonInput = z
  .object({
    given_name: z.string().max(2000).optional(),
    family_name: z.string().max(2000).optional(),
    email_addresses: z
      .array(
        z.object({
          address: emailAddress('Give the email address'),
          status: z
            .enum(['subscribed', 'unsubscribed'], { error: 'status is subscribed or unsubscribed' })
            .optional()
            .meta({
              description:
                'Left out, the action asks for no email. subscribed starts the same double opt-in as person_signup_helper: the person is sent a confirmation email and is subscribed only when they use its link. unsubscribed stops all email at once.',
            }),
        }),
      )
      .min(1, 'Give one email address')
      .max(1, 'Give one email address: a person here has one'),
    postal_addresses: z
      .array(
        z.object({
          address_lines: z.array(z.string().max(2000)).max(1, 'Give the street address as one line').optional(),
          postal_code: z.string().max(2000).optional(),
        }),
      )
      .max(1, 'Give one postal address')
      .optional(),
    phone_numbers: z
      .array(z.object({ number: z.string().max(2000) }))
      .max(1, 'Give one phone number')
      .optional(),
    preferred_language: z.enum(locales, { error: `preferred_language is one of ${locales.join(', ')}` }).optional(),
  })
  .meta({ id: 'ActionPersonInput' });

export type ActionPerson = z.output<typeof actionPersonInput>;

/** The person as the web forms' fields name them: what is missing is empty, as an unfilled form field is. */
export function formFieldsOf(person: ActionPerson) {
  return {
    givenName: person.given_name ?? '',
    familyName: person.family_name ?? '',
    email: person.email_addresses[0]!.address,
    zip: person.postal_addresses?.[0]?.postal_code ?? '',
    street: person.postal_addresses?.[0]?.address_lines?.[0] ?? '',
    phone: person.phone_numbers?.[0]?.number ?? '',
    locale: (person.preferred_language ?? 'en') as Locale,
  };
}

/** Where each web form field is in the helper's body, for the 400's `fields`. */
export const PERSON_FIELD_PATHS: Record<string, string> = {
  givenName: 'person.given_name',
  familyName: 'person.family_name',
  email: 'person.email_addresses.0.address',
  zip: 'person.postal_addresses.0.postal_code',
  street: 'person.postal_addresses.0.address_lines.0',
  phone: 'person.phone_numbers.0.number',
};

/** A form's field messages under the body's paths; `more` names the action's own fields. */
export function bodyFields(
  fields: Record<string, string>,
  more: (field: string) => string | undefined = () => undefined,
) {
  const named: Record<string, string> = {};
  for (const [field, message] of Object.entries(fields))
    named[PERSON_FIELD_PATHS[field] ?? more(field) ?? field] = message;
  return named;
}

/**
 * The person's wish about email, when the tool gives one: subscribed asks through the people's own double
 * opt-in (nothing is subscribed until the person uses the emailed link), unsubscribed stops email at once.
 * Left out, nothing is asked: an action is never consent to email.
 */
export async function emailWishOf(deps: ApiDeps, callerId: number, person: ActionPerson): Promise<void> {
  const status = person.email_addresses[0]!.status;
  if (!status) return;
  const outcome = await apiSignUpPerson(
    deps.db,
    person.email_addresses[0]!.address,
    {
      givenName: person.given_name?.trim() || undefined,
      familyName: person.family_name?.trim() || undefined,
      subscribe: status === 'subscribed',
      unsubscribe: status === 'unsubscribed',
    },
    { source: `api-key-${callerId}`, emailDomain: deps.emailDomain },
  );
  if ('confirmationQueued' in outcome && outcome.confirmationQueued) deps.emailQueued();
}
