import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../test/support/databases.ts';
import { signatures } from '../features/petitions/schema.ts';
import { writeSignatures } from '../features/petitions/service.ts';
import { makeOpenPetition, pendingSignature, seedTestZips } from '../features/petitions/test-support.ts';
import { stories } from '../features/stories/schema.ts';
import { MemoryKeyRing, StoryVault } from '../features/stories/service.ts';
import { insertTestStory } from '../features/stories/test-support.ts';
import { eraseSupporter, exportSupporter } from '../features/supporters/data-rights.ts';
import { supporters } from '../features/supporters/schema.ts';
import { Secrets } from '../platform/crypto.ts';
import { personalDataParts } from './personal-data.ts';

// Issue 18: a person's copy of their data, and their erasure, reach every feature that keeps something of theirs.
describeEachDatabase("a person's data across features", (database) => {
  const db = () => database().db;
  const vault = new StoryVault(new MemoryKeyRing());
  const parts = personalDataParts(vault);
  beforeAll(async () => seedTestZips(db()));

  it('gives a signer their signature and their story in their copy, and erases both with them', async () => {
    const petition = await makeOpenPetition(db(), 'whole-person');
    const email = 'whole.person@example.org';
    const secrets = new Secrets('test-secret-key-that-is-long-enough-0123456789');
    await writeSignatures(db(), [pendingSignature(petition, email, { street: '12 Elm St', comment: 'For my son' })], {
      secrets,
      emailDomain: 'localhost',
    });
    const [person] = await db().select({ id: supporters.id }).from(supporters).where(eq(supporters.email, email));
    const story = await insertTestStory({ db: db(), vault }, { teller: { email: 'Whole.Person@example.org' } });
    const someoneElses = await insertTestStory({ db: db(), vault }, { teller: { email: 'another@example.org' } });

    const copy = (await exportSupporter(db(), person!.id, parts)) as Record<string, unknown>;
    expect(Object.keys(copy)).toEqual(expect.arrayContaining(['signatures', 'rsvps', 'letters', 'stories']));
    expect(copy.signatures).toEqual([expect.objectContaining({ street: '12 Elm St', comment: 'For my son' })]);
    expect(copy.stories).toEqual([expect.objectContaining({ publicId: story.publicId })]);
    expect(JSON.stringify(copy)).not.toContain(someoneElses.publicId);

    expect(await eraseSupporter(db(), person!.id, null, parts)).toBe(true);
    expect(await db().select().from(signatures).where(eq(signatures.supporterId, person!.id))).toEqual([]);
    const left = await db().select({ publicId: stories.publicId }).from(stories);
    expect(left.map((s) => s.publicId)).toContain(someoneElses.publicId);
    expect(left.map((s) => s.publicId)).not.toContain(story.publicId);
  });
});
