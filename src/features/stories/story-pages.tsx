import { Hono } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import type { Locale } from '../../platform/web/locale.ts';
import type { StoriesPublicDeps } from './public-deps.ts';

/** /stories and /stories/<id>: published stories (stories helper S4). */
export function storyPageRoutes(_deps: StoriesPublicDeps, _locale: Locale): Hono<AppEnv> {
  return new Hono<AppEnv>();
}
