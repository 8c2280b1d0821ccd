import { Hono } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import type { Locale } from '../../platform/web/locale.ts';
import type { StoriesPublicDeps } from './public-deps.ts';
import { shareRoutes } from './share-routes.tsx';
import { storyPageRoutes } from './story-pages.tsx';

export type { StoriesPublicDeps };

/** The public side of stories in one language: sharing one, and reading those published. */
export function storyRoutes(deps: StoriesPublicDeps, locale: Locale): Hono<AppEnv> {
  const site = new Hono<AppEnv>();
  site.route('/', shareRoutes(deps, locale));
  site.route('/', storyPageRoutes(deps, locale));
  return site;
}
