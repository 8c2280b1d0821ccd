import { apiAuditWords } from '../features/api/service.ts';
import type { AuditWords } from '../features/audit/service.ts';
import { broadcastAuditWords } from '../features/broadcasts/service.ts';
import { contentAuditWords } from '../features/content/service.ts';
import { eventAuditWords } from '../features/events/service.ts';
import { legislatorAuditWords } from '../features/legislators/service.ts';
import { letterAuditWords } from '../features/letters/service.ts';
import { navigationAuditWords } from '../features/navigation/service.ts';
import { newsAuditWords } from '../features/news/service.ts';
import { mediaAuditWords } from '../features/media/service.ts';
import { privacyAuditWords } from '../features/privacy/service.ts';
import { petitionAuditWords } from '../features/petitions/service.ts';
import { referenceAuditWords } from '../features/reference/service.ts';
import { retentionAuditWords } from '../features/retention/service.ts';
import { staffAuditWords } from '../features/staff/service.ts';
import { storyAuditWords } from '../features/stories/service.ts';
import { supporterAuditWords } from '../features/supporters/service.ts';
import { webhookAuditWords } from '../features/webhooks/service.ts';

/**
 * Every feature's words for the actions it records, handed to the audit log's
 * screens and the workspace home, so the audit feature imports none of them.
 * A new action gets its sentence in its own feature's `audit-words.ts`; only a
 * feature that records its first action is added here.
 */
export const auditWords: readonly AuditWords[] = [
  contentAuditWords,
  staffAuditWords,
  supporterAuditWords,
  broadcastAuditWords,
  petitionAuditWords,
  referenceAuditWords,
  retentionAuditWords,
  navigationAuditWords,
  newsAuditWords,
  mediaAuditWords,
  eventAuditWords,
  legislatorAuditWords,
  letterAuditWords,
  storyAuditWords,
  privacyAuditWords,
  apiAuditWords,
  webhookAuditWords,
];
