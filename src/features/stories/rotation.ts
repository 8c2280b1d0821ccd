import { randomBytes } from 'node:crypto';
import { asc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { keyIdOf, type KeyRing } from './keys.ts';
import { stories } from './schema.ts';
import type { StoryDeps } from './story-records.ts';

/**
 * Rotating the stories key (ADR 063): a new key becomes current, every sealed value is sealed again with it, and
 * the keys no stored value names any more leave the ring, so a key that leaked opens nothing stored after.
 *
 * Two advisory locks keep it safe beside the site's writers:
 *   ROTATION   one rotation at a time: a second one started meanwhile is refused.
 *   SEALING    every transaction that seals story values takes it shared (withStoryKeyLock) before it seals; a
 *              rotation takes it exclusive to re-seal what remains and to retire old keys, so no writer can have
 *              sealed with a key that is about to go.
 */
const ROTATION_LOCK_ID = 7_340_063;
const SEALING_LOCK_ID = 7_340_064;
const BATCH = 100;

/** Thrown when another rotation is running: the CLI prints it as a plain line. */
export class RotationRunning extends Error {}

/**
 * For every transaction that seals a story value (a submission, a consent answer, a moderator's save): call it
 * first, then seal inside the same transaction, so a rotation never retires the key those values name.
 */
export async function withStoryKeyLock(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${SEALING_LOCK_ID})`);
}

/** Seals every story again with a new key, then retires the old ones. Returns the new key's id and how many rows. */
export async function rotateStoryKey(
  deps: StoryDeps,
  actor: AuditActor | null,
): Promise<{ keyId: string; resealed: number }> {
  const source = deps.vault.source;
  const result = await deps.db.transaction(async (tx) => {
    const [lock] = await rowsOf<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${ROTATION_LOCK_ID}) as ok`);
    if (!lock?.ok) throw new RotationRunning('A rotation of the stories key is already running; try again after it.');
    // Exclusive from the start: a writer holding it shared may wait on a row this rotation re-seals, and the other
    // order would be a deadlock. Writers wait for the rotation instead, a few seconds for thousands of stories.
    await tx.execute(sql`select pg_advisory_xact_lock(${SEALING_LOCK_ID})`);
    const ring = source.read();
    const keyId = `k${Math.max(...Object.keys(ring.keys).map((id) => Number(id.slice(1)))) + 1}`;
    // Written before any row names it: should this transaction fail, the ring still opens every row.
    source.write(withKey(ring, keyId));
    let resealed = 0;
    for (;;) {
      const batch = await tx
        .select()
        .from(stories)
        .where(namesAnotherKey(keyId))
        .orderBy(asc(stories.id))
        .limit(BATCH)
        .for('update');
      if (batch.length === 0) break;
      for (const row of batch) await tx.update(stories).set(resealedColumns(deps, row)).where(eq(stories.id, row.id));
      resealed += batch.length;
    }
    await recordAudit(tx, actor, {
      action: 'stories.rotate-key',
      subjectType: 'stories',
      after: { keyId, count: resealed },
    });
    return { keyId, resealed };
  });
  await retireUnusedKeys(deps);
  return result;
}

/**
 * Takes out of the ring every key that is not current and that no row names, under the sealing lock held
 * exclusive: the check and the file's rewrite happen while no writer can seal. Rows a writer sealed without the
 * lock, with an old key, are sealed again first; it loops until none is left.
 */
async function retireUnusedKeys(deps: StoryDeps): Promise<void> {
  const source = deps.vault.source;
  for (;;) {
    const done = await deps.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SEALING_LOCK_ID})`);
      const current = source.read().current;
      const stragglers = await tx.select().from(stories).where(namesAnotherKey(current)).limit(BATCH).for('update');
      if (stragglers.length > 0) {
        for (const row of stragglers)
          await tx.update(stories).set(resealedColumns(deps, row)).where(eq(stories.id, row.id));
        return false;
      }
      // Nothing names another key, and nothing can until this transaction ends: the file goes first.
      const ring = source.read();
      source.write({ ...ring, keys: { [ring.current]: ring.keys[ring.current]! } });
      return true;
    });
    if (done) return;
  }
}

type StoryRow = typeof stories.$inferSelect;

const sealedColumns = [
  'originalSealed',
  'tellerSealed',
  'redactedSealed',
  'titleSealed',
  'contentNotesSealed',
  'translationSealed',
] as const satisfies (keyof StoryRow)[];

/** Every sealed value of a row, opened and sealed again with the current key (JSON values stay the same JSON). */
function resealedColumns(deps: StoryDeps, row: StoryRow): Partial<StoryRow> {
  const changed: Partial<Record<(typeof sealedColumns)[number], string>> = {};
  for (const column of sealedColumns) {
    const sealed = row[column];
    if (sealed !== null) changed[column] = deps.vault.seal(deps.vault.open(sealed));
  }
  return changed;
}

/** A row with any sealed value that names a key other than `keyId`. */
function namesAnotherKey(keyId: string): SQL {
  const prefix = `${keyId}.`;
  const other = (column: AnyPgColumn) => sql`(${column} is not null and not starts_with(${column}, ${prefix}))`;
  return or(...sealedColumns.map((column) => other(stories[column])))!;
}

function withKey(ring: KeyRing, keyId: string): KeyRing {
  return { ...ring, current: keyId, keys: { ...ring.keys, [keyId]: randomKeyText() } };
}

function randomKeyText(): string {
  return randomBytes(32).toString('base64url');
}

/** The ids of the keys the stored values name: for tests and the operator's check after a rotation. */
export async function keysInUse(db: Db): Promise<string[]> {
  const rows = await db.select().from(stories);
  const named = new Set<string>();
  for (const row of rows) for (const column of sealedColumns) if (row[column] !== null) named.add(keyIdOf(row[column]));
  return [...named].sort();
}
