import { createHmac, timingSafeEqual } from 'node:crypto';

/** How old a signed delivery a receiver should still accept, by default: long enough for clocks that drift. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const hmacHex = (secret: string, t: number, body: string) =>
  createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

/**
 * `Groundswell-Signature`: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the endpoint's secret>`.
 * The time is inside what is signed, so a delivery captured on the way cannot be replayed later as new.
 */
export function signatureHeader(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmacHex(secret, t, body)}`;
}

/**
 * What a receiver does with a delivery before believing it: the header names a time within `toleranceSeconds` of
 * now and one of its v1 values is the HMAC of that time and the raw body (the bytes received, before any JSON
 * parsing), compared in constant time.
 */
export function verifySignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  options: { now?: Date; toleranceSeconds?: number } = {},
): boolean {
  if (!header) return false;
  let t: number | undefined;
  const given: string[] = [];
  for (const part of header.split(',')) {
    const [name, value] = part.trim().split('=', 2);
    if (name === 't' && value && /^\d{1,12}$/.test(value)) t = Number(value);
    else if (name === 'v1' && value && /^[0-9a-f]{64}$/.test(value)) given.push(value);
  }
  if (t === undefined || given.length === 0) return false;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - t) > (options.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS)) return false;
  const wanted = Buffer.from(hmacHex(secret, t, body), 'hex');
  return given.some((v) => timingSafeEqual(Buffer.from(v, 'hex'), wanted));
}
