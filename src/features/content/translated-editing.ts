import { eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { done, notFound, refused, type EditOutcome, type Editor } from './editing.ts';
import { locales, type Locale } from './schema.ts';
import { bumpContentVersion } from './settings.ts';
import { groupBy, translationStatuses, withLineFeeds, type TranslationStatus } from './translations.ts';
import {
  auditLabel,
  recordVersion,
  snapshotFields,
  type PolicySnapshot,
  type ResourceSnapshot,
  type TranslationText,
} from './versions.ts';

/**
 * Policies and resources are alike: language-neutral facts in one row, the
 * words in one row per language. The steps of each change (history, audit,
 * content version) are written once here; each kind says how its rows are
 * read and written through a `TranslatedKind`.
 */
export type TranslatedSnapshot = PolicySnapshot | ResourceSnapshot;

export type StoredItem<S extends TranslatedSnapshot> = {
  id: number;
  snapshot: S;
  updatedAt: Date;
  /** When each language's words last changed, to tell which lags behind. */
  translationUpdatedAt: Partial<Record<Locale, Date>>;
};

export type StaffItem<S extends TranslatedSnapshot> = StoredItem<S> & { status: Record<Locale, TranslationStatus> };

export interface TranslatedKind<S extends TranslatedSnapshot> {
  kind: S['kind'];
  /** Every item, or the one with this slug. */
  load(db: Db, slug?: string): Promise<StoredItem<S>[]>;
  /** Inserts the facts row; undefined when the slug is taken. */
  insertFacts(tx: Db, snapshot: S): Promise<number | undefined>;
  updateFacts(tx: Db, id: number, snapshot: S): Promise<void>;
  remove(tx: Db, id: number): Promise<void>;
  upsertTranslation(tx: Db, id: number, locale: Locale, text: TranslationText): Promise<void>;
  removeTranslation(tx: Db, id: number, locale: Locale): Promise<void>;
}

export async function listStaffItems<S extends TranslatedSnapshot>(
  db: Db,
  kind: TranslatedKind<S>,
): Promise<StaffItem<S>[]> {
  return (await kind.load(db)).map(withStatus);
}

export async function findStaffItem<S extends TranslatedSnapshot>(
  db: Db,
  kind: TranslatedKind<S>,
  slug: string,
): Promise<StaffItem<S> | undefined> {
  const [item] = await kind.load(db, slug);
  return item ? withStatus(item) : undefined;
}

function withStatus<S extends TranslatedSnapshot>(item: StoredItem<S>): StaffItem<S> {
  return { ...item, status: translationStatuses(item.translationUpdatedAt) };
}

/** New items start as drafts: staff publish them when they are ready. */
export async function createItem<S extends TranslatedSnapshot>(
  tx: Db,
  kind: TranslatedKind<S>,
  snapshot: S,
  editor: Editor,
): Promise<EditOutcome> {
  const id = await kind.insertFacts(tx, { ...snapshot, published: false });
  if (id === undefined) return refused('slug', `A ${kind.kind} at this address already exists.`);
  await writeTranslations(tx, kind, id, {}, snapshot.translations);
  await bumpContentVersion(tx);
  await recordAudit(tx, editor, {
    action: `${kind.kind}.create`,
    subjectType: kind.kind,
    subjectId: snapshot.slug,
    subjectLabel: auditLabel(snapshot),
    after: snapshotFields({ ...snapshot, published: false }),
  });
  return done;
}

/** Saves facts and words; slug, publication and the demo mark are not the form's to change. */
export async function saveItem<S extends TranslatedSnapshot>(
  tx: Db,
  kind: TranslatedKind<S>,
  slug: string,
  change: (before: S) => S,
  editor: Editor,
): Promise<EditOutcome> {
  const [before] = await kind.load(tx, slug);
  if (!before) return notFound;
  const after = {
    ...change(before.snapshot),
    slug,
    published: before.snapshot.published,
    isDemo: before.snapshot.isDemo,
  };
  await recordVersion(tx, before.snapshot, editor, 'update');
  await kind.updateFacts(tx, before.id, after);
  await writeTranslations(tx, kind, before.id, before.snapshot.translations, after.translations);
  await bumpContentVersion(tx);
  await recordAudit(tx, editor, {
    action: `${kind.kind}.update`,
    subjectType: kind.kind,
    subjectId: slug,
    subjectLabel: auditLabel(after),
    before: snapshotFields(before.snapshot),
    after: snapshotFields(after),
  });
  return done;
}

export async function setItemPublished<S extends TranslatedSnapshot>(
  tx: Db,
  kind: TranslatedKind<S>,
  slug: string,
  published: boolean,
  editor: Editor,
): Promise<EditOutcome> {
  const [before] = await kind.load(tx, slug);
  if (!before) return notFound;
  const action = published ? 'publish' : 'unpublish';
  await recordVersion(tx, before.snapshot, editor, action);
  await kind.updateFacts(tx, before.id, { ...before.snapshot, published });
  await bumpContentVersion(tx);
  await recordAudit(tx, editor, {
    action: `${kind.kind}.${action}`,
    subjectType: kind.kind,
    subjectId: slug,
    subjectLabel: auditLabel(before.snapshot),
    before: { published: before.snapshot.published },
    after: { published },
  });
  return done;
}

export async function deleteItem<S extends TranslatedSnapshot>(
  tx: Db,
  kind: TranslatedKind<S>,
  slug: string,
  editor: Editor,
): Promise<EditOutcome> {
  const [before] = await kind.load(tx, slug);
  if (!before) return notFound;
  // Kept in the history, so an item deleted by mistake can be put back.
  await recordVersion(tx, before.snapshot, editor, 'delete');
  await kind.remove(tx, before.id);
  await bumpContentVersion(tx);
  await recordAudit(tx, editor, {
    action: `${kind.kind}.delete`,
    subjectType: kind.kind,
    subjectId: slug,
    subjectLabel: auditLabel(before.snapshot),
    before: snapshotFields(before.snapshot),
  });
  return done;
}

/**
 * Puts an earlier state back, inside the restore's transaction. Publication
 * stays as it is now; an item restored after being deleted comes back as a draft.
 */
export async function applyItemSnapshot<S extends TranslatedSnapshot>(
  tx: Db,
  kind: TranslatedKind<S>,
  snapshot: S,
): Promise<{ before: S | undefined }> {
  const [current] = await kind.load(tx, snapshot.slug);
  if (!current) {
    const id = await kind.insertFacts(tx, { ...snapshot, published: false });
    await writeTranslations(tx, kind, id!, {}, snapshot.translations);
    return { before: undefined };
  }
  await kind.updateFacts(tx, current.id, { ...snapshot, published: current.snapshot.published });
  await writeTranslations(tx, kind, current.id, current.snapshot.translations, snapshot.translations);
  return { before: current.snapshot };
}

export async function readItemSnapshot<S extends TranslatedSnapshot>(
  db: Db,
  kind: TranslatedKind<S>,
  slug: string,
): Promise<S | undefined> {
  return (await kind.load(db, slug))[0]?.snapshot;
}

/**
 * Writes only the languages whose words changed, so a language's "last
 * changed" time moves only when its words do: saving the English side of the
 * form must not make an untouched Spanish side look up to date.
 */
async function writeTranslations<S extends TranslatedSnapshot>(
  tx: Db,
  kind: TranslatedKind<S>,
  id: number,
  before: Partial<Record<Locale, TranslationText>>,
  after: Partial<Record<Locale, TranslationText>>,
): Promise<void> {
  for (const locale of locales) {
    const old = before[locale];
    const next = after[locale];
    if (!next) {
      if (old) await kind.removeTranslation(tx, id, locale);
    } else if (!old || old.title !== next.title || old.summary !== next.summary || old.bodyMd !== next.bodyMd) {
      await kind.upsertTranslation(tx, id, locale, next);
    }
  }
}

type TranslationRow = { locale: Locale; title: string; summary: string; bodyMd: string; updatedAt: Date };

/** Rows of items joined with their translations (null when an item has none), one StoredItem per item. */
export function storedItems<R extends { id: number; updatedAt: Date }, S extends TranslatedSnapshot>(
  rows: { item: R; text: TranslationRow | null }[],
  toSnapshot: (item: R, translations: Partial<Record<Locale, TranslationText>>) => S,
): StoredItem<S>[] {
  return [...groupBy(rows, (r) => r.item.id).values()].map((group) => {
    const item = group[0]!.item;
    const translations: Partial<Record<Locale, TranslationText>> = {};
    const updatedAt: Partial<Record<Locale, Date>> = {};
    for (const { text } of group) {
      if (!text) continue;
      translations[text.locale] = { title: text.title, summary: text.summary, bodyMd: text.bodyMd };
      updatedAt[text.locale] = text.updatedAt;
    }
    return {
      id: item.id,
      snapshot: toSnapshot(item, translations),
      updatedAt: item.updatedAt,
      translationUpdatedAt: updatedAt,
    };
  });
}

/**
 * Writes and removes one language's row in a translations table; both
 * tables have the same columns, keyed by (owner, locale).
 */
function translationRows(
  table: PgTable,
  owner: PgColumn,
): Pick<TranslatedKind<TranslatedSnapshot>, 'upsertTranslation' | 'removeTranslation'> {
  const ownerName = sql.identifier(owner.name);
  return {
    async upsertTranslation(tx, id, locale, text) {
      await tx.execute(sql`insert into ${table} (${ownerName}, locale, title, summary, body_md, updated_at)
        values (${id}, ${locale}, ${text.title}, ${text.summary}, ${text.bodyMd}, ${new Date().toISOString()})
        on conflict (${ownerName}, locale) do update
        set title = excluded.title, summary = excluded.summary, body_md = excluded.body_md,
            updated_at = excluded.updated_at`);
    },
    async removeTranslation(tx, id, locale) {
      await tx.execute(sql`delete from ${table} where ${ownerName} = ${id} and locale = ${locale}`);
    },
  };
}

/**
 * A form's facts and words as a snapshot's: the languages it filled in (a
 * language left empty is absent), line breaks as stored.
 */
export function itemFromForm<F extends { en?: TranslationText | undefined; es?: TranslationText | undefined }>(
  form: F,
): Omit<F, 'en' | 'es'> & { translations: Partial<Record<Locale, TranslationText>> } {
  const { en, es, ...facts } = form;
  const typed = { en, es };
  const translations: Partial<Record<Locale, TranslationText>> = {};
  for (const locale of locales) {
    const text = typed[locale];
    if (text)
      translations[locale] = {
        title: withLineFeeds(text.title),
        summary: withLineFeeds(text.summary),
        bodyMd: withLineFeeds(text.bodyMd),
      };
  }
  return { ...facts, translations };
}

/**
 * Writes an item's rows: its facts row (policies and resources each have an
 * id and a slug, and their other columns are the facts, checked by the
 * input shape) and its translations rows.
 */
export function itemRows(tables: {
  facts: PgTable;
  id: PgColumn;
  input: { parse(snapshot: unknown): Record<string, unknown> };
  translations: PgTable;
  owner: PgColumn;
}): Omit<TranslatedKind<TranslatedSnapshot>, 'kind' | 'load'> {
  const { facts, id, input } = tables;
  const table = facts;
  return {
    ...translationRows(tables.translations, tables.owner),
    async insertFacts(tx, snapshot) {
      const [row] = await tx
        .insert(table)
        .values(input.parse(snapshot) as never)
        .onConflictDoNothing()
        .returning({ id });
      return row?.id as number | undefined;
    },
    async updateFacts(tx, rowId, snapshot) {
      // The slug is the item's address and never changes here.
      const { slug: _slug, ...changed } = input.parse(snapshot);
      await tx
        .update(table)
        .set({ ...changed, updatedAt: new Date() } as never)
        .where(eq(id, rowId));
    },
    async remove(tx, rowId) {
      await tx.delete(table).where(eq(id, rowId));
    },
  };
}

/** What staff screens and other features call for one kind, each in its own transaction. */
export function staffOperations<S extends TranslatedSnapshot>(kind: TranslatedKind<S>) {
  return {
    list: (db: Db): Promise<StaffItem<S>[]> => listStaffItems(db, kind),
    find: (db: Db, slug: string): Promise<StaffItem<S> | undefined> => findStaffItem(db, kind, slug),
    setPublished: (db: Db, slug: string, published: boolean, editor: Editor): Promise<EditOutcome> =>
      db.transaction((tx) => setItemPublished(tx, kind, slug, published, editor)),
    remove: (db: Db, slug: string, editor: Editor): Promise<EditOutcome> =>
      db.transaction((tx) => deleteItem(tx, kind, slug, editor)),
  };
}
