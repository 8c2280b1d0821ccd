import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { zipFacts } from '../reference/service.ts';
import type { ImportRecord } from './import-rows.ts';
import { consents, subscriptions, supporterEvents, supporters, supporterTags, type Topic } from './schema.ts';

/**
 * One batch of checked rows against the records on file: what the import
 * would do with each (the dry run stops there), and doing it, in a few
 * statements for the whole batch rather than a few per person.
 *
 * The rules: a new address is a new person. A person on record keeps what
 * they have; the file fills only what is empty, unless staff chose to
 * update, when what the file gives replaces what is there. Tags are added.
 * Consent is recorded only where the file says they subscribed and we hold
 * no subscription or consent of theirs on that topic: whatever they said
 * to us since (an unsubscribe above all) is newer than the file, so an
 * import never subscribes them again, and never unsubscribes anyone.
 */

export type BatchOptions = { importId: number; updateExisting: boolean; topic: Topic };

type OnRecord = {
  id: number;
  email: string;
  givenName: string;
  familyName: string;
  phone: string | null;
  zip: string | null;
  county: string | null;
  locale: Locale;
  consentHistory: boolean;
  tags: string[];
};

const detailFields = ['givenName', 'familyName', 'phone', 'zip', 'locale'] as const;
type DetailField = (typeof detailFields)[number];

export type Plan = {
  record: ImportRecord;
  kind: 'create' | 'update' | 'unchanged';
  /** Fields of a person on record the file changes. */
  fields: DetailField[];
  newTags: string[];
  consent: boolean;
  existing: OnRecord | undefined;
};

async function onRecord(db: Db, emails: string[], topic: Topic, lock: boolean): Promise<Map<string, OnRecord>> {
  const query = db
    .select({
      id: supporters.id,
      email: supporters.email,
      givenName: supporters.givenName,
      familyName: supporters.familyName,
      phone: supporters.phone,
      zip: supporters.zip,
      county: supporters.county,
      locale: supporters.locale,
      consentHistory: sql<boolean>`(exists (select 1 from ${subscriptions} where ${subscriptions.supporterId} = ${supporters.id} and ${subscriptions.topic} = ${topic})
        or exists (select 1 from ${consents} where ${consents.supporterId} = ${supporters.id} and ${consents.topic} = ${topic}))`,
      tags: sql<
        string[]
      >`coalesce((select array_agg(${supporterTags.tag}) from ${supporterTags} where ${supporterTags.supporterId} = ${supporters.id}), '{}')`,
    })
    .from(supporters)
    .where(inArray(supporters.email, emails));
  // The import locks the batch's people until it commits, so an edit by staff meanwhile is not overwritten.
  const rows = lock ? await query.for('update') : await query;
  return new Map(rows.map((r) => [r.email, r]));
}

function fileValue(record: ImportRecord, field: DetailField): string {
  return field === 'locale' ? record.locale : record[field];
}

function planOne(record: ImportRecord, existing: OnRecord | undefined, options: BatchOptions): Plan {
  if (!existing)
    return { record, kind: 'create', fields: [], newTags: record.tags, consent: record.subscribed, existing };
  const fields = detailFields.filter((field) => {
    const given = fileValue(record, field);
    const held = existing[field] ?? '';
    if (given === '' || given === held) return false;
    // A language is never empty on record: the file changes it only when staff chose to update.
    return options.updateExisting || (field !== 'locale' && held === '');
  });
  const newTags = record.tags.filter((t) => !existing.tags.includes(t));
  const consent = record.subscribed && !existing.consentHistory;
  const changes = fields.length > 0 || newTags.length > 0 || consent;
  return { record, kind: changes ? 'update' : 'unchanged', fields, newTags, consent, existing };
}

/** What the import would do with each record; nothing is written. */
export async function planBatch(db: Db, records: ImportRecord[], options: BatchOptions, lock = false): Promise<Plan[]> {
  if (records.length === 0) return [];
  const held = await onRecord(
    db,
    records.map((r) => r.email),
    options.topic,
    lock,
  );
  return records.map((r) => planOne(r, held.get(r.email), options));
}

