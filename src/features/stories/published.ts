import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { Locale } from '../../platform/web/locale.ts';
import type { StoryVault } from './keys.ts';
import { stories, storyTopics, type StoryTopic } from './schema.ts';
import type { StoryDeps, StoryTranslation, Teller } from './story-records.ts';

/**
 * A published story as the public reads it, in one language: the staff's redacted words (or their translation),
 * never the teller's original, never their contact details. `lang` is the language the title and text are in,
 * which differs from the page's when no translation was added.
 */
export type PublishedStory = {
  publicId: string;
  title: string | null;
  text: string;
  lang: Locale;
  /** The teller's first name, when they allowed it and staff published it so; otherwise null ("shared anonymously"). */
  signedAs: string | null;
  contentNotes: string | null;
  topics: StoryTopic[];
  publishedAt: Date;
};

// Only what a public page needs: the original and the teller's sealed details stay shut, except the name when
// the story is signed with it.
const publicColumns = {
  publicId: stories.publicId,
  locale: stories.locale,
  redactedSealed: stories.redactedSealed,
  titleSealed: stories.titleSealed,
  contentNotesSealed: stories.contentNotesSealed,
  translationSealed: stories.translationSealed,
  tellerSealed: stories.tellerSealed,
  topics: stories.topics,
  publishedAs: stories.publishedAs,
  publishedAt: stories.publishedAt,
  updatedAt: stories.updatedAt,
};
type PublicRow = {
  [K in keyof typeof publicColumns]: (typeof stories.$inferSelect)[K];
};

/** A topic the public filter knows, or undefined for anything else (a stale or made-up address). */
export function storyTopic(value: string | undefined): StoryTopic | undefined {
  return storyTopics.find((t) => t === value);
}

/** The first word of the name the teller gave: a first name signs a story, never more. */
export function firstName(name: string): string | null {
  const first = name.trim().split(/\s+/)[0];
  return first ? first : null;
}

/**
 * Opens a published row in the page's language. A story without a redacted version is not shown at all: the
 * original is the teller's, and publishing it as it came would skip the staff's redaction (ADR 063).
 */
function opened(vault: StoryVault, row: PublicRow, locale: Locale): PublishedStory | undefined {
  if (row.redactedSealed === null) return undefined;
  const translation =
    row.locale !== locale && row.translationSealed !== null
      ? vault.openJson<StoryTranslation>(row.translationSealed)
      : null;
  const usable = translation?.text.trim() ? translation : null;
  const signedAs =
    row.publishedAs === 'first-name' ? firstName(vault.openJson<Teller>(row.tellerSealed).name ?? '') : null;
  return {
    publicId: row.publicId,
    title: usable ? usable.title || null : row.titleSealed === null ? null : vault.open(row.titleSealed) || null,
    text: usable ? usable.text : vault.open(row.redactedSealed),
    lang: usable ? locale : row.locale,
    signedAs,
    contentNotes: row.contentNotesSealed === null ? null : vault.open(row.contentNotesSealed).trim() || null,
    topics: row.topics,
    publishedAt: row.publishedAt ?? row.updatedAt,
  };
}

/** Every published story, newest first, in the page's language; only those on a topic when one is asked for. */
export async function listPublishedStories(
  deps: StoryDeps,
  options: { locale: Locale; topic?: StoryTopic | undefined },
): Promise<PublishedStory[]> {
  const rows = await deps.db
    .select(publicColumns)
    .from(stories)
    .where(
      and(eq(stories.status, 'published'), options.topic ? sql`${options.topic} = any(${stories.topics})` : undefined),
    )
    .orderBy(desc(stories.publishedAt), desc(stories.id));
  return rows.flatMap((row) => opened(deps.vault, row, options.locale) ?? []);
}

/**
 * One published story by its public id, in the page's language (its own when none is given); undefined for
 * anything not published now, so an unpublished or deleted story is a plain "not found".
 */
