/**
 * What staff confirm a person agreed to when they add them by hand or turn a
 * topic on for them. The version goes into each consent record; a change of
 * wording is a new version, and the old ones stay here so a record can always
 * be read back in the words that were shown.
 */
export const STAFF_CONSENT = {
  version: 'staff-2026-12-04',
  wording:
    'They asked us, in person, by phone or in writing, to send them the email ticked above, and they know they can ' +
    'unsubscribe from any of it at any time.',
  label: 'They agreed to this, in these words',
  missing: 'Tick the box to confirm that they agreed to this email, in the words shown',
} as const;

/** Every wording staff have been shown, by version. */
export const staffConsentWordings: Record<string, string> = { [STAFF_CONSENT.version]: STAFF_CONSENT.wording };
