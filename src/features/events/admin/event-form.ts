import { z } from 'zod';
import { plainText } from '../../../platform/plain-text.ts';
import { fieldErrors, type FieldErrors } from '../../../platform/web/forms.tsx';
import { dateToZonedLocal, zonedLocalToDate } from '../../../platform/web/time.ts';
import type { EventDraft, EventWords, QuestionDraft, SessionDraft, StaffEvent } from '../event-editing.ts';
import { eventFormats, questionKinds, type QuestionChoice } from '../schema.ts';

/** What the editor's fields hold as typed: every value a string, rows as `sessions.0.titleEn`. */
export type FormValues = Record<string, string>;

/** The zones an Oregon organisation's events are likely in; the first is the default. */
export const eventTimeZones = [
  ['America/Los_Angeles', 'Pacific Time (Oregon, most of it)'],
  ['America/Boise', 'Mountain Time (Malheur County, Idaho)'],
  ['America/Denver', 'Mountain Time (Denver)'],
  ['America/Phoenix', 'Arizona (no daylight saving)'],
  ['America/Chicago', 'Central Time'],
  ['America/New_York', 'Eastern Time'],
  ['America/Anchorage', 'Alaska Time'],
  ['Pacific/Honolulu', 'Hawaii Time'],
] as const;

export const factNames = [
  'slug',
  'format',
  'timeZone',
  'startsAt',
  'endsAt',
  'venue',
  'address',
  'joinUrl',
  'capacity',
  'rsvpDeadline',
  'meetsLegislators',
  'imageId',
] as const;
export const wordNames = ['title', 'summary', 'descriptionMd', 'accessibilityNotes'] as const;
export const sessionFields = ['id', 'titleEn', 'titleEs', 'startsAt', 'endsAt', 'remove'] as const;
export const questionFields = ['id', 'kind', 'labelEn', 'labelEs', 'choices', 'required', 'remove'] as const;
/** More rows than anyone plans; a form claiming more is cut here rather than read. */
const MAX_ROWS = 30;

const slug = z
  .string()
  .trim()
  .min(1, 'Enter a short address name')
  .max(80, 'Use 80 characters or fewer')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, numbers and single hyphens');

const facts = z.object({
  slug,
  format: z.enum(eventFormats, 'Choose in person or online'),
  timeZone: z.enum(eventTimeZones.map(([zone]) => zone) as [string, ...string[]], 'Choose a time zone from the list'),
  venue: plainText({ max: 200 }),
  address: plainText({ max: 300, lines: true }),
  joinUrl: plainText({ max: 500 }),
  capacity: z
    .string()
    .trim()
    .regex(/^\d{0,6}$/, 'Enter a whole number of seats, or leave it empty for no limit')
    .refine((v) => v === '' || (Number(v) >= 1 && Number(v) <= 100_000), 'Enter from 1 to 100,000 seats'),
  meetsLegislators: z.string().optional(),
});

// The messages name the language: the error summary lists both languages' fields together.
const words = (required: boolean, language: string) =>
  z.object({
    title: plainText({ max: 200, required: required ? `Enter the ${language} title` : undefined }),
    summary: plainText({
      max: 500,
      lines: true,
      required: required ? `Enter the ${language} summary: a sentence or two` : undefined,
    }),
    descriptionMd: plainText({ max: 50_000, lines: true, trim: false }),
    accessibilityNotes: plainText({ max: 2_000, lines: true }),
  });

const sessionRow = z.object({
  titleEn: plainText({ max: 200, required: 'Name the session in English' }),
  titleEs: plainText({ max: 200 }),
});

const questionRow = z.object({
  kind: z.enum(questionKinds, 'Choose the kind of answer'),
  labelEn: plainText({ max: 300, required: 'Write the question in English' }),
  labelEs: plainText({ max: 300 }),
  choices: plainText({ max: 4_000, lines: true }),
});

/** The rows of one repeated group as typed, in index order; a row that is entirely empty is no row. */
function rowsOf(values: FormValues, group: 'sessions' | 'questions', names: readonly string[]) {
  const rows: { index: number; row: Record<string, string> }[] = [];
  for (let index = 0; index < MAX_ROWS; index++) {
    const row = Object.fromEntries(names.map((n) => [n, values[`${group}.${index}.${n}`] ?? '']));
    const typed = names.some((n) => n !== 'kind' && n !== 'remove' && row[n]!.trim() !== '');
    if (typed && row.remove !== 'on') rows.push({ index, row });
  }
  return rows;
}

/** A day and time the calendar has: 2027-02-30 or 25:00 is a typing slip, not a day to roll over into March. */
function realDay(local: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return false;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && h <= 23 && mi <= 59;
}

const idOf = (v: string) => (/^[0-9]{1,9}$/.test(v) ? Number(v) : undefined);

/** "Large | Grande" per line: English, then Spanish when given. */
export function parseChoices(text: string): QuestionChoice[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [en = '', es = ''] = line.split('|').map((p) => p.trim());
      return { en, es };
    });
}

