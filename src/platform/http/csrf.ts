import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { randomToken, safeEqual, type Secrets } from '../crypto.ts';

export const CSRF_COOKIE = 'gs_csrf';
export const CSRF_FIELD = '_csrf';

/**
 * Signed double-submit: the browser holds a random value in an httpOnly
 * cookie; forms carry an HMAC of it that only this server can compute. A
 * request from another site can send the cookie but cannot know the HMAC.
 * The value is replaced at sign-in, so a token seen before can't be replayed
 * into a new session.
 */
export function csrfTokenFor(c: Context, secrets: Secrets, secure: boolean): string {
  let seed = c.get('csrfSeed' as never) as string | undefined;
  seed ??= getCookie(c, CSRF_COOKIE);
  if (!seed || seed.length < 20) {
    seed = randomToken(18);
    setCookie(c, CSRF_COOKIE, seed, { path: '/', httpOnly: true, sameSite: 'Lax', secure });
  }
  c.set('csrfSeed' as never, seed as never);
  return secrets.hmac('csrf', seed);
}

/** Starts a fresh CSRF value (after sign-in and sign-out). */
export function rotateCsrf(c: Context, secure: boolean): void {
  const seed = randomToken(18);
  setCookie(c, CSRF_COOKIE, seed, { path: '/', httpOnly: true, sameSite: 'Lax', secure });
  c.set('csrfSeed' as never, seed as never);
}

/**
 * Refuses any state-changing request without a valid token, before its
 * handler runs. Routes whose URL carries its own authentication (one-click
 * unsubscribe, signed webhooks) are listed in `exempt`.
 */
export function csrfProtection(options: {
  secrets: Secrets;
  exempt?: (path: string) => boolean;
  onRejected: (c: Context) => Response | Promise<Response>;
}): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    if (options.exempt?.(c.req.path)) return next();
    const seed = getCookie(c, CSRF_COOKIE);
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
    if (!seed || !token || !safeEqual(token, options.secrets.hmac('csrf', seed))) return options.onRejected(c);
    return next();
  };
}
