import { and, count, desc, eq, gte, lte, notInArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { auditLog, type AuditSummary } from './schema.ts';

/** Who acted; `staffId` null for someone not (yet) signed in, such as a failed sign-in from an address. */
export type AuditActor = { staffId: number | null; email: string; ip: string };
export type AuditEntry = {
  action: string;
  subjectType: string;
  subjectId?: string | number;
  /**
   * What it is called, for the sentence the log reads as ("the page Advocacy Day (English)").
   * Never a supporter's name or address: the log outlives an erasure.
   */
  subjectLabel?: string | undefined;
  before?: Record<string, unknown> | undefined;
  after?: Record<string, unknown> | undefined;
  note?: string;
};
export type AuditRow = typeof auditLog.$inferSelect;
export {
  auditReading,
  count,
  fallbackSentence,
  people,
  type AuditActionWords,
  type AuditFacts,
  type AuditReading,
  type AuditWords,
} from './wording.ts';

// Text is kept whole enough to show a diff of an edit; a value that is not text (a list) is only a reminder.
const MAX_TEXT_LENGTH = 10_000;
const MAX_VALUE_LENGTH = 300;

/**
 * Records one entry; call it inside the transaction that made the change,
 * so the log and the data can never disagree. Only changed fields are kept.
 */
export async function recordAudit(db: Db, actor: AuditActor | null, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: actor?.staffId ?? null,
    actorEmail: actor?.email ?? '',
    ip: actor?.ip ?? '',
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId === undefined ? '' : String(entry.subjectId),
    summary: summarize(entry),
  });
}

function summarize(entry: AuditEntry): AuditSummary {
  const summary: AuditSummary = {};
  if (entry.subjectLabel) summary.subject = entry.subjectLabel.slice(0, 200).toWellFormed();
  if (entry.note) summary.note = entry.note;
  const before = flatten(entry.before ?? {});
  const after = flatten(entry.after ?? {});
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const key of keys) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    if (entry.before && key in before) changedBefore[key] = shorten(before[key]);
    if (entry.after && key in after) changedAfter[key] = shorten(after[key]);
  }
  if (entry.before) summary.before = changedBefore;
  if (entry.after) summary.after = changedAfter;
  return summary;
}

/**
 * Nested objects opened out into named fields ("en.bodyMd"), so each text is
 * kept, compared and shown as text rather than as JSON; a time as its ISO form.
 */
export function flatten(
  values: Record<string, unknown>,
  prefix = '',
  into: Record<string, unknown> = {},
): Record<string, unknown> {
  for (const [key, value] of Object.entries(values)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value instanceof Date) into[name] = value.toISOString();
    else if (value !== null && typeof value === 'object' && !Array.isArray(value))
      flatten(value as Record<string, unknown>, name, into);
    else into[name] = value;
  }
  return into;
}

function shorten(value: unknown): unknown {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === undefined) return null;
  const max = typeof value === 'string' ? MAX_TEXT_LENGTH : MAX_VALUE_LENGTH;
  if (text.length <= max) return value;
  // Cut at a character, never between the halves of a surrogate pair: PostgreSQL's JSON refuses half of one (a 500).
  return `${text.slice(0, max).toWellFormed()}… (${text.length} characters)`;
}

export type AuditFilters = {
  actorId?: number | undefined;
  action?: string | undefined;
  subjectType?: string | undefined;
  /** Actions left out, such as the API's line a request, which a sync writes by the thousand. */
  exceptActions?: readonly string[] | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  page?: number | undefined;
  perPage?: number | undefined;
};

export async function listAudit(db: Db, filters: AuditFilters = {}): Promise<{ rows: AuditRow[]; total: number }> {
  const perPage = filters.perPage ?? 50;
  const page = Math.max(1, filters.page ?? 1);
  const conditions: SQL[] = [];
  if (filters.actorId !== undefined) conditions.push(eq(auditLog.actorId, filters.actorId));
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  if (filters.subjectType) conditions.push(eq(auditLog.subjectType, filters.subjectType));
  if (filters.exceptActions?.length) conditions.push(notInArray(auditLog.action, [...filters.exceptActions]));
  if (filters.from) conditions.push(gte(auditLog.at, filters.from));
  if (filters.to) conditions.push(lte(auditLog.at, filters.to));
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function listAuditActions(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action);
  return rows.map((r) => r.action);
}

export async function getAuditEntry(db: Db, id: number): Promise<AuditRow | undefined> {
  const [row] = await db.select().from(auditLog).where(eq(auditLog.id, id));
  return row;
}
