import { and, eq, gte, isNull, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { emailAddress, normalizeEmail } from '../../platform/email-address.ts';
import { plainText } from '../../platform/plain-text.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { locales, type Locale } from '../../platform/web/locale.ts';
import { enqueueEmail } from '../email/service.ts';
import { zipFacts } from '../reference/service.ts';
import { audienceCondition } from './audience.ts';
import {
  consents,
  signupConfirmations,
  subscriptions,
  subscriptionTopics,
  supporterEvents,
  supporters,
  type ConsentMethod,
  type Topic,
} from './schema.ts';

export { subscriptionTopics, type Topic } from './schema.ts';
export { audienceCondition, knownCounties, noLongerWantedCondition, type Audience } from './audience.ts';
// For a broadcast's statements over its audience.
export { audienceMembers, unsubscribedSince } from './audience.ts';
export { preferencesToken } from './links.ts';
// Who may open a supporter's record: other features ask before they link to one.
export { supporterPermissions } from './permissions.ts';
export { purgeUnconfirmedSignups, type SignupPurge, type SignupPurgeResult } from './retention.ts';
// The hourly privacy purge: a merge's undo data past its 30 days (ADR 069).
export { purgeExpiredMerges } from './merge.ts';
// Pieces of a statement another feature writes in one round trip (a batch of petition signers).
export { addToTimelineFrom, upsertSupportersFrom } from './statement-parts.ts';
// People created, changed and unsubscribed, as change feeds for the webhooks (issue 20).
export { peopleCreated, peopleUnsubscribed, peopleUpdated } from './change-feed.ts';

/** A double opt-in link works this long. */
export const CONFIRMATION_VALID_MS = 7 * 24 * 60 * 60 * 1000;
/** Confirmation emails per address per day, whatever is asked: a form cannot be used to flood someone. */
export const CONFIRMATIONS_PER_DAY = 3;

export const signupInput = z.object({
  givenName: plainText({ max: 100, required: 'Enter your first name' }),
  familyName: plainText({ max: 100 }).default(''),
  email: emailAddress(),
  zip: z
    .string()
    .trim()
    .regex(/^(\d{5})?$/, 'Enter a 5-digit ZIP code, or leave it empty')
    .default(''),
  locale: z.enum(locales).default('en'),
  topics: z.array(z.enum(subscriptionTopics)).min(1, 'Choose at least one kind of email'),
  source: z
    .string()
    .trim()
    .max(60)
    .regex(/^[\w.-]*$/)
    .optional(),
});
export type SignupInput = z.input<typeof signupInput>;

type Context = { method: ConsentMethod; wordingVersion: string; emailDomain: string; now?: Date };

/**
 * Someone asks for email. Whether the address is new, waiting for
 * confirmation or already subscribed, the caller answers the same; here the
 * person is recorded as pending and, at most three times a day, sent a link.
 */
export async function requestSignup(
  db: Db,
  input: SignupInput,
  ctx: Context,
): Promise<{ confirmationQueued: boolean }> {
  const data = signupInput.parse(input);
  const now = ctx.now ?? new Date();
  const email = normalizeEmail(data.email);
  // The county only when the ZIP's land lies wholly in one (issue 4); a ZIP across a county line, a PO box or no data
  // leaves it unknown.
  const facts = data.zip ? await zipFacts(db, data.zip) : undefined;
  const county = facts?.counties.length === 1 ? facts.counties[0]! : null;
  return db.transaction(async (tx) => {
    const [person] = await tx
      .insert(supporters)
      .values({
        email,
        emailAsTyped: data.email.trim(),
        givenName: data.givenName,
        familyName: data.familyName,
        zip: data.zip || null,
        county,
        locale: data.locale,
        firstSource: data.source || null,
      })
      // Someone already on record keeps their details until the emailed link is used (confirmSignup).
      .onConflictDoUpdate({ target: supporters.email, set: { updatedAt: now } })
      .returning({ id: supporters.id, givenName: supporters.givenName });
    const supporterId = person!.id;
    for (const topic of data.topics) {
      // Pending never downgrades someone already subscribed.
      await tx
        .insert(subscriptions)
        .values({ supporterId, topic, status: 'pending', updatedAt: now })
        .onConflictDoUpdate({
          target: [subscriptions.supporterId, subscriptions.topic],
          set: {
            status: sql`case when ${subscriptions.status} = 'subscribed' then 'subscribed' else 'pending' end`,
            updatedAt: now,
          },
        });
    }
    await tx.insert(supporterEvents).values({
      supporterId,
      kind: 'subscribe-requested',
      detail: { topics: data.topics, method: ctx.method },
      at: now,
    });

    const [recent] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(signupConfirmations)
      .where(
        and(
          eq(signupConfirmations.supporterId, supporterId),
          gte(signupConfirmations.createdAt, new Date(now.getTime() - 24 * 60 * 60 * 1000)),
        ),
      );
    if ((recent?.n ?? 0) >= CONFIRMATIONS_PER_DAY) return { confirmationQueued: false };

    const token = randomToken(32);
    const tokenHash = sha256(token);
    await tx.insert(signupConfirmations).values({
      tokenHash,
      supporterId,
      topics: data.topics,
      wordingVersion: ctx.wordingVersion,
      requested: {
        givenName: data.givenName,
        familyName: data.familyName,
        zip: data.zip || null,
        county,
        locale: data.locale,
      },
      createdAt: now,
      expiresAt: new Date(now.getTime() + CONFIRMATION_VALID_MS),
    });
    await enqueueEmail(
      tx,
      {
        idempotencyKey: `signup-confirm:${tokenHash}`,
        to: email,
        kind: 'transactional',
        template: 'signup-confirm',
        locale: data.locale,
        data: { token, givenName: person!.givenName },
      },
      { domain: ctx.emailDomain },
    );
    return { confirmationQueued: true };
  });
}

export type ConfirmationState = { state: 'valid'; locale: Locale } | { state: 'expired' | 'used' | 'unknown' };

/** What a confirmation link leads to, without using it up (the GET page before the Confirm button). */
export async function checkConfirmation(db: Db, token: string, now = new Date()): Promise<ConfirmationState> {
  const [row] = await db
    .select({ usedAt: signupConfirmations.usedAt, expiresAt: signupConfirmations.expiresAt, locale: supporters.locale })
    .from(signupConfirmations)
    .innerJoin(supporters, eq(supporters.id, signupConfirmations.supporterId))
    .where(eq(signupConfirmations.tokenHash, sha256(token)));
  if (!row) return { state: 'unknown' };
  if (row.usedAt) return { state: 'used' };
  if (row.expiresAt < now) return { state: 'expired' };
  return { state: 'valid', locale: row.locale };
}

/**
 * The person pressed Confirm: the details the form asked for are kept, their
 * topics become subscribed, their consent is recorded with the wording they
 * saw, and a welcome email is queued. A
 * token works once; a second press finds it used.
 */
export async function confirmSignup(db: Db, token: string, ctx: Context): Promise<ConfirmationState> {
  const now = ctx.now ?? new Date();
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(signupConfirmations)
      .set({ usedAt: now })
      .where(
        and(
          eq(signupConfirmations.tokenHash, sha256(token)),
          isNull(signupConfirmations.usedAt),
          gte(signupConfirmations.expiresAt, now),
        ),
      )
      .returning();
    if (!used) return checkConfirmation(tx, token, now);
    const asked = used.requested;
    if (asked) {
      // Only what was typed: an empty family name or ZIP does not erase one on record.
      const details = {
        givenName: asked.givenName,
        locale: asked.locale,
        ...(asked.familyName ? { familyName: asked.familyName } : {}),
        ...(asked.zip ? { zip: asked.zip, county: asked.county } : {}),
      };
      await tx
        .update(supporters)
        .set({ ...details, updatedAt: now })
        .where(eq(supporters.id, used.supporterId));
    }
    const [person] = await tx.select().from(supporters).where(eq(supporters.id, used.supporterId));
    for (const topic of used.topics) {
      await tx
        .insert(subscriptions)
        .values({ supporterId: used.supporterId, topic, status: 'subscribed', updatedAt: now })
        .onConflictDoUpdate({
          target: [subscriptions.supporterId, subscriptions.topic],
          set: { status: 'subscribed', updatedAt: now },
        });
      await tx.insert(consents).values({
        supporterId: used.supporterId,
        topic,
        granted: 'yes',
        wordingVersion: used.wordingVersion,
        method: ctx.method,
        at: now,
      });
    }
    await tx
      .insert(supporterEvents)
      .values({ supporterId: used.supporterId, kind: 'confirmed', detail: { topics: used.topics }, at: now });
    await enqueueEmail(
      tx,
      {
        idempotencyKey: `welcome:${used.tokenHash}`,
        to: person!.email,
        kind: 'transactional',
        template: 'welcome',
        locale: person!.locale,
        data: { givenName: person!.givenName },
      },
      { domain: ctx.emailDomain },
    );
    return { state: 'valid', locale: person!.locale };
  });
}

