import { randomBytes } from 'node:crypto';
import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { jsonRows, rowsOfPrepared, type Db } from '../../platform/db/client.ts';
import { sha256, type Secrets } from '../../platform/crypto.ts';
import { UNCONFIRMED_MS } from '../../platform/retention.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { enqueueEmails, queueEmailsWhere, type NewEmail } from '../email/service.ts';
import { requestSignup, type SignupInput } from '../supporters/service.ts';
import { PETITION_NEWSLETTER_WORDING_VERSION } from './messages.ts';
import { signatures, type DistrictSource } from './schema.ts';

/** A signature waits this long for its confirmation, then expires without ever having counted and is deleted (retention.ts). */
export const SIGNATURE_PENDING_MS = UNCONFIRMED_MS;
/** Confirmation emails per signature, ever: signing again re-sends the link, but a form cannot be used to flood someone. */
export const CONFIRMATIONS_PER_SIGNATURE = 3;

/** A valid, complete signature on its way to the database. */
export type PendingSignature = {
  petitionId: number;
  /** Normalized: the supporter's key. */
  email: string;
  emailAsTyped: string;
  givenName: string;
  familyName: string;
  zip: string;
  street: string | null;
  comment: string | null;
  showPublicly: boolean;
  senateDistrict: string | null;
  houseDistrict: string | null;
  districtSource: DistrictSource;
  city: string | null;
  county: string | null;
  locale: Locale;
  ipHash: string | null;
  /** The ?source= code that brought them, kept as a new supporter's first source. */
  source: string | null;
  /** Set when they ticked the newsletter box: a separate double opt-in through the supporters feature. */
  newsletter: SignupInput | undefined;
  /** For the confirmation email, in the signer's language. */
  petition: { slug: string; title: string };
};

export type SignOutcome = {
  signatureId: number | undefined;
  /** False for a repeat: one person, one signature. */
  fresh: boolean;
  confirmationQueued: boolean;
  newsletterQueued: boolean;
};

type BatchContext = { secrets: Secrets; emailDomain: string; now?: Date };

/**
 * The emailed link's token, derived from the signature's nonce with
 * SECRET_KEY: a repeat re-sends the same link (an earlier email keeps
 * working) though only the token's hash is stored. Forging one needs
 * SECRET_KEY; reading the database is not enough.
 */
export function signatureToken(secrets: Secrets, nonce: string): string {
  return secrets.hmac('links', `petition-signature:${nonce}`);
}

/** Rows written before nonces were stored derive theirs from the petition and the person, as their tokens were then. */
const nonceOf = (row: { tokenNonce: string | null; petitionId: number; supporterId: number }) => row.tokenNonce ?? `${row.petitionId}:${row.supporterId}`;

/**
 * Writes several people's signatures. The common case, everyone new, is one
 * statement, so one round trip: it upserts the supporters, inserts the
 * signatures, queues their confirmation emails and writes their timelines,
 * and commits on its own. Under a spike the time a batch takes is mostly
 * round trips, each waiting its turn on a busy event loop, so this is what
 * sets how many signatures a second one process can take.
 *
 * A person who signed before makes no second signature: their link is sent
 * again, up to CONFIRMATIONS_PER_SIGNATURE emails in all. That, and asking
 * for the newsletter, is done after, in one transaction for the batch. If it
 * fails, FollowUpFailed says which signers were already answered in full.
 * Each email appears at most once per batch (SignatureBatcher sees to it).
 * Outcomes come back in order.
 */
export async function writeSignatures(db: Db, batch: PendingSignature[], ctx: BatchContext): Promise<SignOutcome[]> {
  if (batch.length === 0) return [];
  const now = ctx.now ?? new Date();
  // Rows are locked in the order of their emails, so two batches sharing people wait for each other instead of deadlocking.
  const sorted = [...batch].sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  const written = await insertSignatures(db, sorted, ctx, now);

  const outcomes = new Map<PendingSignature, SignOutcome>();
  const followUps: PendingSignature[] = [];
  for (const s of sorted) {
    const { signatureId } = written.get(s)!;
    if (signatureId === undefined || s.newsletter) followUps.push(s);
    else outcomes.set(s, { signatureId, fresh: true, confirmationQueued: true, newsletterQueued: false });
  }
  if (followUps.length > 0) {
    let failure: unknown;
    // Answers are taken only once the transaction has committed: one whose COMMIT fails leaves none behind.
    const attempt = (signers: PendingSignature[]) =>
      db.transaction((tx) => followUp(tx, signers, written, ctx, now)).catch((error: unknown) => {
        failure = error;
        return undefined;
      });
    const together = await attempt(followUps);
    if (together) for (const [s, outcome] of together) outcomes.set(s, outcome);
    else {
      // One at a time, so one signer's failure is only theirs.
      for (const s of followUps) {
        const outcome = (await attempt([s]))?.get(s);
        const { signatureId } = written.get(s)!;
        if (outcome) outcomes.set(s, outcome);
        // A new signer whose newsletter request failed has signed all the same, their link queued: answered so, not
        // tried again (which would send a second email and call them a repeat). The newsletter box goes unheeded.
        else if (signatureId !== undefined) outcomes.set(s, { signatureId, fresh: true, confirmationQueued: true, newsletterQueued: false });
      }
      if (batch.some((s) => !outcomes.has(s))) throw new FollowUpFailed(batch.map((s) => outcomes.get(s)), failure);
    }
  }
  return batch.map((s) => outcomes.get(s)!);
}