const choicesText = (choices: QuestionChoice[]) => choices.map((c) => (c.es ? `${c.en} | ${c.es}` : c.en)).join('\n');

/**
 * Reads the editor's fields: a draft to save, or a message by each field refused. Times are typed as local date and
 * time in the event's zone and stored as instants, so 9:00 stays 9:00 on either side of a daylight-saving change.
 */
export function parseEventForm(typed: FormValues, imageIds: number[]): { draft?: EventDraft; errors: FieldErrors } {
  // A field left out of the post (a hand-made request) reads as left empty.
  const values: FormValues = { ...typedValues(() => ''), ...typed };
  const errors: FieldErrors = {};
  const add = (more: FieldErrors) => {
    for (const [k, v] of Object.entries(more)) errors[k] ??= v;
  };
  const f = facts.safeParse(Object.fromEntries(factNames.map((n) => [n, values[n]])));
  if (!f.success) add(fieldErrors(f.error.issues));
  const zone = f.success ? f.data.timeZone : 'America/Los_Angeles';
  const time = (name: string, required: string | undefined) => {
    const typed = (values[name] ?? '').trim();
    if (typed === '') {
      if (required) errors[name] ??= required;
      return undefined;
    }
    const at = realDay(typed) ? zonedLocalToDate(typed, zone) : undefined;
    const year = at?.getUTCFullYear() ?? 0;
    if (!at || year < 2000 || year > 2100) errors[name] ??= 'Enter a date and time like 2027-03-04 09:30';
    return at && year >= 2000 && year <= 2100 ? at : undefined;
  };
  const startsAt = time('startsAt', 'Enter when it starts');
  const endsAt = time('endsAt', 'Enter when it ends');
  if (startsAt && endsAt && endsAt <= startsAt) errors.endsAt ??= 'The end must be after the start';
  const rsvpDeadline = time('rsvpDeadline', undefined);
  if (rsvpDeadline && endsAt && rsvpDeadline > endsAt) errors.rsvpDeadline ??= 'The deadline must be before the end';

  if (values.format === 'in-person') {
    if (!values.venue!.trim()) errors.venue ??= 'Enter the name of the place';
    if (!values.address!.trim()) errors.address ??= 'Enter the street address';
  }
  if (values.format === 'online' && !z.url({ protocol: /^https$/ }).safeParse(values.joinUrl!.trim()).success)
    errors.joinUrl ??= 'Enter the join link, starting https://';
  const imageId = idOf(values.imageId ?? '');
  if ((values.imageId ?? '') !== '' && (imageId === undefined || !imageIds.includes(imageId)))
    errors.imageId ??= 'Choose an image from the list';

  const prefixed = (locale: 'en' | 'es') =>
    Object.fromEntries(wordNames.map((n) => [n, values[`${locale}.${n}`] ?? '']));
  const en = words(true, 'English').safeParse(prefixed('en'));
  if (!en.success) add(fieldErrors(en.error.issues.map((i) => ({ ...i, path: ['en', ...i.path] }))));
  const esTyped = wordNames.some((n) => (values[`es.${n}`] ?? '').trim() !== '');
  const es = words(esTyped, 'Spanish').safeParse(prefixed('es'));
  if (!es.success) add(fieldErrors(es.error.issues.map((i) => ({ ...i, path: ['es', ...i.path] }))));

  const sessions: SessionDraft[] = [];
  for (const { index, row } of rowsOf(values, 'sessions', sessionFields)) {
    const at = (name: 'startsAt' | 'endsAt') => `sessions.${index}.${name}`;
    const parsed = sessionRow.safeParse(row);
    if (!parsed.success)
      add(fieldErrors(parsed.error.issues.map((i) => ({ ...i, path: ['sessions', index, ...i.path] }))));
    const from = time(at('startsAt'), 'Enter when the session starts');
    const to = time(at('endsAt'), 'Enter when the session ends');
    if (from && to && to <= from) errors[at('endsAt')] ??= 'The end must be after the start';
    if (from && startsAt && endsAt && (from < startsAt || from > endsAt))
      errors[at('startsAt')] ??= 'The session must start within the event’s time';
    if (to && startsAt && endsAt && (to < startsAt || to > endsAt))
      errors[at('endsAt')] ??= 'The session must end within the event’s time';
    if (parsed.success && from && to) sessions.push({ id: idOf(row.id!), ...parsed.data, startsAt: from, endsAt: to });
  }

  const questions: QuestionDraft[] = [];
  for (const { index, row } of rowsOf(values, 'questions', questionFields)) {
    const parsed = questionRow.safeParse(row);
    if (!parsed.success) {
      add(fieldErrors(parsed.error.issues.map((i) => ({ ...i, path: ['questions', index, ...i.path] }))));
      continue;
    }
    const choices = parsed.data.kind === 'choice' ? parseChoices(parsed.data.choices) : [];
    const name = `questions.${index}.choices`;
    if (parsed.data.kind === 'choice' && (choices.length < 2 || choices.length > 20))
      errors[name] ??= 'Give from 2 to 20 choices, one on each line';
    else if (choices.some((c) => !c.en || c.en.length > 100 || c.es.length > 100))
      errors[name] ??= 'Each choice needs English words, 100 characters or fewer on each side of the |';
    const { kind, labelEn, labelEs } = parsed.data;
    questions.push({ id: idOf(row.id!), kind, labelEn, labelEs, choices, required: row.required === 'on' });
  }

  if (Object.values(errors).some(Boolean) || !f.success || !en.success || !es.success || !startsAt || !endsAt)
    return { errors };
  const d = f.data;
  const online = d.format === 'online';
  return {
    errors,
    draft: {
      facts: {
        slug: d.slug,
        format: d.format,
        timeZone: d.timeZone,
        startsAt,
        endsAt,
        // The other format's fields are kept out, so a changed mind leaves no stray address or link behind.
        venue: online ? '' : d.venue,
        address: online ? '' : d.address,
        joinUrl: online ? d.joinUrl.trim() : '',
        capacity: d.capacity === '' ? null : Number(d.capacity),
        rsvpDeadline: rsvpDeadline ?? null,
        meetsLegislators: d.meetsLegislators === 'on',
        imageId: imageId ?? null,
      },
      words: { en: en.data as EventWords, es: esTyped ? (es.data as EventWords) : undefined },
      sessions,
      questions,
    },
  };
}

