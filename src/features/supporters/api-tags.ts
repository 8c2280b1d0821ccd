import { and, count, eq, sql, type SQL } from 'drizzle-orm';
import { offsetOf, pageConditions, placeOf, type ApiPaging, type Placed } from '../../platform/api-paging.ts';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { normalizeEmail } from '../../platform/email-address.ts';
import type { AuditActor } from '../audit/service.ts';
import { addSupporterTag, removeSupporterTag } from './records.ts';
import { supporters, supporterTags } from './schema.ts';

/**
 * Tags and taggings as the OSDI API reads and writes them (ADR 073). A tag here is a label on people, not a row of
 * its own: it exists while someone carries it, and its name is its key. Its created date is its first use among the
 * people who carry it now and its modified date its latest: removing a tag from someone leaves no trace to date by
 * (the person's own modified date moves, through person_changes). A tagging never changes once made.
 * Writes go through the person page's own operations, so the audit log names the person's id and never the tag.
 */

export type ApiTag = { name: string; createdAt: Date; modifiedAt: Date; taggings: number };
export type ApiTagging = { tag: string; supporterId: number; createdAt: Date };

type TagRow = { name: string; created: Date | string; modified: Date | string; n: number | string; at: string };

/**
 * Tags have no number to break ties between two last used at the same moment (tags added in one statement share
 * it), so a page's place uses 28 bits of the name's md5: stable wherever the database runs. Two tags used last at
 * the same microsecond whose hashes also collide could be passed over by a next link; a page by number never is.
 */
const tieBreak = sql`('x' || substr(md5(tag), 1, 7))::bit(28)::int`;

const tagSummary = sql`select tag as name, min(at) as created, max(at) as modified, count(*) as n,
  ${placeOf(sql`max(at)`)} as at, ${tieBreak} as key from ${supporterTags} group by tag`;

function tagWhere(paging: ApiPaging, withPlace: boolean): SQL {
  const conditions: SQL[] = [sql`true`];
  if (paging.modifiedAfter) conditions.push(sql`modified > ${paging.modifiedAfter}::timestamptz`);
  if (paging.modifiedBefore) conditions.push(sql`modified < ${paging.modifiedBefore}::timestamptz`);
  if (withPlace && paging.after) {
    const at = sql`${paging.after.at}::timestamptz`;
    conditions.push(sql`(modified > ${at} or (modified = ${at} and key > ${paging.after.id}))`);
  }
  return sql.join(conditions, sql` and `);
}

const tagOf = (r: TagRow): ApiTag => ({
  name: r.name,
  createdAt: new Date(r.created),
  modifiedAt: new Date(r.modified),
  taggings: Number(r.n),
});

export async function apiTagsPage(db: Db, paging: ApiPaging): Promise<{ total: number; rows: Placed<ApiTag>[] }> {
  const [rows, [total]] = await Promise.all([
    rowsOf<TagRow & { key: number | string }>(
      db,
      sql`select * from (${tagSummary}) t where ${tagWhere(paging, true)}
          order by modified, key limit ${paging.limit} offset ${offsetOf(paging)}`,
    ),
    rowsOf<{ n: number | string }>(
      db,
      sql`select count(*) as n from (${tagSummary}) t where ${tagWhere(paging, false)}`,
    ),
  ]);
  return {
    total: Number(total?.n ?? 0),
    rows: rows.map((r) => ({ row: tagOf(r), at: r.at, id: Number(r.key) })),
  };
}

export async function apiTag(db: Db, name: string): Promise<ApiTag | undefined> {
  const [row] = await rowsOf<TagRow>(db, sql`select * from (${tagSummary}) t where name = ${name}`);
  return row ? tagOf(row) : undefined;
}

export async function apiTaggingsPage(
  db: Db,
  tag: string,
  paging: ApiPaging,
): Promise<{ total: number; rows: Placed<ApiTagging>[] }> {
  const mine = eq(supporterTags.tag, tag);
  const { where, orderBy } = pageConditions(supporterTags.at, supporterTags.supporterId, paging);
  const { where: filtered } = pageConditions(supporterTags.at, supporterTags.supporterId, {
    ...paging,
    after: undefined,
  });
  const [rows, [total]] = await Promise.all([
    db
      .select({
        tag: supporterTags.tag,
        supporterId: supporterTags.supporterId,
        createdAt: supporterTags.at,
        at: placeOf(supporterTags.at),
      })
      .from(supporterTags)
      .where(and(mine, where))
      .orderBy(...orderBy)
      .limit(paging.limit)
      .offset(offsetOf(paging)),
    db.select({ n: count() }).from(supporterTags).where(and(mine, filtered)),
  ]);
  return {
    total: Number(total?.n ?? 0),
    rows: rows.map(({ at, ...row }) => ({ row, at, id: row.supporterId })),
  };
}

export async function apiTagging(db: Db, tag: string, supporterId: number): Promise<ApiTagging | undefined> {
  const [row] = await db
    .select({ tag: supporterTags.tag, supporterId: supporterTags.supporterId, createdAt: supporterTags.at })
    .from(supporterTags)
    .where(and(eq(supporterTags.tag, tag), eq(supporterTags.supporterId, supporterId)));
  return row;
}

/** The person a tool names by email, if there is one: tagging never makes a person (the signup helper does). */
export async function apiPersonIdByEmail(db: Db, email: string): Promise<number | undefined> {
  const [row] = await db
    .select({ id: supporters.id })
    .from(supporters)
    .where(eq(supporters.email, normalizeEmail(email)));
  return row?.id;
}

/**
 * Tags a person, as staff do on their page (no staff member: `added_by` stays empty, the audit entry names the key).
 * Undefined when there is no such person; `created` false when they already had it.
 */
export async function apiTagPerson(
  db: Db,
  tag: string,
  supporterId: number,
  actor: AuditActor,
): Promise<{ tagging: ApiTagging; created: boolean } | undefined> {
  const before = await apiTagging(db, tag, supporterId);
  if (before) return { tagging: before, created: false };
  if (!(await addSupporterTag(db, supporterId, tag, actor))) return undefined;
  const tagging = await apiTagging(db, tag, supporterId);
  return tagging ? { tagging, created: true } : undefined;
}

/** Takes a tag off a person; false when they did not have it. */
export async function apiUntagPerson(db: Db, tag: string, supporterId: number, actor: AuditActor): Promise<boolean> {
  if (!(await apiTagging(db, tag, supporterId))) return false;
  await removeSupporterTag(db, supporterId, tag, actor);
  return true;
}
