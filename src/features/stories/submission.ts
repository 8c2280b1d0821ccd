import { eq } from 'drizzle-orm';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { enqueueEmail } from '../email/service.ts';
import { withStoryKeyLock } from './rotation.ts';
import { stories } from './schema.ts';
import { STORY_CONSENT_WORDING_VERSION, type StoryInput } from './story-inputs.ts';
import { storyReceivedEmail } from './story-emails.ts';
import type { StoryDeps, Teller } from './story-records.ts';

export type SubmitStoryDeps = StoryDeps & { publicUrl: string; emailQueued?: () => void };

/**
 * Keeps a story sent by its teller: their words and everything they told about themselves sealed with the stories
 * key (ADR 063), their email findable only by its keyed hash, the deletion link kept only as its hash. With an
 * email, the confirmation (with that link) is queued in the same transaction: what we acknowledge, we keep.
 * Returns the deletion link's token too, for the thank-you page to show once: it is stored nowhere.
 */
export async function submitStory(
  deps: SubmitStoryDeps,
  input: StoryInput,
  locale: Locale,
): Promise<{ id: number; publicId: string; deletionToken: string }> {
  const publicId = randomToken(12);
  const deletionToken = randomToken(32);
  const teller: Teller = {
    name: input.name,
    email: input.email,
    phone: input.phone,
    county: input.county,
    kinds: input.kinds,
    topics: input.topics,
    contentNotes: input.contentNotes,
  };
  const id = await deps.db.transaction(async (tx) => {
    // First: a key rotation must not retire the key these values are sealed with before they are stored.
    await withStoryKeyLock(tx);
    const [row] = await tx
      .insert(stories)
      .values({
        publicId,
        status: 'new',
        locale,
        originalSealed: deps.vault.seal(input.story),
        tellerSealed: deps.vault.sealJson(teller),
        emailHash: input.email ? deps.vault.lookupHash(input.email) : null,
        publishConsent: input.publishConsent,
        testimonyConsent: input.testimonyConsent,
        // Only meaningful with a way to reach them: the form refuses it without one.
        contactBeforePublishing: input.contactBeforePublishing && Boolean(input.email || input.phone),
        consentWordingVersion: STORY_CONSENT_WORDING_VERSION,
        deletionTokenHash: sha256(deletionToken),
      })
      .returning({ id: stories.id });
    if (input.email)
      await enqueueEmail(tx, storyReceivedEmail({ to: input.email, publicId, token: deletionToken, locale }), {
        domain: new URL(deps.publicUrl).hostname,
      });
    return row!.id;
  });
  if (input.email) deps.emailQueued?.();
  return { id, publicId, deletionToken };
}

/** Whether a deletion link still names a story (the confirmation page asks before deleting). */
export async function deletionLinkWorks(deps: StoryDeps, token: string): Promise<boolean> {
  const [row] = await deps.db
    .select({ id: stories.id })
    .from(stories)
    .where(eq(stories.deletionTokenHash, sha256(token)));
  return Boolean(row);
}
