import { storyTopicNames } from '../topic-names.ts';
import type { Locale } from '../../../platform/web/locale.ts';
import type { PublishConsent, StoryStatus, StoryTopic, TellerKind } from '../schema.ts';

// The words the story moderation screens share. The workspace speaks English, as every other workspace screen does.

export const statusLabels: Record<StoryStatus, string> = {
  new: 'New',
  'consent-asked': 'Consent asked again',
  published: 'Published',
  kept: 'Kept for staff',
  rejected: 'Rejected',
};

export const languageLabels: Record<Locale, string> = { en: 'English', es: 'Spanish' };

export const consentLabels: Record<PublishConsent, string> = {
  'first-name': 'First name',
  anonymous: 'Anonymous',
  'staff-only': 'Staff only',
};

export const consentSentences: Record<PublishConsent, string> = {
  'first-name': 'May be published with their first name, or with no name',
  anonymous: 'May be published with no name only',
  'staff-only': 'Staff only, to inform our work: not to be published',
};

export const topicLabels: Record<StoryTopic, string> = storyTopicNames.en;

export const kindLabels: Record<TellerKind, string> = {
  survivor: 'A survivor',
  family: 'A family member',
  incarcerated: 'A person who was incarcerated',
  other: 'Other',
};

/** "First name · testimony yes · contact first": what the teller allowed, in a line of the queue. */
export function consentSummary(story: {
  publishConsent: PublishConsent;
  testimonyConsent: boolean;
  contactBeforePublishing: boolean;
}): string {
  return [
    consentLabels[story.publishConsent],
    `testimony ${story.testimonyConsent ? 'yes' : 'no'}`,
    story.contactBeforePublishing ? 'contact first' : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** A story's public id, short enough to read out and compare: "Story 7Hq2xk3a". */
export function storyName(publicId: string): string {
  return `Story ${publicId.slice(0, 8)}`;
}

export const formMessages = {
  textRequired: 'Enter the text to publish',
  topics: 'Choose topics from the list',
  translationText: 'Enter the translated text, or clear the title too',
  signAs: 'Choose how the story is signed',
  contacted: 'Tick that you contacted them, as they asked, before publishing',
  testimonyChoice: 'Choose whether it goes in the testimony packet or out of it.',
};

/** After a decision, by code in the address (?done=), so no text travels in URLs. */
export const doneMessages: Record<string, string> = {
  saved: 'Saved the version to publish.',
  translated: 'Saved the translation.',
  published: 'Published: it is on the public site now.',
  unpublished: 'Unpublished: it is no longer on the public site, and is kept for staff.',
  kept: 'Kept for staff only.',
  rejected: 'Rejected: it will not be published.',
  'consent-asked': 'Asked the teller to choose their consent again. Nothing is published until they answer.',
  'no-email': 'The teller left no email address, so they cannot be asked again. Keep it for staff, or reject it.',
  'testimony-in': 'Added to the testimony packet.',
  'testimony-out': 'Taken out of the testimony packet.',
  deleted: 'Deleted: the story and the teller’s details are gone.',
};
