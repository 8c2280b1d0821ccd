import { z } from 'zod';
import { plainText } from '../../platform/plain-text.ts';
import { linkTargetKinds, type LinkTarget } from '../../platform/web/link-targets.ts';

/**
 * The kinds of section a page is built from, and what each stores. A section row keeps a heading
 * and Markdown text in columns of their own (every kind has words to translate); what else a kind
 * needs is its `data`, checked here on the way in (the seed, staff forms) and on the way out (a row
 * a later version cannot read is left off the page rather than breaking it).
 */
export const sectionKinds = [
  'hero',
  'text',
  'cards',
  'figure',
  'quote',
  'cta',
  'image',
  'resources',
  'petition-progress',
] as const;
export type SectionKind = (typeof sectionKinds)[number];

/** What staff call each kind. */
export const sectionKindNames: Record<SectionKind, string> = {
  hero: 'Hero (the page’s opening)',
  text: 'Text',
  cards: 'Cards (values, pillars)',
  figure: 'Figure (a number and what it counts)',
  quote: 'Quote',
  cta: 'Call to action',
  image: 'Image',
  resources: 'Resource list',
  'petition-progress': 'Petition progress',
};

const upTo = (max: number) => plainText({ max });
const markdown = plainText({ max: 50_000, lines: true, trim: false });
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Choose from the list')
  .max(80);

/** Where a call to action or a read-more link leads: something on this site, or another site. */
export const sectionLink = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(linkTargetKinds), ref: z.string().min(1).max(200) }),
  z.object({
    kind: z.literal('url'),
    url: z
      .url({ protocol: /^https?$/, error: 'Enter a web address starting with http:// or https://' })
      .max(2000, 'Use 2,000 characters or fewer'),
  }),
]);
export type SectionLink = z.infer<typeof sectionLink>;

const imageId = z.number().int().positive().max(2_147_483_647);
const linkFields = { link: sectionLink.nullable().default(null), linkLabel: upTo(200).default('') };

/** Text sections come in three looks: plain, a numbered step (tips), or a note set apart. */
export const textStyles = ['plain', 'step', 'note'] as const;

export const card = z.object({
  title: upTo(300),
  text: markdown.default(''),
  imageId: imageId.nullable().default(null),
});
export type Card = z.infer<typeof card>;

export const sectionData = {
  hero: z.object({ imageId: imageId.nullable().default(null), ...linkFields }),
  text: z.object({ style: z.enum(textStyles).default('plain'), ...linkFields }),
  cards: z.object({ cards: z.array(card).max(24).default([]) }),
  figure: z.object({ figure: upTo(100).default(''), caption: upTo(500).default('') }),
  quote: z.object({ attribution: upTo(300).default('') }),
  cta: z.object(linkFields),
  image: z.object({ imageId: imageId.nullable().default(null) }),
  // Chosen by topic (the newest few), or by hand when `slugs` names them.
  resources: z.object({
    topic: z.string().max(80).default(''),
    slugs: z.array(slug).max(20).default([]),
    limit: z.number().int().min(1).max(12).default(3),
  }),
  'petition-progress': z.object({ petition: z.string().max(80).default('') }),
} satisfies Record<SectionKind, z.ZodType>;

type DataOf<K extends SectionKind> = z.output<(typeof sectionData)[K]>;
export type SectionData = { [K in SectionKind]: DataOf<K> }[SectionKind];

const common = {
  heading: upTo(300).default(''),
  bodyMd: markdown.default(''),
  hidden: z.boolean().default(false),
};

/** A section's content, as stored (without its key and place on the page). */
export const sectionContent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hero'), ...common, data: sectionData.hero.prefault({}) }),
  z.object({ kind: z.literal('text'), ...common, data: sectionData.text.prefault({}) }),
  z.object({ kind: z.literal('cards'), ...common, data: sectionData.cards.prefault({}) }),
  z.object({ kind: z.literal('figure'), ...common, data: sectionData.figure.prefault({}) }),
  z.object({ kind: z.literal('quote'), ...common, data: sectionData.quote.prefault({}) }),
  z.object({ kind: z.literal('cta'), ...common, data: sectionData.cta.prefault({}) }),
  z.object({ kind: z.literal('image'), ...common, data: sectionData.image.prefault({}) }),
  z.object({ kind: z.literal('resources'), ...common, data: sectionData.resources.prefault({}) }),
  z.object({ kind: z.literal('petition-progress'), ...common, data: sectionData['petition-progress'].prefault({}) }),
]);
export type SectionContent = z.output<typeof sectionContent>;
export type SectionOf<K extends SectionKind> = Extract<SectionContent, { kind: K }>;

/** A section with its key, as the seed and the history hold it. */
export const keyedSection = z.intersection(
  z.object({
    key: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
      .max(80),
  }),
  sectionContent,
);
export type KeyedSection = z.output<typeof keyedSection>;

export function isSectionKind(kind: string): kind is SectionKind {
  return (sectionKinds as readonly string[]).includes(kind);
}

/** A stored row read as a section of a known kind, or undefined when it cannot be (left off the page). */
export function readSection<
  T extends { kind: string; heading: string; bodyMd: string; hidden?: boolean; data: unknown },
>(row: T): (SectionContent & Omit<T, keyof SectionContent>) | undefined {
  const parsed = sectionContent.safeParse(row);
  return parsed.success ? { ...row, ...parsed.data } : undefined;
}

/**
 * Why these sections may not be shown to the public, naming the first that may not, or undefined.
 * A quote is words in someone's mouth: without saying whose, it is not published (issue 14).
 */
export function whySectionsCannotBePublished(
  sections: readonly { key: string; kind: string; hidden?: boolean | undefined; data: unknown }[],
): string | undefined {
  for (const [index, section] of sections.entries()) {
    if (section.hidden || section.kind !== 'quote') continue;
    const attribution = (section.data as { attribution?: unknown } | null)?.attribution;
    if (typeof attribution !== 'string' || attribution.trim() === '')
      return (
        `The quote in section ${index + 1} (“${section.key}”) has no attribution. Say who said it, ` +
        'or hide the section, before it can be published.'
      );
  }
  return undefined;
}

/** The link's address on the site in neutral form ("/about"), or the other site's address; undefined if gone. */
export function linkPath(link: SectionLink | null, targets: readonly LinkTarget[]): string | undefined {
  if (!link) return undefined;
  if (link.kind === 'url') return link.url;
  return targets.find((t) => t.kind === link.kind && t.ref === link.ref)?.path;
}

/** Image ids a list of sections shows, for one look-up in the media library. */
export function imageIdsOf(sections: readonly SectionContent[]): number[] {
  const ids = new Set<number>();
  for (const s of sections) {
    if ((s.kind === 'hero' || s.kind === 'image') && s.data.imageId) ids.add(s.data.imageId);
    if (s.kind === 'cards') for (const c of s.data.cards) if (c.imageId) ids.add(c.imageId);
  }
  return [...ids];
}
