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

export type TranslationStatus = 'current' | 'older' | 'missing';

// Saves of two languages a moment apart are one edit, not one language falling behind.
const OLDER_AFTER_MS = 1000;

/**
 * For each language: missing, older than the English it translates (so it
 * may need the same change), or current. English is the site's source and
 * fallback: it is never "older" than a translation, since saving a
 * translation (the Spanish catching up) says nothing about the English
 * words. Takes when each language's words last changed.
 */
export function translationStatuses(updated: Partial<Record<Locale, Date>>): Record<Locale, TranslationStatus> {
  const source = updated.en;
  const status = (locale: Locale): TranslationStatus => {
    const mine = updated[locale];
    if (!mine) return 'missing';
    if (locale === 'en' || !source) return 'current';
    return source.getTime() - mine.getTime() > OLDER_AFTER_MS ? 'older' : 'current';
  };
  return { en: status('en'), es: status('es') };
}

/**
 * Text with its line breaks as LF, the way it is stored. Browsers send every
 * line break in a text area as CR LF (the HTML standard's form encoding),
 * while the seed and scripts write LF: stored as typed, the same words would
 * count as an edit, and saving one language would touch the other's history.
 */
export function withLineFeeds(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
