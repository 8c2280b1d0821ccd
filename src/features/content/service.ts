// The content feature's public surface: other features and the routes use
// only what is exported here.
export { createPage, getPublishedPage, listPublishedPages, updateSection, type Page, type Section } from './pages.ts';
export { createPolicy, getPolicy, listPolicies, type Policy } from './policies.ts';
export {
  createResource,
  createTopic,
  getResource,
  listResourceSlugs,
  listTopics,
  searchResources,
  type Resource,
  type ResourceQuery,
  type ResourceSummary,
} from './resources.ts';
export { bumpContentVersion, getContentVersion, getSiteSettings, updateSiteSettings, type SiteSettings } from './settings.ts';
export { locales, policyPositions, policyStatuses, resourceTypes, type Locale } from './schema.ts';
export { contentNeedingAttention } from './attention.ts';
