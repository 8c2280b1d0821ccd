import { and, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { PersonalDataPart } from '../../platform/personal-data.ts';
import { eraseSupporter } from './data-rights.ts';
import { subscriptions, supporterEvents, supporters } from './schema.ts';

/** Whether the person with this id gets, or has asked to get, any of our emails: what retention rules spare. */
export function subscribedCondition(supporterId: SQL): SQL {
  return sql`exists (select 1 from ${subscriptions} where ${subscriptions.supporterId} = ${supporterId}
    and ${subscriptions.status} in ('subscribed', 'pending'))`;
}

const BATCH = 200;

/**
 * The retention rule for people no longer in touch (features/retention): everyone subscribed to nothing, on record
 * since before `quietSince`, whose timeline has nothing since then (a signature, an RSVP, a letter, an email from
 * us: each feature writes its actions there), is erased with every feature's `parts`, as a person's own request
 * would. Each erasure is its own transaction with its audit entry. Returns how many people were erased.
 */
export async function eraseQuietSupporters(
  db: Db,
  quietSince: Date,
  parts: readonly PersonalDataPart[],
): Promise<number> {
  let erased = 0;
  for (;;) {
    const quiet = await db
      .select({ id: supporters.id })
      .from(supporters)
      .where(
        and(
          lt(supporters.createdAt, quietSince),
          lt(supporters.updatedAt, quietSince),
          sql`not ${subscribedCondition(sql`${supporters.id}`)}`,
          sql`not exists (select 1 from ${supporterEvents} where ${supporterEvents.supporterId} = ${supporters.id}
            and ${supporterEvents.at} >= ${quietSince})`,
        ),
      )
      .orderBy(supporters.id)
      .limit(BATCH);
    if (quiet.length === 0) return erased;
    for (const { id } of quiet)
      if (await eraseSupporter(db, id, null, parts, 'erased by a retention rule')) erased += 1;
    // A batch in which nothing could be erased would come back for ever.
    if (quiet.length < BATCH) return erased;
    const left = await db
      .select({ id: supporters.id })
      .from(supporters)
      .where(
        inArray(
          supporters.id,
          quiet.map((q) => q.id),
        ),
      );
    if (left.length === quiet.length) return erased;
  }
}