/** Counties by ZIP, asked once per ZIP for the whole import: a state has a few hundred. */
export class CountyByZip {
  readonly #known = new Map<string, string | null>();
  async of(db: Db, zip: string): Promise<string | null> {
    if (zip === '') return null;
    if (!this.#known.has(zip)) {
      const facts = await zipFacts(db, zip);
      // Only when the ZIP's land lies wholly in one county, as on sign-up; the cache stays small whatever the file.
      if (this.#known.size < 5_000) this.#known.set(zip, facts?.counties.length === 1 ? facts.counties[0]! : null);
      else return facts?.counties.length === 1 ? facts.counties[0]! : null;
    }
    return this.#known.get(zip) ?? null;
  }
}

const values = (rows: SQL[]) => sql.join(rows, sql`, `);

/**
 * Does what the plans say, in the caller's transaction (the batch is one):
 * inserts the new people, updates the changed ones with one statement,
 * adds tags, subscriptions and consent records, and a timeline entry for
 * each person the import touched. Returns how many consents it recorded.
 */
export async function applyBatch(tx: Db, plans: Plan[], options: BatchOptions, counties: CountyByZip): Promise<number> {
  const now = new Date();
  const ids = new Map<string, number>();
  const created = plans.filter((p) => p.kind === 'create');
  if (created.length > 0) {
    const rows = [];
    for (const { record: r } of created)
      rows.push({
        email: r.email,
        emailAsTyped: r.emailAsTyped,
        givenName: r.givenName,
        familyName: r.familyName,
        phone: r.phone || null,
        zip: r.zip || null,
        county: await counties.of(tx, r.zip),
        locale: r.locale || 'en',
        firstSource: 'import',
        createdAt: now,
        updatedAt: now,
      });
    // Someone who signed up between the plan and now is left as they are: a rerun fills them in.
    const inserted = await tx
      .insert(supporters)
      .values(rows)
      .onConflictDoNothing({ target: supporters.email })
      .returning({ id: supporters.id, email: supporters.email });
    for (const row of inserted) ids.set(row.email, row.id);
  }
  const updated = plans.filter((p) => p.kind === 'update');
  for (const p of updated) ids.set(p.record.email, p.existing!.id);
  const changed = updated.filter((p) => p.fields.length > 0);
  if (changed.length > 0) {
    const rows: SQL[] = [];
    for (const { record: r, fields, existing: e } of changed) {
      const take = (f: DetailField) => (fields.includes(f) ? fileValue(r, f) || null : e![f]);
      const county = fields.includes('zip') ? await counties.of(tx, r.zip) : e!.county;
      rows.push(
        sql`(${e!.id}::int, ${take('givenName')}::text, ${take('familyName')}::text, ${take('phone')}::text, ${take('zip')}::text, ${county}::text, ${take('locale')}::text)`,
      );
    }
    await tx.execute(sql`update ${supporters} set given_name = v.given_name, family_name = v.family_name,
        phone = v.phone, zip = v.zip, county = v.county, locale = v.locale, updated_at = ${now}
      from (values ${values(rows)}) as v(id, given_name, family_name, phone, zip, county, locale)
      where ${supporters.id} = v.id`);
  }
  const tagged = plans.flatMap((p) => {
    const id = ids.get(p.record.email);
    return id === undefined ? [] : p.newTags.map((tag) => ({ supporterId: id, tag, at: now }));
  });
  if (tagged.length > 0) await tx.insert(supporterTags).values(tagged).onConflictDoNothing();
  const consenting = plans.flatMap((p) => {
    const id = ids.get(p.record.email);
    return p.consent && id !== undefined ? [id] : [];
  });
  let consented = new Set<number>();
  if (consenting.length > 0) {
    const subscribed = await tx
      .insert(subscriptions)
      .values(
        consenting.map((supporterId) => ({
          supporterId,
          topic: options.topic,
          status: 'subscribed' as const,
          updatedAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: subscriptions.supporterId });
    consented = new Set(subscribed.map((s) => s.id));
    if (consented.size > 0)
      await tx.insert(consents).values(
        [...consented].map((supporterId) => ({
          supporterId,
          topic: options.topic,
          granted: 'yes' as const,
          wordingVersion: importWordingVersion(options.importId),
          method: 'import' as const,
          at: now,
        })),
      );
  }
  const events = plans.flatMap((p) => {
    const supporterId = ids.get(p.record.email);
    if (supporterId === undefined) return [];
    const detail = {
      import: options.importId,
      method: 'import',
      ...(p.kind === 'create' ? { created: true } : { fields: p.fields }),
      ...(p.newTags.length > 0 ? { tags: p.newTags.length } : {}),
      ...(consented.has(supporterId) ? { topics: [options.topic] } : {}),
    };
    return [{ supporterId, kind: 'imported', detail, at: now }];
  });
  if (events.length > 0) await tx.insert(supporterEvents).values(events);
  return consented.size;
}

/**
 * The consent record's wording version for an import: the file's own words
 * are not ours to know, so the version names the import, whose row says
 * who uploaded it and when; the person's consent was given where the file came from.
 */
export const importWordingVersion = (importId: number) => `import-${importId}`;
