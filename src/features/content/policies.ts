import { and, desc, eq, getTableColumns } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { policyInput, type PolicyInput } from './inputs.ts';
import { policies, policyTranslations, type Locale } from './schema.ts';
import { bumpContentVersion } from './settings.ts';
import { groupBy, pickTranslation } from './translations.ts';

type PolicyRow = typeof policies.$inferSelect;
// A translation's words, without the search vector made from them (site-search.ts reads that).
const { search: _search, ...translationColumns } = getTableColumns(policyTranslations);
type PolicyTranslationRow = Omit<typeof policyTranslations.$inferSelect, 'search'>;
export type Policy = PolicyRow & { text: PolicyTranslationRow; isFallback: boolean };

/** Adds a policy with its translations; an existing slug is left untouched. */
export async function createPolicy(db: Db, input: PolicyInput): Promise<{ created: boolean }> {
  const { translations, ...facts } = policyInput.parse(input);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(policies).values(facts).onConflictDoNothing().returning({ id: policies.id });
    if (!row) return { created: false };
    await tx
      .insert(policyTranslations)
      .values(
        Object.entries(translations).map(([locale, t]) => ({ ...t, locale: locale as Locale, policyId: row.id })),
      );
    await bumpContentVersion(tx);
    return { created: true };
  });
}

/** Published policies, newest session first, each in the best language available. */
export async function listPolicies(db: Db, locale: Locale): Promise<Policy[]> {
  const rows = await db
    .select({ policy: policies, text: translationColumns })
    .from(policies)
    .innerJoin(policyTranslations, eq(policyTranslations.policyId, policies.id))
    .where(eq(policies.published, true))
    .orderBy(desc(policies.sessionYear), policies.billNumber, policies.id);
  return [...groupBy(rows, (r) => r.policy.id).values()].map((group) => withText(group, locale));
}

export async function getPolicy(db: Db, slug: string, locale: Locale): Promise<Policy | undefined> {
  const rows = await db
    .select({ policy: policies, text: translationColumns })
    .from(policies)
    .innerJoin(policyTranslations, eq(policyTranslations.policyId, policies.id))
    .where(and(eq(policies.slug, slug), eq(policies.published, true)));
  return rows.length > 0 ? withText(rows, locale) : undefined;
}

function withText(group: { policy: PolicyRow; text: PolicyTranslationRow }[], locale: Locale): Policy {
  const text = pickTranslation(
    group.map((g) => g.text),
    locale,
  )!;
  return { ...group[0]!.policy, text, isFallback: text.locale !== locale };
}
