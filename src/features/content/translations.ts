import type { Locale } from './schema.ts';

/**
 * Picks the version to show: the asked-for language, else English, else any.
 * The chosen row's own locale is kept so views can mark fallback text with
 * its real language (lang="en" inside a Spanish page).
 */
export function pickTranslation<T extends { locale: Locale }>(rows: T[], locale: Locale): T | undefined {
  return rows.find((r) => r.locale === locale) ?? rows.find((r) => r.locale === 'en') ?? rows[0];
}

/** Groups rows by a key, keeping first-seen order. */
export function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
