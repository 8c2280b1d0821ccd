import { createHash } from 'node:crypto';
import { isMailboxAddress, normalizeEmail } from '../../platform/email-address.ts';
import { isPlainText } from '../../platform/plain-text.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { IGNORED, importFieldLabel, saysSubscribed, type ImportField } from './import-columns.ts';
import { tagInput } from './records.ts';

/**
 * One row of an import file checked, apart from the database: what it says
 * about a person, or why it is refused. The same check serves the dry run
 * and the import, so the report staff read is what the import then does.
 */

export type ImportRecord = {
  rowNumber: number;
  email: string;
  emailAsTyped: string;
  givenName: string;
  familyName: string;
  phone: string;
  zip: string;
  /** Empty when the file does not say, or says a language we do not write in. */
  locale: Locale | '';
  subscribed: boolean;
  tags: string[];
};

export type RowCheck = { record: ImportRecord } | { rowNumber: number; reason: string };

const limits: Record<ImportField, number> = {
  email: 254,
  givenName: 100,
  familyName: 100,
  phone: 30,
  zip: 10,
  language: 40,
  subscribed: 40,
  tags: 1000,
};

const languages: Record<string, Locale> = {
  en: 'en',
  english: 'en',
  'en-us': 'en',
  es: 'es',
  spanish: 'es',
  español: 'es',
  espanol: 'es',
  'es-us': 'es',
  'es-mx': 'es',
};

/** A tag as Action Network or a spreadsheet writes it ("ShowUpRiseUp 2020", "Board_Member") made one of ours. */
function tagOf(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Each address seen so far in the file, by a 53-bit piece of its SHA-256:
 * a few dozen bytes per person instead of the address itself. Two different
 * addresses share one with a chance near one in ten million in a file of a
 * hundred thousand (ADR): the later would be reported as a repeat.
 */
export class SeenAddresses {
  readonly #rows = new Map<number, number>();
  /** The row that had this address first, or undefined (and now it is seen, at this row). */
  firstRow(email: string, rowNumber: number): number | undefined {
    const d = createHash('sha256').update(email).digest();
    const key = d.readUIntBE(0, 6) * 32 + (d[6]! >> 3);
    const first = this.#rows.get(key);
    if (first === undefined) this.#rows.set(key, rowNumber);
    return first;
  }
}

/** One data row (`cells`, in the file's column order) as `fields` maps it. */
export function checkRow(
  cells: readonly string[],
  fields: readonly string[],
  rowNumber: number,
  seen: SeenAddresses,
): RowCheck {
  const refuse = (reason: string): RowCheck => ({ rowNumber, reason });
  if (cells.length !== fields.length)
    return refuse(`It has ${cells.length} cells where the header has ${fields.length}`);
  const value: Partial<Record<ImportField, string>> = {};
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as ImportField | typeof IGNORED;
    if (field === IGNORED) continue;
    const cell = cells[i]!.trim();
    const label = importFieldLabel[field];
    if (!isPlainText(cell)) return refuse(`${label} holds control characters`);
    if (cell.length > limits[field]) return refuse(`${label} is longer than ${limits[field]} characters`);
    value[field] = cell;
  }
  const typed = value.email ?? '';
  if (typed === '') return refuse('The email address is missing');
  if (!isMailboxAddress(typed)) return refuse('The email address is not an address like name@example.org');
  const email = normalizeEmail(typed);
  const phone = value.phone ?? '';
  if (phone !== '' && (!/^\+?[0-9 ().-]*$/.test(phone) || (phone.match(/[0-9]/g)?.length ?? 0) < 7))
    return refuse('The phone number is not a phone number with its area code');
  // Action Network writes ZIP+4 when it has it; we keep the five digits.
  const zip = value.zip ?? '';
  if (zip !== '' && !/^\d{5}(-\d{4})?$/.test(zip)) return refuse('The ZIP code is not a 5-digit ZIP code');
  const tags: string[] = [];
  for (const part of (value.tags ?? '').split(/[,;]/)) {
    const slug = tagOf(part);
    if (slug === '') continue;
    const tag = tagInput.safeParse(slug);
    if (!tag.success) return refuse('A tag is longer than 40 characters');
    if (!tags.includes(tag.data)) tags.push(tag.data);
  }
  // Last, so that a refused row does not hide a later repeat of its address: only accepted rows count as seen.
  const first = seen.firstRow(email, rowNumber);
  if (first !== undefined) return refuse(`The same email address is on row ${first}`);
  return {
    record: {
      rowNumber,
      email,
      emailAsTyped: typed,
      givenName: value.givenName ?? '',
      familyName: value.familyName ?? '',
      phone,
      zip: zip.slice(0, 5),
      locale: languages[(value.language ?? '').toLowerCase()] ?? '',
      subscribed: saysSubscribed(value.subscribed ?? ''),
      tags,
    },
  };
}
