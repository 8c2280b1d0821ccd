import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { recordAudit } from '../audit/service.ts';
import { done, notFound, refused, type EditOutcome, type Editor } from './editing.ts';
import { findPage, languageName } from './page-editing.ts';
import { pageSections, pages, type Locale } from './schema.ts';
import { sectionContent, sectionKindNames, whySectionsCannotBePublished, type SectionContent } from './sections.ts';
import { bumpContentVersion } from './settings.ts';
import { withLineFeeds } from './translations.ts';
import { auditLabel, pageKey, recordVersion, snapshotFields, type SectionSnapshot } from './versions.ts';

/**
 * Staff build a page from sections here: add one of a kind, change it, hide or show it, move it up
 * or down, remove it, or copy one the other language has. Each change is one transaction that files
 * the page as it was in its history (so a restore puts the list back), rewrites the list, bumps the
 * content version and says what happened in the audit log.
 */
export type SectionChange = 'add' | 'edit' | 'hide' | 'show' | 'move' | 'remove' | 'copy';

async function changeSections(
  db: Db,
  page: { slug: string; locale: Locale },
  editor: Editor,
  change: SectionChange,
  apply: (sections: SectionSnapshot[], other: SectionSnapshot[]) => SectionSnapshot[] | EditOutcome | undefined,
): Promise<EditOutcome> {
  return db.transaction(async (tx) => {
    const before = await findPage(tx, page.slug, page.locale);
    if (!before) return notFound;
    const other = change === 'copy' ? await findPage(tx, page.slug, page.locale === 'en' ? 'es' : 'en') : undefined;
    const next = apply(before.snapshot.sections, other?.snapshot.sections ?? []);
    if (next === undefined) return notFound;
    if (!Array.isArray(next)) return next;
    // A published page shows each change at once: it must stay fit to publish.
    const unpublishable = before.snapshot.published ? whySectionsCannotBePublished(next) : undefined;
    if (unpublishable) return refused('data.attribution', unpublishable);
    await recordVersion(tx, before.snapshot, editor, 'update');
    await tx.delete(pageSections).where(eq(pageSections.pageId, before.id));
    if (next.length > 0)
      await tx
        .insert(pageSections)
        .values(next.map((s, position) => ({ ...s, position, hidden: s.hidden ?? false, pageId: before.id })));
    await tx.update(pages).set({ updatedAt: new Date() }).where(eq(pages.id, before.id));
    await bumpContentVersion(tx);
    const after = { ...before.snapshot, sections: next };
    await recordAudit(tx, editor, {
      action: `page.section-${change}`,
      subjectType: 'page',
      subjectId: pageKey(page.slug, page.locale),
      subjectLabel: auditLabel(after),
      before: snapshotFields(before.snapshot),
      after: snapshotFields(after),
    });
    return done;
  });
}

/** The typed words as stored: line breaks as line feeds, like every other text of a page. */
function stored(content: SectionContent): Omit<SectionSnapshot, 'key' | 'position'> {
  const parsed = sectionContent.parse(content);
  return {
    kind: parsed.kind,
    heading: withLineFeeds(parsed.heading),
    bodyMd: withLineFeeds(parsed.bodyMd),
    hidden: parsed.hidden,
    data: parsed.data,
  };
}

/** A key for a new section of a kind, unused on the page: "quote", then "quote-2"… */
function freshKey(kind: string, taken: readonly SectionSnapshot[]): string {
  const keys = new Set(taken.map((s) => s.key));
  if (!keys.has(kind)) return kind;
  let n = 2;
  while (keys.has(`${kind}-${n}`)) n += 1;
  return `${kind}-${n}`;
}

