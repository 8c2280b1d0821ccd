import { z } from 'zod';

/**
 * Text as people type it into a form field. Whatever bytes arrive, a field
 * is either stored or refused with a message by it, never a server error:
 * PostgreSQL refuses NUL in text (a 500, not a message), no person types
 * another control character, and half a surrogate pair is not text at all
 * (PostgreSQL's JSON refuses it, and it cannot be written as UTF-8). A
 * length limit on every field keeps a pasted megabyte out of the database
 * and out of slow checks (argon2, regular expressions).
 */
export const PLAIN_TEXT_MESSAGE = 'Use only letters, numbers, spaces and punctuation';

const controls = /[\u0000-\u001f\u007f-\u009f]/;
/** Tab and line breaks are what a multi-line field may hold besides printable text. */
const controlsButLines = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * Whether text holds only what a person types: no control characters (tab and line breaks allowed with `lines`), no
 * half surrogate pairs.
 */
export function isPlainText(value: string, options: { lines?: boolean } = {}): boolean {
  return value.isWellFormed() && !(options.lines ? controlsButLines : controls).test(value);
}

const tooLong = (max: number) => `Use ${max.toLocaleString('en-US')} characters or fewer`;

/**
 * One text field: at most `max` characters of plain text (`lines` for a
 * textarea), trimmed unless `trim: false` (Markdown, whose leading spaces
 * mean something). `required` is the message for an empty one; without it,
 * empty is allowed.
 */
export function plainText(options: {
  max: number;
  lines?: boolean;
  trim?: boolean;
  required?: string | undefined;
  message?: string;
  tooLong?: string;
}) {
  const base = options.trim === false ? z.string() : z.string().trim();
  const sized = options.required ? base.min(1, options.required) : base;
  return sized
    .max(options.max, options.tooLong ?? tooLong(options.max))
    .refine((value) => isPlainText(value, options), options.message ?? PLAIN_TEXT_MESSAGE);
}

/**
 * A password as typed: any character a person can type, kept as it is (not
 * trimmed), at most `max` so that a huge paste never reaches argon2.
 */
export function typedPassword(options: { max?: number; required?: string } = {}) {
  const max = options.max ?? 1000;
  const base = z
    .string()
    .max(max, tooLong(max))
    .refine((value) => value.isWellFormed() && !value.includes('\u0000'), PLAIN_TEXT_MESSAGE);
  return options.required ? base.min(1, options.required) : base;
}
