import { and, eq, gt, gte, sql } from 'drizzle-orm';
import { randomToken, sha256, type Secrets } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/client.ts';
import { normalizeEmail } from '../../platform/email-address.ts';
import type { PersonalDataPart } from '../../platform/personal-data.ts';
import { retention } from '../../platform/retention.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { recordAudit } from '../audit/service.ts';
import { enqueueEmail } from '../email/service.ts';
import { eraseSupporter, exportSupporter, supporterIdByEmail } from '../supporters/service.ts';
import { confirmEmail, erasedEmail, nothingHeldEmail } from './emails.ts';
import type { RequestInput } from './inputs.ts';
import { privacyRequests, type PrivacyRequest, type RequestKind } from './schema.ts';

// A person's own side of a privacy request (ADR 068): asking, confirming by the emailed link, taking the copy.
// Each operation is one transaction; nothing here says to the asker whether their address is known.

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** The law's time to answer a confirmed request (ORS 646A.576): the deadline staff see. */
export const ANSWER_DAYS = 45;
/** Requests per address per day: the form cannot be used to flood someone's inbox. */
export const REQUESTS_PER_ADDRESS_PER_DAY = 3;

export type PrivacyContext = { secrets: Secrets; emailDomain: string; now?: Date };

/** The keyed hash by which the log finds a person's requests without holding their address. */
export const emailHashOf = (secrets: Secrets, email: string) => secrets.hmac('privacy', normalizeEmail(email));

/**
 * Logs a request and emails its address: a confirmation link if we hold a record under it, else a note that we
 * hold nothing (closed at once). Either way the asker sees the same page. Past the daily cap for the address,
 * nothing is written or sent. `queued` says whether the worker has mail to send.
 */
export async function askForRequest(
  db: Db,
  input: RequestInput,
  locale: Locale,
  ctx: PrivacyContext,
): Promise<{ queued: boolean }> {
  const now = ctx.now ?? new Date();
  const address = normalizeEmail(input.email);
  const emailHash = emailHashOf(ctx.secrets, address);
  return db.transaction(async (tx) => {
    // Serialises requests for one address, so that the cap holds under concurrent posts.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`privacy:${emailHash}`}))`);
    const [recent] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(privacyRequests)
      .where(
        and(
          eq(privacyRequests.emailHash, emailHash),
          gte(privacyRequests.requestedAt, new Date(now.getTime() - DAY_MS)),
        ),
      );
    if ((recent?.n ?? 0) >= REQUESTS_PER_ADDRESS_PER_DAY) return { queued: false };
    const supporterId = await supporterIdByEmail(tx, address);
    const domain = { domain: ctx.emailDomain };
    if (supporterId === undefined) {
      const [logged] = await tx
        .insert(privacyRequests)
        .values({
          kind: input.kind,
          status: 'completed',
          locale,
          emailHash,
          requestedAt: now,
          decidedAt: now,
          decision: 'completed',
          decisionReason: 'No record is held under this address; the person was told so by email.',
        })
        .returning({ id: privacyRequests.id });
      await enqueueEmail(tx, nothingHeldEmail(logged!.id, address, locale, input.kind), domain);
      return { queued: true };
    }
    const token = randomToken(32);
    const [logged] = await tx
      .insert(privacyRequests)
      .values({
        kind: input.kind,
        status: 'awaiting-confirmation',
        locale,
        emailHash,
        email: address,
        supporterId,
        details: input.kind === 'correction' ? (input.details ?? null) : null,
        confirmTokenHash: sha256(token),
        confirmExpiresAt: new Date(now.getTime() + retention.privacyConfirmHours * HOUR_MS),
        requestedAt: now,
      })
      .returning({ id: privacyRequests.id });
    await enqueueEmail(tx, confirmEmail(logged!.id, address, locale, input.kind, token), domain);
    return { queued: true };
  });
}

/** The request a confirmation link is for, while it waits and its link works. */
export async function requestAwaiting(db: Db, token: string, now = new Date()): Promise<PrivacyRequest | undefined> {
  const [request] = await db
    .select()
    .from(privacyRequests)
    .where(
      and(
        eq(privacyRequests.confirmTokenHash, sha256(token)),
        eq(privacyRequests.status, 'awaiting-confirmation'),
        gt(privacyRequests.confirmExpiresAt, now),
      ),
    );
  return request;
}

export type Confirmed =
  | { kind: 'gone' }
  | { kind: 'copy'; copyToken: string }
  | { kind: 'correction' }
  | { kind: 'deletion'; queued: boolean };

/**
 * Confirms a request by its link (once): a copy gets its download link; a correction waits for staff; a deletion
 * erases the person across every feature and emails them that it is done, all in one transaction.
 */
