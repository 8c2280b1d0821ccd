// The news feature's public surface: other features, and the app, use only what is exported here.
export { getPublishedPost, listPublishedPostPaths, listPublishedPosts, searchNews } from './posts.ts';
export type { PostSummary, PublicPost } from './posts.ts';
export {
  addPostTranslation,
  createPost,
  deletePost,
  getPostForStaff,
  listPostsForStaff,
  postTitle,
  savePost,
  setPostPublished,
  type Editor,
  type PostOutcome,
  type StaffPost,
} from './post-editing.ts';
export { postTypes, type PostType } from './schema.ts';
export { newsSiteMapSection } from './site-map.ts';
export { newsLinkTargets } from './link-targets.ts';

/** The audit log's sentences for this feature's actions; the app hands them to the audit screens. */
export { newsAuditWords } from './audit-words.ts';
