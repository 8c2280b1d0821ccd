import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { DataSubject, PersonalDataPart } from '../../platform/personal-data.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { ERASED_ADDRESS, forgetAddress } from '../email/service.ts';
import { mergesOf } from './merge.ts';
import { getSupporterRecord } from './records.ts';
import { supporterEvents, supporterNotes, supporters } from './schema.ts';
import { addressesOf, messagesToPerson } from './timeline.ts';

/**
 * A person's rights over what we hold: a copy of all of it, and its erasure. The supporter list owns the person;
 * what other features keep of them (signatures, RSVPs, letters, stories) comes in as parts the app hands over
 * (platform/personal-data.ts), so this feature imports none of them.
 */

/**
 * A copy of everything held about one person, for them or for staff
 * answering their request: the record, subscriptions, consents, tags, the
 * timeline, the notes staff wrote, a do-not-email entry if any, and the
 * messages sent to them without their bodies or the links inside them.
 * Notes say only that staff wrote them: the copy may reach whoever reads the
 * person's email, and staff who work with survivors are not named to them.
 * Then each part other features hold of them, under the part's name.
 */
export async function exportSupporter(db: Db, id: number, parts: readonly PersonalDataPart[] = [], now = new Date()) {
  const record = await getSupporterRecord(db, id);
  if (!record) return undefined;
  const { person } = record;
  const subject: DataSubject = { supporterId: id, emails: await addressesOf(db, { id, email: person.email }) };
  const held = await Promise.all(parts.map(async (part) => [part.name, await part.export(db, subject)] as const));
  const [events, notes] = await Promise.all([
    db
      .select()
      .from(supporterEvents)
      .where(eq(supporterEvents.supporterId, id))
      .orderBy(supporterEvents.at, supporterEvents.id),
    db
      .select()
      .from(supporterNotes)
      .where(eq(supporterNotes.supporterId, id))
      .orderBy(supporterNotes.at, supporterNotes.id),
  ]);
  const emails = (await messagesToPerson(db, person, { newestFirst: false })).map((m) => ({
    template: m.template,
    kind: m.kind,
    language: m.locale,
    status: m.status,
    queuedAt: m.createdAt,
    sentAt: m.sentAt,
  }));
  return {
    exportedAt: now.toISOString(),
    supporter: {
      id: person.id,
      email: person.emailAsTyped,
      normalizedEmail: person.email,
      givenName: person.givenName,
      familyName: person.familyName,
      phone: person.phone,
      zip: person.zip,
      county: person.county,
      language: person.locale,
      firstSource: person.firstSource,
      createdAt: person.createdAt.toISOString(),
      updatedAt: person.updatedAt.toISOString(),
    },
    subscriptions: record.subscriptions.map((s) => ({
      topic: s.topic,
      status: s.status,
      updatedAt: s.updatedAt.toISOString(),
    })),
    consents: [...record.consents].reverse().map((c) => ({
      topic: c.topic,
      granted: c.granted,
      wordingVersion: c.wordingVersion,
      method: c.method,
      at: c.at.toISOString(),
    })),
    tags: record.tags,
    doNotEmail: record.suppression
      ? { reason: record.suppression.reason, at: record.suppression.at.toISOString() }
      : null,
    timeline: events.map((e) => ({ kind: e.kind, detail: e.detail, at: e.at.toISOString() })),
    notes: notes.map((n) => ({ text: n.body, writtenBy: 'staff', at: n.at.toISOString() })),
    emails: emails.map((m) => ({ ...m, queuedAt: m.queuedAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null })),
    // Records of theirs staff merged into this one in the last 30 days, as they were: the undo's copy (ADR 069).
    mergedRecords: await mergesOf(db, id),
    ...Object.fromEntries(held),
  };
}
export type SupporterExport = NonNullable<Awaited<ReturnType<typeof exportSupporter>>>;

export { ERASED_ADDRESS };

/**
 * Erases a person. Their row goes, and with it (by cascade) subscriptions,
 * consents, events, tags, confirmation links and broadcast recipient rows.
 * Messages not yet sent are withdrawn; sent ones stay, for the broadcasts'
 * counts, but lose the address and merge data; copies in the demo mailbox
 * go. A do-not-email entry stays on purpose: it is what keeps a later list
 * import from mailing an address that bounced or complained. The audit
 * entry names the id only. `actor` is null when the person did it themselves.
 * What other features hold of them goes in the same transaction: by the
 * cascade, or by their part's `erase` (a story, kept apart, by its email).
 */
export async function eraseSupporter(
  db: Db,
  id: number,
  actor: AuditActor | null,
  parts: readonly PersonalDataPart[] = [],
  /** Why, when neither staff nor the person asked (a retention rule). */
  reason?: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await eraseWithin(tx, id, parts))) return false;
    await recordAudit(tx, actor, {
      action: 'supporter.erase',
      subjectType: 'supporter',
      subjectId: id,
      note: reason ?? (actor ? 'erased by staff' : 'erased by the supporter'),
    });
    return true;
  });
}

/**
 * The erasure itself, in the caller's transaction and without an audit entry: eraseSupporter, and the retention purge.
 */
export async function eraseWithin(tx: Db, id: number, parts: readonly PersonalDataPart[] = []): Promise<boolean> {
  const [current] = await tx.select({ email: supporters.email }).from(supporters).where(eq(supporters.id, id));
  if (!current) return false;
  // Read before the row goes: the addresses staff changed away from are in their timeline, which goes with it.
  const addresses = await addressesOf(tx, { id, email: current.email });
  for (const part of parts) await part.erase?.(tx, { supporterId: id, emails: addresses });
  const [person] = await tx.delete(supporters).where(eq(supporters.id, id)).returning({ email: supporters.email });
  if (!person) return false;
  const holders = await tx
    .select({ email: supporters.email })
    .from(supporters)
    .where(inArray(supporters.email, addresses));
  // An old address that is someone else's now is theirs to keep.
  const kept = new Set(holders.map((h) => h.email));
  for (const address of addresses) if (!kept.has(address)) await forgetAddress(tx, address);
  return true;
}

/** Noted in the audit log: who took a copy of whose record (the id only). */
export async function recordSupporterExport(db: Db, id: number, actor: AuditActor): Promise<void> {
  await recordAudit(db, actor, { action: 'supporter.export', subjectType: 'supporter', subjectId: id });
}
