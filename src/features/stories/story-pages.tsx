import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../../platform/http/env.ts';
import { sendPrepared } from '../../platform/http/respond.ts';
import { DEFAULT_TIME_ZONE, Layout, renderDocument, type PageMeta } from '../../platform/web/layout.tsx';
import type { Locale } from '../../platform/web/locale.ts';
import { storyPageMessages } from './page-messages.ts';
import type { StoriesPublicDeps } from './public-deps.ts';
import { listPublishedStories, publishedStory, storyTopic } from './published.ts';
import { StoriesPage, StoryPage } from './views/story-pages.tsx';

/** A story's public id in an address: letters, digits, '-' and '_' (random, so never guessed from another's). */
export const STORY_ID = '{[A-Za-z0-9_-]{4,64}}';

class PageMissing extends Error {}

/**
 * /stories and /stories/<public id> in one language, through the page cache: the same for everyone, and the app
 * folds publicStoriesStamp into the cache's version, so a story unpublished or deleted leaves at once. Both pages
 * carry "Exit this page" (ADR 063). The page's description is ours, never the story's words.
 */
export function storyPageRoutes(deps: StoriesPublicDeps, locale: Locale): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const t = storyPageMessages(locale);

  async function render(meta: Omit<PageMeta, 'locale' | 'publicUrl' | 'site'>, body: (zone: string) => Child) {
    const site = await deps.siteFrame();
    return renderDocument(
      <Layout {...meta} locale={locale} publicUrl={deps.publicUrl} site={site} current="stories" quickExit>
        {body(site.timeZone ?? DEFAULT_TIME_ZONE)}
      </Layout>,
    );
  }

  /** Through the page cache; `null` means 404, which is not kept. */
  async function cached(c: Context<AppEnv>, key: string, build: () => Promise<string | null>) {
    const body = await deps.cache
      .get(`${locale}:${key}`, async () => {
        const html = await build();
        if (html === null) throw new PageMissing();
        return html;
      })
      .catch((error: unknown) => {
        if (error instanceof PageMissing) return null;
        throw error;
      });
    return body === null ? deps.notFound(c) : sendPrepared(c, body);
  }

  app.get('/stories', (c) => {
    // An unknown topic shows every story: an old link still leads somewhere useful.
    const topic = storyTopic(c.req.query('topic'));
    return cached(c, `/stories?topic=${topic ?? ''}`, async () => {
      const stories = await listPublishedStories(deps, { locale, topic });
      return render(
        {
          path: '/stories',
          title: topic ? `${t.title}: ${t.topicNames[topic]}` : t.title,
          description: t.description,
        },
        (zone) => <StoriesPage locale={locale} stories={stories} topic={topic} timeZone={zone} />,
      );
    });
  });

  app.get(`/stories/:publicId${STORY_ID}`, (c) => {
    const publicId = c.req.param('publicId');
    return cached(c, `/stories/${publicId}`, async () => {
      const story = await publishedStory(deps, publicId, locale);
      if (!story) return null;
      return render(
        // Only the title, which staff chose, goes into the page's description and its title: never the words.
        { path: `/stories/${publicId}`, title: story.title ?? t.untitled, description: t.description },
        (zone) => <StoryPage locale={locale} story={story} timeZone={zone} />,
      );
    });
  });

  return app;
}
