import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { recordAudit } from '../audit/service.ts';
import type { EditOutcome, Editor } from './editing.ts';
import { resourceInput, type ResourceForm } from './inputs.ts';
import { isoDate } from './resources.ts';
import { resources, resourceTranslations } from './schema.ts';
import {
  createItem,
  itemFromForm,
  itemRows,
  saveItem,
  staffOperations,
  storedItems,
  type StaffItem,
  type TranslatedKind,
} from './translated-editing.ts';
import type { ResourceSnapshot } from './versions.ts';

export type StaffResource = StaffItem<ResourceSnapshot>;

/** What happens to the resource's file: kept, taken off, or replaced by one just stored. */
export type FileChange =
  | { action: 'keep' }
  | { action: 'remove' }
  | { action: 'replace'; key: string; contentType: string; bytes: number };

export const resourceKind: TranslatedKind<ResourceSnapshot> = {
  kind: 'resource',

  async load(db, slug) {
    const rows = await db
      .select({ item: resources, text: resourceTranslations })
      .from(resources)
      .leftJoin(resourceTranslations, eq(resourceTranslations.resourceId, resources.id))
      .where(slug === undefined ? undefined : eq(resources.slug, slug))
      .orderBy(desc(resources.publishedOn), desc(resources.id));
    // The row's columns are the snapshot's facts, bar its id and times; the date as the form writes it.
    return storedItems(rows, ({ id: _id, createdAt: _created, updatedAt: _updated, ...facts }, translations) => ({
      kind: 'resource',
      ...facts,
      publishedOn: isoDate(facts.publishedOn),
      translations,
    }));
  },

  ...itemRows({
    facts: resources,
    id: resources.id,
    input: resourceInput.omit({ translations: true }),
    translations: resourceTranslations,
    owner: resourceTranslations.resourceId,
  }),
};

export const {
  list: listResourcesForStaff,
  find: getResourceForStaff,
  setPublished: setResourcePublished,
  remove: deleteResource,
} = staffOperations(resourceKind);

export function createStaffResource(
  db: Db,
  slug: string,
  form: ResourceForm,
  file: FileChange,
  editor: Editor,
): Promise<EditOutcome> {
  return db.transaction(async (tx) => {
    const snapshot: ResourceSnapshot = {
      kind: 'resource',
      slug,
      published: false,
      isDemo: false,
      ...itemFromForm(form),
      filePath: file.action === 'replace' ? file.key : null,
    };
    const outcome = await createItem(tx, resourceKind, snapshot, editor);
    if (outcome.ok) await recordUpload(tx, slug, file, editor);
    return outcome;
  });
}

export function saveResource(
  db: Db,
  slug: string,
  form: ResourceForm,
  file: FileChange,
  editor: Editor,
): Promise<EditOutcome> {
  return db.transaction(async (tx) => {
    const outcome = await saveItem(
      tx,
      resourceKind,
      slug,
      (before) => ({ ...before, ...itemFromForm(form), filePath: filePathAfter(before.filePath, file) }),
      editor,
    );
    if (outcome.ok) await recordUpload(tx, slug, file, editor);
    return outcome;
  });
}

/**
 * Whether a stored file may be sent to anyone: only while a published
 * resource points at it. A file taken off, replaced or left on an unpublished
 * resource stays stored (an earlier version may be restored) but not public.
 */
export async function isPublicFile(db: Db, key: string): Promise<boolean> {
  const [row] = await db
    .select({ id: resources.id })
    .from(resources)
    .where(and(eq(resources.filePath, key), eq(resources.published, true)))
    .limit(1);
  return Boolean(row);
}

/** The file key of a resource, published or not, for staff to check what they uploaded. */
export async function resourceFileKey(db: Db, slug: string): Promise<string | undefined> {
  const [row] = await db.select({ filePath: resources.filePath }).from(resources).where(eq(resources.slug, slug));
  return row?.filePath ?? undefined;
}

async function recordUpload(tx: Db, slug: string, file: FileChange, editor: Editor): Promise<void> {
  if (file.action !== 'replace') return;
  await recordAudit(tx, editor, {
    action: 'resource.upload',
    subjectType: 'resource',
    subjectId: slug,
    after: { file: file.key, contentType: file.contentType, bytes: file.bytes },
  });
}

function filePathAfter(current: string | null, file: FileChange): string | null {
  if (file.action === 'replace') return file.key;
  if (file.action === 'remove') return null;
  return current;
}
