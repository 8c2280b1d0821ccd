// The media library's public surface: the app and other features use only what is exported here.
export { addImage, mediaLibrary } from './library.ts';
export { ImageRefused } from './processing.ts';
export { seedDemoImages } from './seed.ts';
export { mediaPermissions } from './permissions.ts';
export type { ImageWords } from './inputs.ts';

/** The audit log's sentences for this feature's actions; the app hands them to the audit screens. */
export { mediaAuditWords } from './audit-words.ts';
