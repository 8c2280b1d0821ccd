import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { placeOf } from './api-paging.ts';
import type { Db } from './db/client.ts';

/**
 * Where a reader of a change feed has got to: the last change's time, exactly as PostgreSQL holds it (ISO text with
 * microseconds, which a JavaScript Date would cut to milliseconds and so read the same change again), and its id,
 * which orders changes made in the same microsecond.
 */
export type ChangeCursor = { at: string; id: number };

/**
 * One change a feature made (a signature verified, an RSVP taken): its row's id, when (exact, as in ChangeCursor), and
 * the ids that name it and the person behind it. Ids only: a reader that wants more asks with its own keys (the API).
 */
export type FeedChange = { id: number; at: string; ids: Record<string, number> };

/**
 * A feature's changes of one kind after the cursor and up to `until`, oldest first, at most `limit`: the feature owns
 * its SQL, and readers (the webhooks) know no table. `until` lets a reader leave the last seconds for the next pass,
 * so that a transaction still open when it reads, whose rows bear an earlier time, is not passed over.
 */
export type ChangeFeed = (db: Db, after: ChangeCursor, until: Date, limit: number) => Promise<FeedChange[]>;

/** `(at, id) > cursor and at <= until`, for a feed's where clause. */
export function afterCursor(at: AnyColumn | SQL, id: AnyColumn | SQL, after: ChangeCursor, until: Date): SQL {
  return sql`(${at}, ${id}) > (${after.at}::timestamptz, ${after.id}) and ${at} <= ${until.toISOString()}::timestamptz`;
}

/** The column as exact ISO text, for `at` (see ChangeCursor): the same text the API's pages carry. */
export const exactTime = placeOf;
