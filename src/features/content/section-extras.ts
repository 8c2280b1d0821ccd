import { contentLinkTargets } from './link-targets.ts';
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { noImages, type ImageLibrary } from '../../platform/web/images.tsx';
import type { LinkTarget, LinkTargets } from '../../platform/web/link-targets.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { listPolicies } from './policies.ts';
import { getResource, searchResources, type ResourceSummary } from './resources.ts';
import { pages } from './schema.ts';
import { imageIdsOf } from './sections.ts';
import type { PetitionProgress, SectionExtras, ShownSection } from './views/sections.tsx';

/** A petition's title, count and goal for a progress section, or undefined when it is not public. */
export type PetitionProgressOf = (slug: string, locale: Locale) => Promise<PetitionProgress | undefined>;

/**
 * What the app hands content so sections can show more than their own words: the media library's
 * images, everything a link can lead to, and petitions' counts. Each has an empty default, so a site
 * (or a test) composed without the media or petitions features still renders every page.
 */
export type SectionSources = {
  images: ImageLibrary;
  targets: LinkTargets;
  petitionProgress: PetitionProgressOf;
  /**
   * Text other features keep current that staff may place in a page's words with a placeholder, such as
   * `{{retention-rules}}` (the retention rules that are on, which the privacy notice states).
   */
  placeholders: (locale: Locale) => Promise<Readonly<Record<string, string>>>;
};

/** The sources sections draw on, with content's own or empty ones where the app handed none. */
export function sectionSources(
  db: Db,
  given: { [K in keyof SectionSources]?: SectionSources[K] | undefined },
): SectionSources {
  return {
    images: given.images ?? noImages,
    targets: given.targets ?? (() => contentLinkTargets(db)),
    petitionProgress: given.petitionProgress ?? (async () => undefined),
    placeholders: given.placeholders ?? (async () => ({})),
  };
}

const placeholder = /\{\{[a-z-]+\}\}/g;

/**
 * The page with the placeholders `sources` fill written out in its text and its sections' words. Only a page
 * that holds a placeholder asks for them; one the sources do not know stays as it is (the fixed retention periods
 * are filled as the Markdown is drawn).
 */
export async function fillPlaceholders<P extends { bodyMd: string; sections: unknown[] }>(
  page: P,
  sources: SectionSources,
  locale: Locale,
): Promise<P> {
  if (!JSON.stringify([page.bodyMd, page.sections]).includes('{{')) return page;
  const values = await sources.placeholders(locale);
  if (Object.keys(values).length === 0) return page;
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(placeholder, (p) => values[p] ?? p);
    if (Array.isArray(value)) return value.map(fill);
    if (value instanceof Date || value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
  };
  return { ...page, bodyMd: fill(page.bodyMd) as string, sections: fill(page.sections) as P['sections'] };
}

/** Looks up, once per page, the images, links, resources and petitions its sections show. */
export async function loadSectionExtras(
  db: Db,
  sources: SectionSources,
  sections: readonly ShownSection[],
  locale: Locale,
): Promise<SectionExtras> {
  const petitionSlugs = [
    ...new Set(sections.flatMap((s) => (s.kind === 'petition-progress' && s.data.petition ? [s.data.petition] : []))),
  ];
  const ids = imageIdsOf(sections);
  const [images, targets, petitions, resources] = await Promise.all([
    ids.length > 0 ? sources.images.find(ids, locale) : new Map(),
    sections.some(hasLink) ? sources.targets() : [],
    Promise.all(petitionSlugs.map(async (slug) => [slug, await sources.petitionProgress(slug, locale)] as const)),
    Promise.all(
      sections.flatMap((s) =>
        s.kind === 'resources' ? [resourcesFor(db, s, locale).then((r) => [s.key, r] as const)] : [],
      ),
    ),
  ]);
  return {
    images,
    targets,
    petitions: new Map(petitions.filter((p): p is readonly [string, PetitionProgress] => p[1] !== undefined)),
    resources: new Map(resources),
  };
}

function hasLink(s: ShownSection): boolean {
  return (s.kind === 'hero' || s.kind === 'text' || s.kind === 'cta') && s.data.link !== null;
}

/** Resources chosen by hand, in the order chosen; else the newest few of a topic (or of all). */
async function resourcesFor(
  db: Db,
  section: Extract<ShownSection, { kind: 'resources' }>,
  locale: Locale,
): Promise<ResourceSummary[]> {
  const { slugs, topic, limit } = section.data;
  if (slugs.length > 0) {
    const found = await Promise.all(slugs.map((slug: string) => getResource(db, slug, locale)));
    return found.filter((r) => r !== undefined);
  }
  return (await searchResources(db, { locale, topic: topic || undefined, perPage: limit })).items;
}
