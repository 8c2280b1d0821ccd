import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { jsonRows, rowsOf, type Db } from '../../platform/db/client.ts';
import { sha256, type Secrets } from '../../platform/crypto.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { enqueueEmails, type NewEmail } from '../email/service.ts';
import { requestSignup, type SignupInput } from '../supporters/service.ts';
import { PETITION_NEWSLETTER_WORDING_VERSION } from './messages.ts';
import { signatures, type DistrictSource } from './schema.ts';

/** A signature waits this long for its confirmation, then expires without ever having counted. */
export const SIGNATURE_PENDING_MS = 30 * 24 * 60 * 60 * 1000;
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
 * The emailed link's token: derived from the petition and the person, so a
 * repeat re-sends the same link (an earlier email keeps working) without the
 * token ever being stored; only its hash is. Forging one needs SECRET_KEY.
 */
export function signatureToken(secrets: Secrets, petitionId: number, supporterId: number): string {
  return secrets.hmac('links', `petition-signature:${petitionId}:${supporterId}`);
}

/**
 * Writes several people's signatures in one transaction: one statement for
 * the supporters, one for the signatures, one for their confirmation emails
 * and one for their timelines, whatever the number. A person who signed
 * before makes no second signature: their link is sent again, up to
 * CONFIRMATIONS_PER_SIGNATURE emails in all. Each email appears at most
 * once per batch (SignatureBatcher sees to it). Outcomes come back in order.
 */
