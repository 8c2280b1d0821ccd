import { z } from 'zod';
import { isMailboxAddress } from '../../platform/email-address.ts';
import { plainText } from '../../platform/plain-text.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { privacyMessages } from './messages.ts';
import { requestKinds } from './schema.ts';

/** The longest correction a person may describe: a paragraph or two. */
export const DETAILS_MAX_LENGTH = 2000;

/** The public request form, its messages in the page's language. A correction must say what is wrong. */
export function requestInputFor(locale: Locale) {
  const t = privacyMessages(locale).request.errors;
  return z
    .object({
      kind: z.enum(requestKinds, { message: t.kind }),
      email: z
        .string({ message: t.emailMissing })
        .trim()
        .min(1, t.emailMissing)
        .max(254, t.email)
        .refine(isMailboxAddress, t.email),
      details: plainText({ max: DETAILS_MAX_LENGTH, lines: true, message: t.plain, tooLong: t.tooLong }).optional(),
    })
    .superRefine((input, ctx) => {
      if (input.kind === 'correction' && !input.details)
        ctx.addIssue({ code: 'custom', path: ['details'], message: t.detailsMissing });
    });
}
export type RequestInput = z.output<ReturnType<typeof requestInputFor>>;
