import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { localizedPath, preferredLocale, splitLocale, type Locale } from '../web/locale.ts';
import type { AppEnv } from './env.ts';

export const LANGUAGE_COOKIE = 'lang';

/**
 * The path decides the language (/es/... is Spanish). Only on a first visit,
 * before the person has chosen, does the browser's Accept-Language send them
 * to the Spanish page, or, when it asks for none of ours, the organisation's
 * default language (`defaultLocale`, from its settings). Their later visits,
 * and the language switcher, are remembered in a small preference cookie.
 */
export function pageLanguage(
  locale: Locale,
  options: { secure: boolean; defaultLocale?: () => Promise<Locale | undefined> },
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('locale', locale);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const chosen = getCookie(c, LANGUAGE_COOKIE);
    if (!chosen && locale === 'en') {
      const preferred = preferredLocale(c.req.header('accept-language')) ?? (await options.defaultLocale?.());
      if (preferred && preferred !== 'en') {
        const url = new URL(c.req.url);
        remember(c, preferred, options.secure);
        return c.redirect(localizedPath(preferred, splitLocale(url.pathname).path) + url.search, 302);
      }
    }
    await next();
    if (chosen !== locale && c.res.status < 400) remember(c, locale, options.secure);
  };
}

function remember(c: Parameters<MiddlewareHandler>[0], locale: Locale, secure: boolean) {
  setCookie(c, LANGUAGE_COOKIE, locale, {
    path: '/',
    maxAge: 60 * 60 * 24 * 365,
    sameSite: 'Lax',
    httpOnly: true,
    secure,
  });
}