export async function subscriptionsOf(db: Db, email: string): Promise<Record<string, string>> {
  const rows = await db
    .select({ topic: subscriptions.topic, status: subscriptions.status })
    .from(subscriptions)
    .innerJoin(supporters, eq(supporters.id, subscriptions.supporterId))
    .where(eq(supporters.email, normalizeEmail(email)));
  return Object.fromEntries(rows.map((r) => [r.topic, r.status]));
}

export async function timelineOf(db: Db, email: string) {
  return db
    .select({ kind: supporterEvents.kind, detail: supporterEvents.detail, at: supporterEvents.at })
    .from(supporterEvents)
    .innerJoin(supporters, eq(supporters.id, supporterEvents.supporterId))
    .where(eq(supporters.email, normalizeEmail(email)))
    .orderBy(supporterEvents.at, supporterEvents.id);
}

export type Preferences = {
  email: string;
  givenName: string;
  locale: Locale;
  subscriptions: Partial<Record<Topic, 'pending' | 'subscribed' | 'unsubscribed'>>;
};

export async function getPreferences(db: Db, supporterId: number): Promise<Preferences | undefined> {
  const [person] = await db.select().from(supporters).where(eq(supporters.id, supporterId));
  if (!person) return undefined;
  const subs = await db.select().from(subscriptions).where(eq(subscriptions.supporterId, supporterId));
  return {
    email: person.email,
    givenName: person.givenName,
    locale: person.locale,
    subscriptions: Object.fromEntries(subs.map((s) => [s.topic, s.status])),
  };
}

