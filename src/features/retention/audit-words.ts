import type { AuditWords } from '../audit/service.ts';
import { retentionRuleKinds, ruleWords } from './kinds.ts';

/** The audit log's sentences for retention rules: "Rosa Martinez changed the retention rules". */
export const retentionAuditWords: AuditWords = {
  actions: {
    'retention.update': {
      label: 'Changed the retention rules',
      sentence: (e) => `${e.actor} changed the retention rules`,
    },
  },
  fieldLabel: (name) =>
    (retentionRuleKinds as readonly string[]).includes(name)
      ? `${ruleWords[name as (typeof retentionRuleKinds)[number]].staff.label} (months)`
      : undefined,
  subjectHref: (subjectType) => (subjectType === 'retention' ? '/admin/retention' : undefined),
};
