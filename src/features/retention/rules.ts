import { desc, max, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { RULE_MONTHS, retentionRuleKinds, ruleWords, type RetentionRuleKind } from './kinds.ts';
import { retentionRules, retentionRuns } from './schema.ts';

/** Each rule's months, or null when it is off. */
export type RetentionRuleSettings = Record<RetentionRuleKind, number | null>;

const monthsField = z
  .string()
  .trim()
  .max(3, `Enter a number of months from ${RULE_MONTHS.min} to ${RULE_MONTHS.max}, or leave it empty`)
  .regex(/^\d*$/, `Enter a number of months from ${RULE_MONTHS.min} to ${RULE_MONTHS.max}, or leave it empty`)
  .transform((typed) => (typed === '' ? null : Number(typed)))
  .refine(
    (n) => n === null || (n >= RULE_MONTHS.min && n <= RULE_MONTHS.max),
    `Enter a number of months from ${RULE_MONTHS.min} to ${RULE_MONTHS.max}, or leave it empty`,
  );

/** The rules form as posted: one field a rule, named by its kind; empty is off. */
export const retentionRulesInput = z.object(
  Object.fromEntries(retentionRuleKinds.map((kind) => [kind, monthsField])) as Record<
    RetentionRuleKind,
    typeof monthsField
  >,
);

export async function getRetentionRules(db: Db): Promise<RetentionRuleSettings> {
  const rows = await db.select({ kind: retentionRules.kind, months: retentionRules.months }).from(retentionRules);
  const settings = Object.fromEntries(retentionRuleKinds.map((k) => [k, null])) as RetentionRuleSettings;
  for (const row of rows) if (retentionRuleKinds.includes(row.kind)) settings[row.kind] = row.months;
  return settings;
}

/** Saves every rule at once, in one transaction with its audit entry (only what changed is kept there). */
export async function saveRetentionRules(db: Db, wanted: RetentionRuleSettings, actor: AuditActor): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getRetentionRules(tx);
    for (const kind of retentionRuleKinds) {
      const months = wanted[kind];
      if (months === before[kind]) continue;
      if (months === null) await tx.delete(retentionRules).where(sql`${retentionRules.kind} = ${kind}`);
      else
        await tx
          .insert(retentionRules)
          .values({ kind, months, updatedBy: actor.staffId, updatedAt: new Date() })
          .onConflictDoUpdate({
            target: retentionRules.kind,
            set: { months, updatedBy: actor.staffId, updatedAt: new Date() },
          });
    }
    await recordAudit(tx, actor, {
      action: 'retention.update',
      subjectType: 'retention',
      subjectId: 'rules',
      before: { ...before },
      after: { ...wanted },
    });
  });
}

/** Changes when a rule does: the public pages' cache folds it in, as the notice states the rules. */
export async function retentionRulesStamp(db: Db): Promise<number> {
  const [row] = await db
    .select({ at: max(retentionRules.updatedAt), n: sql<number>`count(*)::int` })
    .from(retentionRules);
  return ((row?.at?.getTime() ?? 0) / 1000 + (row?.n ?? 0)) >>> 0;
}

/** The rules that are on, as the privacy notice states them: a Markdown list, or a sentence saying there are none. */
export async function retentionRulesNotice(db: Db, locale: Locale): Promise<string> {
  const rules = await getRetentionRules(db);
  const on = retentionRuleKinds.flatMap((kind) => {
    const months = rules[kind];
    return months === null ? [] : [`- ${ruleWords[kind].notice[locale](months)}`];
  });
  if (on.length > 0) return on.join('\n');
  return locale === 'es'
    ? 'Por ahora no hay más reglas: lo demás se guarda hasta que nos pidas borrarlo.'
    : 'There are no further rules for now: everything else is kept until you ask us to erase it.';
}

export type RetentionRun = typeof retentionRuns.$inferSelect;

export async function recentRetentionRuns(db: Db, limit = 50): Promise<RetentionRun[]> {
  return db.select().from(retentionRuns).orderBy(desc(retentionRuns.at), desc(retentionRuns.id)).limit(limit);
}
