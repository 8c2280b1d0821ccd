// The letters feature's public surface: other features, and the app, use only what is exported here.

// L1: reading campaigns, the letter form's checks, writing a letter, delivery (the live-delivery guard, digests)
export {
  campaignById,
  campaignBySlug,
  campaignOpen,
  listOpenCampaigns,
  targetsFor,
  type CampaignDetails,
  type CommitteeMembers,
  type LetterTarget,
} from './campaigns-read.ts';
export {
  LETTER_BODY_MAX,
  LETTER_STORY_MAX,
  letterInputFor,
  letterInputMessages,
  type LetterInput,
} from './letter-inputs.ts';
export { digestDayOf, isRosterAddress, sendLetter, type LetterDeps, type LetterOutcome } from './letter.ts';
export {
  DIGEST_PASS_EVERY_MS,
  deliveryStatesFor,
  letterDigestSchedule,
  liveDeliveryPreview,
  queueDueDigests,
  turnOnLiveDelivery,
  type DeliveryState,
} from './delivery.ts';
export { letterPreview, letterTemplateNames, letterTemplates } from './letter-emails.ts';
// A person's data (issue 18): their letters.
export { letterPersonalData } from './personal-data.ts';
export { letterPersonRows } from './person-merge.ts';
// Letters as they are sent, a change feed for the webhooks (issue 20).
export { lettersSent } from './change-feed.ts';
// Who wrote, for the supporter list's filters and segments (issue 18).
export { writerActions } from './supporter-actions.ts';
// L1 end

// L4: the staff side (campaigns, live delivery's switch, reports): who may, and the audit log's words
export { letterAuditWords } from './audit-words.ts';
export { letterPermissions } from './permissions.ts';
// L4 end

// The OSDI API's advocacy campaigns and outreaches (issue 20, ADR 073): pages in the order of their last change, and
// record_outreach_helper through the form's own checks and sendLetter.
export {
  apiCampaign,
  apiCampaignsPage,
  apiOutreach,
  apiOutreachesPage,
  apiRecordOutreach,
  type ApiCampaign,
  type ApiOutreach,
  type ApiOutreachDeps,
  type ApiOutreachInput,
  type ApiOutreachOutcome,
  type ApiOutreachTarget,
  type LetterField,
} from './api-outreaches.ts';
