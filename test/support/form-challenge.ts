import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';

/** What the sign-up widget does in a browser: fetch a challenge, solve it, and encode the answer for the form. */
export async function solvedChallenge(request: (path: string) => Response | Promise<Response>): Promise<string> {
  const challenge = (await (await request('/altcha/challenge')).json()) as Challenge;
  return encodeSolution(challenge, (await solveChallenge({ challenge, deriveKey }))!);
}

export function encodeSolution(challenge: Challenge, solution: { counter: number; derivedKey: string }): string {
  return Buffer.from(
    JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution }),
  ).toString('base64');
}
