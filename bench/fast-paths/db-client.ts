import type { SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../src/platform/db/client.ts';

export * from '../../src/platform/db/client.ts';

/** Without the fast path: drizzle's public execute, the statement parsed and planned on every call. */
export function rowsOfPrepared<T>(db: Db, _name: string, query: SQL): Promise<T[]> {
  return rowsOf<T>(db, query);
}
