import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { LinkTarget } from '../../platform/web/link-targets.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { storyPageMessages } from './page-messages.ts';
import { listPublishedStories } from './published.ts';
import { stories } from './schema.ts';
import type { StoryDeps } from './story-records.ts';

/** The site map's section for stories: the list, each published story, newest first, and the way to share one. */
export async function storiesSiteMapSection(deps: StoryDeps, locale: Locale) {
  const t = storyPageMessages(locale);
  const published = await listPublishedStories(deps, { locale });
  return {
    title: t.title,
    links: [
      { path: '/stories', label: t.title },
      ...published.map((s) => ({
        path: `/stories/${s.publicId}`,
        label: s.title ?? t.untitled,
        lang: s.title && s.lang !== locale ? s.lang : undefined,
      })),
      { path: '/share-your-story', label: t.siteMapShare },
    ],
  };
}

/**
 * What a menu item or a call to action may lead to in stories: the list (empty while nothing is published, so a
 * menu shows it only then) and the sharing form, always open. Single stories are not offered: a menu should not
 * point at one person's story, which its teller may ask to take down at any moment.
 */
export async function storyLinkTargets(db: Db): Promise<LinkTarget[]> {
  const [published] = await db
    .select({ id: stories.id })
    .from(stories)
    .where(and(eq(stories.status, 'published'), isNotNull(stories.redactedSealed)))
    .limit(1);
  const en = storyPageMessages('en');
  const es = storyPageMessages('es');
  return [
    { kind: 'list', ref: 'stories', path: '/stories', label: { en: en.title, es: es.title }, empty: !published },
    {
      kind: 'list',
      ref: 'share-your-story',
      path: '/share-your-story',
      label: { en: en.shareOwn, es: es.shareOwn },
    },
  ];
}
