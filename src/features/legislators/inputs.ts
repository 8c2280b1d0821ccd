import { z } from 'zod';
import { plainText } from '../../platform/plain-text.ts';
import { voteChoices, type GradeStep } from './schema.ts';

/** "2027 regular session": letters, digits, spaces and a few marks; also part of a scorecard's address. */
const session = z
  .string()
  .trim()
  .min(1, 'Enter the session, for example “2027 regular session”')
  .max(60, 'Keep the session under 60 characters')
  .regex(/^[\p{L}\p{N} .,'()-]+$/u, 'Use letters, numbers and spaces for the session')
  // "new" is the address of the form that starts a scorecard.
  .refine((s) => s.toLowerCase() !== 'new', 'Name the session, for example “2027 regular session”');

/** A bill on the agenda as staff type it. Sponsors are checked against the roster by the route. */
export const billInput = z.object({
  session,
  billNumber: z
    .string()
    .trim()
    .toUpperCase()
    .max(20, 'Keep the bill number under 20 characters')
    .regex(
      /^$|^[A-Z]{1,4} ?\d{1,5}$/,
      'Write the bill number as the Legislature does, for example “HB 1234”, or leave it empty',
    ),
  titleEn: plainText({
    max: 200,
    required: 'Enter the title in English',
    tooLong: 'Keep the title under 200 characters',
  }),
  titleEs: plainText({ max: 200, tooLong: 'Keep the title under 200 characters' }),
  position: z.enum(['support', 'oppose'], { message: 'Choose whether we support or oppose it' }),
  path: z
    .string()
    .trim()
    .max(200, 'Keep the address under 200 characters')
    .regex(/^$|^\/[a-z0-9/_-]*$/, 'Enter an address on this site starting with “/”, or leave it empty'),
  sponsorIds: z.array(z.string().startsWith('ocd-person/')).max(90),
});
export type BillInput = z.infer<typeof billInput>;

/** One step a line: a grade of up to 12 characters, then the lowest share in per cent. */
const gradeSteps = z
  .string()
  .trim()
  .min(1, 'Enter at least two grade steps, one a line, for example “A 90”')
  .transform((text, ctx): GradeStep[] => {
    const steps: GradeStep[] = [];
    for (const line of text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)) {
      const match = /^(\S{1,12})\s+(\d{1,3})\s*%?$/.exec(line);
      if (!match || Number(match[2]) > 100) {
        ctx.addIssue({
          code: 'custom',
          message: `Write each step as a grade and a share from 0 to 100, like “A 90” (not “${line.slice(0, 30)}”)`,
        });
        return z.NEVER;
      }
      steps.push({ grade: match[1]!, atLeast: Number(match[2]) });
    }
    if (steps.length < 2 || steps.length > 10) {
      ctx.addIssue({ code: 'custom', message: 'Enter between two and ten grade steps' });
      return z.NEVER;
    }
    if (steps.some((s, i) => i > 0 && s.atLeast >= steps[i - 1]!.atLeast)) {
      ctx.addIssue({ code: 'custom', message: 'List the steps from the highest share to the lowest' });
      return z.NEVER;
    }
    if (steps.at(-1)!.atLeast !== 0) {
      ctx.addIssue({ code: 'custom', message: 'End with a step at 0, so every record gets a grade' });
      return z.NEVER;
    }
    return steps;
  });

export const scorecardInput = z.object({
  session,
  gradeSteps,
  absencesCount: z.boolean(),
  published: z.boolean(),
});
export type ScorecardInput = z.infer<typeof scorecardInput>;

/** A cell of the votes table: one of the choices, or empty for "not entered". */
export const voteCell = z.enum(['', ...voteChoices], { message: 'Choose yes, no, absent, excused or not entered' });
