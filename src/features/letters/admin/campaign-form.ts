import { z } from 'zod';
import { plainText } from '../../../platform/plain-text.ts';
import { fieldErrors, type FieldErrors } from '../../../platform/web/forms.tsx';
import { dateToZonedLocal, zonedLocalToDate } from '../../../platform/web/time.ts';
import type { CampaignDraft, CampaignWords, StaffCampaign } from '../campaign-editing.ts';
import { deliveryModes, targetKinds } from '../schema.ts';

/** What the editor's fields hold as typed: every value a string; the picked legislators one id a line. */
export type FormValues = Record<string, string>;

/** A legislator the list target may name: the roster's id, and how staff recognise them. */
export type RosterChoice = { id: string; label: string; email: string | null };

export const factNames = [
  'slug',
  'committee',
  'legislatorIds',
  'deliveryMode',
  'reviewAddress',
  'allowStory',
  'goal',
  'opensAt',
  'closesAt',
] as const;
export const targetFields = targetKinds.map((k) => `target.${k}`);
export const wordNames = [
  'title',
  'summary',
  'subjectMatter',
  'talkingPointsMd',
  'subject',
  'greeting',
  'body',
  'closing',
  'storyPrompt',
] as const;

const slug = z
  .string()
  .trim()
  .min(1, 'Enter a short address name')
  .max(80, 'Use 80 characters or fewer')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, numbers and single hyphens');

const facts = z.object({
  slug,
  committee: plainText({ max: 200 }),
  deliveryMode: z.enum(deliveryModes, 'Choose how letters are delivered'),
  reviewAddress: z
    .string()
    .trim()
    .min(1, 'Enter the staff inbox that receives letters while live delivery is off')
    .max(254, 'Use 254 characters or fewer')
    .pipe(z.email('Enter an email address, like letters@example.org')),
  goal: z
    .string()
    .trim()
    .regex(/^\d{0,7}$/, 'Enter a whole number of letters, or leave it empty')
    .refine((v) => v === '' || (Number(v) >= 1 && Number(v) <= 1_000_000), 'Enter from 1 to 1,000,000 letters'),
});

// The messages name the language: the error summary lists both languages' fields together.
const words = (required: boolean, language: string) => {
  const need = (what: string) => (required ? `Enter the ${language} ${what}` : undefined);
  return z.object({
    title: plainText({ max: 200, required: need('title') }),
    summary: plainText({ max: 500, lines: true }),
    subjectMatter: plainText({ max: 300, required: need('bill or topic') }),
    talkingPointsMd: plainText({ max: 20_000, lines: true, trim: false }),
    subject: plainText({ max: 200, required: need('email subject') }),
    greeting: plainText({ max: 200, required: need('greeting') }),
    body: plainText({ max: 10_000, lines: true, required: need('letter') }),
    closing: plainText({ max: 500, lines: true, required: need('closing') }),
    storyPrompt: plainText({ max: 500, lines: true }),
  });
};

/** A day and time the calendar has: 2027-02-30 is a typing slip, not a day to roll over into March. */
function realDay(local: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return false;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && h <= 23 && mi <= 59;
}

/**
 * Reads the editor's fields: a draft to save, or a message by each field refused. Dates are typed in the site's
 * zone. A list target names only legislators on the roster (a committee, one of the roster's when it has them), and the review address may not be one of theirs:
 * test letters must never land in a real office.
 */
