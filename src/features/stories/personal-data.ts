import type { Db } from '../../platform/db/client.ts';
import type { DataSubject, PersonalDataPart } from '../../platform/personal-data.ts';
import { recordAudit } from '../audit/service.ts';
import { eraseStoriesForEmail, storiesForEmail } from './erasure.ts';
import type { StoryVault } from './keys.ts';
import type { StoryRecord } from './story-records.ts';

/**
 * What a person's copy of their data holds of one story: what they wrote and told, the consent they gave, and, once
 * published, the words the public reads. Staff's working versions of an unpublished story (the redaction, a title,
 * a translation) are staff's and are left out; so are the links' hashes and who approved it.
 */
function storyCopy(story: StoryRecord) {
  const published = story.status === 'published';
  return {
    publicId: story.publicId,
    status: story.status,
    language: story.locale,
    story: story.original,
    teller: story.teller,
    consent: {
      publish: story.publishConsent,
      testimony: story.testimonyConsent,
      contactBeforePublishing: story.contactBeforePublishing,
      wordingVersion: story.consentWordingVersion,
      at: story.consentedAt.toISOString(),
      askedAgainAt: story.consentAskedAt?.toISOString() ?? null,
    },
    submittedAt: story.submittedAt.toISOString(),
    published: published
      ? {
          at: story.publishedAt?.toISOString() ?? null,
          as: story.publishedAs,
          title: story.title,
          text: story.redacted,
          contentNotes: story.contentNotes,
          topics: story.topics,
          translation: story.translation,
        }
      : null,
  };
}

/**
 * Stories' part of a person's data. A story is not tied to the supporter row: it is found by the keyed hash of the
 * teller's email, for every address the person has been known by (any case). Reading one is audited as staff's
 * reads are, with no actor; erasing takes each story and its mail in the erasure's transaction.
 */
export function storyPersonalData(vault: StoryVault): PersonalDataPart {
  const storiesOf = async (db: Db, subject: DataSubject) => {
    const byId = new Map<number, StoryRecord>();
    for (const email of subject.emails)
      for (const story of await storiesForEmail({ db, vault }, email)) byId.set(story.id, story);
    return [...byId.values()].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || a.id - b.id);
  };
  return {
    name: 'stories',
    async export(db, subject) {
      const found = await storiesOf(db, subject);
      for (const story of found)
        await recordAudit(db, null, {
          action: 'story.read',
          subjectType: 'story',
          subjectId: story.id,
          subjectLabel: story.publicId,
          note: "in a copy of the teller's data",
        });
      return found.map(storyCopy);
    },
    async erase(tx, subject) {
      for (const email of subject.emails) await eraseStoriesForEmail(tx, vault, email);
    },
  };
}
