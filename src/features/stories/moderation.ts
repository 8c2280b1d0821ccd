import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { withStoryKeyLock } from './rotation.ts';
import { stories, storyStatuses, type StoryStatus, type StoryTopic } from './schema.ts';
import { consentAllows, openStory, type StoryDeps, type StoryRecord, type StoryTranslation } from './story-records.ts';

/**
 * What moderators do with a story (ADR 063): open it (every opening is audited, naming only its public id), edit
 * the version to publish apart from the teller's original, translate it, and decide: publish as the consent
 * allows, unpublish, keep for staff, reject, choose it for testimony. Each decision is one transaction that
 * re-reads the row, so two moderators cannot publish past each other's change.
 */

/** A story as the queue lists it: only what is in the clear, so no text and no name is opened for a list. */
export type QueuedStory = Pick<
  StoryRecord,
  | 'id'
  | 'publicId'
  | 'status'
  | 'locale'
  | 'submittedAt'
  | 'publishConsent'
  | 'testimonyConsent'
  | 'contactBeforePublishing'
  | 'forTestimony'
  | 'publishedAt'
>;

const queueColumns = {
  id: stories.id,
  publicId: stories.publicId,
  status: stories.status,
  locale: stories.locale,
  submittedAt: stories.submittedAt,
  publishConsent: stories.publishConsent,
  testimonyConsent: stories.testimonyConsent,
  contactBeforePublishing: stories.contactBeforePublishing,
  forTestimony: stories.forTestimony,
  publishedAt: stories.publishedAt,
};

/** Enough rows for a screen; the filters narrow it, and the page says when there are more. */
export const QUEUE_LIMIT = 100;

export type QueueFilter = { status?: StoryStatus | undefined; locale?: Locale | undefined };

/** The queue, oldest first (the longest waiting at the top), with how many stories are in each state. */
export async function storyQueue(
  db: Db,
  filter: QueueFilter,
): Promise<{ rows: QueuedStory[]; more: boolean; counts: Record<StoryStatus, number> }> {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(stories.status, filter.status));
  if (filter.locale) where.push(eq(stories.locale, filter.locale));
  const rows = await db
    .select(queueColumns)
    .from(stories)
    .where(and(...where))
    .orderBy(filter.status === 'published' ? desc(stories.publishedAt) : stories.submittedAt, stories.id)
    .limit(QUEUE_LIMIT + 1);
  const tallies = await db
    .select({ status: stories.status, n: count() })
    .from(stories)
    .where(filter.locale ? eq(stories.locale, filter.locale) : undefined)
    .groupBy(stories.status);
  const counts = Object.fromEntries(storyStatuses.map((s) => [s, 0])) as Record<StoryStatus, number>;
  for (const t of tallies) counts[t.status] = t.n;
  return { rows: rows.slice(0, QUEUE_LIMIT), more: rows.length > QUEUE_LIMIT, counts };
}

/** The facts in the clear about one story, for the decisions' pages: nothing is opened, so nothing is audited. */
export async function storyFacts(db: Db, id: number): Promise<QueuedStory | undefined> {
  const [row] = await db.select(queueColumns).from(stories).where(eq(stories.id, id));
  return row;
}

/** Opens a story for a member of staff, and records that they read it (its public id only, never its words). */
export async function readStoryForStaff(
  deps: StoryDeps,
  id: number,
  actor: AuditActor,
): Promise<StoryRecord | undefined> {
  const [row] = await deps.db.select().from(stories).where(eq(stories.id, id));
  if (!row) return undefined;
  await recordAudit(deps.db, actor, {
    action: 'story.read',
    subjectType: 'story',
    subjectId: id,
    subjectLabel: row.publicId,
  });
  return openStory(deps.vault, row);
}

/** What a decision came to. `wasPublished`: the public pages showed it before, so they must be made afresh. */
export type ModerationOutcome =
  | { ok: true; publicId: string; wasPublished: boolean }
  | { ok: false; problem: 'gone' }
  | { ok: false; problem: 'refused'; message: string };

type Row = typeof stories.$inferSelect;
type Change = { set: Partial<Row>; audit: { before?: Record<string, unknown>; after?: Record<string, unknown> } };

/**
 * One decision on one story, in one transaction: the row read again under a lock, `decide` says the change or why
 * not, then the change, its audit entry, and the public pages' version when the public sees the difference.
 */
async function decide(
  deps: StoryDeps,
  id: number,
  actor: AuditActor,
  action: string,
  decision: (row: Row) => Change | string,
): Promise<ModerationOutcome> {
  return deps.db.transaction(async (tx) => {
    // First, before the row's lock: a key rotation must not retire the key this decision opens or seals with.
    await withStoryKeyLock(tx);
    const [row] = await tx.select().from(stories).where(eq(stories.id, id)).for('update');
    if (!row) return { ok: false, problem: 'gone' } as const;
    const change = decision(row);
    if (typeof change === 'string') return { ok: false, problem: 'refused', message: change } as const;
    const [after] = await tx
      .update(stories)
      .set({ ...change.set, updatedAt: sql`now()` })
      .where(eq(stories.id, id))
      .returning({ status: stories.status });
    await recordAudit(tx, actor, {
      action,
      subjectType: 'story',
      subjectId: id,
      subjectLabel: row.publicId,
      ...change.audit,
    });
    // No content version to bump: the page cache's version folds in publicStoriesStamp (src/app/site-index.ts).
    const wasPublished = row.status === 'published';
    return { ok: true, publicId: row.publicId, wasPublished } as const;
  });
}

