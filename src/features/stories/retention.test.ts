import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { createLogger } from '../../platform/logger.ts';
import { retention } from '../../platform/retention.ts';
import { purgeExpiredPersonalData } from '../../privacy-purge.ts';
import { auditLog } from '../audit/schema.ts';
import { emailOutbox } from '../email/schema.ts';
import { MemoryKeyRing, StoryVault } from './keys.ts';
import { purgeExpiredStories } from './retention.ts';
import { stories } from './schema.ts';
import { insertTestStory, type TestStory } from './test-support.ts';

const DAY = 24 * 60 * 60 * 1000;

describeEachDatabase('stories past their keeping period', (database) => {
  const db = () => database().db;
  const deps = () => ({ db: db(), vault: new StoryVault(new MemoryKeyRing()) });

  it('deletes unpublished stories kept without consent, with their mail, and keeps the rest', async () => {
    const d = deps();
    const now = new Date();
    const old = new Date(now.getTime() - retention.storiesUnpublishedDays * DAY - 60_000);
    const recent = new Date(now.getTime() - retention.storiesUnpublishedDays * DAY + 60 * 60_000);
    const add = async (label: string, story: TestStory) => [label, (await insertTestStory(d, story)).publicId] as const;
    const written = await Promise.all([
      add('gone: new, anonymous', { submittedAt: old, teller: { email: 'gone@example.org' } }),
      add('gone: rejected', { submittedAt: old, status: 'rejected', publishConsent: 'first-name' }),
      add('gone: unpublished again', { submittedAt: old, status: 'kept' }),
      add('kept: published', { submittedAt: old, status: 'published' }),
      add('kept: staff only', { submittedAt: old, publishConsent: 'staff-only' }),
      add('kept: testimony', { submittedAt: old, testimonyConsent: true }),
      add('kept: within the period', { submittedAt: recent }),
    ]);
    const before = (await db().select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]!.n;

    expect(await purgeExpiredStories(d, now)).toBe(3);

    const left = new Set((await db().select({ p: stories.publicId }).from(stories)).map((r) => r.p));
    for (const [label, publicId] of written) expect(left.has(publicId), label).toBe(label.startsWith('kept'));
    const goneMail = await db()
      .select()
      .from(emailOutbox)
      .where(sql`starts_with(${emailOutbox.idempotencyKey}, ${`story:${written[0][1]}:`})`);
    expect(goneMail).toEqual([]);
    // One entry with how many, naming none of them.
    const entries = await db().select().from(auditLog).where(eq(auditLog.action, 'story.purge'));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.summary).toMatchObject({ after: { count: 3 } });
    for (const [, publicId] of written) expect(JSON.stringify(entries[0])).not.toContain(publicId);
    expect((await db().select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]!.n).toBe(before + 1);

    // Nothing more to do: no second entry. The hourly privacy purge runs it too, a day later taking the recent one.
    expect(await purgeExpiredStories(d, now)).toBe(0);
    expect(await db().select().from(auditLog).where(eq(auditLog.action, 'story.purge'))).toHaveLength(1);
    const later = new Date(now.getTime() + DAY);
    const purge = await purgeExpiredPersonalData(db(), createLogger({ level: 'silent', pretty: false }), later);
    expect(purge.expiredStories).toBe(1);
    expect(left.size - 1).toBe((await db().select().from(stories)).length);
  });
});
