import { createHmac, timingSafeEqual } from 'node:crypto';
import { createChallenge, randomInt, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { lt, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { z } from 'zod';
import type { Secrets } from '../crypto.ts';
import { jsonRows, rowsOf, type Db } from '../db/client.ts';
import { GroupCommit } from '../db/group-commit.ts';
import { spentFormChallenges } from './form-challenge-schema.ts';
import { PERSON_CHECK_FIELD, PERSON_CHECK_TOKEN, PersonCheck, type PersonQuestion } from './person-check.tsx';
import { RateLimiter } from './rate-limit.ts';

/** The form field the widget fills with its solution, and where it fetches a challenge. */
export const CHALLENGE_FIELD = 'altcha';
export const CHALLENGE_PATH = '/altcha/challenge';

const ALGORITHM = 'PBKDF2/SHA-256';
/** Long enough to fill in /join slowly after the widget solved its challenge on the first focus. */
const VALID_MS = 30 * 60_000;

/**
 * The work asked of a browser: find the counter (somewhere between the
 * bounds) whose PBKDF2 key at `cost` rounds starts with the signed prefix.
 * Measured at 1 to 1.5 s in Chromium on a two-core machine, more on a slow
 * phone, which is why the widget starts when the form is first focused; a
 * script wanting a thousand sign-ups pays a thousand times that. Tests
 * solve thousands of challenges in Node, so NODE_ENV=test asks a token
 * amount; production never runs with it, and nothing else lowers the work.
 */
const difficulty = {
  production: { cost: 1_000, counterMin: 2_500, counterMax: 7_500 },
  test: { cost: 1, counterMin: 5, counterMax: 40 },
} as const;

/** Without a solution (JavaScript off) a form goes straight through this often per address; then it asks a question. */
export const SIGNUPS_WITHOUT_CHALLENGE_PER_HOUR = 3;
/**
 * Forms let in by an answered question, per address and hour: more than a room full of people at a rally sends,
 * few enough that a script answering sums is soon held up (for a minute, never an hour: the bucket refills steadily).
 */
export const ANSWERED_CHECKS_PER_HOUR = 300;

/** What a form's proof-of-work field says before anything is written. */
export type ChallengeCheck =
  | { state: 'absent' }
  | { state: 'solved'; signature: string; expiresAt: Date }
  | { state: 'invalid' }
  | { state: 'expired' };

/**
 * Why a form is not accepted: its check failed, its solution was used before; or it must answer a question (it has
 * no solution and the allowance is spent, or the feature asked for one), answered it wrongly, or this address has
 * answered very many in a short time.
 */
export type AdmitRefusal = 'invalid' | 'expired' | 'replayed' | 'ask-person' | 'wrong-answer' | 'too-many';

/** The field a refusal is shown by (and the error summary links to): the question's, or the automatic check's. */
export function refusalField(refusal: AdmitRefusal): string {
  return refusal === 'ask-person' || refusal === 'wrong-answer' ? PERSON_CHECK_FIELD : CHALLENGE_FIELD;
}

/** A refused form's status: too many is 429; the rest are problems with what was sent. */
export function refusalStatus(refusal: AdmitRefusal): 400 | 429 {
  return refusal === 'too-many' ? 429 : 400;
}

const hex = /^[0-9a-f]{2,256}$/;
export const payloadShape = z.object({
  challenge: z.object({
    parameters: z
      .object({
        algorithm: z.literal(ALGORITHM),
        nonce: z.string().regex(hex),
        salt: z.string().regex(hex),
        keyPrefix: z.string().regex(hex),
        cost: z.number().int().positive(),
        keyLength: z.number().int().positive(),
        expiresAt: z.number().int().positive(),
      })
      .loose(),
    signature: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  solution: z.object({ counter: z.number().int().nonnegative(), derivedKey: z.string().regex(hex) }).loose(),
});

/** What altcha-lib signs: the parameters as JSON with their keys sorted at every depth (its canonicalJSON). */
function sortedKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .flatMap((key) => {
        const inner = (value as Record<string, unknown>)[key];
        return inner === undefined ? [] : [[key, sortedKeys(inner)]];
      }),
  );
}

const hmacHex = (secret: string, data: string | Buffer) => createHmac('sha256', secret).update(data).digest('hex');
/** Compared in constant time, as bytes: a string of another length in bytes (non-ASCII) is simply unequal. */
const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * altcha-lib's verifySolution for the challenges this site issues (always
 * with a signed key, so checking a solution is two HMACs and no key
 * derivation), done with node:crypto at once instead of WebCrypto's
 * import-then-sign, which took 0.27 ms of CPU a form (without this, 16 %
 * fewer signatures a second in a spike: ADR 038). The same checks in the same order: expiry, the parameters'
 * signature, the solution's form, the derived key's signature.
 * form-challenge.test.ts holds it to the library's verdicts on valid,
 * tampered and random payloads.
 */
export function verifySignedSolution(
  rawParameters: object,
  payload: z.infer<typeof payloadShape>,
  signatureSecret: string,
  keySecret: string,
  now = Date.now(),
): 'verified' | 'expired' | 'invalid' {
  if (payload.challenge.parameters.expiresAt < now / 1000) return 'expired';
  if (!sameText(payload.challenge.signature, hmacHex(signatureSecret, JSON.stringify(sortedKeys(rawParameters)))))
    return 'invalid';
  const { counter, derivedKey } = payload.solution;
  if (!/^(?:[0-9a-f]{2})+$/.test(derivedKey) || counter > 0xffffffff) return 'invalid';
  // Every challenge this site issues signs its key, so a solution is checked against that signature. Without one,
  // altcha-lib would derive the key again instead; here that signed-but-keyless challenge is simply not ours.
  // Read from what was signed: the schema lets it through unchecked.
  const keySignature = (rawParameters as { keySignature?: unknown }).keySignature;
  if (typeof keySignature !== 'string' || keySignature === '') return 'invalid';
  return sameText(keySignature, hmacHex(keySecret, Buffer.from(derivedKey, 'hex'))) ? 'verified' : 'invalid';
}

/** The two keys a challenge is signed with, from SECRET_KEY: what makes a challenge this site's own. */
export function challengeSecrets(secrets: Secrets): { hmacSignatureSecret: string; hmacKeySignatureSecret: string } {
  return {
    hmacSignatureSecret: secrets.key('altcha').toString('base64url'),
    hmacKeySignatureSecret: secrets.hmac('altcha', 'derived-key-signature'),
  };
}

/**
 * The bot defences of public forms that need no account (ADR 019): an ALTCHA
 * proof-of-work whose solution is accepted once, and, for browsers without
 * JavaScript, a much stricter per-address limit instead.
 */
export class FormGuard {
  private readonly signatureSecret: string;
  private readonly keySecret: string;
  private readonly level: (typeof difficulty)[keyof typeof difficulty];
  private readonly withoutChallenge = new RateLimiter(
    SIGNUPS_WITHOUT_CHALLENGE_PER_HOUR,
    SIGNUPS_WITHOUT_CHALLENGE_PER_HOUR / 60,
  );
  private readonly answered = new RateLimiter(ANSWERED_CHECKS_PER_HOUR, ANSWERED_CHECKS_PER_HOUR / 60);
  private readonly spent: SpentSolutions;
  private readonly person: PersonCheck;
  private sweptAt = 0;

  constructor(
    private readonly options: {
      db: Db;
      secrets: Secrets;
      nodeEnv: 'development' | 'production' | 'test';
      clientKey: (c: Context) => string;
    },
  ) {
    ({ hmacSignatureSecret: this.signatureSecret, hmacKeySignatureSecret: this.keySecret } = challengeSecrets(
      options.secrets,
    ));
    this.level = options.nodeEnv === 'test' ? difficulty.test : difficulty.production;
    this.spent = new SpentSolutions(options.db);
    this.person = new PersonCheck(options.secrets);
  }

  /**
   * The question a refused form comes back with: the one it carried, with what was typed, when it was
   * refused for another field; a new one after a wrong answer or when one is first asked.
   */
  question(body: Record<string, unknown>, refusal?: AdmitRefusal): PersonQuestion | undefined {
    if (refusal === 'ask-person' || refusal === 'wrong-answer') return this.person.ask();
    const asked = this.person.read(body[PERSON_CHECK_TOKEN]);
    if (!asked) return undefined;
    const answer = body[PERSON_CHECK_FIELD];
    return { ...asked, answer: typeof answer === 'string' ? answer.slice(0, 3) : undefined };
  }

  /** A fresh signed challenge. Deterministic mode: the server knows the answer's key, so checking costs one HMAC. */
  issue(now = Date.now()): Promise<Challenge> {
    return createChallenge({
      algorithm: ALGORITHM,
      cost: this.level.cost,
      counter: randomInt(this.level.counterMax, this.level.counterMin),
      deriveKey,
      expiresAt: new Date(now + VALID_MS),
      hmacSignatureSecret: this.signatureSecret,
      hmacKeySignatureSecret: this.keySecret,
    });
  }

  /** Checks the widget's payload without using it up, so a form with typing mistakes can be sent again. */
  async check(field: unknown): Promise<ChallengeCheck> {
    if (field === undefined || field === '') return { state: 'absent' };
    if (typeof field !== 'string' || field.length > 4000) return { state: 'invalid' };
    let raw: unknown;
    let payload: z.infer<typeof payloadShape>;
    try {
      raw = JSON.parse(Buffer.from(field, 'base64').toString('utf8'));
      payload = payloadShape.parse(raw);
    } catch {
      return { state: 'invalid' };
    }
    const verdict = verifySignedSolution(
      (raw as { challenge: { parameters: object } }).challenge.parameters,
      payload,
      this.signatureSecret,
      this.keySecret,
    );
    if (verdict !== 'verified') return { state: verdict };
    return {
      state: 'solved',
      signature: payload.challenge.signature,
      expiresAt: new Date(payload.challenge.parameters.expiresAt * 1000),
    };
  }

  /**
   * Lets a valid form through, just before it is acted on: a right answer to
   * the question is spent and lets it in; a solution is spent (stored until
   * its challenge expires, so a second use finds it); a form without either
   * takes from the small per-address allowance, and once that is used up it
   * is asked the question (so is any form when `askPerson`: the feature's own
   * per-address limit is reached).
   */
  async admit(
    c: Context,
    check: ChallengeCheck,
    body: Record<string, unknown> = {},
    options: { askPerson?: boolean } = {},
  ): Promise<AdmitRefusal | undefined> {
    if (check.state === 'invalid' || check.state === 'expired') return check.state;
    const address = this.options.clientKey(c);
    const answer = this.person.check(body[PERSON_CHECK_TOKEN], body[PERSON_CHECK_FIELD]);
    if (answer.state === 'wrong') return 'wrong-answer';
    if (answer.state === 'right') {
      if (!this.answered.take(address)) return 'too-many';
      return (await this.spent.spend(answer.spend, answer.expiresAt)) ? undefined : 'wrong-answer';
    }
    if (options.askPerson) return 'ask-person';
    if (check.state === 'absent') return this.withoutChallenge.take(address) ? undefined : 'ask-person';
    const fresh = await this.spent.spend(check.signature, check.expiresAt);
    await this.sweep();
    return fresh ? undefined : 'replayed';
  }

  /** Forgets spent solutions whose challenges have expired (they would be refused anyway), at most once a minute. */
  private async sweep(now = Date.now()): Promise<void> {
    if (now - this.sweptAt < 60_000) return;
    this.sweptAt = now;
    await this.options.db.delete(spentFormChallenges).where(lt(spentFormChallenges.expiresAt, new Date(now)));
  }
}

type Spending = { signature: string; expiresAt: Date };

/**
 * Records spent solutions, those arriving within a couple of milliseconds of
 * each other in one statement (a group commit). In a spike nearly every
 * signer sends one (JavaScript is on for most), and one insert, one commit
 * and one round trip each more than doubled what a signature cost
 * (bench:petition). Each caller learns whether its solution was fresh only
 * once the statement has committed, so a solution is never accepted twice:
 * not across processes (the primary key decides), and not within one batch,
 * where only the first of two identical ones is fresh. Batches are not
 * limited in number: each is one short insert, and the pool queues them.
 */
export class SpentSolutions {
  private readonly batches: GroupCommit<Spending, boolean>;

  constructor(db: Db, maxWaitMs = 2, maxRows = 500) {
    this.batches = new GroupCommit({
      maxItems: maxRows,
      windowMs: maxWaitMs,
      maxInFlight: Infinity,
      write: (batch) => recordSpent(db, batch),
    });
  }

  /** True when this solution had not been spent before (and is now). */
  spend(signature: string, expiresAt: Date): Promise<boolean> {
    return this.batches.add({ signature, expiresAt });
  }
}

async function recordSpent(db: Db, batch: Spending[]): Promise<boolean[]> {
  const first = new Map<string, Spending>();
  for (const s of batch) if (!first.has(s.signature)) first.set(s.signature, s);
  const rows = [...first.values()].map((s) => ({ signature: s.signature, expires_at: s.expiresAt.toISOString() }));
  const inserted = await rowsOf<{ signature: string }>(
    db,
    sql`insert into ${spentFormChallenges} (signature, expires_at)
        select signature, expires_at
          from jsonb_to_recordset(${jsonRows(rows)}) as v(signature text, expires_at timestamptz)
        on conflict do nothing returning signature`,
  );
  const fresh = new Set(inserted.map((r) => r.signature));
  return batch.map((s) => first.get(s.signature) === s && fresh.has(s.signature));
}
