/** The languages the site is published in. English is the default and the fallback. */
export const locales = ['en', 'es'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'es';
}

/** The address of a page in a language: "/tips" in English is "/es/tips" in Spanish. */
export function localizedPath(locale: Locale, path: string): string {
  const clean = path.startsWith('/') ? path : `/${path}`;
  if (locale === defaultLocale) return clean;
  return clean === '/' ? `/${locale}` : `/${locale}${clean}`;
}

/**
 * Where a link staff wrote should lead in this language: a path on this site
 * gets the language's prefix ("/tips" → "/es/tips"); an address elsewhere
 * ("https://…", "mailto:…", "//host/…") or an anchor ("#join") is left as written.
 */
export function localizedHref(locale: Locale, href: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//') || href.startsWith('#')) return href;
  return localizedPath(locale, href);
}

/** Splits "/es/tips?q=1" into the language and the language-neutral path "/tips?q=1". */
export function splitLocale(path: string): { locale: Locale; path: string } {
  const match = /^\/(es)(?=\/|\?|$)(.*)$/.exec(path);
  if (!match) return { locale: defaultLocale, path };
  const rest = match[2] ?? '';
  return { locale: match[1] as Locale, path: rest === '' || rest.startsWith('?') ? `/${rest}` : rest };
}

/**
 * The language a first-time visitor's browser prefers, from Accept-Language,
 * honouring q-values; undefined when none of ours is acceptable.
 */
export function preferredLocale(acceptLanguage: string | undefined): Locale | undefined {
  if (!acceptLanguage) return undefined;
  const ranked = acceptLanguage
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0 && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const entry of ranked) {
    if (isLocale(entry.lang)) return entry.lang;
  }
  return undefined;
}
