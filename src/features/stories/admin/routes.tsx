import { Hono } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import type { StoryAdminDeps } from './deps.ts';
import { moderationRoutes } from './moderation.tsx';
import { testimonyRoutes } from './testimony.tsx';

export type { StoryAdminDeps };

/** /admin/stories: every screen needs stories access (permissions.ts); testimony before the :id routes. */
export function storyAdminRoutes(deps: StoryAdminDeps): Hono<AdminEnv> {
  const admin = new Hono<AdminEnv>();
  admin.route('/', testimonyRoutes(deps));
  admin.route('/', moderationRoutes(deps));
  return admin;
}
