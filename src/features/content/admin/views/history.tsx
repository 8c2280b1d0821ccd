import {
  snapshotText,
  type Snapshot,
  type Version,
  type VersionedItemType,
  type VersionSummary,
} from '../../service.ts';
import { ActionButton } from './common.tsx';
import { When } from '../../../../platform/web/when.tsx';
import { BackLink } from '../../../../platform/web/components.tsx';
import { DataTable, HiddenLabel } from '../../../../platform/web/tables.tsx';
import { TextDiff } from '../../../../platform/web/diff.tsx';

const replacedByLabel: Record<string, string> = {
  update: 'Edited',
  publish: 'Published',
  unpublish: 'Unpublished',
  restore: 'An older version was restored',
  delete: 'Deleted',
};

/** Where the item itself is edited, for links back from its history. */
export function itemHref(type: VersionedItemType, key: string): string {
  if (type === 'settings') return '/admin/settings';
  if (type === 'page') {
    const [slug, locale] = key.split('.');
    return `/admin/content/pages/${slug}/${locale}/edit`;
  }
  return `/admin/content/${type === 'policy' ? 'policies' : 'resources'}/${key}`;
}

export function HistoryListView(props: {
  type: VersionedItemType;
  itemKey: string;
  title: string;
  versions: VersionSummary[];
  kept: number;
  timeZone: string;
}) {
  const base = `/admin/content/history/${props.type}/${props.itemKey}`;
  return (
    <>
      <BackLink href={itemHref(props.type, props.itemKey)}>{props.title}</BackLink>
      <h1>History of {props.title}</h1>
      <p>Each row is how it was just before a change. The last {props.kept} are kept.</p>
      {props.versions.length === 0 ? (
        <p>No earlier versions yet.</p>
      ) : (
        <DataTable
          caption="Earlier versions, newest first"
          columns={['Version from', 'Then changed by', 'What happened', <HiddenLabel>Compare</HiddenLabel>]}
        >
          {props.versions.map((v) => (
            <tr>
              <th scope="row">
                <When at={v.createdAt} timeZone={props.timeZone} />
              </th>
              <td>{v.createdByEmail || 'unknown'}</td>
              <td>{replacedByLabel[v.replacedBy] ?? v.replacedBy}</td>
              <td>
                <a href={`${base}/${v.id}`}>Compare with now</a>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

export function VersionDiffView(props: {
  type: VersionedItemType;
  itemKey: string;
  title: string;
  version: Version;
  current: Snapshot | undefined;
  token: string;
  canRestore: boolean;
  timeZone: string;
}) {
  const base = `/admin/content/history/${props.type}/${props.itemKey}`;
  const before = snapshotText(props.version.snapshot);
  const after = snapshotText(props.current);
  return (
    <>
      <BackLink href={base}>History of {props.title}</BackLink>
      <h1>
        Version from <When at={props.version.createdAt} timeZone={props.timeZone} />
      </h1>
      <p>
        Compared with {props.current ? 'how it is now' : 'nothing: it has been deleted since'}. Lines marked “Removed”
        are in this version only; lines marked “Added” are in {props.current ? 'the current one' : 'neither'} only.
      </p>
      {before !== after ? null : <p class="notice">This version is the same as the current one.</p>}
      <TextDiff before={before} after={after} />
      {props.canRestore ? (
        <>
          <p>
            Restoring puts this version’s words and facts back.{' '}
            {props.type === 'settings'
              ? ''
              : props.current
                ? 'Whether it is published stays as it is now. '
                : 'It comes back as a draft. '}
            The current version goes into the history first, so this can be undone.
          </p>
          <ActionButton
            action={`${base}/${props.version.id}/restore`}
            token={props.token}
            label="Restore this version"
          />
        </>
      ) : null}
    </>
  );
}
