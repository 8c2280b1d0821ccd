import { verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { FormGuard as FastGuard, payloadShape, type ChallengeCheck } from '../../src/platform/http/form-challenge.ts';

export * from '../../src/platform/http/form-challenge.ts';

/** Without the fast path: the same check through altcha-lib's public verifySolution (WebCrypto). */
export class FormGuard extends FastGuard {
  override async check(field: unknown): Promise<ChallengeCheck> {
    if (field === undefined || field === '') return { state: 'absent' };
    if (typeof field !== 'string' || field.length > 4000) return { state: 'invalid' };
    let payload: ReturnType<typeof payloadShape.parse>;
    try {
      payload = payloadShape.parse(JSON.parse(Buffer.from(field, 'base64').toString('utf8')));
    } catch {
      return { state: 'invalid' };
    }
    const { signatureSecret, keySecret } = this as unknown as { signatureSecret: string; keySecret: string };
    try {
      const result = await verifySolution({
        challenge: payload.challenge,
        solution: payload.solution,
        deriveKey,
        hmacSignatureSecret: signatureSecret,
        hmacKeySignatureSecret: keySecret,
      });
      if (result.expired) return { state: 'expired' };
      if (!result.verified) return { state: 'invalid' };
    } catch {
      return { state: 'invalid' };
    }
    return {
      state: 'solved',
      signature: payload.challenge.signature,
      expiresAt: new Date(payload.challenge.parameters.expiresAt * 1000),
    };
  }
}
