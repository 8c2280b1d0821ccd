import { eq, inArray, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rowsOf, type Database } from '../../platform/db/client.ts';
import { personRowsParts } from '../../app/person-rows.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { databaseFingerprint } from '../../../test/support/workspace-form.ts';
import { broadcastRecipients } from '../broadcasts/schema.ts';
import { isSuppressed } from '../email/service.ts';
import { eventRsvps } from '../events/schema.ts';
import { letters } from '../letters/schema.ts';
import { readCount } from '../petitions/counts.ts';
import { signatures } from '../petitions/schema.ts';
import { eraseSupporter, exportSupporter } from './data-rights.ts';
import { likelyDuplicates } from './duplicates.ts';
import { mergeSupporters, purgeExpiredMerges, undoMerge, type MergeChoices } from './merge.ts';
import { seedDuplicatePair } from './merge-test-support.ts';
import { supporterMerges } from './merge-schema.ts';
import { getSupporterRecord } from './records.ts';
import { consents, subscriptions, supporterEvents, supporterNotes, supporterTags, supporters } from './schema.ts';

const actor = { staffId: null, email: 'organizer@staff.example', ip: '127.0.0.1' };
const DAY = 24 * 60 * 60 * 1000;
const keepAll: MergeChoices = {
  email: 'kept',
  givenName: 'kept',
  familyName: 'kept',
  phone: 'kept',
  zip: 'kept',
  county: 'kept',
  locale: 'kept',
  firstSource: 'kept',
  confirm: 'on',
};

/** Every table with a supporter_id column, and how many of its rows name this person. */
async function rowsNaming(database: Database, id: number): Promise<Record<string, number>> {
  const tables = await rowsOf<{ table_name: string }>(
    database.db,
    sql`select table_name from information_schema.columns
        where column_name = 'supporter_id' and table_schema = 'public' order by table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await rowsOf<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from ${sql.identifier(table_name)} where supporter_id = ${id}`,
    );
    counts[table_name] = row!.n;
  }
  return counts;
}

