import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Db } from '../../platform/db/client.ts';
import type { AdminEnv } from '../../platform/http/admin.tsx';
import { sha256 } from '../../platform/crypto.ts';
import { clientIp } from '../../platform/http/client-ip.ts';
import { bindCsrfToSession } from '../../platform/http/csrf.ts';
import { findSession, SESSION_ABSOLUTE_MS } from './sessions.ts';

export const SESSION_COOKIE = 'gs_staff';

/** Finds who is signed in from the session cookie, for every /admin request. */
export function loadStaffSession(deps: { db: Db; trustProxy: number }): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    c.set('ip', clientIp(c, deps.trustProxy));
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await findSession(deps.db, token) : undefined;
    if (token && !session) deleteCookie(c, SESSION_COOKIE, { path: '/admin' });
    // Forms are bound to a live session only: a dead cookie is being deleted, so the next request won't carry it.
    bindCsrfToSession(c, session?.idHash);
    c.set(
      'staff',
      session && {
        id: session.staff.id,
        email: session.staff.email,
        displayName: session.staff.displayName,
        role: session.staff.role,
        storiesAccess: session.staff.storiesAccess,
        sessionIdHash: session.idHash,
        awaitingSecondFactor: session.awaitingSecondFactor,
        totpEnabled: Boolean(session.staff.totpEnabledAt),
      },
    );
    return next();
  };
}

/** The key CSRF tokens are bound to: the stored hash of the session cookie's token, whether or not it is still live. */
export function staffSessionKey(c: Context): string | undefined {
  const token = getCookie(c, SESSION_COOKIE);
  return token ? sha256(token) : undefined;
}

/**
 * The session cookie: httpOnly, SameSite=Lax, Secure on https, scoped to /admin, living no longer than the session
 * may.
 */
export function setSessionCookie(c: Parameters<MiddlewareHandler>[0], token: string, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, token, {
    path: '/admin',
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  });
}

export function clearSessionCookie(c: Parameters<MiddlewareHandler>[0]): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/admin' });
}
