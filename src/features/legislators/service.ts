// The legislators feature's public surface: the app, and other features, use only what is exported here.
export { legislatorPermissions } from './permissions.ts';
export { legislatorPaths, legislatorSlug } from './directory.ts';
export { legislatorRecord, listBills, type AgendaBill, type LegislatorRecord } from './agenda.ts';
export { gradeRecord, type GradedRecord } from './grade.ts';
export { seedDemoAgenda } from './seed.ts';

/** The audit log's sentences for this feature's actions; the app hands them to the audit screens. */
export { legislatorAuditWords } from './audit-words.ts';
