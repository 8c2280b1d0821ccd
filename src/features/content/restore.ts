import type { Db } from '../../platform/db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { done, notFound, type EditOutcome, type Editor } from './editing.ts';
import { applyPageSnapshot, readPageSnapshot } from './page-editing.ts';
import { policyKind } from './policy-editing.ts';
import { resourceKind } from './resource-editing.ts';
import { isLocale } from '../../platform/web/locale.ts';
import type { Locale, VersionedItemType } from './schema.ts';
import { applyItemSnapshot, readItemSnapshot } from './translated-editing.ts';
import { bumpContentVersion, getSiteSettings } from './settings.ts';
import { applySettingsSnapshot, readSettingsSnapshot } from './settings-editing.ts';
import { formatInZone } from '../../platform/web/time.ts';
import { auditLabel, getVersion, recordVersion, SETTINGS_KEY, snapshotFields, type Snapshot } from './versions.ts';

/**
 * The item a history key names: "about.es" is the Spanish about page; a policy or resource is its slug; the
 * settings are "site".
 */
export function parseItemKey(type: VersionedItemType, key: string): { slug: string; locale?: Locale } | undefined {
  if (type === 'settings') return key === SETTINGS_KEY ? { slug: key } : undefined;
  if (type !== 'page') return /^[a-z0-9-]{1,80}$/.test(key) ? { slug: key } : undefined;
  const match = /^([a-z0-9-]{1,80})\.([a-z]{2})$/.exec(key);
  const locale = match?.[2];
  if (!match || !isLocale(locale)) return undefined;
  return { slug: match[1]!, locale };
}

/** The item as it is now, or undefined when it does not exist (deleted, or never made). */
export async function currentSnapshot(db: Db, type: VersionedItemType, key: string): Promise<Snapshot | undefined> {
  const item = parseItemKey(type, key);
  if (!item) return undefined;
  if (type === 'settings') return readSettingsSnapshot(db);
  if (type === 'page') return item.locale ? readPageSnapshot(db, item.slug, item.locale) : undefined;
  return type === 'policy'
    ? readItemSnapshot(db, policyKind, item.slug)
    : readItemSnapshot(db, resourceKind, item.slug);
}

/**
 * Puts an earlier version back. The state it replaces goes into the history
 * first, so a restore can itself be undone.
 */
export async function restoreVersion(
  db: Db,
  type: VersionedItemType,
  key: string,
  versionId: number,
  editor: Editor,
): Promise<EditOutcome> {
  return db.transaction(async (tx) => {
    const version = await getVersion(tx, type, key, versionId);
    if (!version || version.snapshot.kind !== type) return notFound;
    const current = await currentSnapshot(tx, type, key);
    if (current) await recordVersion(tx, current, editor, 'restore');
    const snapshot = version.snapshot;
    const { before } = await applySnapshot(tx, snapshot);
    await bumpContentVersion(tx);
    const after = await currentSnapshot(tx, type, key);
    await recordAudit(tx, editor, {
      action: `${type}.restore`,
      subjectType: type,
      subjectId: key,
      subjectLabel: auditLabel(after ?? snapshot),
      before: before ? snapshotFields(before) : {},
      after: after ? snapshotFields(after) : {},
      // Said in the organisation's zone, named, as staff read every time.
      note: `Restored the version saved ${formatInZone(version.createdAt, (await getSiteSettings(tx)).timeZone)}.`,
    });
    return done;
  });
}

function applySnapshot(tx: Db, snapshot: Snapshot): Promise<{ before: Snapshot | undefined }> {
  switch (snapshot.kind) {
    case 'page':
      return applyPageSnapshot(tx, snapshot);
    case 'policy':
      return applyItemSnapshot(tx, policyKind, snapshot);
    case 'resource':
      return applyItemSnapshot(tx, resourceKind, snapshot);
    case 'settings':
      return applySettingsSnapshot(tx, snapshot);
  }
}
