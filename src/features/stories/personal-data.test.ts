import { eq, inArray } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { auditLog } from '../audit/schema.ts';
import { MemoryKeyRing, StoryVault } from './keys.ts';
import { stories } from './schema.ts';
import { storiesForEmail, storyPersonalData } from './service.ts';
import { insertTestStory } from './test-support.ts';

describeEachDatabase("stories' part of a person's data", (database) => {
  const db = () => database().db;
  const vault = new StoryVault(new MemoryKeyRing());
  const deps = () => ({ db: db(), vault });
  const part = storyPersonalData(vault);
  const subject = { supporterId: 1, emails: ['teller@example.org', 'old-address@example.org'] };

  it('gives a teller their stories under any of their addresses, published words only once published', async () => {
    const kept = await insertTestStory(deps(), {
      original: 'My words, as I sent them.',
      teller: { name: 'Rosa Díaz', email: 'Teller@Example.org', phone: '+1 520 555 0101' },
      publishConsent: 'staff-only',
      redacted: 'Staff working version, never shown.',
      title: 'A working title',
    });
    const published = await insertTestStory(deps(), {
      original: 'Another story, told in full.',
      teller: { email: 'old-address@example.org' },
      status: 'published',
      redacted: 'Another story, told with names taken out.',
      title: 'Coming home',
    });
    const publishedAt = new Date();
    await db().update(stories).set({ publishedAs: 'anonymous', publishedAt }).where(eq(stories.id, published.id));
    const other = await insertTestStory(deps(), { original: 'Not theirs.', teller: { email: 'other@example.org' } });

    expect(part.name).toBe('stories');
    const copy = await part.export(db(), subject);
    expect(copy).toEqual([
      {
        publicId: kept.publicId,
        status: 'new',
        language: 'en',
        story: 'My words, as I sent them.',
        teller: expect.objectContaining({ name: 'Rosa Díaz', email: 'Teller@Example.org', phone: '+1 520 555 0101' }),
        consent: {
          publish: 'staff-only',
          testimony: false,
          contactBeforePublishing: false,
          wordingVersion: 'test-1',
          at: expect.any(String),
          askedAgainAt: null,
        },
        submittedAt: expect.any(String),
        published: null,
      },
      expect.objectContaining({
        publicId: published.publicId,
        story: 'Another story, told in full.',
        published: expect.objectContaining({
          at: publishedAt.toISOString(),
          as: 'anonymous',
          title: 'Coming home',
          text: 'Another story, told with names taken out.',
        }),
      }),
    ]);
    const text = JSON.stringify(copy);
    for (const secret of [...kept.sealed, ...published.sealed, kept.token, vault.lookupHash('teller@example.org')])
      expect(text).not.toContain(secret);
    expect(text).not.toContain('Staff working version');
    expect(text).not.toContain('Not theirs.');
    expect(text).not.toMatch(/token|nonce|hash/i);
    // Each story opened for the copy is recorded, as staff's reads are.
    const reads = await db()
      .select({ subjectId: auditLog.subjectId })
      .from(auditLog)
      .where(inArray(auditLog.subjectId, [String(kept.id), String(published.id), String(other.id)]));
    expect(reads.map((r) => r.subjectId).sort()).toEqual([String(kept.id), String(published.id)].sort());
  });

  it("erases the teller's stories in the erasure's transaction, by any case of their address, and no one else's", async () => {
    const mine = await insertTestStory(deps(), { teller: { email: 'TELLER@example.org' } });
    const other = await insertTestStory(deps(), { teller: { email: 'someone-else@example.org' } });
    await db().transaction(async (tx) => part.erase!(tx, subject));

    expect(await storiesForEmail(deps(), 'teller@example.org')).toEqual([]);
    expect(await storiesForEmail(deps(), 'old-address@example.org')).toEqual([]);
    expect((await storiesForEmail(deps(), 'someone-else@example.org')).map((s) => s.publicId)).toEqual([
      other.publicId,
    ]);
    const [entry] = await db()
      .select({ action: auditLog.action, actorId: auditLog.actorId, summary: auditLog.summary })
      .from(auditLog)
      .where(eq(auditLog.subjectId, String(mine.id)));
    expect(entry).toMatchObject({
      action: 'story.delete',
      actorId: null,
      summary: { subject: mine.publicId, note: 'erased with the supporter' },
    });
  });
});