/** The follow-up transaction failed after the batch's signatures were committed: `written` holds the outcomes of those already answered in full, in batch order. */
export class FollowUpFailed extends Error {
  override name = 'FollowUpFailed';
  constructor(
    readonly written: (SignOutcome | undefined)[],
    override readonly cause: unknown,
  ) {
    super('the follow-up to a batch of signatures failed');
  }
}

type Written = Map<PendingSignature, { supporterId: number; signatureId: number | undefined }>;

/**
 * The one statement: data-modifying CTEs over one jsonb parameter. Anyone
 * who signed this petition before is left alone here (no signature, no
 * email, no timeline entry: each follows from the signature insert's
 * RETURNING) and handled as a repeat afterwards. Supporters are written here
 * rather than through the supporters service, which takes one person per
 * transaction: a signer becomes a supporter, and someone already known only
 * gets what was blank filled in (never overwritten from a form anyone can
 * send). Raw SQL: the query builder would spend more time building a
 * 250-row statement than the database spends running it.
 */
async function insertSignatures(db: Db, sorted: PendingSignature[], ctx: BatchContext, now: Date): Promise<Written> {
  const expiresAt = new Date(now.getTime() + SIGNATURE_PENDING_MS);
  const nonces = randomBytes(18 * sorted.length);
  const rows = sorted.map((s, i) => {
    const nonce = nonces.subarray(18 * i, 18 * (i + 1)).toString('base64url');
    return { s, nonce, token: signatureToken(ctx.secrets, nonce) };
  });
  const emails = rows.map(({ s, nonce, token }) => ({ ...confirmationEmail(s, nonce, token, 1), ref: nonce }));
  const result = await rowsOfPrepared<{ email: string; supporter_id: number | string; signature_id: number | string | null }>(
    db,
    'petition-signature-batch',
    sql`with v as (
          select * from rows from (jsonb_to_recordset(${jsonRows(
            rows.map(({ s, nonce, token }) => ({
              email: s.email,
              email_as_typed: s.emailAsTyped,
              given_name: s.givenName,
              family_name: s.familyName,
              zip: s.zip,
              county: s.county,
              locale: s.locale,
              first_source: s.source,
              petition_id: s.petitionId,
              city: s.city,
              street: s.street,
              comment: s.comment,
              show_publicly: s.showPublicly,
              token_nonce: nonce,
              token_hash: sha256(token),
              senate_district: s.senateDistrict,
              house_district: s.houseDistrict,
              district_source: s.districtSource,
              ip_hash: s.ipHash,
              email_domain: s.email.slice(s.email.lastIndexOf('@') + 1),
            })),
          )}) as (email text, email_as_typed text, given_name text, family_name text, zip text, county text, locale text, first_source text,
            petition_id int, city text, street text, comment text, show_publicly boolean, token_nonce text, token_hash text, senate_district text,
            house_district text, district_source text, ip_hash text, email_domain text)) with ordinality as v(email, email_as_typed, given_name,
            family_name, zip, county, locale, first_source, petition_id, city, street, comment, show_publicly, token_nonce, token_hash,
            senate_district, house_district, district_source, ip_hash, email_domain, n)
        ),
        people as (
          insert into supporters (email, email_as_typed, given_name, family_name, zip, county, locale, first_source)
          select email, email_as_typed, given_name, family_name, zip, county, locale, first_source from v order by n
          on conflict (email) do update set
            given_name = case when supporters.given_name = '' then excluded.given_name else supporters.given_name end,
            family_name = case when supporters.family_name = '' then excluded.family_name else supporters.family_name end,
            zip = coalesce(supporters.zip, excluded.zip),
            county = coalesce(supporters.county, excluded.county),
            updated_at = ${now.toISOString()}::timestamptz
          returning id, email
        ),
        signed as (
          insert into petition_signatures (petition_id, supporter_id, given_name, family_name, zip, city, street, comment, show_publicly, token_nonce,
            token_hash, senate_district, house_district, district_source, locale, ip_hash, email_domain, created_at, expires_at)
          select v.petition_id, people.id, v.given_name, v.family_name, v.zip, v.city, v.street, v.comment, v.show_publicly, v.token_nonce,
            v.token_hash, v.senate_district, v.house_district, v.district_source, v.locale, v.ip_hash, v.email_domain,
            ${now.toISOString()}::timestamptz, ${expiresAt.toISOString()}::timestamptz
          from v join people on people.email = v.email
          order by v.n
          on conflict do nothing
          returning id, supporter_id, token_nonce
        ),
        mail as (${queueEmailsWhere(emails, { domain: ctx.emailDomain }, sql`select token_nonce from signed`)}),
        timeline as (
          insert into supporter_events (supporter_id, kind, detail, at)
          select signed.supporter_id, 'signed', jsonb_build_object('petitionId', v.petition_id, 'signatureId', signed.id, 'method', 'web-form'),
            ${now.toISOString()}::timestamptz
          from signed join v on v.token_nonce = signed.token_nonce
        )
        select people.email, people.id as supporter_id, signed.id as signature_id from people left join signed on signed.supporter_id = people.id`,
  );
  const byEmail = new Map(result.map((r) => [r.email, r]));
  return new Map(
    sorted.map((s) => {
      const row = byEmail.get(s.email)!;
      return [s, { supporterId: Number(row.supporter_id), signatureId: row.signature_id === null ? undefined : Number(row.signature_id) }];
    }),
  );
}

