import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { EditOutcome, Editor } from './editing.ts';
import { policyInput, type PolicyForm } from './inputs.ts';
import { policies, policyTranslations } from './schema.ts';
import {
  createItem,
  itemFromForm,
  itemRows,
  saveItem,
  staffOperations,
  storedItems,
  type StaffItem,
  type TranslatedKind,
} from './translated-editing.ts';
import type { PolicySnapshot } from './versions.ts';

export type StaffPolicy = StaffItem<PolicySnapshot>;

export const policyKind: TranslatedKind<PolicySnapshot> = {
  kind: 'policy',

  async load(db, slug) {
    const rows = await db
      .select({ item: policies, text: policyTranslations })
      .from(policies)
      .leftJoin(policyTranslations, eq(policyTranslations.policyId, policies.id))
      .where(slug === undefined ? undefined : eq(policies.slug, slug))
      .orderBy(desc(policies.sessionYear), policies.billNumber, policies.id);
    // The row's columns are the snapshot's facts, bar its id and times.
    return storedItems(rows, ({ id: _id, createdAt: _created, updatedAt: _updated, ...facts }, translations) => ({
      kind: 'policy',
      ...facts,
      translations,
    }));
  },

  ...itemRows({
    facts: policies,
    id: policies.id,
    input: policyInput.omit({ translations: true }),
    translations: policyTranslations,
    owner: policyTranslations.policyId,
  }),
};

export const {
  list: listPoliciesForStaff,
  find: getPolicyForStaff,
  setPublished: setPolicyPublished,
  remove: deletePolicy,
} = staffOperations(policyKind);

export function createStaffPolicy(db: Db, slug: string, form: PolicyForm, editor: Editor): Promise<EditOutcome> {
  return db.transaction((tx) =>
    createItem(
      tx,
      policyKind,
      { kind: 'policy', slug, published: false, isDemo: false, ...itemFromForm(form) },
      editor,
    ),
  );
}

export function savePolicy(db: Db, slug: string, form: PolicyForm, editor: Editor): Promise<EditOutcome> {
  return db.transaction((tx) =>
    saveItem(tx, policyKind, slug, (before) => ({ ...before, ...itemFromForm(form) }), editor),
  );
}
