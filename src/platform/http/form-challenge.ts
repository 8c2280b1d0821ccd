import { createChallenge, randomInt, verifySolution, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { lt } from 'drizzle-orm';
import type { Context } from 'hono';
import { z } from 'zod';
import type { Secrets } from '../crypto.ts';
import type { Db } from '../db/client.ts';
import { spentFormChallenges } from './form-challenge-schema.ts';
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

/** Without a solution (JavaScript off) a sign-up still works, but only this often per address. */
export const SIGNUPS_WITHOUT_CHALLENGE_PER_HOUR = 3;

/** What a form's proof-of-work field says before anything is written. */
export type ChallengeCheck =
  | { state: 'absent' }
  | { state: 'solved'; signature: string; expiresAt: Date }
  | { state: 'invalid' }
  | { state: 'expired' };

/** Why a form is not accepted: its check failed, its solution was used before, or it has none and the allowance is spent. */
export type AdmitRefusal = 'invalid' | 'expired' | 'replayed' | 'too-many-without-challenge';

const hex = /^[0-9a-f]{2,256}$/;
const payloadShape = z.object({
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

/**
 * The bot defences of public forms that need no account (ADR 019): an ALTCHA
 * proof-of-work whose solution is accepted once, and, for browsers without
 * JavaScript, a much stricter per-address limit instead.
 */
export class FormGuard {
  private readonly signatureSecret: string;
  private readonly keySecret: string;
  private readonly level: (typeof difficulty)[keyof typeof difficulty];
  private readonly withoutChallenge = new RateLimiter(SIGNUPS_WITHOUT_CHALLENGE_PER_HOUR, SIGNUPS_WITHOUT_CHALLENGE_PER_HOUR / 60);
  private sweptAt = 0;

  constructor(
    private readonly options: { db: Db; secrets: Secrets; nodeEnv: 'development' | 'production' | 'test'; clientKey: (c: Context) => string },
  ) {
    this.signatureSecret = options.secrets.key('altcha').toString('base64url');
    this.keySecret = options.secrets.hmac('altcha', 'derived-key-signature');
    this.level = options.nodeEnv === 'test' ? difficulty.test : difficulty.production;
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
    let payload: z.infer<typeof payloadShape>;
    try {
      payload = payloadShape.parse(JSON.parse(Buffer.from(field, 'base64').toString('utf8')));
    } catch {
      return { state: 'invalid' };
    }
    try {
      const result = await verifySolution({
        challenge: payload.challenge,
        solution: { counter: payload.solution.counter, derivedKey: payload.solution.derivedKey },
        deriveKey,
        hmacSignatureSecret: this.signatureSecret,
        hmacKeySignatureSecret: this.keySecret,
      });
      if (result.expired) return { state: 'expired' };
      if (!result.verified) return { state: 'invalid' };
    } catch {
      // Parameters the library cannot even read were not signed by us.
      return { state: 'invalid' };
    }
    return { state: 'solved', signature: payload.challenge.signature, expiresAt: new Date(payload.challenge.parameters.expiresAt * 1000) };
  }

  /**
   * Lets a valid form through, just before it is acted on: a solution is spent
   * (stored until its challenge expires, so a second use finds it), and a form
   * without one takes from the small per-address allowance.
   */
  async admit(c: Context, check: ChallengeCheck): Promise<AdmitRefusal | undefined> {
    if (check.state === 'invalid' || check.state === 'expired') return check.state;
    if (check.state === 'absent') return this.withoutChallenge.take(this.options.clientKey(c)) ? undefined : 'too-many-without-challenge';
    const spent = await this.options.db
      .insert(spentFormChallenges)
      .values({ signature: check.signature, expiresAt: check.expiresAt })
      .onConflictDoNothing()
      .returning({ signature: spentFormChallenges.signature });
    await this.sweep();
    return spent.length === 1 ? undefined : 'replayed';
  }

  /** Forgets spent solutions whose challenges have expired (they would be refused anyway), at most once a minute. */
  private async sweep(now = Date.now()): Promise<void> {
    if (now - this.sweptAt < 60_000) return;
    this.sweptAt = now;
    await this.options.db.delete(spentFormChallenges).where(lt(spentFormChallenges.expiresAt, new Date(now)));
  }
}
