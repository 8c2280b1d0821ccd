import { eq } from 'drizzle-orm';
import { sha256 } from '../../platform/crypto.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { stories } from './schema.ts';
import type { StoryDeps } from './story-records.ts';

/**
 * Deletes a story, at the teller's request or by staff: the row goes, with every sealed value in it, and a
 * published story leaves /stories at once. The audit entry names the story's public id and nothing it said.
 * (Stories helper S2 extends this to the mail sent about it.)
 */
export async function deleteStory(deps: StoryDeps, storyId: number, by: AuditActor | null): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const [gone] = await tx.delete(stories).where(eq(stories.id, storyId)).returning({ publicId: stories.publicId });
    if (!gone) return false;
    await recordAudit(tx, by, {
      action: 'story.delete',
      subjectType: 'story',
      subjectId: storyId,
      subjectLabel: gone.publicId,
      note: by ? 'deleted by staff' : 'deleted by the teller',
    });
    return true;
  });
}

/** The teller's deletion link: the token's hash finds the story; false when it is already gone. */
export async function deleteStoryByToken(deps: StoryDeps, token: string): Promise<boolean> {
  const [row] = await deps.db
    .select({ id: stories.id })
    .from(stories)
    .where(eq(stories.deletionTokenHash, sha256(token)));
  return row ? deleteStory(deps, row.id, null) : false;
}
