import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { messagesTo, type MessageTo } from '../email/service.ts';
import { notesAbout } from './notes.ts';
import { supporterEvents } from './schema.ts';

export type TimelineEntry =
  | { source: 'event'; id: number; at: Date; kind: string; detail: Record<string, unknown> }
  | { source: 'note'; id: number; at: Date; kind: 'note'; body: string; author: string | null; editedAt: Date | null }
  | {
      source: 'email';
      id: number;
      at: Date;
      kind: 'email';
      template: string;
      status: string;
      emailKind: string;
      locale: Locale;
      queuedAt: Date;
      sentAt: Date | null;
    };

/**
 * Every address the person has had with us, the current one first: staff
 * may have changed it (the old one is kept in that timeline entry), and
 * what we sent to an old address is still theirs to see and to have erased.
 */
export async function addressesOf(db: Db, person: { id: number; email: string }): Promise<string[]> {
  const previous = await db
    .select({ email: sql<string>`${supporterEvents.detail} ->> 'previousEmail'` })
    .from(supporterEvents)
    // A merge keeps the address it let go the same way (ADR 069).
    .where(
      and(eq(supporterEvents.supporterId, person.id), inArray(supporterEvents.kind, ['details-changed', 'merged'])),
    );
  return [...new Set([person.email, ...previous.map((p) => p.email).filter(Boolean)])];
}

/** The messages sent to any of the person's addresses, oldest first (or the newest `limit`, newest first). */
export async function messagesToPerson(
  db: Db,
  person: { id: number; email: string },
  order: { newestFirst: true; limit: number } | { newestFirst: false },
): Promise<MessageTo[]> {
  const addresses = await addressesOf(db, person);
  const each = await Promise.all(addresses.map((address) => messagesTo(db, address, order)));
  if (each.length === 1) return each[0]!;
  const all = each.flat();
  if (!order.newestFirst) return all.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
  return all.sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id).slice(0, order.limit);
}

/** At the same instant: a message before the event that caused it (it happened after), a note last. */
const rank: Record<TimelineEntry['source'], number> = { email: 2, event: 1, note: 0 };

/**
 * The person's story, newest first: their events, the notes staff wrote and
 * the messages we sent or tried to send them. A message counts from when it
 * went out, or from when it was queued while it has not.
 */
export async function supporterTimeline(
  db: Db,
  person: { id: number; email: string },
  limit = 500,
): Promise<TimelineEntry[]> {
  const [events, notes, emails] = await Promise.all([
    db
      .select()
      .from(supporterEvents)
      .where(eq(supporterEvents.supporterId, person.id))
      .orderBy(desc(supporterEvents.at), desc(supporterEvents.id))
      .limit(limit),
    notesAbout(db, person.id, limit),
    messagesToPerson(db, person, { newestFirst: true, limit }),
  ]);
  const entries: TimelineEntry[] = [
    ...events.map((e) => ({ source: 'event' as const, id: e.id, at: e.at, kind: e.kind, detail: e.detail })),
    ...notes.map((n) => ({ source: 'note' as const, kind: 'note' as const, ...n })),
    ...emails.map((m) => ({
      source: 'email' as const,
      id: m.id,
      at: m.at,
      kind: 'email' as const,
      template: m.template,
      status: m.status,
      emailKind: m.kind,
      locale: m.locale,
      queuedAt: m.createdAt,
      sentAt: m.sentAt,
    })),
  ];
  entries.sort((a, b) => b.at.getTime() - a.at.getTime() || rank[b.source] - rank[a.source] || b.id - a.id);
  return entries.slice(0, limit);
}
