import { and, asc, eq, sql } from 'drizzle-orm';
import { afterCursor, exactTime, type ChangeFeed } from '../../platform/change-feed.ts';
import { personChanges } from './change-schema.ts';
import { supporterEvents, supporters } from './schema.ts';

// People's changes as feeds (platform/change-feed.ts), for the webhooks: ids and times only, never who.

/** People as they were first recorded, by `created_at` (its index, with the id, orders the list). */
export const peopleCreated: ChangeFeed = async (db, after, until, limit) => {
  const rows = await db
    .select({ id: supporters.id, at: exactTime(supporters.createdAt) })
    .from(supporters)
    .where(afterCursor(supporters.createdAt, supporters.id, after, until))
    .orderBy(asc(supporters.createdAt), asc(supporters.id))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, at: r.at, ids: { person: r.id } }));
};

/**
 * People whose record changed after it was made: their details, subscriptions or tags, by person_changes, which the
 * database keeps on every write (ADR 073). A person changed twice between two reads is one change, at the later time
 * (the feed says that something changed, and the reader fetches what is there now).
 */
export const peopleUpdated: ChangeFeed = async (db, after, until, limit) => {
  const rows = await db
    .select({ id: personChanges.personId, at: exactTime(personChanges.modifiedAt) })
    .from(personChanges)
    .innerJoin(supporters, eq(supporters.id, personChanges.personId))
    .where(
      and(
        sql`${personChanges.modifiedAt} > ${supporters.createdAt}`,
        afterCursor(personChanges.modifiedAt, personChanges.personId, after, until),
      ),
    )
    .orderBy(asc(personChanges.modifiedAt), asc(personChanges.personId))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, at: r.at, ids: { person: r.id } }));
};

/** Each time a person unsubscribed from one or more topics (their timeline's `unsubscribed` entry). */
export const peopleUnsubscribed: ChangeFeed = async (db, after, until, limit) => {
  const rows = await db
    .select({ id: supporterEvents.id, at: exactTime(supporterEvents.at), person: supporterEvents.supporterId })
    .from(supporterEvents)
    .where(
      and(eq(supporterEvents.kind, 'unsubscribed'), afterCursor(supporterEvents.at, supporterEvents.id, after, until)),
    )
    .orderBy(asc(supporterEvents.at), asc(supporterEvents.id))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, at: r.at, ids: { person: r.person } }));
};
