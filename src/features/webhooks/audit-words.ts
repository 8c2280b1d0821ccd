import type { AuditWords } from '../audit/service.ts';

const name = (subject: string | undefined) => (subject ? `the webhook endpoint ${subject}` : 'a webhook endpoint');

/** The audit log's sentences for webhooks: "Rosa Martinez paused the webhook endpoint CRM sync (crm.example.org)". */
export const webhookAuditWords: AuditWords = {
  actions: {
    'webhook.create': { label: 'Added a webhook endpoint', sentence: (e) => `${e.actor} added ${name(e.subject)}` },
    'webhook.pause': { label: 'Paused a webhook endpoint', sentence: (e) => `${e.actor} paused ${name(e.subject)}` },
    'webhook.resume': { label: 'Resumed a webhook endpoint', sentence: (e) => `${e.actor} resumed ${name(e.subject)}` },
    'webhook.rotate': {
      label: 'Changed a webhook endpoint’s secret',
      sentence: (e) => `${e.actor} changed the signing secret of ${name(e.subject)}`,
    },
    'webhook.delete': { label: 'Deleted a webhook endpoint', sentence: (e) => `${e.actor} deleted ${name(e.subject)}` },
    'webhook.auto-pause': {
      label: 'Paused a failing webhook endpoint',
      sentence: (e) => `${e.actor} paused ${name(e.subject)}, as its deliveries had failed for days`,
    },
  },
  fieldLabel: (field) => (field === 'events' ? 'Events' : field === 'status' ? 'Status' : undefined),
  subjectHref: (subjectType, subjectId) => (subjectType === 'webhook' ? `/admin/webhooks/${subjectId}` : undefined),
};
