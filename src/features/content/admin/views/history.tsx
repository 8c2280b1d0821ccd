import { diffLines } from 'diff';
import {
  snapshotText,
  type Snapshot,
  type Version,
  type VersionedItemType,
  type VersionSummary,
} from '../../service.ts';
import { ActionButton, When } from './common.tsx';
import { BackLink } from '../../../../platform/web/components.tsx';
import { DataTable, HiddenLabel } from '../../../../platform/web/tables.tsx';

const replacedByLabel: Record<string, string> = {
  update: 'Edited',
  publish: 'Published',
  unpublish: 'Unpublished',
  restore: 'An older version was restored',
  delete: 'Deleted',
};

/** Where the item itself is edited, for links back from its history. */
export function itemHref(type: VersionedItemType, key: string): string {
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
                <When at={v.createdAt} />
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

// Long runs of unchanged lines are cut to their ends, so the changes stand out.
const CONTEXT_LINES = 3;

export function VersionDiffView(props: {
  type: VersionedItemType;
  itemKey: string;
  title: string;
  version: Version;
  current: Snapshot | undefined;
  token: string;
  canRestore: boolean;
}) {
  const base = `/admin/content/history/${props.type}/${props.itemKey}`;
  const parts = diffLines(snapshotText(props.version.snapshot), snapshotText(props.current));
  const changed = parts.some((p) => p.added || p.removed);
  return (
    <>
      <BackLink href={base}>History of {props.title}</BackLink>
      <h1>
        Version from <When at={props.version.createdAt} />
      </h1>
      <p>
        Compared with {props.current ? 'how it is now' : 'nothing: it has been deleted since'}. Lines marked “Removed”
        are in this version only; lines marked “Added” are in {props.current ? 'the current one' : 'neither'} only.
      </p>
      {changed ? null : <p class="notice">This version is the same as the current one.</p>}
      <div class="diff">
        {parts.map((part) => {
          if (part.removed) {
            return (
              <del class="diff-part">
                <span class="diff-label">Removed:</span>
                {'\n'}
                {part.value}
              </del>
            );
          }
          if (part.added) {
            return (
              <ins class="diff-part">
                <span class="diff-label">Added:</span>
                {'\n'}
                {part.value}
              </ins>
            );
          }
          return <div class="diff-part diff-same">{shortened(part.value)}</div>;
        })}
      </div>
      {props.canRestore ? (
        <>
          <p>
            Restoring puts this version’s words and facts back.{' '}
            {props.current ? 'Whether it is published stays as it is now.' : 'It comes back as a draft.'} The current
            version goes into the history first, so this can be undone.
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

function shortened(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  if (lines.length <= CONTEXT_LINES * 2 + 1) return text;
  const hidden = lines.length - CONTEXT_LINES * 2;
  return (
    [...lines.slice(0, CONTEXT_LINES), `… ${hidden} unchanged lines …`, ...lines.slice(-CONTEXT_LINES)].join('\n') +
    '\n'
  );
}
