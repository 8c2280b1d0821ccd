import { expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { addToCount, CountCache } from './counts.ts';
import { makeOpenPetition } from './test-support.ts';

describeEachDatabase('the count cache', (database) => {
  const db = () => database().db;

  it('reads the shards at most once per maxAge, and a refresh keeps nobody waiting', async () => {
    const petition = await makeOpenPetition(db(), 'count-cache');
    const counts = new CountCache(db(), 500);
    await addToCount(db(), petition.id, 3);
    expect(await counts.get(petition.id)).toBe(3);
    await addToCount(db(), petition.id, 2);
    // Within maxAge: the count kept, not the shards.
    expect(await counts.get(petition.id)).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 600));
    // Older than maxAge: the first visitor gets the previous count at once; had it waited for the read, it would see 5.
    expect(await counts.get(petition.id)).toBe(3);
    await vi.waitFor(async () => expect(await counts.get(petition.id)).toBe(5));
  });

  it('reads afresh after forget, so a signer sees their own signature counted', async () => {
    const petition = await makeOpenPetition(db(), 'count-forget');
    const counts = new CountCache(db(), 60_000);
    expect(await counts.get(petition.id)).toBe(0);
    await addToCount(db(), petition.id, 1);
    counts.forget(petition.id);
    expect(await counts.get(petition.id)).toBe(1);
  });
});
