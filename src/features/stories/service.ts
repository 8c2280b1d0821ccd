// The stories feature's public surface: other features, and the app, use only what is exported here.

// Shared: the key ring, opened records, who may (lead)
export { FileKeyRing, MemoryKeyRing, StoryKeyError, StoryVault, type KeyRingSource } from './keys.ts';
export { storyPermissions } from './permissions.ts';
export { storyAuditWords } from './audit-words.ts';
// Shared end

// S1: sharing a story, the teller's deletion and consent links
export { submitStory } from './submission.ts';
export { askForConsentAgain } from './consent.ts';
export { storyTemplates } from './story-emails.ts';
export { STORY_CONSENT_WORDING_VERSION, type StoryInput } from './story-inputs.ts';
export { STORY_FORM_MAX_BYTES } from './share-routes.tsx';
// S1 end

// S2: keys rotated, deletion, retention, a person's stories in their data
export {
  deleteStoriesForEmail,
  deleteStory,
  deleteStoryByToken,
  storiesForEmail,
  storyMailPrefix,
} from './erasure.ts';
export { openStoryVault } from './keys.ts';
export { storyPersonalData } from './personal-data.ts';
export { purgeExpiredStories } from './retention.ts';
export { RotationRunning, rotateStoryKey, withStoryKeyLock } from './rotation.ts';
// S2 end

// S3: moderation
export {
  keepStory,
  publishStory,
  readStoryForStaff,
  rejectStory,
  saveStoryEdit,
  saveTranslation,
  setForTestimony,
  unpublishStory,
  type ModerationOutcome,
} from './moderation.ts';
// S3 end

// S4: published stories, testimony, staff access
export {
  listPublishedStories,
  publicStoriesStamp,
  publishedStory,
  storyPaths,
  testimonyPacket,
  type PublishedStory,
  type TestimonyStory,
} from './published.ts';
export { storiesSiteMapSection, storyLinkTargets } from './site-map.ts';
// S4 end
