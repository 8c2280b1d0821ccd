import { Hono } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import type { StoryAdminDeps } from './deps.ts';

/** /admin/stories: the moderation queue and one story's screen (stories helper S3). */
export function moderationRoutes(_deps: StoryAdminDeps): Hono<AdminEnv> {
  return new Hono<AdminEnv>();
}
