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
/** Content's parts of site search (SearchSource): pages, policies and the research library. */
export { searchLibrary, searchPages, searchPolicies } from './site-search.ts';
export {
  bumpContentVersion,
  getContentVersion,
  getSiteSettings,
  updateSiteSettings,
  type SiteSettings,
} from './settings.ts';
export { siteFrameOf } from './site-frame.ts';
export {
  locales,
  policyPositions,
  policyStatuses,
  resourceTypes,
  versionedItemTypes,
  type Locale,
  type VersionedItemType,
} from './schema.ts';
/** What menus and calls to action may link to among content: its pages, lists, policies and resources. */
export { contentLinkTargets } from './link-targets.ts';
export { contentNeedingAttention, contentOverview, type ContentOverview, type TranslationCounts } from './attention.ts';

// Staff editing: each write is one transaction with its history, audit entry and content version.
export type { EditOutcome, Editor } from './editing.ts';
export {
  addPageTranslation,
  builtInPageSlugs,
  createStaffPage,
  deletePage,
  getPageDraft,
  languageName,
  listPagesForStaff,
  savePage,
  sectionWords,
  setPagePublished,
  type PageChange,
  type PageDraft,
  type PageOverview,
  whyPageCannotBeDeleted,
  whyPageCannotBeUnpublished,
} from './page-editing.ts';
export {
  createStaffPolicy,
  deletePolicy,
  getPolicyForStaff,
  listPoliciesForStaff,
  savePolicy,
  setPolicyPublished,
  type StaffPolicy,
} from './policy-editing.ts';
export {
  createStaffResource,
  deleteResource,
  getResourceForStaff,
  isPublicFile,
  listResourcesForStaff,
  resourceFileKey,
  saveResource,
  setResourcePublished,
  type FileChange,
  type StaffResource,
} from './resource-editing.ts';
export {
  addSection,
  copySectionFromOtherLanguage,
  editSection,
  moveSection,
  removeSection,
  sectionsMissingHere,
  setSectionHidden,
} from './section-editing.ts';
export { currentSnapshot, parseItemKey, restoreVersion } from './restore.ts';
export { saveSettings, settingsFormValues, type SettingsChange, type SettingsForm } from './settings-editing.ts';
// Pages are built from sections; the app hands in what they show from other features (images, petitions).
export {
  sectionKinds,
  sectionKindNames,
  whySectionsCannotBePublished,
  type SectionContent,
  type SectionKind,
  type SectionLink,
} from './sections.ts';
export type { PetitionProgressOf, SectionSources } from './section-extras.ts';
export type { PetitionProgress } from './views/sections.tsx';
export {
  fieldLabel,
  getVersion,
  itemTitle,
  listVersions,
  snapshotFields,
  snapshotText,
  VERSIONS_KEPT,
  type Snapshot,
  type Version,
  type VersionSummary,
} from './versions.ts';
export type { TranslationStatus } from './translations.ts';

/** The audit log's sentences for this feature's actions; the app hands them to the audit screens. */
export { contentAuditWords } from './audit-words.ts';
