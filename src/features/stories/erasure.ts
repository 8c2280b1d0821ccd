import { eq } from 'drizzle-orm';
import { sha256 } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/client.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { forgetMessagesKeyed } from '../email/service.ts';
import type { StoryVault } from './keys.ts';
import { stories } from './schema.ts';
import { openStory, type StoryDeps, type StoryRecord } from './story-records.ts';

/** Every message about a story is queued under this prefix (submission, consent), so it can be forgotten with it. */
export const storyMailPrefix = (publicId: string): string => `story:${publicId}:`;

/**
 * Deletes a story, at the teller's request or by staff: the row goes, with every sealed value in it, and so does
 * every message about it, sent or not, with its copy in the demo mailbox, in the same transaction. A published
 * story leaves /stories at once. The audit entry names the story's public id and nothing it said.
 */
export async function deleteStory(
  deps: Pick<StoryDeps, 'db'>,
  storyId: number,
  by: AuditActor | null,
): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const publicId = await eraseStory(tx, storyId);
    if (publicId === undefined) return false;
    await recordAudit(tx, by, {
      action: 'story.delete',
      subjectType: 'story',
      subjectId: storyId,
      subjectLabel: publicId,
      note: by ? 'deleted by staff' : 'deleted by the teller',
    });
    return true;
  });
}

/** The row and its mail, in the caller's transaction, without an audit entry: the public id, or undefined if gone. */
export async function eraseStory(tx: Db, storyId: number): Promise<string | undefined> {
  const [gone] = await tx.delete(stories).where(eq(stories.id, storyId)).returning({ publicId: stories.publicId });
  if (!gone) return undefined;
  await forgetMessagesKeyed(tx, storyMailPrefix(gone.publicId));
  return gone.publicId;
}

/** The teller's deletion link: the token's hash finds the story; false when it is already gone. */
export async function deleteStoryByToken(deps: Pick<StoryDeps, 'db'>, token: string): Promise<boolean> {
  const [row] = await deps.db
    .select({ id: stories.id })
    .from(stories)
    .where(eq(stories.deletionTokenHash, sha256(token)));
  return row ? deleteStory(deps, row.id, null) : false;
}

/**
 * The stories told by whoever gave this email address, found by its keyed hash (the address itself is not stored):
 * for a person's data request. The caller records the read.
 */
export async function storiesForEmail(deps: StoryDeps, email: string): Promise<StoryRecord[]> {
  if (email.trim() === '') return [];
  const rows = await deps.db
    .select()
    .from(stories)
    .where(eq(stories.emailHash, deps.vault.lookupHash(email)))
    .orderBy(stories.id);
  return rows.map((row) => openStory(deps.vault, row));
}

/** Deletes every story told with this email address (an erasure request): one 'story.delete' entry each. */
export async function deleteStoriesForEmail(deps: StoryDeps, email: string, by: AuditActor | null): Promise<number> {
  if (email.trim() === '') return 0;
  const rows = await deps.db
    .select({ id: stories.id })
    .from(stories)
    .where(eq(stories.emailHash, deps.vault.lookupHash(email)));
  let deleted = 0;
  for (const { id } of rows) if (await deleteStory(deps, id, by)) deleted += 1;
  return deleted;
}

/**
 * Erases every story told with this email address in the caller's transaction: a supporter's erasure, where the
 * stories go with the person or not at all. One 'story.delete' entry each, by whoever erased the person.
 */
export async function eraseStoriesForEmail(
  tx: Db,
  vault: StoryVault,
  email: string,
  by: AuditActor | null = null,
): Promise<number> {
  if (email.trim() === '') return 0;
  const rows = await tx
    .select({ id: stories.id })
    .from(stories)
    .where(eq(stories.emailHash, vault.lookupHash(email)))
    .orderBy(stories.id);
  let erased = 0;
  for (const { id } of rows) {
    const publicId = await eraseStory(tx, id);
    if (publicId === undefined) continue;
    await recordAudit(tx, by, {
      action: 'story.delete',
      subjectType: 'story',
      subjectId: id,
      subjectLabel: publicId,
      note: 'erased with the supporter',
    });
    erased += 1;
  }
  return erased;
}

/** For the purge: deletes these stories and their mail in one transaction; returns how many went. */
export async function eraseStories(tx: Db, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  let erased = 0;
  for (const id of ids) if ((await eraseStory(tx, id)) !== undefined) erased += 1;
  return erased;
}
