import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { EditOutcome, Editor } from './editing.ts';
import { policyInput, type PolicyForm } from './inputs.ts';
import { policies, policyTranslations } from './schema.ts';
import {
  createItem,
  deleteItem,
  findStaffItem,
  listStaffItems,
  saveItem,
  setItemPublished,
  storedItems,
  translationRows,
  translationsFromForm,
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
    return storedItems(rows, (p, translations) => ({
      kind: 'policy',
      slug: p.slug,
      billNumber: p.billNumber,
      sessionYear: p.sessionYear,
      status: p.status,
      position: p.position,
      published: p.published,
      isDemo: p.isDemo,
      translations,
    }));
  },

  async insertFacts(tx, s) {
    const facts = policyInput.omit({ translations: true }).parse(s);
    const [row] = await tx.insert(policies).values(facts).onConflictDoNothing().returning({ id: policies.id });
    return row?.id;
  },

  async updateFacts(tx, id, s) {
    const facts = policyInput.omit({ translations: true, slug: true }).parse(s);
    await tx
      .update(policies)
      .set({ ...facts, updatedAt: new Date() })
      .where(eq(policies.id, id));
  },

  async remove(tx, id) {
    await tx.delete(policies).where(eq(policies.id, id));
  },

  ...translationRows(policyTranslations, policyTranslations.policyId),
};

export function listPoliciesForStaff(db: Db): Promise<StaffPolicy[]> {
  return listStaffItems(db, policyKind);
}

export function getPolicyForStaff(db: Db, slug: string): Promise<StaffPolicy | undefined> {
  return findStaffItem(db, policyKind, slug);
}

export function createStaffPolicy(db: Db, slug: string, form: PolicyForm, editor: Editor): Promise<EditOutcome> {
  return db.transaction((tx) =>
    createItem(tx, policyKind, { kind: 'policy', slug, published: false, isDemo: false, ...fromForm(form) }, editor),
  );
}

export function savePolicy(db: Db, slug: string, form: PolicyForm, editor: Editor): Promise<EditOutcome> {
  return db.transaction((tx) => saveItem(tx, policyKind, slug, (before) => ({ ...before, ...fromForm(form) }), editor));
}

export function setPolicyPublished(db: Db, slug: string, published: boolean, editor: Editor): Promise<EditOutcome> {
  return db.transaction((tx) => setItemPublished(tx, policyKind, slug, published, editor));
}

export function deletePolicy(db: Db, slug: string, editor: Editor): Promise<EditOutcome> {
  return db.transaction((tx) => deleteItem(tx, policyKind, slug, editor));
}

function fromForm(form: PolicyForm): Omit<PolicySnapshot, 'kind' | 'slug' | 'published' | 'isDemo'> {
  const { en, es, ...facts } = form;
  return { ...facts, translations: translationsFromForm({ en, es }) };
}
