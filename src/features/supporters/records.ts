import { and, count, desc, eq, ilike, inArray, isNotNull, not, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { isSuppressedAddress, suppressionOf } from '../email/service.ts';
import { listStaff } from '../staff/service.ts';
import { consents, subscriptions, supporters, supporterTags, type Topic } from './schema.ts';
import { supporterTimeline, type TimelineEntry } from './timeline.ts';

/**
 * Supporter records as staff and the people themselves see them: the list
 * with search and filters, one person's whole record and timeline, tags,
 * and the data rights (a copy of everything, and erasure).
 */

export const supporterStatuses = ['subscribed', 'pending', 'unsubscribed', 'suppressed'] as const;
export type SupporterStatus = (typeof supporterStatuses)[number];

export type SupporterFilters = {
  /** Part of a name, an email address or a ZIP code. */
  q?: string | undefined;
  topic?: Topic | undefined;
  locale?: Locale | undefined;
  county?: string | undefined;
  status?: SupporterStatus | undefined;
  tag?: string | undefined;
  /** A further condition on supporters (a saved segment's, segment-filters.ts), joined with `and`. */
  also?: SQL | undefined;
  page?: number | undefined;
  perPage?: number | undefined;
};

export type SupporterListRow = {
  id: number;
  givenName: string;
  familyName: string;
  emailAsTyped: string;
  zip: string | null;
  county: string | null;
  locale: Locale;
  createdAt: Date;
  status: SupporterStatus;
  subscriptions: Partial<Record<Topic, 'pending' | 'subscribed' | 'unsubscribed'>>;
};

const suppressed = isSuppressedAddress(supporters.email);

/** Whether the person has a subscription in this state, on one topic or on any. */
function hasSubscription(status: 'pending' | 'subscribed' | 'unsubscribed' | undefined, topic: Topic | undefined): SQL {
  const onTopic = topic ? sql` and sub.topic = ${topic}` : sql``;
  const inState = status ? sql` and sub.status = ${status}` : sql``;
  return sql`exists (select 1 from ${subscriptions} sub where sub.supporter_id = ${supporters.id}${inState}${onTopic})`;
}

/**
 * The four statuses divide people into groups that do not overlap, so the
 * counts add up: suppressed wins over everything (they get no bulk mail
 * whatever they chose), then subscribed to anything, then waiting to
 * confirm, and the rest are unsubscribed. With a topic, only that topic counts.
 */
function statusCondition(status: SupporterStatus, topic: Topic | undefined): SQL {
  if (status === 'suppressed') return suppressed;
  const parts = [not(suppressed)];
  if (status === 'subscribed') parts.push(hasSubscription('subscribed', topic));
  if (status === 'pending') parts.push(hasSubscription('pending', topic), not(hasSubscription('subscribed', topic)));
  if (status === 'unsubscribed')
    parts.push(not(hasSubscription('subscribed', topic)), not(hasSubscription('pending', topic)));
  return and(...parts)!;
}

export function statusOf(isSuppressed: boolean, subs: Partial<Record<Topic, string>>, topic?: Topic): SupporterStatus {
  if (isSuppressed) return 'suppressed';
  const states = topic ? [subs[topic]] : Object.values(subs);
  if (states.includes('subscribed')) return 'subscribed';
  if (states.includes('pending')) return 'pending';
  return 'unsubscribed';
}

/** `%` and `_` typed into the search box are looked for as themselves. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

/** Who the filters select (no page), as a condition on the supporters table, or undefined for everyone: the list's,
 * its CSV export's and a saved segment's. */
export function listCondition(filters: SupporterFilters): SQL | undefined {
  const conditions: SQL[] = [];
  const q = filters.q?.trim();
  if (q) {
    const like = containing(q);
    conditions.push(
      or(
        ilike(sql`${supporters.givenName} || ' ' || ${supporters.familyName}`, like),
        ilike(supporters.email, like),
        ilike(supporters.emailAsTyped, like),
        ilike(supporters.zip, like),
      )!,
    );
  }
  if (filters.topic) conditions.push(hasSubscription(undefined, filters.topic));
  if (filters.locale) conditions.push(eq(supporters.locale, filters.locale));
  if (filters.county) conditions.push(eq(supporters.county, filters.county));
  if (filters.tag)
    conditions.push(
      sql`exists (select 1 from ${supporterTags} t where t.supporter_id = ${supporters.id} and t.tag = ${filters.tag})`,
    );
  if (filters.status) conditions.push(statusCondition(filters.status, filters.topic));
  if (filters.also) conditions.push(filters.also);
  return conditions.length > 0 ? and(...conditions) : undefined;
}

export async function listSupporters(
  db: Db,
  filters: SupporterFilters = {},
): Promise<{ rows: SupporterListRow[]; total: number }> {
  const perPage = filters.perPage ?? 50;
  const page = Math.max(1, filters.page ?? 1);
  const where = listCondition(filters);

  const [people, [total]] = await Promise.all([
    db
      .select({
        id: supporters.id,
        givenName: supporters.givenName,
        familyName: supporters.familyName,
        emailAsTyped: supporters.emailAsTyped,
        zip: supporters.zip,
        county: supporters.county,
        locale: supporters.locale,
        createdAt: supporters.createdAt,
        suppressed: sql<boolean>`${suppressed}`,
      })
      .from(supporters)
      .where(where)
      .orderBy(desc(supporters.createdAt), desc(supporters.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
    db.select({ n: count() }).from(supporters).where(where),
  ]);
  const subs =
    people.length === 0
      ? []
      : await db
          .select({ supporterId: subscriptions.supporterId, topic: subscriptions.topic, status: subscriptions.status })
          .from(subscriptions)
          .where(
            inArray(
              subscriptions.supporterId,
              people.map((p) => p.id),
            ),
          );
  const rows = people.map(({ suppressed: isSuppressed, ...person }) => {
    const mine = Object.fromEntries(subs.filter((s) => s.supporterId === person.id).map((s) => [s.topic, s.status]));
    return { ...person, subscriptions: mine, status: statusOf(Boolean(isSuppressed), mine, filters.topic) };
  });
  return { rows, total: Number(total?.n ?? 0) };
}

/** What the list's filters can be set to: the counties and tags in use. */
export async function supporterFilterChoices(db: Db): Promise<{ counties: string[]; tags: string[] }> {
  const [counties, tags] = await Promise.all([
    db
      .selectDistinct({ county: supporters.county })
      .from(supporters)
      .where(isNotNull(supporters.county))
      .orderBy(supporters.county),
    db.selectDistinct({ tag: supporterTags.tag }).from(supporterTags).orderBy(supporterTags.tag),
  ]);
  return { counties: counties.map((c) => c.county!), tags: tags.map((t) => t.tag) };
}

export { supporterTimeline, type TimelineEntry } from './timeline.ts';

export type SupporterRecord = {
  person: typeof supporters.$inferSelect;
  subscriptions: (typeof subscriptions.$inferSelect)[];
  consents: (typeof consents.$inferSelect)[];
  tags: string[];
  /** Who added each tag and when, for the person's page; `addedBy` null once their account is gone. */
  tagDetails: { tag: string; at: Date; addedBy: string | null }[];
  suppression: { reason: string; source: string; at: Date } | undefined;
  timeline: TimelineEntry[];
};

/** Everything on one person's page. Consents newest first, like the timeline. */
export async function getSupporterRecord(db: Db, id: number): Promise<SupporterRecord | undefined> {
  const [person] = await db.select().from(supporters).where(eq(supporters.id, id));
  if (!person) return undefined;
  const [subs, agreed, tags, suppression, timeline, staff] = await Promise.all([
    db.select().from(subscriptions).where(eq(subscriptions.supporterId, id)).orderBy(subscriptions.topic),
    db.select().from(consents).where(eq(consents.supporterId, id)).orderBy(desc(consents.at), desc(consents.id)),
    db
      .select({ tag: supporterTags.tag, at: supporterTags.at, addedBy: supporterTags.addedBy })
      .from(supporterTags)
      .where(eq(supporterTags.supporterId, id))
      .orderBy(supporterTags.tag),
    suppressionOf(db, person.email),
    supporterTimeline(db, person),
    listStaff(db),
  ]);
  const staffName = new Map(staff.map((m) => [m.id, m.displayName]));
  const tagDetails = tags.map((t) => ({
    tag: t.tag,
    at: t.at,
    addedBy: t.addedBy === null ? null : (staffName.get(t.addedBy) ?? null),
  }));
  return {
    person,
    subscriptions: subs,
    consents: agreed,
    tags: tags.map((t) => t.tag),
    tagDetails,
    suppression,
    timeline,
  };
}

/**
 * A tag as staff type it, made a lower-case slug: "Board Member" becomes
 * "board-member", so the same label is never stored two ways.
 */
export const tagInput = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => s.replace(/[\s_]+/g, '-'))
  .pipe(
    z
      .string()
      .min(1, 'Enter a tag')
      .max(40, 'Use 40 characters or fewer')
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use letters a to z, digits and hyphens, like “board-member”'),
  );

/**
 * Tags carry no audit detail beyond the person's id: a label such as
 * "survivor" says something about them, and the audit log is never erased.
 */
export async function addSupporterTag(db: Db, id: number, tag: string, actor: AuditActor): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [person] = await tx.select({ id: supporters.id }).from(supporters).where(eq(supporters.id, id));
    if (!person) return false;
    const added = await tx
      .insert(supporterTags)
      .values({ supporterId: id, tag, addedBy: actor.staffId })
      .onConflictDoNothing()
      .returning({ tag: supporterTags.tag });
    if (added.length > 0)
      await recordAudit(tx, actor, { action: 'supporter.tag-add', subjectType: 'supporter', subjectId: id });
    return true;
  });
}

export async function removeSupporterTag(db: Db, id: number, tag: string, actor: AuditActor): Promise<void> {
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(supporterTags)
      .where(and(eq(supporterTags.supporterId, id), eq(supporterTags.tag, tag)))
      .returning({ tag: supporterTags.tag });
    if (removed.length > 0)
      await recordAudit(tx, actor, { action: 'supporter.tag-remove', subjectType: 'supporter', subjectId: id });
  });
}
