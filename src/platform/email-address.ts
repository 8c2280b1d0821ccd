import { z } from 'zod';
import { isPlainText } from './plain-text.ts';

/** The one form of an email address used as a key: trimmed, lower-cased, Unicode NFC. */
export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

/**
 * An email address as people type it, checked but not yet normalized.
 * Local parts may carry accents (Unicode), as some supporters' addresses do.
 */
export function emailAddress(whenEmpty = 'Enter your email address') {
  return z
    .string()
    .trim()
    .min(1, whenEmpty)
    .max(254, 'Use 254 characters or fewer')
    // No control characters or half surrogate pairs: PostgreSQL refuses NUL, and no address holds one.
    .refine((value) => isPlainText(value), 'Enter an email address like name@example.org')
    .pipe(z.email({ pattern: z.regexes.unicodeEmail, error: 'Enter an email address like name@example.org' }));
}
