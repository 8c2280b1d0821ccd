/** What the retention rules offer the rest of the app (the composition root, the purge, the notice). */
export { retentionAdminRoutes } from './admin/routes.tsx';
export { retentionAuditWords } from './audit-words.ts';
export { retentionRuleKinds, type RetentionRuleKind } from './kinds.ts';
export { retentionPermissions } from './permissions.ts';
export {
  getRetentionRules,
  retentionRulesNotice,
  retentionRulesStamp,
  saveRetentionRules,
  type RetentionRuleSettings,
} from './rules.ts';
export { monthsBefore, runRetentionRules, type RetentionActions } from './run.ts';
