import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { encodeSolution } from '../../../test/support/form-challenge.ts';
import { Secrets } from '../crypto.ts';
import { spentFormChallenges } from './form-challenge-schema.ts';
import { signupScript } from './form-challenge-widget.tsx';
import { FormGuard, SIGNUPS_WITHOUT_CHALLENGE_PER_HOUR } from './form-challenge.ts';

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

  it('refuses forged, tampered, foreign and malformed payloads', async () => {
    const { challenge, solution } = await solved();
    const foreign = new FormGuard({ db: database().db, secrets: new Secrets('another-secret-key-that-is-long-enough-000'), nodeEnv: 'test', clientKey: () => 'x' });
    const other = await solved(await foreign.issue());
    const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
    const forged = [
      encodeSolution(challenge, { ...solution, derivedKey: solution.derivedKey.replace(/^./, (d) => (d === '0' ? '1' : '0')) }),
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
    for (const [i, payload] of forged.entries()) expect((await guard.check(payload)).state, `forgery ${i}`).toBe('invalid');
    expect((await guard.check(['two', 'values'])).state).toBe('invalid');
    expect((await guard.check(undefined)).state).toBe('absent');
    expect((await guard.check('')).state).toBe('absent');
  });

  it('refuses a solution to a challenge that has expired', async () => {
    const { challenge, solution } = await solved(await guard.issue(Date.now() - 31 * 60_000));
    expect(await guard.check(encodeSolution(challenge, solution))).toEqual({ state: 'expired' });
  });

  it('forgets spent solutions once their challenges have expired', async () => {
    const db = database().db;
    await db.insert(spentFormChallenges).values({ signature: 'expired-long-ago', expiresAt: new Date(Date.now() - 60_000) });
    const fresh = guardFor();
    const { challenge, solution } = await solved();
    expect(await fresh.admit(request, await fresh.check(encodeSolution(challenge, solution)))).toBeUndefined();
    const left = (await db.select().from(spentFormChallenges)).map((r) => r.signature);
    expect(left).not.toContain('expired-long-ago');
    expect(left).toContain(challenge.signature);
  });

  it('lets a few forms without a solution through per address, then refuses', async () => {
    const strict = guardFor({ clientKey: (c) => c as unknown as string });
    for (let i = 0; i < SIGNUPS_WITHOUT_CHALLENGE_PER_HOUR; i++) expect(await strict.admit('10.0.0.1' as never, { state: 'absent' })).toBeUndefined();
    expect(await strict.admit('10.0.0.1' as never, { state: 'absent' })).toBe('too-many-without-challenge');
    expect(await strict.admit('10.0.0.2' as never, { state: 'absent' })).toBeUndefined();
  });

  it('asks real work everywhere but under NODE_ENV=test', async () => {
    for (const nodeEnv of ['production', 'development'] as const) expect((await guardFor({ nodeEnv }).issue()).parameters.cost).toBe(1_000);
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
