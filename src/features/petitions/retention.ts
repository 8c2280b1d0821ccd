import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { retentionCutoffs } from '../../platform/retention.ts';
import { signatures } from './schema.ts';

/**
 * What petitions keep no longer than the privacy notice says (ADR 025):
 * signatures nobody confirmed, and the keyed hash of each signer's IP.
 * Each batch is one statement, so one transaction; rows another process is
 * purging at the same moment are skipped (SKIP LOCKED), and a second run
 * finds nothing left, so the worker, a second worker and the CLI can all
 * run it without harm. Batches walk the primary key upwards, so a run reads
 * the table once however many batches it takes.
 */

export type PurgeOptions = { now?: Date; batchSize?: number };

const BATCH = 1000;

async function inBatches(batchSize: number, batch: (after: number, limit: number) => Promise<{ id: number | string }[]>): Promise<number> {
  let after = 0;
  let total = 0;
  for (;;) {
    const done = await batch(after, batchSize);
    total += done.length;
    if (done.length < batchSize) return total;
    after = Math.max(...done.map((r) => Number(r.id)));
  }
}

/**
 * Signatures still pending, or expired, once their confirmation time is up.
 * They never counted (only verified signatures do), so no count changes;
 * a verified or invalidated signature is never touched here.
 */
export async function deleteUnconfirmedSignatures(db: Db, options: PurgeOptions = {}): Promise<number> {
  const now = (options.now ?? new Date()).toISOString();
  return inBatches(options.batchSize ?? BATCH, (after, limit) =>
    rowsOf<{ id: string }>(
      db,
      sql`delete from ${signatures} where id in (
            select id from ${signatures}
            where id > ${after} and status in ('pending', 'expired') and expires_at < ${now}::timestamptz
            order by id limit ${limit} for update skip locked)
          returning id`,
    ),
  );
}

/** Clears the IP hash of signatures older than the notice's hours; the signature itself stays. */
export async function forgetSignerAddresses(db: Db, options: PurgeOptions = {}): Promise<number> {
  const before = retentionCutoffs(options.now ?? new Date()).signingIpBefore.toISOString();
  return inBatches(options.batchSize ?? BATCH, (after, limit) =>
    rowsOf<{ id: string }>(
      db,
      sql`update ${signatures} set ip_hash = null where id in (
            select id from ${signatures}
            where id > ${after} and ip_hash is not null and created_at < ${before}::timestamptz
            order by id limit ${limit} for update skip locked)
          returning id`,
    ),
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
