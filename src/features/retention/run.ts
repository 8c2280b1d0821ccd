import type { Db } from '../../platform/db/client.ts';
import { retentionRuleKinds, type RetentionRuleKind } from './kinds.ts';
import { getRetentionRules } from './rules.ts';
import { retentionRuns } from './schema.ts';

/** What each rule does, handed in by the app: deletes what is older than the cutoff, says how much it deleted. */
export type RetentionActions = Record<RetentionRuleKind, (db: Db, cutoff: Date) => Promise<number>>;

/** `months` calendar months before `now` (the 31st of a short month falls back to its last day). */
export function monthsBefore(now: Date, months: number): Date {
  const cutoff = new Date(now);
  const day = cutoff.getUTCDate();
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(day, lastDay));
  return cutoff;
}

/**
 * Runs every rule that is on (from the hourly privacy purge), and logs each one that deleted something, with its
 * count. Returns the counts by rule.
 */
export async function runRetentionRules(
  db: Db,
  actions: RetentionActions,
  now = new Date(),
): Promise<Partial<Record<RetentionRuleKind, number>>> {
  const rules = await getRetentionRules(db);
  const done: Partial<Record<RetentionRuleKind, number>> = {};
  for (const kind of retentionRuleKinds) {
    const months = rules[kind];
    if (months === null) continue;
    const affected = await actions[kind](db, monthsBefore(now, months));
    done[kind] = affected;
    if (affected > 0) await db.insert(retentionRuns).values({ kind, months, affected, at: now });
  }
  return done;
}
