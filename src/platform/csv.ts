/**
 * Writing CSV (RFC 4180: CRLF line ends, a field quoted when it holds a
 * comma, quote or line break, quotes doubled), with no imports: the
 * petitions' export process loads this and its driver, nothing more.
 */

const needsQuotes = /[",\r\n]/;
// A spreadsheet runs a cell that starts with one of these as a formula (OWASP's list: = + - @, tab, carriage return).
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One field, escaped. Anything a person typed could start with "=" and run
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