export async function publishedStory(
  deps: StoryDeps,
  publicId: string,
  locale?: Locale,
): Promise<PublishedStory | undefined> {
  const [row] = await deps.db
    .select(publicColumns)
    .from(stories)
    .where(and(eq(stories.publicId, publicId), eq(stories.status, 'published')));
  return row && opened(deps.vault, row, locale ?? row.locale);
}

/**
 * A number that changes whenever what /stories shows would: a story published, unpublished, deleted, or edited
 * while published (its sealed words are part of the hash, so even an edit that left `updated_at` alone moves it).
 * The app folds it into the page cache's version, as it does the events' stamp.
 */
export async function publicStoriesStamp(db: Db): Promise<number> {
  const [row] = await db
    .select({
      digest: sql<string | null>`md5(string_agg(
        ${stories.id}::text || ':' || ${stories.updatedAt}::text || ':' ||
        coalesce(${stories.publishedAs}, '') || ':' || array_to_string(${stories.topics}, ',') || ':' ||
        md5(coalesce(${stories.redactedSealed}, '') || coalesce(${stories.titleSealed}, '') ||
          coalesce(${stories.contentNotesSealed}, '') || coalesce(${stories.translationSealed}, '')),
        '|' order by ${stories.id}))`,
    })
    .from(stories)
    .where(eq(stories.status, 'published'));
  // 32 bits of the digest, as the other features' stamps are; none published is 0.
  return row?.digest ? Number.parseInt(row.digest.slice(0, 8), 16) >>> 0 : 0;
}

/** Every published story's address, language-neutral, for sitemap.xml. */
export async function storyPaths(db: Db): Promise<string[]> {
  const rows = await db
    .select({ publicId: stories.publicId })
    .from(stories)
    .where(eq(stories.status, 'published'))
    .orderBy(desc(stories.publishedAt), desc(stories.id));
  return ['/stories', '/share-your-story', ...rows.map((r) => `/stories/${r.publicId}`)];
}

/** One story in the testimony packet: the redacted words only, signed as the teller allowed. */
export type TestimonyStory = {
  publicId: string;
  title: string | null;
  text: string;
  lang: Locale;
  translation: StoryTranslation | null;
  /** The first name when the teller consented to being named; otherwise null ("Name withheld"). */
  signedAs: string | null;
  contentNotes: string | null;
};

/**
 * The stories staff chose for a hearing, each with the teller's consent to testimony (d). Left out: a story
 * whose teller is being asked for consent again, a rejected one, and one with no redacted version yet (counted
 * in `unredacted`, so staff know to finish it), as the packet must never carry the original words.
 */
export async function testimonyPacket(deps: StoryDeps): Promise<{ stories: TestimonyStory[]; unredacted: number }> {
  const rows = await deps.db
    .select({
      publicId: stories.publicId,
      status: stories.status,
      locale: stories.locale,
      publishConsent: stories.publishConsent,
      redactedSealed: stories.redactedSealed,
      titleSealed: stories.titleSealed,
      contentNotesSealed: stories.contentNotesSealed,
      translationSealed: stories.translationSealed,
      tellerSealed: stories.tellerSealed,
    })
    .from(stories)
    .where(and(eq(stories.testimonyConsent, true), eq(stories.forTestimony, true)))
    .orderBy(stories.id);
  const chosen = rows.filter((r) => r.status !== 'consent-asked' && r.status !== 'rejected');
  const open = (sealed: string | null) => (sealed === null ? null : deps.vault.open(sealed).trim() || null);
  const packet = chosen.flatMap((r): TestimonyStory[] =>
    r.redactedSealed === null
      ? []
      : [
          {
            publicId: r.publicId,
            title: open(r.titleSealed),
            text: deps.vault.open(r.redactedSealed),
            lang: r.locale,
            translation:
              r.translationSealed === null ? null : deps.vault.openJson<StoryTranslation>(r.translationSealed),
            signedAs:
              r.publishConsent === 'first-name'
                ? firstName(deps.vault.openJson<Teller>(r.tellerSealed).name ?? '')
                : null,
            contentNotes: open(r.contentNotesSealed),
          },
        ],
  );
  return { stories: packet, unredacted: chosen.length - packet.length };
}
