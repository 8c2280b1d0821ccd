/**
 * Sign-up with double opt-in: the request (the person pending, a link emailed at most three times a day)
 * and the confirmation that subscribes them. The form's, the API's and staff's ways in all end here.
 */
import { and, eq, gte, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import { emailAddress, normalizeEmail } from '../../platform/email-address.ts';
import { plainText } from '../../platform/plain-text.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { locales, type Locale } from '../../platform/web/locale.ts';
import { enqueueEmail } from '../email/service.ts';
import { zipFacts } from '../reference/service.ts';
import {
  consents,
  signupConfirmations,
  subscriptions,
  subscriptionTopics,
  supporterEvents,
  supporters,
  type ConsentMethod,
} from './schema.ts';

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
