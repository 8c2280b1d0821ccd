import { committeeMemberIds, committeeNames } from './committees.ts';
import { Hono } from 'hono';
import type { FileStore } from '../platform/storage.ts';
import type { Secrets } from '../platform/crypto.ts';
import type { PageCache } from '../platform/http/page-cache.ts';
import { AdminFrame, type AdminEnv } from '../platform/http/admin.tsx';
import type { ImageLibrary } from '../platform/web/images.tsx';
import type { SiteFrame } from '../platform/web/layout.tsx';
import type { LinkTargets } from '../platform/web/link-targets.ts';
import { getSiteSettings } from '../features/content/service.ts';
import { contentAdminRoutes, settingsAdminRoutes } from '../features/content/admin/routes.tsx';
import { sectionSourcesFor } from './section-sources.ts';
import { contentPermissions } from '../features/content/permissions.ts';
import { navigationAdminRoutes } from '../features/navigation/admin/routes.tsx';
import { navigationPermissions } from '../features/navigation/service.ts';
import { mediaAdminRoutes } from '../features/media/admin/routes.tsx';
import { mediaPermissions } from '../features/media/permissions.ts';
import { auditRoutes } from '../features/audit/admin/routes.tsx';
import { broadcastPermissions } from '../features/broadcasts/permissions.ts';
import { broadcastRoutes } from '../features/broadcasts/admin/routes.tsx';
import { petitionAdminRoutes } from '../features/petitions/admin/routes.tsx';
import { petitionPermissions } from '../features/petitions/permissions.ts';
import type { PetitionPublic } from '../features/petitions/public-pages.tsx';
import { referenceAdminRoutes } from '../features/reference/admin/routes.tsx';
import { referencePermissions } from '../features/reference/permissions.ts';
import { loadStaffSession } from '../features/staff/middleware.ts';
import { accountRoutes } from '../features/staff/admin/account.tsx';
import { authRoutes } from '../features/staff/admin/auth.tsx';
import { passwordRoutes } from '../features/staff/admin/password.tsx';
import { teamRoutes } from '../features/staff/admin/team.tsx';
import { listStaff, staffPermissions, type QueueStaffEmail } from '../features/staff/service.ts';
import { enqueueEmail } from '../features/email/service.ts';
import { workspaceRoutes } from '../features/workspace/admin/routes.tsx';
import { mailboxPermissions, mailboxRoutes } from '../features/email/admin/routes.tsx';
import { eventAdminRoutes } from '../features/events/admin/routes.tsx';
import { eventPermissions, promoteWaitlist, queueCancellationEmails } from '../features/events/service.ts';
import { letterAdminRoutes } from '../features/letters/admin/routes.tsx';
import { letterPermissions } from '../features/letters/service.ts';
import { storyAdminRoutes } from '../features/stories/admin/routes.tsx';
import { personalDataParts } from './personal-data.ts';
import { personRowsParts } from './person-rows.ts';
import { supporterActionSources } from './supporter-actions.ts';
import { storyPermissions, type StoryVault } from '../features/stories/service.ts';
import { retentionAdminRoutes, retentionPermissions } from '../features/retention/service.ts';
import { webhookAdminRoutes, webhookPermissions } from '../features/webhooks/service.ts';
import { newsAdminRoutes } from '../features/news/admin/routes.tsx';
import { newsPermissions } from '../features/news/permissions.ts';
import { legislatorAdminRoutes } from '../features/legislators/admin/routes.tsx';
import { legislatorPermissions } from '../features/legislators/service.ts';
import { supporterAdminRoutes } from '../features/supporters/admin/routes.tsx';
import { supporterPermissions } from '../features/supporters/permissions.ts';
import { privacyAdminRoutes } from '../features/privacy/admin/routes.tsx';
import { privacyPermissions } from '../features/privacy/service.ts';
import { segmentAudiences } from '../features/supporters/service.ts';
import { auditWords } from './audit-words.ts';
import { API_REQUEST_ACTIONS, apiKeyAdminRoutes, apiPermissions } from '../features/api/service.ts';
import type { AppDeps } from './deps.ts';

