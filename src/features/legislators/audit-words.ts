import type { AuditFacts, AuditWords } from '../audit/service.ts';

/** The audit log's sentences for the agenda: "Rosa Martinez entered votes on the bill Sample bill: …". */
const bill = (e: AuditFacts) => `the agenda bill ${e.subject ?? e.subjectId}`;
const card = (e: AuditFacts) => `the ${e.subject ?? `${e.subjectId} scorecard`}`;

const fieldLabels: Record<string, string> = {
  session: 'Session',
  billNumber: 'Bill number',
  titleEn: 'Title (English)',
  titleEs: 'Title (Spanish)',
  position: 'Our position',
  path: 'Page about it',
  sponsorIds: 'Sponsors',
  gradeSteps: 'Grade steps',
  absencesCount: 'Absences count',
  published: 'Published',
};

export const legislatorAuditWords: AuditWords = {
  actions: {
    'legislators.bill-create': { label: 'Added an agenda bill', sentence: (e) => `${e.actor} added ${bill(e)}` },
    'legislators.bill-update': { label: 'Edited an agenda bill', sentence: (e) => `${e.actor} edited ${bill(e)}` },
    'legislators.bill-delete': { label: 'Deleted an agenda bill', sentence: (e) => `${e.actor} deleted ${bill(e)}` },
    'legislators.votes': { label: 'Entered votes', sentence: (e) => `${e.actor} entered votes on ${bill(e)}` },
    'legislators.scorecard-create': {
      label: 'Created a scorecard',
      sentence: (e) => `${e.actor} created ${card(e)}`,
    },
    'legislators.scorecard-update': {
      label: 'Edited a scorecard',
      sentence: (e) => `${e.actor} edited ${card(e)}`,
    },
  },
  subjectHref: (type, id) =>
    type === 'agenda-bill' && /^[0-9]{1,9}$/.test(id)
      ? `/admin/legislators/bills/${id}`
      : type === 'scorecard'
        ? `/admin/legislators/scorecards/${encodeURIComponent(id)}`
        : undefined,
  fieldLabel: (name) => fieldLabels[name],
};