function confirmationEmail(s: PendingSignature, nonce: string, token: string, nth: number): NewEmail {
  return {
    idempotencyKey: `petition-confirm:${nonce}:${nth}`,
    to: s.email,
    kind: 'transactional',
    template: 'petition-confirm',
    locale: s.locale,
    data: { token, givenName: s.givenName, slug: s.petition.slug, title: s.petition.title },
  };
}

/**
 * Repeats, and newsletter requests: a pending (or lapsed) signature gets its
 * link again while under the cap, a confirmed one gets nothing; ticking the
 * newsletter box asks through the supporters feature, which keeps its own
 * double opt-in and daily cap.
 */
async function followUp(tx: Db, signers: PendingSignature[], written: Written, ctx: BatchContext, now: Date): Promise<Map<PendingSignature, SignOutcome>> {
  const expiresAt = new Date(now.getTime() + SIGNATURE_PENDING_MS);
  // Newsletter requests first: they lock supporter rows, the repeats below signature rows, the same order as the
  // batch's statement takes them, so a batch and a follow-up sharing a person cannot deadlock.
  const newsletterQueued = new Set<PendingSignature>();
  for (const s of signers) {
    if (!s.newsletter) continue;
    const asked = await requestSignup(tx, s.newsletter, { method: 'web-form', wordingVersion: PETITION_NEWSLETTER_WORDING_VERSION, emailDomain: ctx.emailDomain, now });
    if (asked.confirmationQueued) newsletterQueued.add(s);
  }
  const repeats = signers.filter((s) => written.get(s)!.signatureId === undefined);
  const personOf = (s: PendingSignature) => written.get(s)!.supporterId;
  const existing = new Map<PendingSignature, number>();
  const resent = new Set<PendingSignature>();
  const emails: NewEmail[] = [];
  for (const petitionId of new Set(repeats.map((s) => s.petitionId))) {
    const mine = repeats.filter((s) => s.petitionId === petitionId);
    const ids = mine.map(personOf);
    const updated = await tx
      .update(signatures)
      .set({
        confirmationsSent: sql`${signatures.confirmationsSent} + 1`,
        status: 'pending',
        // A lapsed signature starts a new 30 days; one still waiting keeps its date.
        expiresAt: sql`case when petition_signatures.status = 'expired' or petition_signatures.expires_at < ${now.toISOString()}::timestamptz
          then ${expiresAt.toISOString()}::timestamptz else petition_signatures.expires_at end`,
      })
      .where(
        and(
          eq(signatures.petitionId, petitionId),
          inArray(signatures.supporterId, ids),
          lt(signatures.confirmationsSent, CONFIRMATIONS_PER_SIGNATURE),
          or(eq(signatures.status, 'pending'), eq(signatures.status, 'expired')),
        ),
      )
      .returning({ id: signatures.id, supporterId: signatures.supporterId, nth: signatures.confirmationsSent, tokenNonce: signatures.tokenNonce, petitionId: signatures.petitionId });
    const byPerson = new Map(updated.map((u) => [u.supporterId, u]));
    const found = await tx
      .select({ id: signatures.id, supporterId: signatures.supporterId })
      .from(signatures)
      .where(and(eq(signatures.petitionId, petitionId), inArray(signatures.supporterId, ids)));
    const idOf = new Map(found.map((f) => [f.supporterId, f.id]));
    for (const s of mine) {
      const id = idOf.get(personOf(s));
      if (id !== undefined) existing.set(s, id);
      const u = byPerson.get(personOf(s));
      if (!u) continue;
      resent.add(s);
      const nonce = nonceOf(u);
      emails.push(confirmationEmail(s, nonce, signatureToken(ctx.secrets, nonce), u.nth));
    }
  }
  await enqueueEmails(tx, emails, { domain: ctx.emailDomain });

  const outcomes = new Map<PendingSignature, SignOutcome>();
  for (const s of signers) {
    const fresh = written.get(s)!.signatureId;
    outcomes.set(s, {
      signatureId: fresh ?? existing.get(s),
      fresh: fresh !== undefined,
      confirmationQueued: fresh !== undefined || resent.has(s),
      newsletterQueued: newsletterQueued.has(s),
    });
  }
  return outcomes;
}

