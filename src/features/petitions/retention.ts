import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { retentionCutoffs } from '../../platform/retention.ts';
import { signatures } from './schema.ts';

/**
 * What petitions keep no longer than the privacy notice says (ADR 030):
 * signatures nobody confirmed, and the keyed hash of each signer's IP.
 * Each batch is one statement, so one transaction; rows another process is
 * purging at the same moment are skipped (SKIP LOCKED), and a second run
 * finds nothing left, so the worker, a second worker and the CLI can all
 * run it without harm.
 */

export type PurgeOptions = { now?: Date; batchSize?: number };

const BATCH = 1000;

/**
 * Applies `change` to the signatures meeting `condition`, a range of ids at a
 * time: one scan finds the lowest and highest id concerned, then each batch
 * is one statement over `batchSize` ids through the primary key. Between
 * runs the rows concerned are the newest few (an hour's IP hashes, an hour's
 * lapsed signatures), so a run walks only that end of the table.
 */
async function byIdRanges(db: Db, condition: SQL, change: (range: SQL) => SQL, batchSize: number): Promise<number> {
  const [bounds] = await rowsOf<{ lo: string | number | null; hi: string | number | null }>(
    db,
    sql`select min(id) as lo, max(id) as hi from ${signatures} where ${condition}`,
  );
  if (bounds?.lo == null || bounds.hi == null) return 0;
  let total = 0;
  for (let from = Number(bounds.lo); from <= Number(bounds.hi); from += batchSize) {
    const range = sql`id in (select id from ${signatures}
      where id between ${from} and ${from + batchSize - 1} and ${condition} for update skip locked)`;
    total += (await rowsOf(db, sql`${change(range)} returning id`)).length;
  }
  return total;
}

/**
 * Signatures still pending, or expired, once their confirmation time is up.
 * They never counted (only verified signatures do), so no count changes;
 * a verified or invalidated signature is never touched here.
 */
export async function deleteUnconfirmedSignatures(db: Db, options: PurgeOptions = {}): Promise<number> {
  const now = (options.now ?? new Date()).toISOString();
  const lapsed = sql`status in ('pending', 'expired') and expires_at < ${now}::timestamptz`;
  return byIdRanges(db, lapsed, (range) => sql`delete from ${signatures} where ${range}`, options.batchSize ?? BATCH);
}

/** Clears the IP hash of signatures older than the notice's hours; the signature itself stays. */
export async function forgetSignerAddresses(db: Db, options: PurgeOptions = {}): Promise<number> {
  const before = retentionCutoffs(options.now ?? new Date()).signingIpBefore.toISOString();
  const due = sql`ip_hash is not null and created_at < ${before}::timestamptz`;
  return byIdRanges(
    db,
    due,
    (range) => sql`update ${signatures} set ip_hash = null where ${range}`,
    options.batchSize ?? BATCH,
  );
}

/**
 * For the supporters' purge: whether the person has signed any petition. A
 * signer's record stays while they have a signature, whatever its state
 * (deleting the person would delete a verified signature with them).
 */
export function hasSigned(supporterId: SQL): SQL {
  return sql`exists (select 1 from ${signatures} where ${signatures.supporterId} = ${supporterId})`;
}
