import { and, count, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { offsetOf, pageConditions, placeOf, totalOf, type ApiPaging, type Placed } from '../../platform/api-paging.ts';
import type { Db } from '../../platform/db/client.ts';
import { normalizeEmail } from '../../platform/email-address.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { suppressedAmong } from '../email/service.ts';
import { zipFacts } from '../reference/service.ts';
import { personChanges } from './change-schema.ts';
import { statusOf } from './records.ts';
import { subscriptions, supporterEvents, supporters, supporterTags, type Topic } from './schema.ts';
import { updatePreferences } from './preferences.ts';
import { requestSignup } from './signup.ts';

/**
 * People as the OSDI API reads and writes them (ADR 073). The API feature shapes the JSON; this file is
 * the supporters' side: which people, in which order, and what a write may change. Consent is never
 * taken from the API: a tool that says someone subscribed starts the same double opt-in as the sign-up
 * form, and only the person's click on the emailed link subscribes them.
 */
export type ApiPerson = {
  id: number;
  email: string;
  /** OSDI's email status: subscribed, unsubscribed, or bouncing for an address mail is no longer sent to. */
  emailStatus: 'subscribed' | 'unsubscribed' | 'bouncing';
  /** Each topic's state: pending, subscribed or unsubscribed. */
  topics: Partial<Record<Topic, string>>;
  givenName: string;
  familyName: string;
  phone: string | null;
  zip: string | null;
  county: string | null;
  locale: Locale;
  createdAt: Date;
  /** ISO 8601 with microseconds: what a sync keeps and asks after. */
  modified: string;
};

const personColumns = {
  id: supporters.id,
  email: supporters.emailAsTyped,
  key: supporters.email,
  givenName: supporters.givenName,
  familyName: supporters.familyName,
  phone: supporters.phone,
  zip: supporters.zip,
  county: supporters.county,
  locale: supporters.locale,
  createdAt: supporters.createdAt,
  modified: placeOf(personChanges.modifiedAt),
};

type PersonRow = { id: number; email: string; key: string } & Omit<
  ApiPerson,
  'id' | 'email' | 'emailStatus' | 'topics'
>;

async function withStatus(db: Db, rows: PersonRow[]): Promise<ApiPerson[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [subs, suppressed] = await Promise.all([
    db
      .select({ supporterId: subscriptions.supporterId, topic: subscriptions.topic, status: subscriptions.status })
      .from(subscriptions)
      .where(inArray(subscriptions.supporterId, ids)),
    suppressedAmong(
      db,
      rows.map((r) => r.key),
    ),
  ]);
  const topicsOf = new Map<number, Partial<Record<Topic, string>>>();
  for (const s of subs) topicsOf.set(s.supporterId, { ...topicsOf.get(s.supporterId), [s.topic]: s.status });
  return rows.map(({ key, ...row }) => {
    const topics = topicsOf.get(row.id) ?? {};
    const status = statusOf(suppressed.has(key), topics);
    return {
      ...row,
      topics,
      emailStatus: status === 'suppressed' ? 'bouncing' : status === 'subscribed' ? 'subscribed' : 'unsubscribed',
    };
  });
}

/** One page of the people on record, in the order of their last change. */
export async function apiPeoplePage(db: Db, paging: ApiPaging): Promise<{ total: number; rows: Placed<ApiPerson>[] }> {
  const { where, orderBy } = pageConditions(personChanges.modifiedAt, personChanges.personId, paging);
  const { where: filtered } = pageConditions(personChanges.modifiedAt, personChanges.personId, {
    ...paging,
    after: undefined,
  });
  const [rows, total] = await Promise.all([
    db
      .select(personColumns)
      .from(personChanges)
      .innerJoin(supporters, eq(supporters.id, personChanges.personId))
      .where(where)
      .orderBy(...orderBy)
      .limit(paging.limit)
      .offset(offsetOf(paging)),
    totalOf(paging, async () => {
      const [counted] = await db
        .select({ n: count() })
        .from(personChanges)
        .where(and(isNull(personChanges.deletedAt), filtered));
      return counted?.n ?? 0;
    }),
  ]);
  const people = await withStatus(db, rows);
  return {
    total,
    rows: people.map((row) => ({ row, at: row.modified, id: row.id })),
  };
}

export async function apiPerson(db: Db, id: number): Promise<ApiPerson | undefined> {
  const rows = await db
    .select(personColumns)
    .from(supporters)
    .innerJoin(personChanges, eq(personChanges.personId, supporters.id))
    .where(eq(supporters.id, id));
  return (await withStatus(db, rows))[0];
}

/** People deleted (erased, merged into another record, removed by a retention rule): their id and when. */
export async function apiDeletedPeoplePage(
  db: Db,
  paging: ApiPaging,
): Promise<{ total: number; rows: Placed<{ id: number; deleted: string }>[] }> {
  const { where, orderBy } = pageConditions(personChanges.modifiedAt, personChanges.personId, paging);
  const { where: filtered } = pageConditions(personChanges.modifiedAt, personChanges.personId, {
    ...paging,
    after: undefined,
  });
  const deleted = isNotNull(personChanges.deletedAt);
  const [rows, total] = await Promise.all([
    db
      .select({ id: personChanges.personId, at: placeOf(personChanges.modifiedAt) })
      .from(personChanges)
      .where(and(deleted, where))
      .orderBy(...orderBy)
      .limit(paging.limit)
      .offset(offsetOf(paging)),
    totalOf(paging, async () => {
      const [counted] = await db.select({ n: count() }).from(personChanges).where(and(deleted, filtered));
      return counted?.n ?? 0;
    }),
  ]);
  return {
    total,
    // Deletion is the last change a person's row records: its time is the deletion's.
    rows: rows.map((r) => ({ row: { id: r.id, deleted: r.at }, at: r.at, id: r.id })),
  };
}

/** What a tool may say about a person: each detail it leaves out stays as it is. */
export type ApiPersonInput = {
  givenName?: string | undefined;
  familyName?: string | undefined;
  phone?: string | undefined;
  zip?: string | undefined;
  locale?: Locale | undefined;
  /** The person asked the tool for email: start double opt-in. */
  subscribe?: boolean | undefined;
  /** The person asked the tool to stop email: every topic, at once, as the one-click link does. */
  unsubscribe?: boolean | undefined;
  tags?: string[] | undefined;
};

/** The confirmation email greets the person by name, as the sign-up form requires one. */
export const NEEDS_GIVEN_NAME = 'needs-given-name';

export type ApiWriteContext = {
  /** The key, as consent records name what asked ("api-key-7"). */
  source: string;
  emailDomain: string;
  now?: Date;
};

/**
 * person_signup_helper: the person with this address, made if there is none. A person already on record
 * keeps every detail they have; a tool only fills in what is missing, as anyone may type anyone's address
 * into another organisation's form. Returns whether the record is new and whether a confirmation was sent.
 */
export async function apiSignUpPerson(
  db: Db,
  email: string,
  input: ApiPersonInput,
  ctx: ApiWriteContext,
): Promise<{ id: number; created: boolean; confirmationQueued: boolean } | { problem: typeof NEEDS_GIVEN_NAME }> {
  const key = normalizeEmail(email);
  const now = ctx.now ?? new Date();
  if (input.subscribe && !input.givenName) {
    const [known] = await db
      .select({ givenName: supporters.givenName })
      .from(supporters)
      .where(eq(supporters.email, key));
    if (!known?.givenName) return { problem: NEEDS_GIVEN_NAME };
  }
  const county = await countyOf(db, input.zip);
  const { id, created } = await db.transaction(async (tx) => {
    const [made] = await tx
      .insert(supporters)
      .values({
        email: key,
        emailAsTyped: email.trim(),
        givenName: input.givenName ?? '',
        familyName: input.familyName ?? '',
        phone: input.phone || null,
        zip: input.zip || null,
        county,
        locale: input.locale ?? 'en',
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: supporters.email })
      .returning({ id: supporters.id });
    if (made) {
      await tx
        .insert(supporterEvents)
        .values({ supporterId: made.id, kind: 'added-by-api', detail: { source: ctx.source }, at: now });
      await addTags(tx, made.id, input.tags);
      return { id: made.id, created: true };
    }
    const [person] = await tx.select().from(supporters).where(eq(supporters.email, key)).for('update');
    const missing = {
      ...(!person!.givenName && input.givenName ? { givenName: input.givenName } : {}),
      ...(!person!.familyName && input.familyName ? { familyName: input.familyName } : {}),
      ...(!person!.phone && input.phone ? { phone: input.phone } : {}),
      ...(!person!.zip && input.zip ? { zip: input.zip, county } : {}),
    };
    if (Object.keys(missing).length > 0)
      await tx
        .update(supporters)
        .set({ ...missing, updatedAt: now })
        .where(eq(supporters.id, person!.id));
    await addTags(tx, person!.id, input.tags);
    return { id: person!.id, created: false };
  });
  const confirmationQueued = await consentFromApi(db, id, email, input, ctx);
  return { id, created, confirmationQueued };
}

/** PUT on a person: a tool with the write_people scope corrects details, as staff do on the person's page. */
export async function apiUpdatePerson(
  db: Db,
  id: number,
  input: ApiPersonInput,
  ctx: ApiWriteContext,
): Promise<{ found: boolean; confirmationQueued: boolean } | { problem: typeof NEEDS_GIVEN_NAME }> {
  const now = ctx.now ?? new Date();
  const [person] = await db.select().from(supporters).where(eq(supporters.id, id));
  if (!person) return { found: false, confirmationQueued: false };
  if (input.subscribe && !input.givenName && !person.givenName) return { problem: NEEDS_GIVEN_NAME };
  const county = input.zip === undefined ? undefined : await countyOf(db, input.zip);
  await db.transaction(async (tx) => {
    const change = {
      ...(input.givenName !== undefined ? { givenName: input.givenName } : {}),
      ...(input.familyName !== undefined ? { familyName: input.familyName } : {}),
      ...(input.phone !== undefined ? { phone: input.phone || null } : {}),
      ...(input.zip !== undefined ? { zip: input.zip || null, county } : {}),
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
    };
    if (Object.keys(change).length > 0) {
      await tx
        .update(supporters)
        .set({ ...change, updatedAt: now })
        .where(eq(supporters.id, id));
      await tx.insert(supporterEvents).values({
        supporterId: id,
        kind: 'edited-by-api',
        detail: { source: ctx.source, fields: Object.keys(change) },
        at: now,
      });
    }
    await addTags(tx, id, input.tags);
  });
  return { found: true, confirmationQueued: await consentFromApi(db, id, person.emailAsTyped, input, ctx) };
}

async function countyOf(db: Db, zip: string | undefined): Promise<string | null> {
  const facts = zip ? await zipFacts(db, zip) : undefined;
  return facts?.counties.length === 1 ? facts.counties[0]! : null;
}

async function addTags(tx: Db, supporterId: number, tags: string[] | undefined): Promise<void> {
  if (!tags?.length) return;
  await tx
    .insert(supporterTags)
    .values([...new Set(tags)].map((tag) => ({ supporterId, tag })))
    .onConflictDoNothing();
}

/** A subscription asked through the API is a sign-up like the form's; a withdrawal is honoured at once. */
async function consentFromApi(
  db: Db,
  id: number,
  email: string,
  input: ApiPersonInput,
  ctx: ApiWriteContext,
): Promise<boolean> {
  const wordingVersion = ctx.source;
  if (input.unsubscribe) {
    const [person] = await db.select({ locale: supporters.locale }).from(supporters).where(eq(supporters.id, id));
    if (person)
      await updatePreferences(db, id, { topics: [], locale: person.locale }, { method: 'api', wordingVersion });
    return false;
  }
  if (!input.subscribe) return false;
  const [already] = await db
    .select({ id: subscriptions.supporterId })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.supporterId, id),
        eq(subscriptions.topic, 'newsletter'),
        sql`${subscriptions.status} = 'subscribed'`,
      ),
    );
  if (already) return false;
  const [person] = await db.select().from(supporters).where(eq(supporters.id, id));
  const { confirmationQueued } = await requestSignup(
    db,
    {
      givenName: person!.givenName,
      familyName: person!.familyName,
      email,
      zip: person!.zip ?? '',
      locale: person!.locale,
      topics: ['newsletter'],
    },
    { method: 'api', wordingVersion, emailDomain: ctx.emailDomain },
  );
  return confirmationQueued;
}
