import { Hono } from 'hono';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import type { PageCache } from '../../../platform/http/page-cache.ts';
import { contentPolicy } from '../policy.ts';

export type ContentAdminDeps = { db: Db; frame: AdminFrame; cache: PageCache; dataDir: string; uploadMaxBytes: number };

/** Staff edit the public site's content here. (Being built: see the issue.) */
export function contentAdminRoutes(deps: ContentAdminDeps): Hono<AdminEnv> {
  const { frame } = deps;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(contentPolicy.view));
  app.get('/', (c) => frame.render(c, { title: 'Content', current: 'content', body: <h1>Content</h1> }));
  return app;
}
