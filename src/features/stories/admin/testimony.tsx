import { Hono } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import type { StoryAdminDeps } from './deps.ts';

/** /admin/stories/testimony: the printable testimony packet (stories helper S4). */
export function testimonyRoutes(_deps: StoryAdminDeps): Hono<AdminEnv> {
  return new Hono<AdminEnv>();
}
