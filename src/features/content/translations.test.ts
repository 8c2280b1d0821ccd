import { describe, expect, it } from 'vitest';
import { translationStatuses, withLineFeeds } from './translations.ts';

describe('which language lags', () => {
  const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, seconds));

  it('calls a translation older when the English changed after it, and English never older than it', () => {
    expect(translationStatuses({ en: at(30), es: at(0) })).toEqual({ en: 'current', es: 'older' });
    // The Spanish saved after the English is a translation catching up, not the English falling behind.
    expect(translationStatuses({ en: at(0), es: at(30) })).toEqual({ en: 'current', es: 'current' });
    // Two saves a moment apart are one edit.
    expect(translationStatuses({ en: at(1), es: at(0) })).toEqual({ en: 'current', es: 'current' });
    expect(translationStatuses({ es: at(0) })).toEqual({ en: 'missing', es: 'current' });
  });

  it('stores every kind of line break as LF', () => {
    expect(withLineFeeds('one\r\ntwo\rthree\nfour')).toBe('one\ntwo\nthree\nfour');
  });
});