export type WorkspaceDeps = {
  deps: AppDeps;
  cache: PageCache;
  siteFrame: () => Promise<SiteFrame>;
  secrets: Secrets;
  files: FileStore;
  petitions: PetitionPublic;
  /** Everything the menu editor may link to, as the app composes it from each feature. */
  targets: LinkTargets;
  images: ImageLibrary;
  storyVault: StoryVault;
};

/**
 * The staff workspace, mounted at /admin: the frame every screen is drawn in (its menu, in the order
 * staff see it), then each feature's screens, each given what it needs.
 */
export function workspaceApp(workspace: WorkspaceDeps): Hono<AdminEnv> {
  const { deps, cache, siteFrame, secrets, files } = workspace;
  const { config, database, logger } = deps;
  const db = database.db;
  const publicUrl = config.publicUrl;
  const petitionsPublic = workspace.petitions;
  const frame = new AdminFrame({
    secrets,
    secure: config.secure,
    siteName: async () => (await siteFrame()).name,
    timeZone: () => cache.value('time-zone', async () => (await getSiteSettings(db)).timeZone),
    nav: [
      { key: 'home', href: '/admin', label: 'Home', visible: () => true },
      { key: 'content', href: '/admin/content', label: 'Content', visible: contentPermissions.view },
      { key: 'navigation', href: '/admin/navigation', label: 'Navigation', visible: navigationPermissions.view },
      { key: 'news', href: '/admin/news', label: 'News', visible: newsPermissions.view },
      { key: 'events', href: '/admin/events', label: 'Events', visible: eventPermissions.view },
      { key: 'letters', href: '/admin/letters', label: 'Letters', visible: letterPermissions.view },
      { key: 'stories', href: '/admin/stories', label: 'Stories', visible: storyPermissions.read },
      { key: 'media', href: '/admin/media', label: 'Media', visible: mediaPermissions.view },
      { key: 'supporters', href: '/admin/supporters', label: 'Supporters', visible: supporterPermissions.view },
      { key: 'privacy', href: '/admin/privacy', label: 'Privacy requests', visible: privacyPermissions.view },
      { key: 'staff', href: '/admin/staff', label: 'Staff', visible: staffPermissions.manageStaff },
      { key: 'broadcasts', href: '/admin/broadcasts', label: 'Broadcasts', visible: broadcastPermissions.view },
      { key: 'petitions', href: '/admin/petitions', label: 'Petitions', visible: petitionPermissions.view },
      { key: 'legislators', href: '/admin/legislators', label: 'Legislators', visible: legislatorPermissions.view },
      { key: 'reference', href: '/admin/reference', label: 'Reference data', visible: referencePermissions.import },
      { key: 'audit', href: '/admin/audit', label: 'Audit log', visible: staffPermissions.viewAudit },
      { key: 'retention', href: '/admin/retention', label: 'Retention rules', visible: retentionPermissions.view },
      { key: 'webhooks', href: '/admin/webhooks', label: 'Webhooks', visible: webhookPermissions.view },
      { key: 'settings', href: '/admin/settings', label: 'Settings', visible: contentPermissions.settings },
      { key: 'api-keys', href: '/admin/api-keys', label: 'API keys', visible: apiPermissions.manageKeys },
      {
        key: 'mailbox',
        href: '/admin/mailbox',
        label: 'Mailbox',
        visible: (staff) => !config.smtpUrl && mailboxPermissions.read(staff),
      },
      { key: 'account', href: '/admin/account', label: 'Your account', visible: () => true },
    ],
  });
  const staffDeps = {
    db,
    secrets,
    secure: config.secure,
    frame,
    issuer: async () => (await siteFrame()).name,
    // The workspace speaks English; its messages answer what a person did, so they are transactional.
    queueEmail: ((tx, email) =>
      enqueueEmail(
        tx,
        { ...email, kind: 'transactional', locale: 'en' },
        { domain: new URL(publicUrl).hostname },
      )) satisfies QueueStaffEmail,
    emailQueued: deps.emailQueued ?? (() => {}),
  };
  const admin = new Hono<AdminEnv>();
  admin.use(loadStaffSession({ db, trustProxy: config.trustProxy }));
  admin.route('/', authRoutes(staffDeps));
  admin.route('/', passwordRoutes(staffDeps));
  admin.route('/account', accountRoutes(staffDeps));
  admin.route('/staff', teamRoutes(staffDeps));
  admin.route(
    '/audit',
    auditRoutes({ db, frame, mayRead: staffPermissions.viewAudit, staffNames: listStaff, words: auditWords }),
  );
  admin.route('/mailbox', mailboxRoutes({ db, frame }));
  admin.route('/api-keys', apiKeyAdminRoutes({ db, frame, secrets }));
  admin.route(
    '/supporters',
    supporterAdminRoutes({
      db,
      frame,
      personalData: personalDataParts(workspace.storyVault),
      dataDir: config.dataDir,
      logger,
      personRows: personRowsParts,
      actions: supporterActionSources,
    }),
  );
  admin.route('/privacy', privacyAdminRoutes({ db, frame }));
  admin.route(
    '/broadcasts',
    broadcastRoutes({
      db,
      frame,
      publicUrl,
      scheduled: deps.broadcastScheduled ?? (() => {}),
      emailQueued: deps.emailQueued ?? (() => {}),
      segments: segmentAudiences({ sources: supporterActionSources, timeZone: () => frame.timeZone() }),
    }),
  );
  admin.route(
    '/petitions',
    petitionAdminRoutes({ db, frame, secrets, live: petitionsPublic, databaseUrl: database.url }),
  );
  const contentDeps = {
    db,
    frame,
    cache,
    dataDir: config.dataDir,
    uploadMaxBytes: config.uploadMaxBytes,
    files,
    ...sectionSourcesFor(db, workspace.images, workspace.targets),
  };
  admin.route('/content', contentAdminRoutes(contentDeps));
  admin.route('/settings', settingsAdminRoutes(contentDeps));
  admin.route('/navigation', navigationAdminRoutes({ db, frame, targets: workspace.targets }));
  admin.route(
    '/news',
    newsAdminRoutes({ db, frame, cache, images: workspace.images, siteName: async () => (await siteFrame()).name }),
  );
  admin.route(
    '/events',
    eventAdminRoutes({
      db,
      frame,
      cache,
      images: workspace.images,
      promoteWaitlist: (tx, eventId) => promoteWaitlist(tx, { secrets, publicUrl }, eventId),
      tellCancelled: (tx, eventId) => queueCancellationEmails(tx, eventId, new URL(publicUrl).hostname),
      emailQueued: deps.emailQueued ?? (() => {}),
    }),
  );
  admin.route('/legislators', legislatorAdminRoutes({ db, frame }));
  admin.route(
    '/letters',
    letterAdminRoutes({ db, frame, cache, committees: committeeNames, committeeMembers: committeeMemberIds }),
  );
  admin.route(
    '/stories',
    storyAdminRoutes({
      db,
      vault: workspace.storyVault,
      frame,
      cache,
      publicUrl,
      emailQueued: deps.emailQueued ?? (() => {}),
    }),
  );
  admin.route('/media', mediaAdminRoutes({ db, frame, files, uploadMaxBytes: config.uploadMaxBytes }));
  admin.route('/reference', referenceAdminRoutes({ db, frame, logger, folder: deps.referenceFolder }));
  admin.route('/retention', retentionAdminRoutes({ db, frame, cache }));
  // Plain http to other machines is for trying a receiver out, never a site in production.
  admin.route('/webhooks', webhookAdminRoutes({ db, frame, secrets, httpAllowed: config.nodeEnv !== 'production' }));
  // A tool syncing through the API writes a line a page: the home's recent activity is for what people did.
  admin.route('/', workspaceRoutes({ db, frame, auditWords, routineActions: API_REQUEST_ACTIONS }));
  return admin;
}
