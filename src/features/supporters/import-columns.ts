/**
 * The fields a CSV import fills, and the column names that go to each
 * without staff choosing: ours, the usual spreadsheet words, and Action
 * Network's people export (first_name, last_name, email, zip_code,
 * can2_phone, "Phone Number", can2_user_tags, can2_subscription_status,
 * language), so a file from there maps itself.
 */

export const importFields = [
  'email',
  'givenName',
  'familyName',
  'phone',
  'zip',
  'language',
  'subscribed',
  'tags',
] as const;
export type ImportField = (typeof importFields)[number];
/** A column nobody wants: left out of the import. */
export const IGNORED = 'ignore' as const;

export const importFieldLabel: Record<ImportField | typeof IGNORED, string> = {
  email: 'Email address',
  givenName: 'First name',
  familyName: 'Last name',
  phone: 'Phone',
  zip: 'ZIP code',
  language: 'Language (English or Spanish)',
  subscribed: 'Email subscription (consent only where it says subscribed)',
  tags: 'Tags (separated by commas)',
  [IGNORED]: 'Leave out',
};

/** Headers compared without case, spaces, underscores or hyphens. */
const squash = (header: string) => header.toLowerCase().replace(/[\s_-]+/g, '');

const knownHeaders: Record<string, ImportField> = {
  email: 'email',
  emailaddress: 'email',
  email1: 'email',
  firstname: 'givenName',
  givenname: 'givenName',
  first: 'givenName',
  lastname: 'familyName',
  familyname: 'familyName',
  surname: 'familyName',
  last: 'familyName',
  can2phone: 'phone',
  phone: 'phone',
  phonenumber: 'phone',
  mobile: 'phone',
  mobilenumber: 'phone',
  zip: 'zip',
  zipcode: 'zip',
  postalcode: 'zip',
  postcode: 'zip',
  language: 'language',
  preferredlanguage: 'language',
  locale: 'language',
  can2subscriptionstatus: 'subscribed',
  emailsubscriptionstatus: 'subscribed',
  subscriptionstatus: 'subscribed',
  subscribed: 'subscribed',
  emailoptin: 'subscribed',
  tags: 'tags',
  can2usertags: 'tags',
};

/**
 * The field each header goes to, guessed from its name; a field is given
 * to its first column only (a second "phone" column is left out), so the
 * guess is always a mapping staff could have chosen.
 */
export function guessMapping(headers: readonly string[]): string[] {
  const taken = new Set<string>();
  return headers.map((header) => {
    const field = knownHeaders[squash(header)];
    if (!field || taken.has(field)) return IGNORED;
    taken.add(field);
    return field;
  });
}

export type MappingProblem = { column: number; message: string } | { column: undefined; message: string };

/** What is wrong with a mapping staff sent: no email column, or a field chosen twice. */
export function mappingProblems(fields: readonly string[]): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const seen = new Map<string, number>();
  fields.forEach((field, column) => {
    if (field === IGNORED) return;
    if (!(importFields as readonly string[]).includes(field))
      problems.push({ column, message: 'Choose one of the fields listed' });
    else if (seen.has(field))
      problems.push({
        column,
        message: `${importFieldLabel[field as ImportField]} is already chosen for column ${seen.get(field)! + 1}`,
      });
    else seen.set(field, column);
  });
  if (!seen.has('email')) problems.push({ column: undefined, message: 'Choose the column that holds email addresses' });
  return problems;
}

/** A "subscribed" cell that says consent was given; anything else (unsubscribed, bouncing, empty) gives none. */
const consentWords = new Set(['subscribed', 'yes', 'y', 'true', '1', 'opted in', 'opted-in', 'optin', 'sí', 'si']);
export const saysSubscribed = (cell: string) => consentWords.has(cell.trim().toLowerCase());
