import type { AuditFacts, AuditWords } from '../audit/service.ts';

/**
 * The audit log's sentences for stories: "Rosa Martinez read the story 7Hq2…". An entry names a story by its public
 * id and never holds its words, its teller or their contact details: the log outlives a deletion (ADR 063).
 */
function story(e: AuditFacts): string {
  return `the story ${e.subject ?? e.subjectId}`;
}

const fieldLabels: Record<string, string> = {
  status: 'State',
  publishedAs: 'Signed as',
  topics: 'Topics',
  forTestimony: 'For testimony',
  fields: 'Fields changed',
  publishConsent: 'Consent to publish',
  testimonyConsent: 'Consent to testimony',
  stories: 'Stories',
  keyId: 'Key',
  count: 'How many',
};

export const storyAuditWords: AuditWords = {
  actions: {
    'story.read': { label: 'Read a story', sentence: (e) => `${e.actor} read ${story(e)}` },
    'story.redact': {
      label: 'Edited a story for publishing',
      sentence: (e) => `${e.actor} edited the version of ${story(e)} to publish`,
    },
    'story.translate': { label: 'Translated a story', sentence: (e) => `${e.actor} translated ${story(e)}` },
    'story.publish': { label: 'Published a story', sentence: (e) => `${e.actor} published ${story(e)}` },
    'story.unpublish': { label: 'Unpublished a story', sentence: (e) => `${e.actor} unpublished ${story(e)}` },
    'story.keep': { label: 'Kept a story for staff', sentence: (e) => `${e.actor} kept ${story(e)} for staff only` },
    'story.reject': { label: 'Rejected a story', sentence: (e) => `${e.actor} rejected ${story(e)}` },
    'story.ask-consent': {
      label: 'Asked a teller for consent again',
      sentence: (e) => `${e.actor} asked the teller of ${story(e)} to choose their consent again`,
    },
    'story.consent': {
      label: 'A teller chose their consent again',
      sentence: (e) => `${e.actor} chose the consent for ${story(e)} again`,
    },
    'story.testimony': {
      label: 'Chose a story for testimony',
      sentence: (e) => `${e.actor} changed whether ${story(e)} is in the testimony packet`,
    },
    'story.testimony-export': {
      label: 'Printed the testimony packet',
      sentence: (e) => `${e.actor} opened the testimony packet`,
    },
    'story.delete': { label: 'Deleted a story', sentence: (e) => `${e.actor} deleted ${story(e)}` },
    'story.purge': {
      label: 'Deleted stories past their keeping time',
      sentence: (e) => `${e.actor} deleted stories kept past their time`,
    },
    'stories.rotate-key': {
      label: 'Rotated the stories key',
      sentence: (e) => `${e.actor} rotated the key that protects stories`,
    },
  },
  fieldLabel: (name) => fieldLabels[name],
  subjectHref: (subjectType, subjectId) => (subjectType === 'story' ? `/admin/stories/${subjectId}` : undefined),
};
