import type { AuditFacts, AuditWords } from '../audit/service.ts';

/** The audit log's sentences for letter campaigns: "Rosa Martinez turned on live delivery for Clean Air letters". */
function campaign(e: AuditFacts): string {
  return `the letter campaign ${e.subject ?? e.subjectId}`;
}

const fieldLabels: Record<string, string> = {
  slug: 'Address',
  targetKinds: 'Whom letters go to',
  committee: 'Committee',
  legislatorIds: 'Named legislators',
  deliveryMode: 'Delivery',
  reviewAddress: 'Review address',
  allowStory: 'Asks for a story',
  goal: 'Goal',
  opensAt: 'Opens',
  closesAt: 'Closes',
  status: 'State',
  live: 'Live delivery',
  liveDelivery: 'Live delivery',
  offices: 'Offices',
  en: 'English words',
  es: 'Spanish words',
};

export const letterAuditWords: AuditWords = {
  actions: {
    'letters.create': {
      label: 'Created a letter campaign',
      sentence: (e) => `${e.actor} created ${campaign(e)}`,
    },
    'letters.update': { label: 'Edited a letter campaign', sentence: (e) => `${e.actor} edited ${campaign(e)}` },
    'letters.open': { label: 'Opened a letter campaign', sentence: (e) => `${e.actor} opened ${campaign(e)}` },
    'letters.close': { label: 'Closed a letter campaign', sentence: (e) => `${e.actor} closed ${campaign(e)}` },
    'letters.unpublish': {
      label: 'Took a letter campaign back to draft',
      sentence: (e) => `${e.actor} took ${campaign(e)} back to draft`,
    },
    'letters.live-delivery': {
      label: 'Turned on live delivery',
      sentence: (e) => `${e.actor} turned on live delivery to legislators for ${campaign(e)}`,
    },
    'letters.live-off': {
      label: 'Turned off live delivery',
      sentence: (e) => `${e.actor} turned off live delivery for ${campaign(e)}: letters go to the review address`,
    },
  },
  subjectHref: (type, id) =>
    type === 'letter-campaign' && /^[0-9]{1,9}$/.test(id) ? `/admin/letters/${id}` : undefined,
  fieldLabel: (name) => fieldLabels[name],
};