describeEachDatabase('merging two records of one person, and undoing it', (database) => {
  it('finds the pair by name and phone, and by name and ZIP, whatever the case and accents', async () => {
    const { kept, other } = await seedDuplicatePair(database().db);
    const found = await likelyDuplicates(database().db, { page: 1, perPage: 50 });
    const pair = found.pairs.find((p) => p.first.id === kept.id && p.second.id === other.id);
    expect(pair?.why).toEqual(['phone', 'zip']);
    expect(found.total).toBeGreaterThanOrEqual(1);
  });

  it('moves every row to the kept person, loses nothing, and the undo restores both exactly', async () => {
    const db = database().db;
    const { kept, other, petitionIds } = await seedDuplicatePair(db);
    const before = await databaseFingerprint(database());
    const countBefore = await readCount(db, petitionIds[0]!);
    const otherRows = await rowsNaming(database(), other.id);
    const keptRows = await rowsNaming(database(), kept.id);

    // Every table that names a supporter, from the catalog: a new one fails here until a part moves its rows.
    expect(Object.keys(otherRows)).toEqual([
      'broadcast_recipients',
      'consents',
      'event_rsvps',
      'letters',
      'petition_signatures',
      'privacy_requests',
      'signup_confirmations',
      'subscriptions',
      'supporter_events',
      'supporter_notes',
      'supporter_tags',
    ]);

    const choices: MergeChoices = { ...keepAll, email: 'other', familyName: 'other', county: 'other' };
    const merged = await mergeSupporters(db, { keptId: kept.id, otherId: other.id }, choices, actor, personRowsParts);
    expect(merged.outcome).toBe('merged');

    // Nothing names the other record any more; it is gone, and the kept one has its email and chosen details.
    expect(Object.values(await rowsNaming(database(), other.id)).every((n) => n === 0)).toBe(true);
    expect(await db.select().from(supporters).where(eq(supporters.id, other.id))).toEqual([]);
    const [now] = await db.select().from(supporters).where(eq(supporters.id, kept.id));
    expect(now).toMatchObject({
      email: other.email,
      givenName: 'Ana',
      familyName: 'Nunez',
      phone: kept.phone,
      county: 'Marion',
      locale: 'en',
      createdAt: other.createdAt,
    });
    // Full consent history of both, the timeline of both plus the merge, every note.
    const after = await rowsNaming(database(), kept.id);
    // Both records' rows, bar one of each clash (set aside for the undo) and the topics both had (made one each).
    const setAside: Record<string, number> = {
      broadcast_recipients: 1,
      event_rsvps: 1,
      letters: 1,
      petition_signatures: 1,
      subscriptions: 2,
      supporter_tags: 1,
      supporter_events: -1,
    };
    for (const table of Object.keys(after))
      expect(after[table], table).toBe(keptRows[table]! + otherRows[table]! - (setAside[table] ?? 0));
    expect(after.consents).toBe(keptRows.consents! + otherRows.consents!);
    expect(after.supporter_events).toBe(keptRows.supporter_events! + otherRows.supporter_events! + 1);
    expect(after.supporter_notes).toBe(2);
    expect(after.signup_confirmations).toBe(1);
    const [entry] = await db.select().from(supporterEvents).where(eq(supporterEvents.kind, 'merged'));
    expect(entry).toMatchObject({ supporterId: kept.id, detail: { mergedId: other.id, previousEmail: kept.email } });
    const tags = await db
      .select({ tag: supporterTags.tag })
      .from(supporterTags)
      .where(eq(supporterTags.supporterId, kept.id));
    expect(tags.map((t) => t.tag).sort()).toEqual(['rally', 'volunteer']);

    // The most protective status wins: the unsubscribe stays, the pending stays pending.
    const subs = await db.select().from(subscriptions).where(eq(subscriptions.supporterId, kept.id));
    expect(Object.fromEntries(subs.map((s) => [s.topic, s.status]))).toEqual({
      newsletter: 'unsubscribed',
      events: 'pending',
      'action-alerts': 'subscribed',
    });
    // The complaint's suppression survives, and the kept person's page shows it (their address is that one now).
    expect(await isSuppressed(db, other.email)).toBe(true);
    expect((await getSupporterRecord(db, kept.id))!.suppression?.reason).toBe('complaint');

    // Conflicting signatures: the verified, earlier one is kept; the pending one is set aside, the count unchanged.
    const sigs = await db.select().from(signatures).where(inArray(signatures.petitionId, petitionIds));
    expect(sigs.map((s) => [s.petitionId, s.supporterId, s.status]).sort()).toEqual(
      [
        [petitionIds[0], kept.id, 'verified'],
        [petitionIds[1], kept.id, 'verified'],
      ].sort(),
    );
    expect(await readCount(db, petitionIds[0]!)).toBe(countBefore);
    const rsvps = await db.select().from(eventRsvps).where(eq(eventRsvps.supporterId, kept.id));
    expect(rsvps.map((r) => r.status)).toEqual(['confirmed']);
    const ownLetters = await db.select().from(letters).where(eq(letters.supporterId, kept.id));
    expect(ownLetters.map((l) => l.body)).toEqual([`Letter of ${other.id}`]);
    expect(after.broadcast_recipients).toBe(2);

    // The person's copy of their data carries the merged record; the page's emails include the old address's.
    const copy = await exportSupporter(db, kept.id);
    expect(copy!.mergedRecords).toHaveLength(1);
    expect(copy!.mergedRecords[0]!.formerRecord).toMatchObject({ id: other.id, email: other.email });

    const undone = await undoMerge(db, (merged as { mergeId: number }).mergeId, actor, personRowsParts);
    expect(undone).toEqual({ outcome: 'undone', keptId: kept.id, restoredId: other.id });
    expect(await databaseFingerprint(database())).toEqual(before);
  });

  it('keeps the kept email and leaves the other address on the do-not-email list', async () => {
    const db = database().db;
    const { kept, other } = await seedDuplicatePair(db);
    await mergeSupporters(db, { keptId: kept.id, otherId: other.id }, keepAll, actor, personRowsParts);
    const [now] = await db.select().from(supporters).where(eq(supporters.id, kept.id));
    expect(now!.email).toBe(kept.email);
    expect(await isSuppressed(db, other.email)).toBe(true);
    const subs = await db.select().from(subscriptions).where(eq(subscriptions.supporterId, kept.id));
    expect(subs.find((s) => s.topic === 'newsletter')!.status).toBe('unsubscribed');
  });

  it('undoes only within 30 days, and the purge then removes the undo data', async () => {
    const db = database().db;
    const { kept, other } = await seedDuplicatePair(db);
    const at = new Date();
    const merged = await mergeSupporters(
      db,
      { keptId: kept.id, otherId: other.id },
      keepAll,
      actor,
      personRowsParts,
      at,
    );
    const mergeId = (merged as { mergeId: number }).mergeId;
    const late = new Date(at.getTime() + 31 * DAY);
    expect(await undoMerge(db, mergeId, actor, personRowsParts, late)).toEqual({ outcome: 'expired' });
    expect(await purgeExpiredMerges(db, new Date(at.getTime() + 29 * DAY))).toBe(0);
    expect(await purgeExpiredMerges(db, late)).toBeGreaterThanOrEqual(1);
    expect(await db.select().from(supporterMerges).where(eq(supporterMerges.id, mergeId))).toEqual([]);
    expect(await undoMerge(db, mergeId, actor, personRowsParts, at)).toEqual({ outcome: 'missing' });
  });

  it('refuses an undo once a newcomer holds the address the merge let go', async () => {
    const db = database().db;
    const { kept, other } = await seedDuplicatePair(db);
    const merged = await mergeSupporters(db, { keptId: kept.id, otherId: other.id }, keepAll, actor, personRowsParts);
    await db.insert(supporters).values({ email: other.email, emailAsTyped: other.email });
    const mergeId = (merged as { mergeId: number }).mergeId;
    expect(await undoMerge(db, mergeId, actor, personRowsParts)).toEqual({ outcome: 'email-taken' });
  });

  it('erasing the kept person erases the merge log with them', async () => {
    const db = database().db;
    const { kept, other } = await seedDuplicatePair(db);
    await mergeSupporters(db, { keptId: kept.id, otherId: other.id }, keepAll, actor, personRowsParts);
    expect(await eraseSupporter(db, kept.id, actor)).toBe(true);
    expect(await db.select().from(supporterMerges).where(eq(supporterMerges.keptId, kept.id))).toEqual([]);
    for (const table of [consents, supporterNotes, broadcastRecipients, eventRsvps, letters, signatures])
      expect(
        await db
          .select()
          .from(table)
          .where(inArray(table.supporterId, [kept.id, other.id])),
      ).toEqual([]);
  });
});
