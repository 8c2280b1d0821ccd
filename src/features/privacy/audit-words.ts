import type { AuditFacts, AuditWords } from '../audit/service.ts';

/** The audit log's sentences for privacy requests: each names the request by its number, never the person. */
const request = (e: AuditFacts) => `privacy request ${e.subjectId}`;

export const privacyAuditWords: AuditWords = {
  actions: {
    'privacy.confirm': {
      label: 'A person confirmed a privacy request',
      sentence: (e) => `${e.actor} confirmed ${request(e)}`,
    },
    'privacy.copy-taken': {
      label: 'A person downloaded their data',
      sentence: (e) => `${e.actor} downloaded the copy asked for in ${request(e)}`,
    },
    'privacy.decide': { label: 'Decided a privacy request', sentence: (e) => `${e.actor} decided ${request(e)}` },
    'privacy.appeal': {
      label: 'Recorded an appeal',
      sentence: (e) => `${e.actor} recorded an appeal against the decision on ${request(e)}`,
    },
    'privacy.appeal-decide': {
      label: 'Decided an appeal',
      sentence: (e) => `${e.actor} decided the appeal on ${request(e)}`,
    },
  },
  fieldLabel: (name) => (name === 'status' ? 'State' : undefined),
  subjectHref: (subjectType, subjectId) =>
    subjectType === 'privacy-request' ? `/admin/privacy/${subjectId}` : undefined,
};
