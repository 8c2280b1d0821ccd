import { randomBytes } from 'node:crypto';
import { stories } from './schema.ts';
import type { StoryDeps, Teller } from './story-records.ts';

/**
 * A story as if a teller had sent it, sealed with the deps' vault, for the moderation tests. (Stories helper S2's
 * `insertTestStory` in test-support.ts takes its place after the merge.)
 */
export async function insertModerationStory(
  deps: StoryDeps,
  partial: Partial<typeof stories.$inferInsert> & { original?: string; teller?: Partial<Teller> } = {},
): Promise<{ id: number; publicId: string }> {
  const { original = 'Sample story text: Rosa met Officer Diaz in Salem.', teller = {}, ...columns } = partial;
  const [row] = await deps.db
    .insert(stories)
    .values({
      publicId: randomBytes(9).toString('base64url'),
      locale: 'en',
      originalSealed: deps.vault.seal(original),
      tellerSealed: deps.vault.sealJson({
        name: 'Rosa Sample',
        email: '',
        phone: '',
        county: 'Marion',
        kinds: ['survivor'],
        topics: ['healing'],
        contentNotes: 'Mentions violence',
        ...teller,
      } satisfies Teller),
      publishConsent: 'first-name',
      consentWordingVersion: '1',
      ...columns,
    })
    .returning({ id: stories.id, publicId: stories.publicId });
  return row!;
}
