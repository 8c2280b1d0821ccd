import { createChallenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { Secrets } from '../src/platform/crypto.ts';
import { challengeSecrets } from '../src/platform/http/form-challenge.ts';
import { encodeSolution } from '../test/support/form-challenge.ts';

/** The spike's signers, shared by bench:petition and bench:petition-floor so that both send the same requests. */

// Real Oregon ZIPs: some wholly in one district, some across several.
const zips = [
  '97201',
  '97202',
  '97209',
  '97214',
  '97301',
  '97302',
  '97401',
  '97403',
  '97701',
  '97801',
  '97520',
  '97123',
  '97005',
  '97330',
  '97603',
];

/**
 * The n-th signer's form as a browser encodes it: a new person each
 * time, all ASCII, so its length in characters is its length in bytes.
 */
export function signerForm(n: number, proofOfWork?: string): string {
  return (
    `givenName=Alex&familyName=Signer+${n}&email=signer-${n}%40bench.example&zip=${zips[n % zips.length]}` +
    `&comment=${n % 5 === 0 ? 'Healing+over+handcuffs.' : ''}&showPublicly=${n % 2 ? 'on' : ''}` +
    (proofOfWork ? `&altcha=${proofOfWork}` : '')
  );
}

/**
 * `count` solved proof-of-work payloads, URL-encoded for the form's `altcha`
 * field, each for its own challenge (a solution is accepted once). The
 * benchmark knows the server's SECRET_KEY, so it issues the challenges
 * itself at the lowest cost (one key derivation, at counter 0) and solves
 * each in one step: the server checks them exactly as a browser's (the
 * cost is part of what it signed). Made before the run, so that the load
 * generator's figures stay those of sending requests.
 */
export async function solvedChallenges(secretKey: string, count: number): Promise<string[]> {
  const secrets = challengeSecrets(new Secrets(secretKey));
  const expiresAt = new Date(Date.now() + 30 * 60_000);
  const solved: string[] = [];
  while (solved.length < count) {
    const group = await Promise.all(
      Array.from({ length: Math.min(500, count - solved.length) }, async () => {
        const challenge = await createChallenge({
          algorithm: 'PBKDF2/SHA-256',
          cost: 1,
          counter: 0,
          deriveKey,
          expiresAt,
          ...secrets,
        });
        const solution = (await solveChallenge({ challenge, deriveKey, counterStart: 0 }))!;
        return encodeURIComponent(encodeSolution(challenge, solution));
      }),
    );
    solved.push(...group);
  }
  return solved;
}
