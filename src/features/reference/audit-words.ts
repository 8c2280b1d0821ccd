import { count, type AuditFacts, type AuditWords } from '../audit/service.ts';

/** The audit log's sentences for loading Oregon's reference data: who started it, and what it found. */

function found(e: AuditFacts): string {
  const { legislators, senateDistricts, houseDistricts, zips } = e.after;
  if (legislators === undefined) return '';
  return (
    `: ${count(legislators)} legislators, ${count(senateDistricts)} Senate and ` +
    `${count(houseDistricts)} House districts, ${count(zips)} ZIP areas`
  );
}

export const referenceAuditWords: AuditWords = {
  actions: {
    'reference.import': {
      label: 'Started loading the reference data',
      sentence: (e) => `${e.actor} started loading Oregon’s reference data`,
    },
    'reference.imported': {
      label: 'Loaded the reference data',
      sentence: (e) => `${e.actor} loaded Oregon’s reference data${found(e)}`,
    },
    'reference.import-failed': {
      label: 'Could not load the reference data',
      sentence: (e) => `${e.actor} could not load Oregon’s reference data; nothing was changed`,
    },
  },
  subjectHref: () => '/admin/reference',
  fieldLabel: (name) => fields[name],
};

const fields: Record<string, string> = {
  folder: 'Folder',
  legislators: 'Legislators',
  senateDistricts: 'Senate districts',
  houseDistricts: 'House districts',
  zips: 'ZIP areas',
};
