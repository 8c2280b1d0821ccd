import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { randomToken, safeEqual, type Secrets } from '../../platform/crypto.ts';

/**
 * A "device cookie" (OWASP's defence against lock-out): after a correct
 * sign-in, the browser is given a signed note saying "this browser has signed
 * in to this account before". Attempts from a browser holding one are counted
 * on their own (per device), so a stranger who floods an account's sign-in with
 * wrong passwords locks out only other strangers, never the owner's own browser.
 * Nothing is stored on the server: the signature is the proof.
 */
const DEVICE_LIFETIME_S = 180 * 24 * 60 * 60;

/**
 * `__Host-` makes the browser refuse it from another subdomain or over http; browsers accept that prefix only with
 * Secure.
 */
export function deviceCookieName(secure: boolean): string {
  return secure ? '__Host-gs_device' : 'gs_device';
}

function signature(secrets: Secrets, deviceId: string, email: string): string {
  return secrets.hmac('throttle', `device:${deviceId}:${email}`);
}

/** The device's id when the browser holds a valid device cookie for this (normalised) email, else undefined. */
export function knownDevice(secrets: Secrets, cookie: string | undefined, email: string): string | undefined {
  if (!cookie || cookie.length > 200) return undefined;
  const [deviceId, signed] = cookie.split('.');
  if (!deviceId || !signed) return undefined;
  return safeEqual(signed, signature(secrets, deviceId, email)) ? deviceId : undefined;
}

export function newDeviceCookie(secrets: Secrets, email: string): string {
  const deviceId = randomToken(16);
  return `${deviceId}.${signature(secrets, deviceId, email)}`;
}

export function readDeviceCookie(c: Context, secure: boolean): string | undefined {
  return getCookie(c, deviceCookieName(secure));
}

export function setDeviceCookie(c: Context, value: string, secure: boolean): void {
  setCookie(c, deviceCookieName(secure), value, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    maxAge: DEVICE_LIFETIME_S,
  });
}
