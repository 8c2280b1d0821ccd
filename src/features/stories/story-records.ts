import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { Locale } from '../../platform/web/locale.ts';
import type { StoryVault } from './keys.ts';
import { stories, type PublishConsent, type StoryStatus, type StoryTopic, type TellerKind } from './schema.ts';

/** What the stories feature's code is given: its database and the key ring that opens what it stores. */
export type StoryDeps = { db: Db; vault: StoryVault };

/** What the teller told about themselves, sealed whole in `teller_sealed`. Every field may be empty. */
export type Teller = {
  name: string;
  email: string;
  phone: string;
  county: string;
  kinds: TellerKind[];
  topics: StoryTopic[];
  /** The teller's own content notes ("mentions a death in custody"). */
  contentNotes: string;
};

/** A translation staff add into the other language. */
export type StoryTranslation = { title: string; text: string };

/** A story with its sealed values opened: for the moderators' screens, a published page, an export. */
export type StoryRecord = {
  id: number;
  publicId: string;
  status: StoryStatus;
  locale: Locale;
  original: string;
  teller: Teller;
  publishConsent: PublishConsent;
  testimonyConsent: boolean;
  contactBeforePublishing: boolean;
  consentWordingVersion: string;
  consentedAt: Date;
  redacted: string | null;
  title: string | null;
  contentNotes: string | null;
  translation: StoryTranslation | null;
  topics: StoryTopic[];
  publishedAs: 'first-name' | 'anonymous' | null;
  approvedBy: number | null;
  publishedAt: Date | null;
  forTestimony: boolean;
  consentAskedAt: Date | null;
  submittedAt: Date;
  updatedAt: Date;
};

export type StoryRow = typeof stories.$inferSelect;

/** Opens a row's sealed values. Reading a story is a staff read to audit: callers on the staff side record it. */
export function openStory(vault: StoryVault, row: StoryRow): StoryRecord {
  const open = (sealed: string | null) => (sealed === null ? null : vault.open(sealed));
  return {
    id: row.id,
    publicId: row.publicId,
    status: row.status,
    locale: row.locale,
    original: vault.open(row.originalSealed),
    teller: vault.openJson<Teller>(row.tellerSealed),
    publishConsent: row.publishConsent,
    testimonyConsent: row.testimonyConsent,
    contactBeforePublishing: row.contactBeforePublishing,
    consentWordingVersion: row.consentWordingVersion,
    consentedAt: row.consentedAt,
    redacted: open(row.redactedSealed),
    title: open(row.titleSealed),
    contentNotes: open(row.contentNotesSealed),
    translation: row.translationSealed === null ? null : vault.openJson<StoryTranslation>(row.translationSealed),
    topics: row.topics,
    publishedAs: row.publishedAs,
    approvedBy: row.approvedBy,
    publishedAt: row.publishedAt,
    forTestimony: row.forTestimony,
    consentAskedAt: row.consentAskedAt,
    submittedAt: row.submittedAt,
    updatedAt: row.updatedAt,
  };
}

export async function storyById(deps: StoryDeps, id: number): Promise<StoryRecord | undefined> {
  const [row] = await deps.db.select().from(stories).where(eq(stories.id, id));
  return row && openStory(deps.vault, row);
}

export async function storyByPublicId(deps: StoryDeps, publicId: string): Promise<StoryRecord | undefined> {
  const [row] = await deps.db.select().from(stories).where(eq(stories.publicId, publicId));
  return row && openStory(deps.vault, row);
}

/** May a story with this consent be published signed this way? (a) allows either; (b) only anonymous; (c) neither. */
export function consentAllows(consent: PublishConsent, publishedAs: 'first-name' | 'anonymous'): boolean {
  if (consent === 'first-name') return true;
  if (consent === 'anonymous') return publishedAs === 'anonymous';
  return false;
}
