import {
  contentLinkTargets,
  getContentVersion,
  searchLibrary,
  searchPages,
  searchPolicies,
} from '../features/content/service.ts';
import {
  eventLinkTargets,
  eventsSiteMapSection,
  listPublicEventPaths,
  publicEventsStamp,
  searchEvents,
} from '../features/events/service.ts';
import { retentionRulesStamp } from '../features/retention/service.ts';
import { legislatorPaths } from '../features/legislators/service.ts';
import {
  letterLinkTargets,
  lettersSiteMapSection,
  listPublicLetterPaths,
  publicLettersStamp,
} from '../features/letters/site-map.ts';
import { listPublishedPostPaths, newsLinkTargets, newsSiteMapSection, searchNews } from '../features/news/service.ts';
import {
  listPublicPetitions,
  petitionLinkTargets,
  petitionSiteMapSection,
  publicPetitionsStamp,
  searchPetitions,
} from '../features/petitions/service.ts';
import {
  publicStoriesStamp,
  storiesSiteMapSection,
  storyLinkTargets,
  storyPaths,
  type StoryVault,
} from '../features/stories/service.ts';
import type { Db } from '../platform/db/client.ts';
import type { SearchSource } from '../platform/search.ts';
import type { LinkTargets } from '../platform/web/link-targets.ts';
import type { Locale } from '../platform/web/locale.ts';
import { privacyPaths } from '../features/privacy/service.ts';

/**
 * What the public site gathers from every feature that has public pages: the version the page cache serves by,
 * what a menu may link to, the sitemap's paths, the people's site map and site search. A feature that adds public
 * pages adds its part to each list here.
 */

/**
 * The page cache's version. Public pages show petitions, events, letters and stories too (the menu, the site maps), so the
 * version moves with any of them: their 32-bit stamps, folded into one, sit below the content version, exact for
 * the first two million content edits.
 */
export async function publicVersion(db: Db): Promise<number> {
  const [content, petitions, events, letters, stories, retention] = await Promise.all([
    getContentVersion(db),
    publicPetitionsStamp(db),
    publicEventsStamp(db),
    publicLettersStamp(db),
    publicStoriesStamp(db),
    retentionRulesStamp(db),
  ]);
  return content * 2 ** 32 + ((petitions ^ events ^ letters ^ stories ^ retention) >>> 0);
}

/** Everything a menu (or a call to action) may link to, as each feature offers it. */
export function linkTargetsOf(db: Db): LinkTargets {
  return async () =>
    (
      await Promise.all([
        contentLinkTargets(db),
        petitionLinkTargets(db),
        newsLinkTargets(db),
        eventLinkTargets(db),
        letterLinkTargets(db),
        storyLinkTargets(db),
      ])
    ).flat();
}

/** The sitemap's paths beyond content's own pages. */
export async function featurePaths(db: Db): Promise<string[]> {
  const petitionPaths = async () => {
    const listed = await listPublicPetitions(db);
    return listed.length === 0 ? [] : ['/petitions', ...listed.map((p) => `/petitions/${p.slug}`)];
  };
  const newsPaths = async () => ['/news', ...(await listPublishedPostPaths(db))];
  return (
    await Promise.all([
      petitionPaths(),
      newsPaths(),
      listPublicEventPaths(db),
      legislatorPaths(db),
      listPublicLetterPaths(db),
      storyPaths(db),
      Promise.resolve([...privacyPaths]),
    ])
  ).flat();
}

/** The people's site map (/site-map): each feature's section after content's pages (stories' titles are sealed). */
export function siteMapSectionsOf(db: Db, storyVault: StoryVault) {
  return async (locale: Locale) =>
    Promise.all([
      newsSiteMapSection(db, locale),
      eventsSiteMapSection(db, locale),
      petitionSiteMapSection(db, locale),
      lettersSiteMapSection(db, locale),
      storiesSiteMapSection({ db, vault: storyVault }, locale),
    ]);
}

/** Site search: each feature's part, ranked together on one page. */
export const searchSources: SearchSource[] = [
  searchPages,
  searchPolicies,
  searchLibrary,
  searchPetitions,
  searchNews,
  searchEvents,
];
