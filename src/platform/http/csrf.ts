import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { randomToken, safeEqual, type Secrets } from '../crypto.ts';

export const CSRF_FIELD = '_csrf';

/**
 * Over https the cookie is `__Host-` prefixed: the browser then accepts it only
 * with Secure, Path=/ and no Domain, so a sibling subdomain or a network
 * attacker on http cannot plant a value of their own. Browsers refuse that
 * prefix without Secure, so over plain http (development) the name is plain.
 */
export function csrfCookieName(secure: boolean): string {
  return secure ? '__Host-gs_csrf' : 'gs_csrf';
}

/**
 * Signed double-submit: the browser holds a random value in an httpOnly
 * cookie; forms carry an HMAC of it, and of the session the request belongs
 * to when there is one, that only this server can compute. A request from
 * another site can send the cookie but cannot know the HMAC, and a token made
 * for an anonymous visit (or another session) is worth nothing with a
 * session's cookie. The value is also replaced at sign-in and sign-out.
 */
export function csrfTokenFor(c: Context, secrets: Secrets, secure: boolean): string {
  let seed = c.get('csrfSeed' as never) as string | undefined;
  seed ??= getCookie(c, csrfCookieName(secure));
  if (!seed || !isSeed(seed)) {
    seed = randomToken(18);
    setCookie(c, csrfCookieName(secure), seed, { path: '/', httpOnly: true, sameSite: 'Lax', secure });
  }
  c.set('csrfSeed' as never, seed as never);
  return expectedToken(secrets, seed, c.get('csrfSession' as never));
}

/** Starts a fresh CSRF value (after sign-in and sign-out). */
export function rotateCsrf(c: Context, secure: boolean): void {
  const seed = randomToken(18);
  setCookie(c, csrfCookieName(secure), seed, { path: '/', httpOnly: true, sameSite: 'Lax', secure });
  c.set('csrfSeed' as never, seed as never);
}

/**
 * Ties the forms this request renders to a session (a key only the session
 * owner's cookie leads to), or to none once the session is found dead or ended.
 */
export function bindCsrfToSession(c: Context, sessionKey: string | undefined): void {
  c.set('csrfSession' as never, sessionKey as never);
}

/**
 * Only seeds this server could have made are used: base64url, so a ':' (which parts a bound token) cannot occur in
 * one.
 */
function isSeed(seed: string): boolean {
  return /^[\w-]{20,64}$/.test(seed);
}

function expectedToken(secrets: Secrets, seed: string, sessionKey: string | undefined): string {
  return secrets.hmac('csrf', sessionKey ? `${seed}:${sessionKey}` : seed);
}

/**
 * Refuses any state-changing request without a valid token, before its
 * handler runs. Routes whose URL carries its own authentication (one-click
 * unsubscribe, signed webhooks) are listed in `exempt`.
 */
export function csrfProtection(options: {
  secrets: Secrets;
  secure: boolean;
  /** The key of the session the request's cookies name, if any: tokens are bound to it. */
  sessionOf?: (c: Context) => string | undefined;
  exempt?: (path: string) => boolean;
  /**
   * Public forms shown on cached pages (the footer sign-up), which cannot carry
   * a per-visitor token: for these, the browser's own word that the request
   * comes from this site (Sec-Fetch-Site, else Origin) is the protection.
   */
  originChecked?: { paths: (path: string) => boolean; publicOrigin: string };
  onRejected: (c: Context) => Response | Promise<Response>;
}): MiddlewareHandler {
  return async (c, next) => {
    const session = options.sessionOf?.(c);
    bindCsrfToSession(c, session);
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    if (options.exempt?.(c.req.path)) return next();
    const checked = options.originChecked;
    if (checked?.paths(c.req.path) && sameSite(c, checked.publicOrigin)) return next();
    const seed = getCookie(c, csrfCookieName(options.secure));
    let token = c.req.header('x-csrf-token');
    if (!token) {
      const type = c.req.header('content-type') ?? '';
      if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
        // parseBody caches the parsed body on the request, so the handler can read it again.
        const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
        const field = body[CSRF_FIELD];
        token = typeof field === 'string' ? field : undefined;
      }
    }
    if (!seed || !isSeed(seed) || !token || !safeEqual(token, expectedToken(options.secrets, seed, session)))
      return options.onRejected(c);
    return next();
  };
}

/**
 * True when the browser says the request comes from this site. Every current
 * browser sends Sec-Fetch-Site or Origin with a form POST; a request with
 * neither (an old browser, a script) must carry the token instead.
 */
export function sameSite(c: Context, publicOrigin: string): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site) return site === 'same-origin';
  const origin = c.req.header('origin');
  return origin !== undefined && origin !== 'null' && origin === publicOrigin;
}
