import { Hono, type Context } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { contentPermissions } from '../permissions.ts';
import {
  currentSnapshot,
  getVersion,
  itemTitle,
  languageName,
  listVersions,
  parseItemKey,
  restoreVersion,
  VERSIONS_KEPT,
  type Snapshot,
  type VersionedItemType,
} from '../service.ts';
import { afterWrite, type ContentScreens } from './requests.ts';
import { HistoryListView, itemHref, VersionDiffView } from './views/history.tsx';

const item = ':type{page|policy|resource|settings}/:key{[a-z0-9][a-z0-9.-]{0,89}}';
const version = ':id{[0-9]{1,9}}';

/** Earlier versions of each item, what changed since, and putting one back; mounted at /admin/content/history. */
export function historyScreens(screens: ContentScreens): Hono<AdminEnv> {
  const { db, frame } = screens;
  const app = new Hono<AdminEnv>();

  const itemOf = (c: Context<AdminEnv>) => {
    const type = c.req.param('type') as VersionedItemType;
    const key = c.req.param('key')!;
    return parseItemKey(type, key) ? { type, key } : undefined;
  };

  // The settings' history is as much theirs as the form: admins only, to read and to restore.
  const settingsOnly = frame.allow(contentPermissions.settings);
  app.use('*', (c, next) => (/\/history\/settings\//.test(c.req.path) ? settingsOnly(c, next) : next()));

  app.get(`/${item}`, async (c) => {
    const found = itemOf(c);
    if (!found) return c.notFound();
    const [versions, current] = await Promise.all([
      listVersions(db, found.type, found.key),
      currentSnapshot(db, found.type, found.key),
    ]);
    if (!current && versions.length === 0) return c.notFound();
    const title = titleOf(current ?? (await getVersion(db, found.type, found.key, versions[0]!.id))!.snapshot);
    return frame.render(c, {
      title: `History of ${title}`,
      current: 'content',
      body: (
        <HistoryListView
          type={found.type}
          itemKey={found.key}
          title={title}
          versions={versions}
          kept={VERSIONS_KEPT}
          timeZone={await frame.timeZone()}
        />
      ),
    });
  });

  app.get(`/${item}/${version}`, async (c) => {
    const found = itemOf(c);
    const earlier = found ? await getVersion(db, found.type, found.key, Number(c.req.param('id'))) : undefined;
    if (!found || !earlier) return c.notFound();
    const current = await currentSnapshot(db, found.type, found.key);
    const title = titleOf(current ?? earlier.snapshot);
    return frame.render(c, {
      title: `Compare versions of ${title}`,
      current: 'content',
      body: (
        <VersionDiffView
          type={found.type}
          itemKey={found.key}
          title={title}
          version={earlier}
          current={current}
          token={frame.csrfToken(c)}
          canRestore={mayRestore(found.type, c.get('staff')!)}
          timeZone={await frame.timeZone()}
        />
      ),
    });
  });

  app.post(`/${item}/${version}/restore`, async (c) => {
    const found = itemOf(c);
    if (!found) return c.notFound();
    if (!mayRestore(found.type, c.get('staff')!)) return frame.forbidden(c);
    const outcome = await restoreVersion(db, found.type, found.key, Number(c.req.param('id')), frame.actor(c));
    const result = await afterWrite(c, screens, outcome, itemHref(found.type, found.key), 'restored');
    return result instanceof Response ? result : c.notFound();
  });

  return app;
}

function mayRestore(type: VersionedItemType, staff: Parameters<typeof contentPermissions.settings>[0]): boolean {
  return type === 'settings' ? contentPermissions.settings(staff) : contentPermissions.restoreVersion(staff);
}

function titleOf(snapshot: Snapshot): string {
  return snapshot.kind === 'page' ? `${itemTitle(snapshot)} (${languageName(snapshot.locale)})` : itemTitle(snapshot);
}
