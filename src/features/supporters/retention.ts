import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { retentionCutoffs } from '../../platform/retention.ts';
import { eraseWithin } from './data-rights.ts';
import { consents, signupConfirmations, subscriptions, supporterNotes, supporters, supporterTags } from './schema.ts';

/**
 * Sign-ups nobody confirmed, deleted once the privacy notice's days are up
 * (ADR 030): the pending topics, the unused links, and then the people left
 * with nothing else here (no tag or note from staff either) or in any feature
 * that names them (`keptBy`), who are erased as a request would erase them,
 * their queued mail included. Every batch is one transaction; rows being changed or purged elsewhere at
 * that moment are skipped (SKIP LOCKED) and a second run finds nothing, so
 * any number of processes may run it.
 */

export type SignupPurge = {
  now?: Date;
  batchSize?: number;
  /** Conditions, over a supporter's id, under which another feature still holds the person (a petition signature). */
  keptBy: ((supporterId: SQL) => SQL)[];
};

export type SignupPurgeResult = { pendingTopics: number; links: number; people: number };

async function untilShort(batchSize: number, batch: (limit: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await batch(batchSize);
    total += done;
    if (done < batchSize) return total;
  }
}

export async function purgeUnconfirmedSignups(db: Db, options: SignupPurge): Promise<SignupPurgeResult> {
  const before = retentionCutoffs(options.now ?? new Date()).unconfirmedBefore.toISOString();
  const size = options.batchSize ?? 500;
  // A topic asked for again is pending again with a new date (requestSignup), so only a request this old is dropped.
  const pendingTopics = await untilShort(size, async (limit) => {
    const rows = await rowsOf(
      db,
      sql`delete from ${subscriptions} where (supporter_id, topic) in (
            select supporter_id, topic from ${subscriptions}
            where status = 'pending' and updated_at < ${before}::timestamptz
            limit ${limit} for update skip locked)
          returning supporter_id`,
    );
    return rows.length;
  });
  const links = await untilShort(size, async (limit) => {
    const rows = await rowsOf(
      db,
      sql`delete from ${signupConfirmations} where token_hash in (
            select token_hash from ${signupConfirmations}
            where used_at is null and created_at < ${before}::timestamptz
            limit ${limit} for update skip locked)
          returning supporter_id`,
    );
    return rows.length;
  });
  const id = sql`s.id`;
  const keptElsewhere = options.keptBy.map((kept) => sql` and not ${kept(id)}`);
  let after = 0;
  const people = await untilShort(Math.min(size, 200), (limit) =>
    db.transaction(async (tx) => {
      const found = await rowsOf<{ id: number }>(
        tx,
        sql`select s.id from ${supporters} s
            where s.id > ${after} and s.created_at < ${before}::timestamptz and s.updated_at < ${before}::timestamptz
              and not exists (select 1 from ${subscriptions} x where x.supporter_id = s.id)
              and not exists (select 1 from ${consents} x where x.supporter_id = s.id)
              and not exists (select 1 from ${supporterTags} x where x.supporter_id = s.id)
              and not exists (select 1 from ${supporterNotes} x where x.supporter_id = s.id)
              and not exists (select 1 from ${signupConfirmations} x where x.supporter_id = s.id)
              ${sql.join(keptElsewhere)}
            order by s.id limit ${limit} for update of s skip locked`,
      );
      for (const person of found) await eraseWithin(tx, Number(person.id));
      if (found.length > 0) after = Math.max(...found.map((p) => Number(p.id)));
      return found.length;
    }),
  );
  return { pendingTopics, links, people };
}
