import type { AuditWords } from '../audit/service.ts';

/** The audit action of each request a key makes: routine, kept out of the workspace home's recent activity. */
export const API_REQUEST_ACTIONS = ['api.request'] as const;

const named = (subject: string | undefined) => (subject ? `the API key ${subject}` : 'an API key');

/** The audit log's sentences for the API: keys made and revoked, and each request a key made. */
export const apiAuditWords: AuditWords = {
  actions: {
    'api-key.create': {
      label: 'Made an API key',
      sentence: (e) => `${e.actor} made ${named(e.subject)}`,
    },
    'api-key.revoke': {
      label: 'Revoked an API key',
      sentence: (e) => `${e.actor} revoked ${named(e.subject)}`,
    },
    'api.request': {
      label: 'API request',
      sentence: (e) => `${e.actor} asked ${e.note ?? 'the API'}`,
    },
  },
  fieldLabel: (name) => (name === 'scopes' ? 'What the key may do' : undefined),
  subjectHref: (subjectType) => (subjectType === 'api-key' ? '/admin/api-keys' : undefined),
};
