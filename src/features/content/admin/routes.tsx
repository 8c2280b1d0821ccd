import { join } from 'node:path';
import { Hono } from 'hono';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import type { PageCache } from '../../../platform/http/page-cache.ts';
import { LocalFileStore, type FileStore } from '../../../platform/storage.ts';
import type { ImageLibrary } from '../../../platform/web/images.tsx';
import type { LinkTargets } from '../../../platform/web/link-targets.ts';
import { contentPermissions } from '../permissions.ts';
import { sectionSources, type PetitionProgressOf } from '../section-extras.ts';
import { contentOverview } from '../service.ts';
import { historyScreens } from './history.tsx';
import { pageScreens } from './pages.tsx';
import { sectionScreens } from './sections.tsx';
import { policyScreens } from './policies.tsx';
import type { ContentScreens } from './requests.ts';
import { resourceScreens } from './resources.tsx';
import { settingsScreens } from './settings.tsx';
import { ContentOverviewView } from './views/overview.tsx';

export type ContentAdminDeps = {
  db: Db;
  frame: AdminFrame;
  cache: PageCache;
  dataDir: string;
  uploadMaxBytes: number;
  /** Where uploads go; files under `${dataDir}/uploads` when not given. */
  files?: FileStore | undefined;
  /** The media library, for placing images in sections; none when not given. */
  images?: ImageLibrary | undefined;
  /** What a section's link may lead to; content's own pages and lists when not given. */
  targets?: LinkTargets | undefined;
  /** A petition's count, for previews of a progress section. */
  petitionProgress?: PetitionProgressOf | undefined;
};

/**
 * The forms that carry a file (a resource's, under /admin/content; the settings' logo and icon): the only
 * requests allowed a body of UPLOAD_MAX_MB (every other form is refused far smaller).
 */
export function isUploadPath(path: string): boolean {
  return /^\/admin\/content\/resources\/(new|[a-z0-9-]{1,80})$/.test(path) || path === '/admin/settings';
}

/**
 * Staff edit the public site's content here: pages, policies and resources
 * in both languages, with history. Every screen needs `view`; each change
 * asks for its own permission (see permissions.ts).
 */
export function contentAdminRoutes(deps: ContentAdminDeps): Hono<AdminEnv> {
  const { frame } = deps;
  const screens = contentScreens(deps);
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(contentPermissions.view));
  app.get('/', async (c) =>
    frame.render(c, {
      title: 'Content',
      current: 'content',
      body: <ContentOverviewView overview={await contentOverview(deps.db)} />,
    }),
  );
  app.route('/pages', sectionScreens(screens));
  app.route('/pages', pageScreens(screens));
  app.route('/policies', policyScreens(screens));
  app.route('/resources', resourceScreens(screens));
  app.route('/history', historyScreens(screens));
  return app;
}

/** The organisation's settings, for admins: mounted by the app at /admin/settings. */
export function settingsAdminRoutes(deps: ContentAdminDeps): Hono<AdminEnv> {
  return settingsScreens(contentScreens(deps));
}

function contentScreens(deps: ContentAdminDeps): ContentScreens {
  return {
    db: deps.db,
    frame: deps.frame,
    cache: deps.cache,
    files: deps.files ?? new LocalFileStore(join(deps.dataDir, 'uploads')),
    uploadMaxBytes: deps.uploadMaxBytes,
    sources: sectionSources(deps.db, deps),
  };
}
