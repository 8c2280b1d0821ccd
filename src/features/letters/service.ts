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
// L1 end
