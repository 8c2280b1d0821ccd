// The navigation feature's public surface: the app composes the public menus and the editor from these.
export { publicMenus, menusForStaff, type StaffMenuItem } from './menus.ts';
export { ensureMenus } from './seed.ts';
export { navigationPermissions } from './permissions.ts';

/** The audit log's sentences for this feature's actions; the app hands them to the audit screens. */
export { navigationAuditWords } from './audit-words.ts';