export function parseCampaignForm(
  typed: FormValues,
  roster: RosterChoice[],
  timeZone: string,
  committees: string[] = [],
): { draft?: CampaignDraft; errors: FieldErrors } {
  const values: FormValues = { ...typedValues(() => ''), ...typed };
  const errors: FieldErrors = {};
  const add = (more: FieldErrors) => {
    for (const [k, v] of Object.entries(more)) errors[k] ??= v;
  };
  const f = facts.safeParse(Object.fromEntries(factNames.map((n) => [n, values[n]])));
  if (!f.success) add(fieldErrors(f.error.issues));

  const kinds = targetKinds.filter((k) => values[`target.${k}`] === 'on');
  if (kinds.length === 0) errors['target.my-senator'] ??= 'Choose whom the letters go to';
  if (kinds.includes('committee') && f.success && !f.data.committee)
    errors.committee ??= 'Name the committee whose members receive the letters';
  // With the roster's committees loaded, only one of them: a name typed otherwise would reach nobody.
  else if (kinds.includes('committee') && committees.length > 0 && f.success && !committees.includes(f.data.committee))
    errors.committee ??= 'Choose a committee from the list';
  const legislatorIds = [...new Set((values.legislatorIds ?? '').split('\n').map((v) => v.trim()))].filter(Boolean);
  if (legislatorIds.some((id) => !roster.some((r) => r.id === id)))
    errors.legislatorIds ??= 'Choose legislators from the list';
  else if (kinds.includes('list') && legislatorIds.length === 0)
    errors.legislatorIds ??= 'Choose at least one legislator for the list';
  const review = (values.reviewAddress ?? '').trim().toLowerCase();
  if (review && roster.some((r) => r.email?.toLowerCase() === review))
    errors.reviewAddress ??= 'This is a legislator’s address: enter a staff inbox';

  const time = (name: 'opensAt' | 'closesAt') => {
    const text = (values[name] ?? '').trim();
    if (text === '') return null;
    const at = realDay(text) ? zonedLocalToDate(text, timeZone) : undefined;
    const year = at?.getUTCFullYear() ?? 0;
    if (!at || year < 2000 || year > 2100) {
      errors[name] ??= 'Enter a date and time like 2027-03-04 09:30';
      return null;
    }
    return at;
  };
  const opensAt = time('opensAt');
  const closesAt = time('closesAt');
  if (opensAt && closesAt && closesAt <= opensAt) errors.closesAt ??= 'The close must be after the opening';

  const prefixed = (locale: 'en' | 'es') =>
    Object.fromEntries(wordNames.map((n) => [n, values[`${locale}.${n}`] ?? '']));
  const en = words(true, 'English').safeParse(prefixed('en'));
  if (!en.success) add(fieldErrors(en.error.issues.map((i) => ({ ...i, path: ['en', ...i.path] }))));
  const esTyped = wordNames.some((n) => (values[`es.${n}`] ?? '').trim() !== '');
  const es = words(esTyped, 'Spanish').safeParse(prefixed('es'));
  if (!es.success) add(fieldErrors(es.error.issues.map((i) => ({ ...i, path: ['es', ...i.path] }))));

  if (Object.values(errors).some(Boolean) || !f.success || !en.success || !es.success) return { errors };
  const d = f.data;
  return {
    errors,
    draft: {
      facts: {
        slug: d.slug,
        targetKinds: kinds,
        // A target not chosen keeps nothing behind, so a changed mind leaves no stray committee or list.
        committee: kinds.includes('committee') ? d.committee : '',
        legislatorIds: kinds.includes('list') ? legislatorIds : [],
        deliveryMode: d.deliveryMode,
        reviewAddress: d.reviewAddress.trim(),
        allowStory: values.allowStory === 'on',
        goal: d.goal === '' ? null : Number(d.goal),
        opensAt,
        closesAt,
      },
      words: { en: en.data as CampaignWords, es: esTyped ? (es.data as CampaignWords) : undefined },
    },
  };
}

/** A new campaign's form: to each writer's senator and representative, one letter each. */
export function blankValues(): FormValues {
  return {
    'target.my-senator': 'on',
    'target.my-representative': 'on',
    deliveryMode: 'each',
    'en.greeting': 'Dear',
    'en.closing': 'Sincerely,',
    'es.greeting': '',
  };
}

/** A stored campaign as the form shows it, dates in the site's zone. */
export function valuesOf(c: StaffCampaign, timeZone: string): FormValues {
  const local = (at: Date | null) => (at ? dateToZonedLocal(at, timeZone) : '');
  const values: FormValues = {
    slug: c.slug,
    committee: c.committee,
    legislatorIds: c.legislatorIds.join('\n'),
    deliveryMode: c.deliveryMode,
    reviewAddress: c.reviewAddress,
    allowStory: c.allowStory ? 'on' : '',
    goal: c.goal === null ? '' : String(c.goal),
    opensAt: local(c.opensAt),
    closesAt: local(c.closesAt),
  };
  for (const k of targetKinds) values[`target.${k}`] = c.targetKinds.includes(k) ? 'on' : '';
  for (const locale of ['en', 'es'] as const)
    for (const n of wordNames) values[`${locale}.${n}`] = c.words[locale]?.[n] ?? '';
  return values;
}

/** Every field the editor may post, read from the body as typed; `readAll` gives a repeated field's values. */
export function typedValues(read: (name: string) => string, readAll?: (name: string) => string[]): FormValues {
  const values: FormValues = {};
  for (const n of factNames) values[n] = read(n);
  if (readAll) values.legislatorIds = readAll('legislatorIds').join('\n');
  for (const n of targetFields) values[n] = read(n);
  for (const locale of ['en', 'es']) for (const n of wordNames) values[`${locale}.${n}`] = read(`${locale}.${n}`);
  return values;
}
