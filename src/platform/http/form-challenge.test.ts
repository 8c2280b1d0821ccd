import { solveChallenge, verifySolution, type Challenge } from 'altcha-lib';
import * as fc from 'fast-check';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { createHmac } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { encodeSolution } from '../../../test/support/form-challenge.ts';
import { Secrets } from '../crypto.ts';
import { spentFormChallenges } from './form-challenge-schema.ts';
import { signupScript } from './form-challenge-widget.tsx';
import { PERSON_CHECK_FIELD, PERSON_CHECK_TOKEN, PersonCheck } from './person-check.tsx';
import {
  ANSWERED_CHECKS_PER_HOUR,
  challengeSecrets,
  FormGuard,
  payloadShape,
  SIGNUPS_WITHOUT_CHALLENGE_PER_HOUR,
  SpentSolutions,
} from './form-challenge.ts';

type Payload = {
  challenge: { parameters: Record<string, unknown>; signature: string };
  solution: { counter: number; derivedKey: string };
};

const secrets = new Secrets('test-secret-key-that-is-long-enough-0123456789');
const request = {} as never;

describeEachDatabase('ALTCHA proof-of-work for public forms', (database) => {
  let guard: FormGuard;
  const guardFor = (options: Partial<ConstructorParameters<typeof FormGuard>[0]> = {}) =>
    new FormGuard({ db: database().db, secrets, nodeEnv: 'test', clientKey: () => 'one-address', ...options });
  beforeAll(() => {
    guard = guardFor();
  });

  async function solved(challenge?: Challenge) {
    challenge ??= await guard.issue();
    return { challenge, solution: (await solveChallenge({ challenge, deriveKey }))! };
  }

  it('accepts a solved challenge once: a second use, even through another process, is a replay', async () => {
    const { challenge, solution } = await solved();
    const check = await guard.check(encodeSolution(challenge, solution));
    expect(check).toMatchObject({ state: 'solved', signature: challenge.signature });
    expect(await guard.admit(request, check)).toBeUndefined();
    // Another app process shares only the database.
    const otherProcess = guardFor();
    const again = await otherProcess.check(encodeSolution(challenge, solution));
    expect(again.state).toBe('solved');
    expect(await otherProcess.admit(request, again)).toBe('replayed');
  });

  it('records solutions sent together in one statement, and accepts the same one only once even then', async () => {
    const db = database().db;
    let statements = 0;
    // Counts the statements the guard sends (its sweep of expired
    // solutions, at most once a minute, is a delete, not counted).
    const counting = new Proxy(db, {
      get: (target, key, receiver) =>
        key === 'execute'
          ? (...args: unknown[]) => (statements++, (target.execute as (...a: unknown[]) => unknown)(...args))
          : Reflect.get(target, key, receiver),
    });
    const together = guardFor({ db: counting });
    const forms = await Promise.all(Array.from({ length: 12 }, () => solved()));
    const checks = await Promise.all(
      forms.map(({ challenge, solution }) => together.check(encodeSolution(challenge, solution))),
    );
    // The first solution twice, as a script re-sending one form at once would.
    const outcomes = await Promise.all([...checks, checks[0]!].map((check) => together.admit(request, check)));
    expect(statements).toBe(1);
    expect(outcomes.slice(1, 12)).toEqual(Array(11).fill(undefined));
    expect([outcomes[0], outcomes[12]].filter((o) => o === undefined)).toHaveLength(1);
    expect([outcomes[0], outcomes[12]].filter((o) => o === 'replayed')).toHaveLength(1);
    const stored = new Set((await db.select().from(spentFormChallenges)).map((r) => r.signature));
    for (const { challenge } of forms) expect(stored.has(challenge.signature!)).toBe(true);
    // And a later batch finds them spent.
    expect(await together.admit(request, checks[5]!)).toBe('replayed');
    expect(statements).toBe(2);
  });

  it('fails every caller of a batch whose statement could not even be made, and the process goes on', async () => {
    const spent = new SpentSolutions(database().db);
    // An invalid date throws while the rows are built (toISOString), before any statement is sent.
    const results = await Promise.allSettled([
      spent.spend('made-up-a', new Date(Number.NaN)),
      spent.spend('made-up-b', new Date(Date.now() + 60_000)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await spent.spend('made-up-c', new Date(Date.now() + 60_000))).toBe(true);
  });

  it('tells every form waiting on a batch when it could not be recorded', async () => {
    const failing = new Proxy(database().db, {
      get: (target, key, receiver) =>
        key === 'execute' ? () => Promise.reject(new Error('database gone')) : Reflect.get(target, key, receiver),
    });
    const broken = guardFor({ db: failing });
    const forms = await Promise.all([solved(), solved()]);
    const results = await Promise.allSettled(
      forms.map(async ({ challenge, solution }) =>
        broken.admit(request, await broken.check(encodeSolution(challenge, solution))),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('refuses forged, tampered, foreign and malformed payloads', async () => {
    const { challenge, solution } = await solved();
    const foreign = new FormGuard({
      db: database().db,
      secrets: new Secrets('another-secret-key-that-is-long-enough-000'),
      nodeEnv: 'test',
      clientKey: () => 'x',
    });
    const other = await solved(await foreign.issue());
    const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
    const forged = [
      encodeSolution(challenge, {
        ...solution,
        derivedKey: solution.derivedKey.replace(/^./, (d) => (d === '0' ? '1' : '0')),
      }),
      // (The counter is not the proof: the derived key is, checked against the challenge's signed key signature.)
      encodeSolution(challenge, { ...solution, derivedKey: solution.derivedKey.slice(0, 32) }),
      encodeSolution({ ...challenge, signature: '0'.repeat(64) }, solution),
      // Cheaper parameters under the original signature.
      encodeSolution({ ...challenge, parameters: { ...challenge.parameters, cost: 1, keyPrefix: '00' } }, solution),
      encodeSolution({ parameters: challenge.parameters }, solution),
      encodeSolution(other.challenge, other.solution),
      // The widget's own test mode.
      json({ challenge: null, solution: null, test: true }),
      json({ algorithm: 'SHA-256', challenge: 'abc', number: 1, salt: 'x', signature: 'y' }),
      json('just a string'),
      'not base64 at all!!',
      'A'.repeat(5000),
    ];
    for (const [i, payload] of forged.entries())
      expect((await guard.check(payload)).state, `forgery ${i}`).toBe('invalid');
    expect((await guard.check(['two', 'values'])).state).toBe('invalid');
    expect((await guard.check(undefined)).state).toBe('absent');
    expect((await guard.check('')).state).toBe('absent');
  });

  it('reaches the same verdict as altcha-lib on valid, tampered and random payloads', async () => {
    const { hmacSignatureSecret, hmacKeySignatureSecret } = challengeSecrets(secrets);
    // What check() did before it verified with node:crypto itself: the library's own verifySolution.
    const reference = async (field: string): Promise<string> => {
      let payload: ReturnType<typeof payloadShape.parse>;
      try {
        payload = payloadShape.parse(JSON.parse(Buffer.from(field, 'base64').toString('utf8')));
      } catch {
        return 'invalid';
      }
      try {
        const result = await verifySolution({
          challenge: payload.challenge,
          solution: payload.solution,
          deriveKey,
          hmacSignatureSecret,
          hmacKeySignatureSecret,
        });
        return result.expired ? 'expired' : result.verified ? 'solved' : 'invalid';
      } catch {
        return 'invalid';
      }
    };
    const valid = await Promise.all(Array.from({ length: 8 }, () => solved()));
    // One issued long ago (expired), and one by another site (foreign key).
    valid.push(await solved(await guard.issue(Date.now() - 31 * 60_000)));
    const foreign = new FormGuard({
      db: database().db,
      secrets: new Secrets('another-secret-key-that-is-long-enough-000'),
      nodeEnv: 'test',
      clientKey: () => 'x',
    });
    valid.push(await solved(await foreign.issue()));
    const flip = (hex: string, at: number) =>
      hex.slice(0, at % hex.length) + (hex[at % hex.length] === '0' ? '1' : '0') + hex.slice((at % hex.length) + 1);
    const mutations: fc.Arbitrary<(p: Payload) => Payload> = fc.oneof(
      fc.constant((p: Payload) => p),
      fc.nat().map((at) => (p: Payload) => ({
        ...p,
        challenge: { ...p.challenge, signature: flip(p.challenge.signature, at) },
      })),
      fc.nat().map((at) => (p: Payload) => ({
        ...p,
        solution: { ...p.solution, derivedKey: flip(p.solution.derivedKey, at) },
      })),
      fc.constantFrom('nonce', 'salt', 'keyPrefix', 'keySignature').chain((key) =>
        fc.nat().map((at) => (p: Payload) => ({
          ...p,
          challenge: {
            ...p.challenge,
            parameters: { ...p.challenge.parameters, [key]: flip(String(p.challenge.parameters[key]), at) },
          },
        })),
      ),
      fc.constantFrom('cost', 'keyLength', 'expiresAt').chain((key) =>
        fc.integer({ min: -2, max: 2 }).map((d) => (p: Payload) => ({
          ...p,
          challenge: {
            ...p.challenge,
            parameters: { ...p.challenge.parameters, [key]: Number(p.challenge.parameters[key]) + d },
          },
        })),
      ),
      fc.constantFrom('keySignature', 'nonce', 'expiresAt').map((key) => (p: Payload) => {
        const { [key]: _gone, ...parameters } = p.challenge.parameters;
        return { ...p, challenge: { ...p.challenge, parameters } };
      }),
      fc.jsonValue().map((extra) => (p: Payload) => ({
        ...p,
        challenge: { ...p.challenge, parameters: { ...p.challenge.parameters, extra } },
      })),
      fc
        .integer({ min: -1, max: 2 ** 33 })
        .map((counter) => (p: Payload) => ({ ...p, solution: { ...p.solution, counter } })),
      fc.constant((p: Payload) => ({
        ...p,
        solution: { ...p.solution, derivedKey: p.solution.derivedKey.toUpperCase() },
      })),
      fc.constant((p: Payload) => ({ ...p, solution: { ...p.solution, derivedKey: p.solution.derivedKey.slice(1) } })),
    );
    // Signing the changed parameters again, as only the holder of SECRET_KEY could, takes a change past the
    // signature check to the checks after it (the key signature's presence, type and value).
    const sorted = (value: unknown): unknown =>
      typeof value !== 'object' || value === null || Array.isArray(value)
        ? value
        : Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
          );
    const resign = (p: Payload): Payload => ({
      ...p,
      challenge: {
        ...p.challenge,
        signature: createHmac('sha256', hmacSignatureSecret)
          .update(JSON.stringify(sorted(p.challenge.parameters)))
          .digest('hex'),
      },
    });
    const keySignatures = fc.oneof(
      fc.constant(undefined),
      fc.constant(''),
      fc.constant('upper-case'),
      fc.integer(),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }),
      fc.string(),
    );
    const verdicts = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: valid.length - 1 }),
        mutations,
        fc.boolean(),
        fc.option(keySignatures),
        async (i, mutate, signAgain, keySignature) => {
          const { challenge, solution } = valid[i]!;
          let payload = mutate({
            challenge: {
              parameters: challenge.parameters as unknown as Record<string, unknown>,
              signature: challenge.signature!,
            },
            solution,
          });
          if (keySignature !== null) {
            // 'upper-case': the right key signature, in capitals (the library compares it as written).
            const value =
              keySignature === 'upper-case' ? String(challenge.parameters.keySignature).toUpperCase() : keySignature;
            payload = {
              ...payload,
              challenge: { ...payload.challenge, parameters: { ...payload.challenge.parameters, keySignature: value } },
            };
          }
          if (signAgain || keySignature !== null) payload = resign(payload);
          const field = Buffer.from(JSON.stringify(payload)).toString('base64');
          const ours = (await guard.check(field)).state;
          verdicts.add(ours);
          const keyless =
            typeof payload.challenge.parameters.keySignature !== 'string' ||
            payload.challenge.parameters.keySignature === '';
          // The one intended difference: a challenge signed without a key signature is never one of ours, so it is
          // refused, where altcha-lib would derive the key again (never needed for what this site issues).
          if (keyless && ours !== 'expired') expect(ours).toBe('invalid');
          else expect(ours).toBe(await reference(field));
        },
      ),
      { numRuns: 600 },
    );
    // The cases were not all alike.
    expect([...verdicts].sort()).toEqual(['expired', 'invalid', 'solved']);
  });

  it('refuses a solution to a challenge that has expired', async () => {
    const { challenge, solution } = await solved(await guard.issue(Date.now() - 31 * 60_000));
    expect(await guard.check(encodeSolution(challenge, solution))).toEqual({ state: 'expired' });
  });

  it('forgets spent solutions once their challenges have expired', async () => {
    const db = database().db;
    await db
      .insert(spentFormChallenges)
      .values({ signature: 'expired-long-ago', expiresAt: new Date(Date.now() - 60_000) });
    const fresh = guardFor();
    const { challenge, solution } = await solved();
    expect(await fresh.admit(request, await fresh.check(encodeSolution(challenge, solution)))).toBeUndefined();
    const left = (await db.select().from(spentFormChallenges)).map((r) => r.signature);
    expect(left).not.toContain('expired-long-ago');
    expect(left).toContain(challenge.signature);
  });

  it('lets a few forms without a solution through per address, then asks a question instead of refusing', async () => {
    const strict = guardFor({ clientKey: (c) => c as unknown as string });
    const absent = { state: 'absent' } as const;
    for (let i = 0; i < SIGNUPS_WITHOUT_CHALLENGE_PER_HOUR; i++)
      expect(await strict.admit('10.0.0.1' as never, absent)).toBeUndefined();
    expect(await strict.admit('10.0.0.1' as never, absent)).toBe('ask-person');
    expect(await strict.admit('10.0.0.2' as never, absent)).toBeUndefined();

    const asked = strict.question({}, 'ask-person')!;
    const right = { [PERSON_CHECK_TOKEN]: asked.token, [PERSON_CHECK_FIELD]: ` ${asked.a + asked.b}` };
    // A form sent back for another field asks the same question again, with what was typed.
    expect(strict.question(right)).toMatchObject({ token: asked.token, answer: right[PERSON_CHECK_FIELD] });
    expect(await strict.admit('10.0.0.1' as never, absent, right)).toBeUndefined();
    // Answered once: the same answer again is not a pass for the next form.
    expect(await strict.admit('10.0.0.1' as never, absent, right)).toBe('wrong-answer');

    const next = strict.question({}, 'wrong-answer')!;
    expect(next.token).not.toBe(asked.token);
    const wrong = { [PERSON_CHECK_TOKEN]: next.token, [PERSON_CHECK_FIELD]: String(next.a + next.b + 1) };
    expect(await strict.admit('10.0.0.1' as never, absent, wrong)).toBe('wrong-answer');
    // Numbers changed in the token, or a token from nowhere, break its signature.
    const [, , ...rest] = next.token.split('.');
    const forged = { [PERSON_CHECK_TOKEN]: ['2', '2', ...rest].join('.'), [PERSON_CHECK_FIELD]: '4' };
    // (When the question happened to be 2 + 2, the "forged" token is the real one.)
    if (next.a !== 2 || next.b !== 2) {
      expect(await strict.admit('10.0.0.1' as never, absent, forged)).toBe('wrong-answer');
      expect(strict.question({ [PERSON_CHECK_TOKEN]: forged[PERSON_CHECK_TOKEN] })).toBeUndefined();
    }
    expect(await strict.admit('10.0.0.1' as never, absent, { [PERSON_CHECK_FIELD]: '4' })).toBe('wrong-answer');
    // An expired question is no pass either.
    expect(new PersonCheck(secrets).read(next.token, Date.now() + 31 * 60_000)).toBeUndefined();

    // When the feature's own per-address rate is reached, even a solved check is asked the question.
    const { challenge, solution } = await solved();
    const check = await strict.check(encodeSolution(challenge, solution));
    expect(await strict.admit('10.0.0.3' as never, check, {}, { askPerson: true })).toBe('ask-person');
  });

  it('holds an address that answers very many questions for a moment, never for an hour', async () => {
    const busy = guardFor({ clientKey: () => '10.0.0.9' });
    const answers = Array.from({ length: ANSWERED_CHECKS_PER_HOUR + 1 }, () => {
      const q = busy.question({}, 'ask-person')!;
      return { [PERSON_CHECK_TOKEN]: q.token, [PERSON_CHECK_FIELD]: String(q.a + q.b) };
    });
    const outcomes = await Promise.all(answers.map((a) => busy.admit(request, { state: 'absent' }, a)));
    expect(outcomes.filter((o) => o === undefined)).toHaveLength(ANSWERED_CHECKS_PER_HOUR);
    expect(outcomes.at(-1)).toBe('too-many');
  });

  it('asks real work everywhere but under NODE_ENV=test', async () => {
    for (const nodeEnv of ['production', 'development'] as const)
      expect((await guardFor({ nodeEnv }).issue()).parameters.cost).toBe(1_000);
    expect((await guard.issue()).parameters.cost).toBe(1);
  });

  it('serves a fresh challenge that no cache keeps, and the widget files for a year', async () => {
    const { app } = createTestApp(database());
    const [a, b] = await Promise.all([app.request('/altcha/challenge'), app.request('/altcha/challenge')]);
    expect(a.status).toBe(200);
    expect(a.headers.get('cache-control')).toBe('no-store');
    const [first, second] = (await Promise.all([a.json(), b.json()])) as [Challenge, Challenge];
    expect(first.parameters.algorithm).toBe('PBKDF2/SHA-256');
    expect(first.signature).not.toBe(second.signature);

    const script = await app.request(signupScript.path);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    const body = await script.text();
    const files = [...body.matchAll(/"(\/assets\/altcha[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(files).toHaveLength(2);
    for (const file of files) {
      const res = await app.request(file);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    }
    // Spanish words for the widget ship with it.
    expect(body).toContain('Comprobando');
  });
});
