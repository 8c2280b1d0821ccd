import { randomBytes } from 'node:crypto';
import type { Locale } from '../../platform/web/locale.ts';
import { stories, type PublishConsent, type StoryStatus, type StoryTopic } from './schema.ts';
import type { StoryDeps, StoryTranslation, Teller } from './story-records.ts';

/** What a test says about the story it needs; everything else is a plain, sealed default. */
export type TestStory = {
  status?: StoryStatus;
  locale?: Locale;
  original?: string;
  teller?: Partial<Teller>;
  publishConsent?: PublishConsent;
  testimonyConsent?: boolean;
  forTestimony?: boolean;
  redacted?: string | null;
  title?: string | null;
  contentNotes?: string | null;
  translation?: StoryTranslation | null;
  topics?: StoryTopic[];
  publishedAs?: 'first-name' | 'anonymous' | null;
  publishedAt?: Date | null;
};

/**
 * A story row for tests of the published pages and the packet, sealed as story-records.ts opens it. (The
 * stories feature's shared insertTestStory may take its place once merged.)
 */
export async function insertPublishedStory(deps: StoryDeps, story: TestStory = {}) {
  const seal = (value: string | null | undefined) => (value == null ? null : deps.vault.seal(value));
  const status = story.status ?? 'published';
  const teller: Teller = {
    name: '',
    email: '',
    phone: '',
    county: '',
    kinds: [],
    topics: [],
    contentNotes: '',
    ...story.teller,
  };
  const [row] = await deps.db
    .insert(stories)
    .values({
      publicId: randomBytes(9).toString('base64url'),
      status,
      locale: story.locale ?? 'en',
      originalSealed: deps.vault.seal(story.original ?? 'The words as the teller sent them.'),
      tellerSealed: deps.vault.sealJson(teller),
      publishConsent: story.publishConsent ?? 'anonymous',
      testimonyConsent: story.testimonyConsent ?? false,
      forTestimony: story.forTestimony ?? false,
      consentWordingVersion: 'test',
      redactedSealed: seal(story.redacted === undefined ? 'The words as staff redacted them.' : story.redacted),
      titleSealed: seal(story.title === undefined ? 'A story' : story.title),
      contentNotesSealed: seal(story.contentNotes),
      translationSealed: story.translation ? deps.vault.sealJson(story.translation) : null,
      topics: story.topics ?? [],
      publishedAs: story.publishedAs === undefined ? (status === 'published' ? 'anonymous' : null) : story.publishedAs,
      publishedAt: story.publishedAt === undefined ? (status === 'published' ? new Date() : null) : story.publishedAt,
    })
    .returning({ id: stories.id, publicId: stories.publicId });
  return row!;
}
