import { z } from 'zod';
import { plainText } from '../../platform/plain-text.ts';
import type { FieldErrors } from '../../platform/web/forms.tsx';
import { fieldErrors } from '../../platform/web/forms.tsx';
import type { LinkTarget } from '../../platform/web/link-targets.ts';
import {
  sectionLink,
  textStyles,
  type Card,
  type SectionContent,
  type SectionKind,
  type SectionLink,
} from './sections.ts';

/**
 * The section editor's form: every kind's fields as a browser sends them (flat strings), checked
 * and turned into a section's content. A refusal names each field, and the typed values go back
 * into the form as they were.
 */
export type SectionFormValues = Record<string, string>;

/** What the choices in the form are drawn from; a value from outside them is refused. */
export type SectionFormChoices = {
  targets: readonly LinkTarget[];
  imageIds: ReadonlySet<number>;
  topics: readonly string[];
  resources: readonly string[];
};

/** Card rows a form can carry; the editor shows the section's cards and three empty rows. */
export const MAX_CARDS = 24;

const upTo = (max: number, required?: string) => plainText({ max, required });
const markdown = (required?: string) => plainText({ max: 50_000, lines: true, trim: false, required });

/** The link select's value for a stored link: "page:about", "url", or "" for none. */
export function linkChoice(link: SectionLink | null): string {
  if (!link) return '';
  return link.kind === 'url' ? 'url' : `${link.kind}:${link.ref}`;
}

/** A stored section as the form's fields. */
export function sectionFormValues(section: SectionContent): SectionFormValues {
  const values: SectionFormValues = { heading: section.heading, bodyMd: section.bodyMd };
  const d = section.data as Record<string, unknown>;
  for (const name of ['figure', 'caption', 'attribution', 'linkLabel', 'style', 'topic', 'petition'])
    if (typeof d[name] === 'string') values[name] = d[name] as string;
  if ('link' in d) {
    const link = d.link as SectionLink | null;
    values.link = linkChoice(link);
    values.url = link?.kind === 'url' ? link.url : '';
  }
  if ('imageId' in d) values.imageId = d.imageId ? String(d.imageId) : '';
  if (section.kind === 'resources') {
    values.limit = String(section.data.limit);
    values.slugs = section.data.slugs.join(' ');
  }
  if (section.kind === 'cards')
    section.data.cards.forEach((card, i) => {
      values[`card.${i}.title`] = card.title;
      values[`card.${i}.text`] = card.text;
      values[`card.${i}.imageId`] = card.imageId ? String(card.imageId) : '';
    });
  return values;
}

/** The names of a kind's fields, for reading them from the posted form. */
export function sectionFieldNames(kind: SectionKind): string[] {
  const names = ['heading', 'bodyMd'];
  const more: Record<SectionKind, string[]> = {
    hero: ['imageId', 'link', 'url', 'linkLabel'],
    text: ['style', 'link', 'url', 'linkLabel'],
    cards: Array.from({ length: MAX_CARDS }, (_, i) => [
      `card.${i}.title`,
      `card.${i}.text`,
      `card.${i}.imageId`,
    ]).flat(),
    figure: ['figure', 'caption'],
    quote: ['attribution'],
    cta: ['link', 'url', 'linkLabel'],
    image: ['imageId'],
    resources: ['topic', 'limit', 'slugs'],
    'petition-progress': ['petition'],
  };
  return [...names, ...more[kind]];
}

type Issue = { path: string; message: string };

