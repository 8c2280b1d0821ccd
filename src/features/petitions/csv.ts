/**
 * CSV writing for the signature export, with no imports: the export
 * process (export-process.ts) loads this and the PostgreSQL driver, nothing
 * more, so its memory is the export's own.
 */

/** The file's columns, in order (what each holds: export.ts). */
export const exportColumns = [
  'first_name',
  'last_name',
  'email',
  'zip_code',
  'can2_user_address',
  'can2_user_city',
  'can2_state_abbreviated',
  'can2_county',
  'comment',
  'created_date',
  'signature_id',
  'status',
  'verified_date',
  'senate_district',
  'house_district',
  'district_source',
  'language',
] as const;

const needsQuotes = /[",\r\n]/;
// A spreadsheet runs a cell that starts with one of these as a formula (OWASP's list: = + - @, tab, carriage return).
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One field, escaped. Anything a signer typed could start with "=" and run
 * as a formula in the spreadsheet staff open it in, so such a cell gets a
 * leading apostrophe: shown as text, harmless to importers.
 */
export function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  let v = value;
  if (formulaStart.test(v)) v = `'${v}`;
  return needsQuotes.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

export function csvLine(fields: readonly (string | null | undefined)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
