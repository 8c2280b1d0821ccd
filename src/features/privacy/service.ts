// The privacy requests' public surface: what the app, the email runtime and the hourly purge use (ADR 068).
export { privacyAuditWords } from './audit-words.ts';
/** The public pages of this feature a search engine may list: the request form, in both languages. */
export const privacyPaths: readonly string[] = ['/privacy/request'];
export { purgePrivacyLog } from './decisions.ts';
export { privacyTemplates } from './emails.ts';
export { privacyPermissions } from './permissions.ts';
export { privacyRequestsNeedingAttention } from './attention.ts';
export { ANSWER_DAYS } from './requests.ts';
export { privacyRequestPersonRows } from './person-merge.ts';