/**
 * Sets what a person receives. Topics they leave become unsubscribed at once,
 * with a consent withdrawal on record; a topic can only be turned back on by
 * one they had confirmed before (new ones go through double opt-in).
 */
export async function updatePreferences(
  db: Db,
  supporterId: number,
  change: { topics: Topic[]; locale: Locale },
  ctx: { method: ConsentMethod; wordingVersion: string; now?: Date },
): Promise<void> {
  const now = ctx.now ?? new Date();
  await db.transaction(async (tx) => {
    const current = await tx.select().from(subscriptions).where(eq(subscriptions.supporterId, supporterId));
    const unsubscribed: Topic[] = [];
    for (const sub of current) {
      const wanted = change.topics.includes(sub.topic);
      if (!wanted && sub.status !== 'unsubscribed') {
        unsubscribed.push(sub.topic);
        await tx
          .update(subscriptions)
          .set({ status: 'unsubscribed', updatedAt: now })
          .where(and(eq(subscriptions.supporterId, supporterId), eq(subscriptions.topic, sub.topic)));
        await tx.insert(consents).values({
          supporterId,
          topic: sub.topic,
          granted: 'no',
          wordingVersion: ctx.wordingVersion,
          method: ctx.method,
          at: now,
        });
      }
    }
    await tx.update(supporters).set({ locale: change.locale, updatedAt: now }).where(eq(supporters.id, supporterId));
    if (unsubscribed.length > 0)
      await tx
        .insert(supporterEvents)
        .values({ supporterId, kind: 'unsubscribed', detail: { topics: unsubscribed, method: ctx.method }, at: now });
  });
}

/** One-click unsubscribe (RFC 8058): everything, at once. */
export async function unsubscribeAll(
  db: Db,
  supporterId: number,
  ctx: { method: ConsentMethod; wordingVersion: string },
): Promise<void> {
  const person = await getPreferences(db, supporterId);
  if (person) await updatePreferences(db, supporterId, { topics: [], locale: person.locale }, ctx);
}

/** Addresses that may receive bulk mail on a topic: the audience broadcasts use, un-narrowed. */
export async function bulkAudience(
  db: Db,
  topic: Topic,
): Promise<{ supporterId: number; email: string; locale: Locale }[]> {
  return rowsOf(
    db,
    sql`select s.id as "supporterId", s.email, s.locale from supporters s where ${audienceCondition({ topic })}`,
  );
}

/**
 * Another feature's moment in a supporter's timeline (a petition signature confirmed), written in the
 * caller's transaction, so that it is there exactly when what it records is.
 */
export async function addToTimeline(
  tx: Db,
  entry: { supporterId: number; kind: string; detail: Record<string, unknown>; at: Date },
): Promise<void> {
  await tx.insert(supporterEvents).values(entry);
}

/**
 * A supporter's address and county for another feature's statement about the people it holds (a petition's
 * signature export), so that the statement joins them without naming this feature's table.
 */
export const supporterContact = {
  join: (supporterId: AnyPgColumn): SQL => sql`join ${supporters} on ${supporters.id} = ${supporterId}`,
  email: supporters.email,
  county: supporters.county,
  givenName: supporters.givenName,
  // An event's attendee list and sign-in sheet show whom they expect, by family name and ZIP code.
  familyName: supporters.familyName,
  zip: supporters.zip,
};

// The CSV import's command (npm run cli -- supporters:import) and the list export segments reuse.
export { ImportFileError } from './import-file.ts';
export {
  importFromCli,
  supporterImportHelp,
  supporterImportRequest,
  type SupporterImportRequest,
} from './import-cli.ts';
export { countForExport, recordListExport, supporterListCsv, type ExportField } from './export-list.ts';

/** The audit log's sentences for this feature's actions; the app hands them to the audit screens. */
export { supporterAuditWords } from './audit-words.ts';
export { eraseQuietSupporters, subscribedCondition } from './inactive.ts';

// A person's rights over their data, for the privacy requests made at /privacy/request (issue 18).
export { eraseSupporter, exportSupporter, type SupporterExport } from './data-rights.ts';

/** Whose record holds this address (compared as stored: normalised), for a privacy request made by email. */
export async function supporterIdByEmail(db: Db, email: string): Promise<number | undefined> {
  const [person] = await db
    .select({ id: supporters.id })
    .from(supporters)
    .where(eq(supporters.email, normalizeEmail(email)));
  return person?.id;
}
// Saved segments as broadcast audiences (issue 18): the app builds them with the action sources it hands in.
export { segmentAudiences, type SegmentAudiences } from './segments.ts';
