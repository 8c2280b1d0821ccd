/**
 * CSV for the signature export, importing only the platform's CSV writer: the
 * export process (export-process.ts) loads this and the PostgreSQL driver,
 * nothing more, so its memory is the export's own.
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

// Escaped by the platform's writer, which the signature export and the supporter export share.
export { csvField, csvLine } from '../../platform/csv.ts';
