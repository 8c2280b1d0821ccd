import { z } from 'zod';
import { plainText } from '../../../platform/plain-text.ts';
import { fieldErrors, type FieldErrors } from '../../../platform/web/forms.tsx';
import type { StoryEdit } from '../moderation.ts';
import { storyTopics, type StoryTopic } from '../schema.ts';
import type { StoryRecord, StoryTranslation } from '../story-records.ts';
import { formMessages } from './messages.ts';

/** The edit and translation forms' fields as typed: each a string, a ticked topic 'on'. */
export type FormValues = Record<string, string>;

/** A story's text may be as long as the teller's (20,000) and a little more, for what staff put in for names. */
export const STORY_TEXT_MAX = 25_000;

export const topicField = (topic: StoryTopic) => `topic-${topic}`;
const editNames = ['title', 'text', 'contentNotes', ...storyTopics.map(topicField)];
const translationNames = ['translationTitle', 'translationText'];

// One kind of line break, whichever the browser sent, as the teller's form keeps it.
const lines = (max: number, required?: string) =>
  plainText({ max, lines: true, required }).transform((v) => v.replace(/\r\n?/g, '\n'));

const editSchema = z.object({
  title: plainText({ max: 200 }),
  text: lines(STORY_TEXT_MAX, formMessages.textRequired),
  contentNotes: lines(500),
});

const translationSchema = z
  .object({ translationTitle: plainText({ max: 200 }), translationText: lines(STORY_TEXT_MAX) })
  .refine((t) => t.translationTitle === '' || t.translationText !== '', {
    path: ['translationText'],
    message: formMessages.translationText,
  });

/** Only the form's own fields, each a string (a repeated name's last value, as the body reader gives it). */
export function typedValues(read: (name: string) => string, translation = false): FormValues {
  return Object.fromEntries((translation ? translationNames : editNames).map((name) => [name, read(name)]));
}

/** The edit form as the story stands: the first time, the original to redact and the teller's own topics. */
export function editValues(story: StoryRecord): FormValues {
  const topics = story.redacted === null && story.topics.length === 0 ? story.teller.topics : story.topics;
  return {
    title: story.title ?? '',
    text: story.redacted ?? story.original,
    contentNotes: story.contentNotes ?? story.teller.contentNotes,
    ...Object.fromEntries(topics.map((t) => [topicField(t), 'on'])),
  };
}

export function translationValues(story: StoryRecord): FormValues {
  return { translationTitle: story.translation?.title ?? '', translationText: story.translation?.text ?? '' };
}

export function parseEdit(values: FormValues): { edit?: StoryEdit; errors: FieldErrors } {
  const parsed = editSchema.safeParse(values);
  const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error.issues);
  // A box is ticked 'on'; anything else came from no browser showing this form.
  const strange = storyTopics.some((t) => !['', 'on'].includes(values[topicField(t)] ?? ''));
  if (strange) errors.topics = formMessages.topics;
  if (!parsed.success || strange) return { errors };
  const topics = storyTopics.filter((t) => values[topicField(t)] === 'on');
  return { edit: { ...parsed.data, topics }, errors: {} };
}

export function parseTranslation(values: FormValues): { translation?: StoryTranslation; errors: FieldErrors } {
  const parsed = translationSchema.safeParse(values);
  if (!parsed.success) return { errors: fieldErrors(parsed.error.issues) };
  return { translation: { title: parsed.data.translationTitle, text: parsed.data.translationText }, errors: {} };
}