/**
 * A signature that could not be written. The database's own error is not
 * passed on: its message repeats the query's parameters (names, emails),
 * which must never reach a log. Its SQLSTATE code is enough to diagnose.
 */
export class SignatureWriteError extends Error {
  override name = 'SignatureWriteError';
  constructor(readonly code: string | undefined) {
    super(`a signature could not be written (SQLSTATE ${code ?? 'unknown'})`);
  }
}

function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

type Waiting = { signature: PendingSignature; resolve: (outcome: SignOutcome) => void; reject: (error: unknown) => void };

/**
 * Group commit for signatures. Requests arriving within `maxWaitMs` of each
 * other (or `maxRows` of them) are written in one transaction, and each is
 * answered only after that transaction has committed: what we acknowledge,
 * we keep. While `maxInFlight` batches are being written the next one keeps
 * filling, so under load batches grow instead of queueing. A batch that
 * fails is retried one signature at a time, so one bad row cannot fail
 * everyone else's.
 */
export class SignatureBatcher {
  private queue: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private idle: (() => void)[] = [];
  private readonly maxRows: number;
  private readonly maxWaitMs: number;
  private readonly maxInFlight: number;

  constructor(
    private readonly options: {
      db: Db;
      secrets: Secrets;
      emailDomain: string;
      maxRows?: number;
      maxWaitMs?: number;
      /** PostgreSQL commits several batches side by side; PGlite has one connection, so 1. */
      maxInFlight?: number;
      /** Told when a whole batch failed and was retried row by row: its SQLSTATE and size, nothing about anyone in it. */
      onBatchError?: (error: SignatureWriteError, size: number) => void;
    },
  ) {
    this.maxRows = options.maxRows ?? 250;
    this.maxWaitMs = options.maxWaitMs ?? 3;
    this.maxInFlight = options.maxInFlight ?? 4;
  }

  submit(signature: PendingSignature): Promise<SignOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ signature, resolve, reject });
      if (this.queue.length >= this.maxRows) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
    });
  }

  /** Resolves once everything submitted so far is written (for a graceful stop and for tests). */
  async drain(): Promise<void> {
    if (this.queue.length > 0) this.flush();
    if (this.inFlight === 0 && this.queue.length === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
    return this.drain();
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    // Full: the batch being written calls flush again when it finishes, and the queue has grown meanwhile.
    if (this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    const people = new Set<string>();
    const batch: Waiting[] = [];
    const later: Waiting[] = [];
    for (const waiting of this.queue) {
      const person = waiting.signature.email;
      // The same person twice in one batch (even on two petitions, as their supporter row is written once): the
      // second waits for the next batch, where it is a repeat.
      if (batch.length < this.maxRows && !people.has(person)) {
        people.add(person);
        batch.push(waiting);
      } else later.push(waiting);
    }
    this.queue = later;
    this.inFlight += 1;
    void this.write(batch).finally(() => {
      this.inFlight -= 1;
      if (this.queue.length > 0) this.flush();
      else if (this.inFlight === 0) for (const done of this.idle.splice(0)) done();
    });
    if (this.queue.length >= this.maxRows) this.flush();
    else if (this.queue.length > 0) this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
  }

  private async write(batch: Waiting[]): Promise<void> {
    const { db, secrets, emailDomain } = this.options;
    try {
      const outcomes = await writeSignatures(db, batch.map((w) => w.signature), { secrets, emailDomain });
      batch.forEach((w, i) => w.resolve(outcomes[i]!));
      return;
    } catch (error) {
      const refusal = new SignatureWriteError(sqlState(error));
      if (batch.length > 1) this.options.onBatchError?.(refusal, batch.length);
      // Those whose signature was written in full are answered; writeSignatures already tried each of the rest alone.
      if (error instanceof FollowUpFailed) batch.forEach((w, i) => (error.written[i] ? w.resolve(error.written[i]) : w.reject(refusal)));
      else if (batch.length === 1) batch[0]!.reject(refusal);
      else for (const w of batch) await this.write([w]);
    }
  }
}