export async function writeSignatures(tx: Db, batch: PendingSignature[], ctx: BatchContext): Promise<SignOutcome[]> {
  if (batch.length === 0) return [];
  const now = ctx.now ?? new Date();
  const expiresAt = new Date(now.getTime() + SIGNATURE_PENDING_MS);
  // Rows are locked in the order of their emails, so two batches sharing people wait for each other instead of deadlocking.
  const sorted = [...batch].sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));

  // Written here rather than through the supporters service, which takes one person per transaction: a signer
  // becomes a supporter, and someone already known only gets what was blank filled in (never overwritten from a
  // form anyone can send). Raw SQL over one jsonb parameter: the query builder would spend more time building a
  // 250-row statement than the database spends running it.
  const people = await rowsOf<{ id: number | string; email: string }>(
    tx,
    sql`insert into supporters (email, email_as_typed, given_name, family_name, zip, county, locale, first_source)
        select v.email, v.email_as_typed, v.given_name, v.family_name, v.zip, v.county, v.locale, v.first_source
        from rows from (jsonb_to_recordset(${jsonRows(
          sorted.map((s) => ({
            email: s.email,
            email_as_typed: s.emailAsTyped,
            given_name: s.givenName,
            family_name: s.familyName,
            zip: s.zip,
            county: s.county,
            locale: s.locale,
            first_source: s.source,
          })),
        )}) as (email text, email_as_typed text, given_name text, family_name text, zip text, county text, locale text, first_source text))
          with ordinality as v(email, email_as_typed, given_name, family_name, zip, county, locale, first_source, n)
        order by v.n
        on conflict (email) do update set
          given_name = case when supporters.given_name = '' then excluded.given_name else supporters.given_name end,
          family_name = case when supporters.family_name = '' then excluded.family_name else supporters.family_name end,
          zip = coalesce(supporters.zip, excluded.zip),
          county = coalesce(supporters.county, excluded.county),
          updated_at = ${now.toISOString()}::timestamptz
        returning id, email`,
  );
  const supporterOf = new Map(people.map((p) => [p.email, Number(p.id)]));
  const personOf = (s: PendingSignature) => supporterOf.get(s.email)!;
  const key = (petitionId: number, supporterId: number) => `${petitionId}:${supporterId}`;
  // Each signer's link token, an HMAC: needed for its hash and again for the email, computed once.
  const tokens = new Map<PendingSignature, string>();
  const tokenOf = (s: PendingSignature) => {
    let token = tokens.get(s);
    if (token === undefined) tokens.set(s, (token = signatureToken(ctx.secrets, s.petitionId, personOf(s))));
    return token;
  };

  // Any conflict (the person already signed) is left alone here and handled as a repeat below.
  const inserted = await rowsOf<{ id: number | string; petition_id: number; supporter_id: number }>(
    tx,
    sql`insert into petition_signatures (petition_id, supporter_id, given_name, family_name, zip, city, street, comment, show_publicly, token_hash,
          senate_district, house_district, district_source, locale, ip_hash, email_domain, created_at, expires_at)
        select v.petition_id, v.supporter_id, v.given_name, v.family_name, v.zip, v.city, v.street, v.comment, v.show_publicly, v.token_hash,
          v.senate_district, v.house_district, v.district_source, v.locale, v.ip_hash, v.email_domain,
          ${now.toISOString()}::timestamptz, ${expiresAt.toISOString()}::timestamptz
        from jsonb_to_recordset(${jsonRows(
          sorted.map((s) => ({
            petition_id: s.petitionId,
            supporter_id: personOf(s),
            given_name: s.givenName,
            family_name: s.familyName,
            zip: s.zip,
            city: s.city,
            street: s.street,
            comment: s.comment,
            show_publicly: s.showPublicly,
            token_hash: sha256(tokenOf(s)),
            senate_district: s.senateDistrict,
            house_district: s.houseDistrict,
            district_source: s.districtSource,
            locale: s.locale,
            ip_hash: s.ipHash,
            email_domain: s.email.slice(s.email.lastIndexOf('@') + 1),
          })),
        )}) as v(petition_id int, supporter_id int, given_name text, family_name text, zip text, city text, street text, comment text,
          show_publicly boolean, token_hash text, senate_district text, house_district text, district_source text, locale text, ip_hash text, email_domain text)
        on conflict do nothing
        returning id, petition_id, supporter_id`,
  );
  const fresh = new Map(inserted.map((r) => [key(Number(r.petition_id), Number(r.supporter_id)), Number(r.id)]));

  const emails: NewEmail[] = [];
  const confirmationEmail = (s: PendingSignature, signatureId: number, nth: number): NewEmail => ({
    idempotencyKey: `petition-confirm:${signatureId}:${nth}`,
    to: s.email,
    kind: 'transactional',
    template: 'petition-confirm',
    locale: s.locale,
    data: { token: tokenOf(s), givenName: s.givenName, slug: s.petition.slug, title: s.petition.title, signatureId },
  });
  const events: { supporter_id: number; detail: Record<string, unknown> }[] = [];
  for (const s of sorted) {
    const id = fresh.get(key(s.petitionId, personOf(s)));
    if (id === undefined) continue;
    emails.push(confirmationEmail(s, id, 1));
    events.push({ supporter_id: personOf(s), detail: { petitionId: s.petitionId, signatureId: id, method: 'web-form' } });
  }

  // Repeats: a pending (or lapsed) signature gets its link again while under the cap; a confirmed one gets nothing.
  const repeats = sorted.filter((s) => !fresh.has(key(s.petitionId, personOf(s))));
  const existing = new Map<string, number>();
  const resent = new Set<string>();
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
      .returning({ id: signatures.id, supporterId: signatures.supporterId, nth: signatures.confirmationsSent });
    const byPerson = new Map(updated.map((u) => [u.supporterId, u]));
    const found = await tx
      .select({ id: signatures.id, supporterId: signatures.supporterId })
      .from(signatures)
      .where(and(eq(signatures.petitionId, petitionId), inArray(signatures.supporterId, ids)));
    for (const f of found) existing.set(key(petitionId, f.supporterId), f.id);
    for (const s of mine) {
      const u = byPerson.get(personOf(s));
      if (!u) continue;
      resent.add(key(petitionId, u.supporterId));
      emails.push(confirmationEmail(s, u.id, u.nth));
    }
  }
  await enqueueEmails(tx, emails, { domain: ctx.emailDomain });
  if (events.length > 0) {
    await tx.execute(sql`insert into supporter_events (supporter_id, kind, detail, at)
      select v.supporter_id, 'signed', v.detail, ${now.toISOString()}::timestamptz from jsonb_to_recordset(${jsonRows(events)}) as v(supporter_id int, detail jsonb)`);
  }

  const outcomes = new Map<PendingSignature, SignOutcome>();
  for (const s of sorted) {
    const k = key(s.petitionId, personOf(s));
    const id = fresh.get(k);
    let newsletterQueued = false;
    // The newsletter keeps its own double opt-in and daily cap: ticking the box asks, it never subscribes.
    if (s.newsletter) {
      const asked = await requestSignup(tx, s.newsletter, { method: 'web-form', wordingVersion: PETITION_NEWSLETTER_WORDING_VERSION, emailDomain: ctx.emailDomain, now });
      newsletterQueued = asked.confirmationQueued;
    }
    outcomes.set(s, {
      signatureId: id ?? existing.get(k),
      fresh: id !== undefined,
      confirmationQueued: id !== undefined || resent.has(k),
      newsletterQueued,
    });
  }
  return batch.map((s) => outcomes.get(s)!);
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
    const ctx = { secrets, emailDomain };
    try {
      const outcomes = await db.transaction((tx) => writeSignatures(tx, batch.map((w) => w.signature), ctx));
      batch.forEach((w, i) => w.resolve(outcomes[i]!));
      return;
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(new SignatureWriteError(sqlState(error)));
        return;
      }
      this.options.onBatchError?.(new SignatureWriteError(sqlState(error)), batch.length);
    }
    for (const w of batch) {
      try {
        const [outcome] = await db.transaction((tx) => writeSignatures(tx, [w.signature], ctx));
        w.resolve(outcome!);
      } catch (error) {
        w.reject(new SignatureWriteError(sqlState(error)));
      }
    }
  }
}
