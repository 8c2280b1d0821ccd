import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import { emailAddress, normalizeEmail } from '../../platform/email-address.ts';
import { plainText } from '../../platform/plain-text.ts';
import { locales } from '../../platform/web/locale.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { suppress, suppressionOf } from '../email/service.ts';
import { zipFacts } from '../reference/service.ts';
import { linksStopAfter } from './links.ts';
import { consents, subscriptions, subscriptionTopics, supporterEvents, supporters } from './schema.ts';
import { STAFF_CONSENT } from './staff-consent.ts';

/**
 * Staff put a person on the list by hand and correct their details. Each
 * change is one transaction with its timeline entry and its audit entry; the
 * audit entry names fields and topics, never values, as the audit log is
 * kept after the person is erased.
 */

const phone = z
  .string()
  .trim()
  .max(30, 'Use 30 characters or fewer')
  .regex(/^(\+?[0-9 ().-]*)$/, 'Enter a phone number like 503-555-0143, or leave it empty')
  .refine((v) => v === '' || (v.match(/[0-9]/g)?.length ?? 0) >= 7, 'Enter a phone number with its area code');

/** Who a person is, as staff type it on the add and edit forms. Empty optional fields are stored as nothing. */
export const supporterDetailsInput = z.object({
  givenName: plainText({ max: 100, required: 'Enter their first name' }),
  familyName: plainText({ max: 100 }),
  email: emailAddress('Enter their email address'),
  phone,
  zip: z
    .string()
    .trim()
    .regex(/^(\d{5})?$/, 'Enter a 5-digit ZIP code, or leave it empty'),
  language: z.enum(locales, { error: 'Choose the language for their email' }),
});
export type SupporterDetails = z.output<typeof supporterDetailsInput>;

export const newSupporterInput = supporterDetailsInput.extend({
  topics: z.array(z.enum(subscriptionTopics)).min(1, 'Choose at least one kind of email they agreed to'),
  consent: z.literal(true, { error: STAFF_CONSENT.missing }),
});
export type NewSupporter = z.output<typeof newSupporterInput>;

/** The columns a form's details become: the key is the normalized address, the county follows the ZIP. */
async function columnsFor(db: Db, details: SupporterDetails) {
  const facts = details.zip ? await zipFacts(db, details.zip) : undefined;
  return {
    email: normalizeEmail(details.email),
    emailAsTyped: details.email,
    givenName: details.givenName,
    familyName: details.familyName,
    phone: details.phone || null,
    zip: details.zip || null,
    // Only when the ZIP's land lies wholly in one county, as on sign-up.
    county: facts?.counties.length === 1 ? facts.counties[0]! : null,
    locale: details.language,
  };
}

/**
 * A person who told staff they want our email: subscribed at once to what
 * they agreed to, with a consent record naming the wording staff confirmed.
 * An address already on the list is never a second person: nothing changes,
 * and the caller is told who it is (`existed`), so staff land on their record.
 */
export async function addSupporterByHand(
  db: Db,
  input: NewSupporter,
  actor: AuditActor,
  now = new Date(),
): Promise<{ id: number; existed: boolean }> {
  const columns = await columnsFor(db, input);
  return db.transaction(async (tx) => {
    const [added] = await tx
      .insert(supporters)
      .values({ ...columns, firstSource: 'staff', createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: supporters.email })
      .returning({ id: supporters.id });
    if (!added) {
      const [found] = await tx
        .select({ id: supporters.id })
        .from(supporters)
        .where(eq(supporters.email, columns.email));
      return { id: found!.id, existed: true };
    }
    const supporterId = added.id;
    for (const topic of input.topics) {
      await tx.insert(subscriptions).values({ supporterId, topic, status: 'subscribed', updatedAt: now });
      await tx.insert(consents).values({
        supporterId,
        topic,
        granted: 'yes',
        wordingVersion: STAFF_CONSENT.version,
        method: 'staff',
        at: now,
      });
    }
    await tx
      .insert(supporterEvents)
      .values({ supporterId, kind: 'added-by-staff', detail: { topics: input.topics, method: 'staff' }, at: now });
    await recordAudit(tx, actor, {
      action: 'supporter.add',
      subjectType: 'supporter',
      subjectId: supporterId,
      after: { topics: input.topics },
    });
    return { id: supporterId, existed: false };
  });
}

/** The form's names for what changed, in the order the form shows them. */
const detailFields = ['givenName', 'familyName', 'email', 'phone', 'zip', 'language'] as const;
export type DetailField = (typeof detailFields)[number];

/** A person's details as the edit form shows them: nothing on record is an empty field. */
export function detailsOf(person: typeof supporters.$inferSelect): Record<DetailField, string> {
  return {
    givenName: person.givenName,
    familyName: person.familyName,
    email: person.emailAsTyped,
    phone: person.phone ?? '',
    zip: person.zip ?? '',
    language: person.locale,
  };
}

export type DetailsEdit =
  | { outcome: 'saved'; changed: DetailField[] }
  | { outcome: 'missing' }
  | { outcome: 'email-taken'; otherId: number };

/**
 * A suppression that is about the person rather than the mailbox (they
 * reported our email as spam, or staff stopped email to them) moves with
 * them to a new address; a bounce does not, as the new address is the cure.
 */
const followsThePerson = new Set(['complaint', 'manual']);

/**
 * Corrects a person's details. A new address is theirs at once, but stays
 * honest: what they unsubscribed from stays unsubscribed (subscriptions
 * belong to the person, not the address), a complaint or a stop by staff
 * follows them, and the preferences links mailed to the old address stop
 * opening their page, as whoever reads that mailbox now may not be them.
 */
export async function editSupporterDetails(
  db: Db,
  id: number,
  input: SupporterDetails,
  actor: AuditActor,
  now = new Date(),
): Promise<DetailsEdit> {
  const next = await columnsFor(db, input);
  return db.transaction(async (tx) => {
    const [person] = await tx.select().from(supporters).where(eq(supporters.id, id)).for('update');
    if (!person) return { outcome: 'missing' };
    const before = detailsOf(person);
    const after: Record<DetailField, string> = { ...input, email: next.emailAsTyped };
    const changed = detailFields.filter((field) => before[field] !== after[field]);
    if (changed.length === 0) return { outcome: 'saved', changed };
    const newAddress = next.email !== person.email;
    if (newAddress) {
      const [other] = await tx
        .select({ id: supporters.id })
        .from(supporters)
        .where(and(eq(supporters.email, next.email), ne(supporters.id, id)));
      if (other) return { outcome: 'email-taken', otherId: other.id };
      const old = await suppressionOf(tx, person.email);
      if (old && followsThePerson.has(old.reason)) await suppress(tx, next.email, old.reason, 'address-changed', now);
    }
    await tx
      .update(supporters)
      .set({
        ...next,
        // A ZIP left as it was keeps the county on record, whatever the reference data says today.
        ...(changed.includes('zip') ? {} : { county: person.county }),
        ...(newAddress ? { linksValidFrom: linksStopAfter(now) } : {}),
        updatedAt: now,
      })
      .where(eq(supporters.id, id));
    await tx.insert(supporterEvents).values({
      supporterId: id,
      kind: 'details-changed',
      // The old address, so what was sent to it stays in their copy and goes when they are erased (timeline.ts).
      detail: { fields: changed, by: 'staff', ...(newAddress ? { previousEmail: person.email } : {}) },
      at: now,
    });
    await recordAudit(tx, actor, {
      action: 'supporter.edit',
      subjectType: 'supporter',
      subjectId: id,
      after: { fields: changed },
    });
    return { outcome: 'saved', changed };
  });
}