export async function confirmRequest(
  db: Db,
  token: string,
  parts: readonly PersonalDataPart[],
  ctx: PrivacyContext,
): Promise<Confirmed> {
  const now = ctx.now ?? new Date();
  return db.transaction(async (tx): Promise<Confirmed> => {
    const [request] = await tx
      .select()
      .from(privacyRequests)
      .where(
        and(
          eq(privacyRequests.confirmTokenHash, sha256(token)),
          eq(privacyRequests.status, 'awaiting-confirmation'),
          gt(privacyRequests.confirmExpiresAt, now),
        ),
      )
      .for('update');
    if (!request) return { kind: 'gone' };
    const confirmed = {
      confirmTokenHash: null,
      confirmExpiresAt: null,
      confirmedAt: now,
      dueAt: new Date(now.getTime() + ANSWER_DAYS * DAY_MS),
    };
    await recordAudit(tx, null, { action: 'privacy.confirm', subjectType: 'privacy-request', subjectId: request.id });
    if (request.kind === 'deletion') {
      const address = request.email;
      // The erasure's own entry (supporter.erase) names the supporter's id; the request names it no longer.
      if (request.supporterId !== null) await eraseSupporter(tx, request.supporterId, null, parts);
      await tx
        .update(privacyRequests)
        .set({
          ...confirmed,
          ...closed,
          status: 'completed',
          supporterId: null,
          decidedAt: now,
          decision: 'completed',
          decisionReason: 'Erased when the person confirmed their request.',
        })
        .where(eq(privacyRequests.id, request.id));
      if (address)
        await enqueueEmail(tx, erasedEmail(request.id, address, request.locale), { domain: ctx.emailDomain });
      return { kind: 'deletion', queued: address !== null };
    }
    if (request.kind === 'correction') {
      await tx
        .update(privacyRequests)
        .set({ ...confirmed, status: 'open' })
        .where(eq(privacyRequests.id, request.id));
      return { kind: 'correction' };
    }
    const copyToken = randomToken(32);
    await tx
      .update(privacyRequests)
      .set({
        ...confirmed,
        status: 'open',
        copyTokenHash: sha256(copyToken),
        copyExpiresAt: new Date(now.getTime() + retention.privacyCopyDays * DAY_MS),
      })
      .where(eq(privacyRequests.id, request.id));
    return { kind: 'copy', copyToken };
  });
}

/** What a request keeps no longer once it is closed: the address, a correction's words, every link. */
export const closed = {
  email: null,
  details: null,
  confirmTokenHash: null,
  confirmExpiresAt: null,
} as const;

export type CopyFormat = 'json' | 'html';
export type CopyLink = { locale: Locale; taken: Record<CopyFormat, boolean> };

const copyWhere = (token: string, now: Date) =>
  and(eq(privacyRequests.copyTokenHash, sha256(token)), gt(privacyRequests.copyExpiresAt, now));

/** The download page's state, while its link works and a format is left to take. */
export async function copyLinkState(db: Db, token: string, now = new Date()): Promise<CopyLink | undefined> {
  const [request] = await db.select().from(privacyRequests).where(copyWhere(token, now));
  if (!request) return undefined;
  return {
    locale: request.locale,
    taken: { json: request.copyJsonTakenAt !== null, html: request.copyHtmlTakenAt !== null },
  };
}

export type TakenCopy = { data: Awaited<ReturnType<typeof exportSupporter>> | null; locale: Locale };

/**
 * Takes one format of the copy, once: the first taken completes the request (and forgets the address); the link
 * goes once both are taken. The copy is made now, from what is held now. Undefined when the link no longer opens it.
 */
export async function takeCopy(
  db: Db,
  token: string,
  format: CopyFormat,
  parts: readonly PersonalDataPart[],
  now = new Date(),
): Promise<TakenCopy | undefined> {
  const taken = await db.transaction(async (tx) => {
    const [request] = await tx.select().from(privacyRequests).where(copyWhere(token, now)).for('update');
    if (!request) return undefined;
    const taken = { json: request.copyJsonTakenAt, html: request.copyHtmlTakenAt };
    if (taken[format] !== null) return undefined;
    const bothTaken = taken[format === 'json' ? 'html' : 'json'] !== null;
    const firstTaken = request.status === 'open';
    await tx
      .update(privacyRequests)
      .set({
        ...(format === 'json' ? { copyJsonTakenAt: now } : { copyHtmlTakenAt: now }),
        ...(bothTaken ? { copyTokenHash: null, copyExpiresAt: null } : {}),
        ...(firstTaken
          ? {
              ...closed,
              status: 'completed' as const,
              decidedAt: now,
              decision: 'completed' as const,
              decisionReason: 'The person downloaded their copy.',
            }
          : {}),
      })
      .where(eq(privacyRequests.id, request.id));
    await recordAudit(tx, null, {
      action: 'privacy.copy-taken',
      subjectType: 'privacy-request',
      subjectId: request.id,
      note: format,
    });
    return { supporterId: request.supporterId, locale: request.locale };
  });
  if (!taken) return undefined;
  // Read after the commit, on the pool: the parts are read side by side, which one transaction's connection cannot do.
  const data = taken.supporterId === null ? null : ((await exportSupporter(db, taken.supporterId, parts, now)) ?? null);
  return { data, locale: taken.locale };
}

/** For the request form's model in tests: how many requests an address made today. */
export async function requestsToday(db: Db, secrets: Secrets, email: string, now = new Date()): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(privacyRequests)
    .where(
      and(
        eq(privacyRequests.emailHash, emailHashOf(secrets, email)),
        gte(privacyRequests.requestedAt, new Date(now.getTime() - DAY_MS)),
      ),
    );
  return row?.n ?? 0;
}

export type { RequestKind };
