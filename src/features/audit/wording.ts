import { formatInZone } from '../../platform/web/time.ts';
import type { auditLog } from './schema.ts';

type AuditRow = typeof auditLog.$inferSelect;

/**
 * How an audit entry reads as a sentence. The audit log is a low feature and
 * imports none of those whose actions it records: each feature says the words
 * for its own actions (an `AuditWords` exported from its service), and the app
 * hands the list to the screens that show the log.
 */

/** One entry as a feature's words see it: plain values, the actor already named. */
export type AuditFacts = {
  /** Who did it, as a sentence starts: "Ana Flores", "Someone not signed in", "The system". */
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  /** What the change was to, as it was called then ("Advocacy Day (English)"), when the feature recorded one. */
  subject: string | undefined;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  note: string | undefined;
  at: Date;
  /** A time in the organisation's zone, as every workspace screen writes it. */
  time: (at: Date) => string;
  /** A staff member's name by id, for entries about staff. */
  staffName: (id: string) => string | undefined;
};

export type AuditActionWords = {
  /** The action in a few words, for the log's filter: "Published a page". */
  label: string;
  /** The whole sentence: "Rosa Martinez published the page Advocacy Day (English)". */
  sentence: (entry: AuditFacts) => string;
};

/** A feature's words for the actions it records, by action name. */
export type AuditWords = {
  actions: Record<string, AuditActionWords>;
  /** A field of its before and after as staff read it ("bodyMd" → "Text"); undefined to use the plain rule. */
  fieldLabel?: (name: string) => string | undefined;
  /** Where the subject is in the workspace now, for a link from the entry; undefined when it has no page. */
  subjectHref?: (subjectType: string, subjectId: string) => string | undefined;
};

export type AuditReading = {
  sentence: (row: AuditRow) => string;
  actionLabel: (action: string) => string;
  fieldLabel: (action: string, name: string) => string;
  actor: (row: AuditRow) => string;
  subjectHref: (row: AuditRow) => string | undefined;
  knows: (action: string) => boolean;
};

/** The words of every feature, joined once: what the audit screens and the workspace home read entries with. */
export function auditReading(
  words: readonly AuditWords[],
  context: { timeZone: string; staff: readonly { id: number; displayName: string }[] },
): AuditReading {
  const byAction = new Map<string, { action: AuditActionWords; words: AuditWords }>();
  for (const w of words)
    for (const [name, action] of Object.entries(w.actions)) byAction.set(name, { action, words: w });
  const names = new Map(context.staff.map((s) => [String(s.id), s.displayName]));
  const time = (at: Date) => formatInZone(at, context.timeZone);
  const actor = (row: AuditRow) =>
    (row.actorId !== null ? names.get(String(row.actorId)) : undefined) ||
    row.actorEmail ||
    (row.ip ? 'Someone not signed in' : 'The system');
  const facts = (row: AuditRow): AuditFacts => ({
    actor: actor(row),
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    subject: row.summary.subject,
    before: row.summary.before ?? {},
    after: row.summary.after ?? {},
    note: row.summary.note,
    at: row.at,
    time,
    staffName: (id) => names.get(id),
  });
  return {
    sentence: (row) => {
      const entry = facts(row);
      const words = byAction.get(row.action);
      try {
        return words ? words.action.sentence(entry) : fallbackSentence(entry);
      } catch {
        // An old entry a feature's words did not expect still reads, rather than taking the log down.
        return fallbackSentence(entry);
      }
    },
    actionLabel: (action) => byAction.get(action)?.action.label ?? plainWords(action),
    fieldLabel: (action, name) => byAction.get(action)?.words.fieldLabel?.(name) ?? fieldWords(name),
    actor,
    subjectHref: (row) => byAction.get(row.action)?.words.subjectHref?.(row.subjectType, row.subjectId),
    knows: (action) => byAction.has(action),
  };
}

/** For an action no feature has words for (yet): still a sentence, naming what was recorded. */
export function fallbackSentence(entry: AuditFacts): string {
  const what = entry.subject ?? [entry.subjectType, entry.subjectId].filter(Boolean).join(' ');
  return `${entry.actor} did “${plainWords(entry.action)}”${what ? ` to ${plainWords(what)}` : ''}`;
}

/** "staff.sign-in" → "staff sign in"; "petition-block-ip" → "petition block ip". */
function plainWords(name: string): string {
  return name.replace(/[._-]+/g, ' ').trim();
}

/** "audienceNow" → "Audience now"; "filters.emailDomain" → "Filters: email domain". */
export function fieldWords(name: string): string {
  const words = name
    .split('.')
    .map((part) => part.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())
    .join(': ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "3214" → "3,214" in a sentence; anything that is not a number is shown as recorded. */
export function count(value: unknown): string {
  return typeof value === 'number' ? value.toLocaleString('en-US') : String(value ?? '');
}

/** "1 person", "3,214 people". */
export function people(value: unknown): string {
  return value === 1 ? '1 person' : `${count(value)} people`;
}
