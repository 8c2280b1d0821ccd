import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { plainText } from '../../platform/plain-text.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { listStaff } from '../staff/service.ts';
import { supporterNotes, supporters } from './schema.ts';

/** A note as staff type it: plain text over several lines, kept exactly as typed but for the ends. */
export const noteInput = plainText({ max: 5000, lines: true, required: 'Write the note' });

export type SupporterNote = {
  id: number;
  at: Date;
  body: string;
  /** The author's name as the staff list has it now; null once their account is gone. */
  author: string | null;
  editedAt: Date | null;
};

/**
 * Adds a note to a person's timeline. The audit log says who wrote on whose
 * record, never what: the log outlives the person's erasure. False when
 * nobody has that id.
 */
export async function addSupporterNote(
  db: Db,
  supporterId: number,
  body: string,
  actor: AuditActor,
  now = new Date(),
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [person] = await tx.select({ id: supporters.id }).from(supporters).where(eq(supporters.id, supporterId));
    if (!person) return false;
    await tx.insert(supporterNotes).values({ supporterId, authorId: actor.staffId, body, at: now });
    await recordAudit(tx, actor, { action: 'supporter.note-add', subjectType: 'supporter', subjectId: supporterId });
    return true;
  });
}

/** The notes about one person, newest first, each with who wrote it. */
export async function notesAbout(db: Db, supporterId: number, limit = 500): Promise<SupporterNote[]> {
  const rows = await db
    .select()
    .from(supporterNotes)
    .where(eq(supporterNotes.supporterId, supporterId))
    .orderBy(desc(supporterNotes.at), desc(supporterNotes.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const names = new Map((await listStaff(db)).map((s) => [s.id, s.displayName]));
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    body: r.body,
    author: r.authorId === null ? null : (names.get(r.authorId) ?? null),
    editedAt: r.editedAt,
  }));
}

/** One note about this person, or undefined when they have no note of that id. */
export async function noteAbout(db: Db, supporterId: number, noteId: number): Promise<SupporterNote | undefined> {
  return (await notesAbout(db, supporterId)).find((n) => n.id === noteId);
}

/**
 * Corrects a note's words (a typo, a detail the person asked to be put right). Audited as a change, without
 * the words either side: the log keeps no one's notes. False when there is no such note.
 */
export async function changeSupporterNote(
  db: Db,
  ref: { supporterId: number; noteId: number },
  body: string,
  actor: AuditActor,
  now = new Date(),
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const changed = await tx
      .update(supporterNotes)
      .set({ body, editedAt: now })
      .where(and(eq(supporterNotes.id, ref.noteId), eq(supporterNotes.supporterId, ref.supporterId)))
      .returning({ id: supporterNotes.id });
    if (changed.length === 0) return false;
    await recordAudit(tx, actor, {
      action: 'supporter.note-edit',
      subjectType: 'supporter',
      subjectId: ref.supporterId,
    });
    return true;
  });
}

/** Deletes a note for good (not hidden): written in error, or about something the person asked us to forget. */
export async function deleteSupporterNote(
  db: Db,
  ref: { supporterId: number; noteId: number },
  actor: AuditActor,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(supporterNotes)
      .where(and(eq(supporterNotes.id, ref.noteId), eq(supporterNotes.supporterId, ref.supporterId)))
      .returning({ id: supporterNotes.id });
    if (deleted.length === 0) return false;
    await recordAudit(tx, actor, {
      action: 'supporter.note-delete',
      subjectType: 'supporter',
      subjectId: ref.supporterId,
    });
    return true;
  });
}
