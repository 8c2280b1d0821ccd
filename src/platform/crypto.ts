import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hash,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';

/**
 * Keys for each purpose are derived from the one SECRET_KEY, so a token
 * signed for one use (CSRF) can never pass for another (a reset link).
 */
export type Purpose =
  | 'csrf'
  | 'throttle'
  | 'totp'
  | 'sessions'
  | 'links'
  | 'stories'
  | 'altcha'
  | 'audit'
  | 'privacy'
  | 'api'
  | 'webhooks';

export class Secrets {
  private readonly keys = new Map<Purpose, Buffer>();
  // HMAC with a ready KeyObject skips re-importing the key on every call (thousands a second in a broadcast).
  private readonly hmacKeys = new Map<Purpose, KeyObject>();
  constructor(private readonly secretKey: string) {}

  key(purpose: Purpose): Buffer {
    let key = this.keys.get(purpose);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.secretKey, 'groundswell', purpose, 32));
      this.keys.set(purpose, key);
    }
    return key;
  }

  /** A keyed hash: the same input always gives the same output, which reveals nothing without the key. */
  hmac(purpose: Purpose, value: string): string {
    let key = this.hmacKeys.get(purpose);
    if (!key) {
      key = createSecretKey(this.key(purpose));
      this.hmacKeys.set(purpose, key);
    }
    return createHmac('sha256', key).update(value).digest('base64url');
  }

  /** AES-256-GCM; the result carries its nonce and tag and is safe to store as text. */
  encrypt(purpose: Purpose, plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(purpose), iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(
      '.',
    );
  }

  decrypt(purpose: Purpose, stored: string): string {
    const [version, iv, tag, body] = stored.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unrecognised ciphertext');
    const decipher = createDecipheriv('aes-256-gcm', this.key(purpose), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Tokens are stored only as their hash, so a database leak hands out no working session or link. */
export function sha256(value: string): string {
  // The one-shot form: no Hash object per call (a petition spike hashes a token per signature).
  return hash('sha256', value, 'base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