/** Adds a section at the end of the page; answers its key, which its edit screen is found by. */
export async function addSection(
  db: Db,
  page: { slug: string; locale: Locale },
  content: SectionContent,
  editor: Editor,
): Promise<EditOutcome & { key?: string }> {
  let key = '';
  const outcome = await changeSections(db, page, editor, 'add', (sections) => {
    key = freshKey(content.kind, sections);
    return [...sections, { key, position: sections.length, ...stored(content) }];
  });
  return outcome.ok ? { ...outcome, key } : outcome;
}

/** Replaces a section's content; its key, kind and place stay. */
export async function editSection(
  db: Db,
  ref: { slug: string; locale: Locale; key: string },
  content: SectionContent,
  editor: Editor,
): Promise<EditOutcome> {
  return changeSections(db, ref, editor, 'edit', (sections) => {
    const index = sections.findIndex((s) => s.key === ref.key);
    const current = sections[index];
    if (!current) return undefined;
    if (current.kind !== content.kind) return refused('kind', 'A section’s kind cannot change: add a new one.');
    return sections.map((s, i) => (i === index ? { ...s, ...stored({ ...content, hidden: Boolean(s.hidden) }) } : s));
  });
}

export async function setSectionHidden(
  db: Db,
  ref: { slug: string; locale: Locale; key: string },
  hidden: boolean,
  editor: Editor,
): Promise<EditOutcome> {
  return changeSections(db, ref, editor, hidden ? 'hide' : 'show', (sections) =>
    sections.some((s) => s.key === ref.key)
      ? sections.map((s) => (s.key === ref.key ? { ...s, hidden } : s))
      : undefined,
  );
}

/** Moves a section one place up or down; at the top (or bottom) already, nothing changes. */
export async function moveSection(
  db: Db,
  ref: { slug: string; locale: Locale; key: string },
  direction: 'up' | 'down',
  editor: Editor,
): Promise<EditOutcome> {
  return changeSections(db, ref, editor, 'move', (sections) => {
    const index = sections.findIndex((s) => s.key === ref.key);
    if (index < 0) return undefined;
    const to = direction === 'up' ? index - 1 : index + 1;
    if (to < 0 || to >= sections.length) return sections;
    const next = [...sections];
    [next[index], next[to]] = [next[to]!, next[index]!];
    return next;
  });
}

export async function removeSection(
  db: Db,
  ref: { slug: string; locale: Locale; key: string },
  editor: Editor,
): Promise<EditOutcome> {
  return changeSections(db, ref, editor, 'remove', (sections) =>
    sections.some((s) => s.key === ref.key) ? sections.filter((s) => s.key !== ref.key) : undefined,
  );
}

/**
 * Copies a section the other language has and this one lacks, to translate: it goes where it is
 * in the other language (after the sections before it there that this language has), hidden until
 * its words are translated, since they are in the other language.
 */
export async function copySectionFromOtherLanguage(
  db: Db,
  ref: { slug: string; locale: Locale; key: string },
  editor: Editor,
): Promise<EditOutcome> {
  return changeSections(db, ref, editor, 'copy', (sections, other) => {
    const index = other.findIndex((s) => s.key === ref.key);
    const source = other[index];
    if (!source) return undefined;
    if (sections.some((s) => s.key === ref.key))
      return refused('key', `This page already has that section in ${languageName(ref.locale)}.`);
    const before = new Set(other.slice(0, index).map((s) => s.key));
    const at = sections.reduce((place, s, i) => (before.has(s.key) ? i + 1 : place), 0);
    return [...sections.slice(0, at), { ...source, hidden: true }, ...sections.slice(at)];
  });
}

/** The sections the other language of a page has and this one lacks, by key, with their kind. */
export function sectionsMissingHere(
  here: readonly { key: string }[],
  other: readonly { key: string; kind: string; heading: string }[],
): { key: string; kind: string; heading: string; kindName: string }[] {
  const keys = new Set(here.map((s) => s.key));
  return other
    .filter((s) => !keys.has(s.key))
    .map((s) => ({ ...s, kindName: sectionKindNames[s.kind as keyof typeof sectionKindNames] ?? s.kind }));
}