export const refusals = {
  consent: 'The teller’s consent does not allow publishing it this way.',
  staffOnly: 'The teller chose staff only: it cannot be published. You can ask them for consent again.',
  asked: 'You asked the teller for consent again: nothing can be published until they answer.',
  notReady: 'Give it a title and a version to publish (with names and places replaced) before publishing it.',
  published: 'It is published: unpublish it first.',
  notPublished: 'It is not published.',
  noTestimonyConsent: 'The teller did not agree to testimony: it cannot go in the testimony packet.',
} as const;

/** Publishes the version staff edited, signed as the consent allows, checked again here against the row as it is. */
export function publishStory(
  deps: StoryDeps,
  id: number,
  publishedAs: 'first-name' | 'anonymous',
  actor: AuditActor,
): Promise<ModerationOutcome> {
  return decide(deps, id, actor, 'story.publish', (row) => {
    if (row.status === 'published') return refusals.published;
    if (row.status === 'consent-asked') return refusals.asked;
    if (row.publishConsent === 'staff-only') return refusals.staffOnly;
    if (!consentAllows(row.publishConsent, publishedAs)) return refusals.consent;
    const filled = (sealed: string | null) => sealed !== null && deps.vault.open(sealed).trim() !== '';
    if (!filled(row.redactedSealed) || !filled(row.titleSealed)) return refusals.notReady;
    return {
      set: { status: 'published', publishedAs, approvedBy: actor.staffId, publishedAt: new Date() },
      audit: { before: { status: row.status }, after: { status: 'published', publishedAs } },
    };
  });
}

/** Takes a published story off the site; it stays for staff ('kept'). */
export function unpublishStory(deps: StoryDeps, id: number, actor: AuditActor): Promise<ModerationOutcome> {
  return decide(deps, id, actor, 'story.unpublish', (row) => {
    if (row.status !== 'published') return refusals.notPublished;
    return {
      set: { status: 'kept', publishedAs: null, publishedAt: null, approvedBy: null },
      audit: { before: { status: 'published', publishedAs: row.publishedAs }, after: { status: 'kept' } },
    };
  });
}

/** Keeps a story for staff only: read, not to be published (consent c, or staff's choice). */
export function keepStory(deps: StoryDeps, id: number, actor: AuditActor): Promise<ModerationOutcome> {
  return moveUnpublished(deps, id, actor, 'story.keep', 'kept');
}

/** Rejects a story: not to be published; the retention rule still deletes it in time. */
export function rejectStory(deps: StoryDeps, id: number, actor: AuditActor): Promise<ModerationOutcome> {
  return moveUnpublished(deps, id, actor, 'story.reject', 'rejected');
}

function moveUnpublished(deps: StoryDeps, id: number, actor: AuditActor, action: string, status: StoryStatus) {
  return decide(deps, id, actor, action, (row) => {
    if (row.status === 'published') return refusals.published;
    return { set: { status }, audit: { before: { status: row.status }, after: { status } } };
  });
}

/** What staff edit to publish: the teller's original is never among it. */
export type StoryEdit = { title: string; text: string; contentNotes: string; topics: StoryTopic[] };

/**
 * Saves the version to publish. The audit entry lists which fields changed, never their words: the log outlives
 * the story, and the words may still hold a name staff were about to take out.
 */
export function saveStoryEdit(
  deps: StoryDeps,
  id: number,
  edit: StoryEdit,
  actor: AuditActor,
): Promise<ModerationOutcome> {
  return decide(deps, id, actor, 'story.redact', (row) => {
    // Nothing saved yet and saved empty are the same to a reader; the text, never saved, is always a change.
    const open = (sealed: string | null) => (sealed === null ? '' : deps.vault.open(sealed));
    const changed = [
      open(row.titleSealed) !== edit.title ? 'title' : '',
      row.redactedSealed === null || open(row.redactedSealed) !== edit.text ? 'text' : '',
      open(row.contentNotesSealed) !== edit.contentNotes ? 'content notes' : '',
      [...row.topics].sort().join() !== [...edit.topics].sort().join() ? 'topics' : '',
    ].filter(Boolean);
    return {
      set: {
        titleSealed: deps.vault.seal(edit.title),
        redactedSealed: deps.vault.seal(edit.text),
        contentNotesSealed: deps.vault.seal(edit.contentNotes),
        topics: edit.topics,
      },
      audit: { after: { fields: changed.length > 0 ? changed.join(', ') : 'none' } },
    };
  });
}

/** Saves the translation into the other language; an empty one takes it away. */
export function saveTranslation(
  deps: StoryDeps,
  id: number,
  translation: StoryTranslation,
  actor: AuditActor,
): Promise<ModerationOutcome> {
  return decide(deps, id, actor, 'story.translate', (row) => {
    const empty = translation.title === '' && translation.text === '';
    return {
      set: { translationSealed: empty ? null : deps.vault.sealJson(translation) },
      audit: { before: { translation: row.translationSealed !== null }, after: { translation: !empty } },
    };
  });
}

/** Puts a story in the testimony packet, or takes it out; in only with the teller's consent to testimony (d). */
export function setForTestimony(
  deps: StoryDeps,
  id: number,
  forTestimony: boolean,
  actor: AuditActor,
): Promise<ModerationOutcome> {
  return decide(deps, id, actor, 'story.testimony', (row) => {
    if (forTestimony && !row.testimonyConsent) return refusals.noTestimonyConsent;
    return { set: { forTestimony }, audit: { before: { forTestimony: row.forTestimony }, after: { forTestimony } } };
  });
}