/** Checks the typed values of a kind's form: the section's content, or a message by each field. */
export function parseSectionForm(
  kind: SectionKind,
  values: SectionFormValues,
  choices: SectionFormChoices,
): { content: SectionContent; errors?: undefined } | { content?: undefined; errors: FieldErrors } {
  const issues: Issue[] = [];
  const text = <T>(name: string, schema: z.ZodType<T>, fallback: T): T => {
    const parsed = schema.safeParse(values[name] ?? '');
    if (parsed.success) return parsed.data;
    issues.push({ path: name, message: parsed.error.issues[0]?.message ?? 'Check this' });
    return fallback;
  };
  const image = (name: string, required?: string): number | null => {
    const raw = values[name] ?? '';
    if (raw === '') {
      if (required) issues.push({ path: name, message: required });
      return null;
    }
    const id = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!choices.imageIds.has(id)) {
      issues.push({ path: name, message: 'Choose an image from the list' });
      return null;
    }
    return id;
  };
  const link = (required?: string): { link: SectionLink | null; linkLabel: string } => {
    const choice = values.link ?? '';
    const linkLabel = text('linkLabel', upTo(200), '');
    let chosen: SectionLink | null = null;
    if (choice === 'url') {
      const url = sectionLink.safeParse({ kind: 'url', url: (values.url ?? '').trim() });
      if (url.success) chosen = url.data;
      else issues.push({ path: 'url', message: url.error.issues[0]?.message ?? 'Enter a web address' });
    } else if (choice !== '') {
      const target = choices.targets.find((t) => `${t.kind}:${t.ref}` === choice);
      if (target) chosen = { kind: target.kind, ref: target.ref };
      else issues.push({ path: 'link', message: 'Choose from the list' });
    } else if (required) issues.push({ path: 'link', message: required });
    if (choice !== '' && !linkLabel) issues.push({ path: 'linkLabel', message: 'Enter the words people click' });
    return { link: chosen, linkLabel };
  };
  const heading = (required?: string) => text('heading', upTo(300, required), '');
  const body = (required?: string) => text('bodyMd', markdown(required), '');
  const content = ((): SectionContent => {
    const common = { hidden: false };
    switch (kind) {
      case 'hero':
        return {
          kind,
          ...common,
          heading: heading('Enter a heading'),
          bodyMd: body(),
          data: { imageId: image('imageId'), ...link() },
        };
      case 'text': {
        const style = text('style', z.enum(textStyles, { error: 'Choose from the list' }), 'plain');
        return { kind, ...common, heading: heading(), bodyMd: body('Enter the text'), data: { style, ...link() } };
      }
      case 'cards':
        return { kind, ...common, heading: heading(), bodyMd: body(), data: { cards: cards() } };
      case 'figure': {
        const figure = text('figure', upTo(100, 'Enter the figure, like “$500 million”'), '');
        const caption = text('caption', upTo(500, 'Say what the figure counts'), '');
        return { kind, ...common, heading: heading(), bodyMd: body(), data: { figure, caption } };
      }
      case 'quote': {
        const attribution = text('attribution', upTo(300), '');
        return { kind, ...common, heading: heading(), bodyMd: body('Enter the quote'), data: { attribution } };
      }
      case 'cta':
        return {
          kind,
          ...common,
          heading: heading('Enter a heading'),
          bodyMd: body(),
          data: link('Choose where the button leads'),
        };
      case 'image':
        return {
          kind,
          ...common,
          heading: heading(),
          bodyMd: body(),
          data: { imageId: image('imageId', 'Choose an image') },
        };
      case 'resources': {
        const topic = text('topic', z.string(), '');
        if (topic && !choices.topics.includes(topic)) issues.push({ path: 'topic', message: 'Choose from the list' });
        const limit = text(
          'limit',
          z
            .string()
            .trim()
            .regex(/^([1-9]|1[0-2])$/, 'Enter a number from 1 to 12'),
          '3',
        );
        const slugs = (values.slugs ?? '').split(/[\s,]+/).filter(Boolean);
        if (slugs.length > 20) issues.push({ path: 'slugs', message: 'Choose 20 resources or fewer' });
        else if (slugs.some((s) => !choices.resources.includes(s)))
          issues.push({ path: 'slugs', message: 'Choose resources from the list' });
        return {
          kind,
          ...common,
          heading: heading(),
          bodyMd: body(),
          data: { topic, limit: Number(limit), slugs: [...new Set(slugs)].slice(0, 20) },
        };
      }
      case 'petition-progress': {
        const petition = values.petition ?? '';
        const known = choices.targets.some((t) => t.kind === 'petition' && t.ref === petition);
        if (!known) issues.push({ path: 'petition', message: petition ? 'Choose from the list' : 'Choose a petition' });
        return { kind, ...common, heading: heading(), bodyMd: body(), data: { petition } };
      }
    }
  })();

  function cards(): Card[] {
    const rows: Card[] = [];
    for (let i = 0; i < MAX_CARDS; i++) {
      const prefix = `card.${i}`;
      const title = text(`${prefix}.title`, upTo(300), '');
      const cardText = text(`${prefix}.text`, markdown(), '');
      const imageId = image(`${prefix}.imageId`);
      if (!title && !cardText.trim() && imageId === null) continue;
      if (!title) issues.push({ path: `${prefix}.title`, message: 'Enter the card’s title, or clear its text' });
      rows.push({ title, text: cardText, imageId });
    }
    if (rows.length === 0 && issues.length === 0)
      issues.push({ path: 'card.0.title', message: 'Add at least one card' });
    return rows;
  }

  if (issues.length > 0) return { errors: fieldErrors(issues.map((i) => ({ path: [i.path], message: i.message }))) };
  return { content };
}
