import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { retention } from '../retention.ts';

/**
 * Where people come from: a link's `?source=spring-mailer` is kept in a
 * cookie until the person does something (signs up), which records it.
 * The first code wins: a later link does not overwrite it until an action
 * has used it. Nothing about the page changes, so cached pages stay cached:
 * only a Set-Cookie header is added to the response.
 */
export const SOURCE_COOKIE = 'gs_source';
const SOURCE_PATTERN = /^[A-Za-z0-9_.-]{1,60}$/;
// As long as the privacy notice says (retention.ts).
const KEEP_SECONDS = retention.campaignCookieDays * 24 * 60 * 60;

export function rememberSource(options: { secure: boolean }): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return;
    const code = c.req.query('source');
    // A malformed code is ignored rather than cleaned up: we keep only what we can trust to be a code.
    if (!code || !SOURCE_PATTERN.test(code) || c.res.status >= 400 || sourceOf(c)) return;
    setCookie(c, SOURCE_COOKIE, code, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: options.secure,
      maxAge: KEEP_SECONDS,
    });
  };
}

/** The kept source code, if there is one and it is well-formed. */
export function sourceOf(c: Context): string | undefined {
  const code = getCookie(c, SOURCE_COOKIE);
  return code && SOURCE_PATTERN.test(code) ? code : undefined;
}

/** An action recorded the code: forget it, so the next link someone follows can count. */
export function sourceUsed(c: Context, options: { secure: boolean }): void {
  if (getCookie(c, SOURCE_COOKIE) !== undefined) deleteCookie(c, SOURCE_COOKIE, { path: '/', secure: options.secure });
}