/** A new event's form: Pacific Time, the next whole hours a week out. */
export function blankValues(now = new Date()): FormValues {
  const zone = 'America/Los_Angeles';
  const start = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000 + 7 * 86_400_000);
  return {
    format: 'in-person',
    timeZone: zone,
    startsAt: dateToZonedLocal(start, zone),
    endsAt: dateToZonedLocal(new Date(start.getTime() + 2 * 3_600_000), zone),
  };
}

/** A stored event as the form shows it, times in its own zone. */
export function valuesOf(event: StaffEvent): FormValues {
  const local = (at: Date | null) => (at ? dateToZonedLocal(at, event.timeZone) : '');
  const values: FormValues = {
    slug: event.slug,
    format: event.format,
    timeZone: event.timeZone,
    startsAt: local(event.startsAt),
    endsAt: local(event.endsAt),
    venue: event.venue,
    address: event.address,
    joinUrl: event.joinUrl,
    capacity: event.capacity === null ? '' : String(event.capacity),
    rsvpDeadline: local(event.rsvpDeadline),
    meetsLegislators: event.meetsLegislators ? 'on' : '',
    imageId: event.imageId === null ? '' : String(event.imageId),
  };
  for (const locale of ['en', 'es'] as const)
    for (const n of wordNames) values[`${locale}.${n}`] = event.words[locale]?.[n] ?? '';
  event.sessions.forEach((s, i) => {
    Object.assign(values, {
      [`sessions.${i}.id`]: String(s.id),
      [`sessions.${i}.titleEn`]: s.titleEn,
      [`sessions.${i}.titleEs`]: s.titleEs,
      [`sessions.${i}.startsAt`]: local(s.startsAt),
      [`sessions.${i}.endsAt`]: local(s.endsAt),
    });
  });
  event.questions.forEach((q, i) => {
    Object.assign(values, {
      [`questions.${i}.id`]: String(q.id),
      [`questions.${i}.kind`]: q.kind,
      [`questions.${i}.labelEn`]: q.labelEn,
      [`questions.${i}.labelEs`]: q.labelEs,
      [`questions.${i}.choices`]: choicesText(q.choices),
      [`questions.${i}.required`]: q.required ? 'on' : '',
    });
  });
  return values;
}

/** How many rows of each group the form shows: those typed, and one empty row to add another. */
export function rowCount(values: FormValues, group: 'sessions' | 'questions'): number {
  let last = -1;
  for (const key of Object.keys(values)) {
    const m = new RegExp(`^${group}\\.(\\d{1,2})\\.`).exec(key);
    if (m && Number(m[1]) < MAX_ROWS && values[key] !== '') last = Math.max(last, Number(m[1]));
  }
  return Math.min(last + 2, MAX_ROWS);
}

/** Every field the editor may post, read from the body as typed. */
export function typedValues(read: (name: string) => string): FormValues {
  const values: FormValues = {};
  for (const n of factNames) values[n] = read(n);
  for (const locale of ['en', 'es']) for (const n of wordNames) values[`${locale}.${n}`] = read(`${locale}.${n}`);
  for (let i = 0; i < MAX_ROWS; i++) {
    for (const n of sessionFields) values[`sessions.${i}.${n}`] = read(`sessions.${i}.${n}`);
    for (const n of questionFields) values[`questions.${i}.${n}`] = read(`questions.${i}.${n}`);
  }
  return values;
}
