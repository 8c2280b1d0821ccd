import { Hono } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import type { Locale } from '../../platform/web/locale.ts';
import type { StoriesPublicDeps } from './public-deps.ts';

/** /share-your-story, its thank-you, the deletion link and the consent link (stories helper S1). */
export function shareRoutes(_deps: StoriesPublicDeps, _locale: Locale): Hono<AppEnv> {
  return new Hono<AppEnv>();
}

/**
 * The story form's posts, checked by their Origin rather than a token: the form's page is served from the page
 * cache, the same to everyone, as the other public forms are.
 */
export function isStoryOriginCheckedPath(path: string): boolean {
  return /^(\/es)?\/share-your-story$/.test(path);
}
