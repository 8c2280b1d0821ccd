import { and, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { bumpContentVersion } from '../content/service.ts';
import { postInput, type PostFacts, type PostInput, type PostWords } from './inputs.ts';
import { newsPosts, newsPostTranslations, type PostType } from './schema.ts';

/** Who is making a change, for the audit log; null for the demo seed, as other system actions. */
export type Editor = AuditActor | null;

/** What a staff write answers: input is checked by then; what is left are facts only the database knows. */
export type PostOutcome =
  | { ok: true; id: number; slug: string }
  | { ok: false; problem: 'not-found' }
  | { ok: false; problem: 'refused'; field: string; message: string };

const notFound = { ok: false, problem: 'not-found' } as const;
const slugTaken = {
  ok: false,
  problem: 'refused',
  field: 'slug',
  message: 'Another post has this address: choose another',
} as const;

/** A post as staff see it: drafts too, and the words of each language it has. */
export type StaffPost = {
  id: number;
  slug: string;
  type: PostType;
  publishedOn: string;
  firstPublishedAt: Date | null;
  authorName: string;
  imageId: number | null;
  topics: string[];
  published: boolean;
  isDemo: boolean;
  updatedAt: Date;
  words: Partial<Record<Locale, PostWords & { updatedAt: Date }>>;
};

/** The title staff know it by: English, else the one it has. */
export function postTitle(post: Pick<StaffPost, 'words' | 'slug'>): string {
  return post.words.en?.title ?? post.words.es?.title ?? post.slug;
}

async function loadPosts(db: Db, id?: number): Promise<StaffPost[]> {
  const rows = await db
    .select({ post: newsPosts, words: newsPostTranslations })
    .from(newsPosts)
    .leftJoin(newsPostTranslations, eq(newsPostTranslations.postId, newsPosts.id))
    .where(id === undefined ? undefined : eq(newsPosts.id, id))
    .orderBy(desc(newsPosts.publishedOn), desc(newsPosts.id));
  const posts = new Map<number, StaffPost>();
  for (const { post, words } of rows) {
    const { createdAt: _created, ...facts } = post;
    const staffPost = posts.get(post.id) ?? { ...facts, publishedOn: String(post.publishedOn).slice(0, 10), words: {} };
    if (words) {
      staffPost.words[words.locale] = {
        title: words.title,
        summary: words.summary,
        bodyMd: words.bodyMd,
        updatedAt: words.updatedAt,
      };
    }
    posts.set(post.id, staffPost);
  }
  return [...posts.values()];
}

export function listPostsForStaff(db: Db): Promise<StaffPost[]> {
  return loadPosts(db);
}

export async function getPostForStaff(db: Db, id: number): Promise<StaffPost | undefined> {
  return (await loadPosts(db, id))[0];
}

/** The record of a post in the audit log: its facts and each language's words, as named fields. */
function recorded(post: { facts: Partial<PostFacts>; words: Partial<Record<Locale, PostWords>> }) {
  return { ...post.facts, ...post.words };
}

function factsOf(post: StaffPost): PostFacts {
  const { slug, type, publishedOn, authorName, imageId, topics } = post;
  return { slug, type, publishedOn, authorName, imageId, topics };
}

/** A new post, a draft unless said otherwise, in the languages given; the seed uses it too. */
export function createPost(db: Db, input: PostInput, editor: Editor): Promise<PostOutcome> {
  const post = postInput.parse(input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(newsPosts)
      .values({
        ...post.facts,
        published: post.published,
        isDemo: post.isDemo,
        firstPublishedAt: post.published ? new Date() : null,
      })
      .onConflictDoNothing({ target: newsPosts.slug })
      .returning({ id: newsPosts.id });
    if (!row) return slugTaken;
    const languages = Object.entries(post.words) as [Locale, PostWords][];
    await tx
      .insert(newsPostTranslations)
      .values(languages.map(([locale, words]) => ({ postId: row.id, locale, ...words })));
    await recordAudit(tx, editor, {
      action: 'news.create',
      subjectType: 'news-post',
      subjectId: row.id,
      subjectLabel: post.words.en?.title ?? languages[0]![1].title,
      after: recorded(post),
    });
    await bumpContentVersion(tx);
    return { ok: true, id: row.id, slug: post.facts.slug };
  });
}

/** Saves the shared facts and one language's words, from the editor of that language. */
export function savePost(db: Db, id: number, locale: Locale, facts: PostFacts, words: PostWords, editor: Editor) {
  return db.transaction(async (tx): Promise<PostOutcome> => {
    const [before] = await loadPosts(tx, id);
    if (!before) return notFound;
    const [taken] = await tx
      .select({ id: newsPosts.id })
      .from(newsPosts)
      .where(and(eq(newsPosts.slug, facts.slug), ne(newsPosts.id, id)));
    if (taken) return slugTaken;
    await tx
      .update(newsPosts)
      .set({ ...facts, updatedAt: new Date() })
      .where(eq(newsPosts.id, id));
    await tx
      .insert(newsPostTranslations)
      .values({ postId: id, locale, ...words })
      .onConflictDoUpdate({
        target: [newsPostTranslations.postId, newsPostTranslations.locale],
        set: { ...words, updatedAt: new Date() },
      });
    const { updatedAt: _at, ...wordsBefore } = before.words[locale] ?? { updatedAt: null };
    await recordAudit(tx, editor, {
      action: 'news.update',
      subjectType: 'news-post',
      subjectId: id,
      subjectLabel: locale === 'en' ? words.title : postTitle(before),
      before: recorded({ facts: factsOf(before), words: { [locale]: wordsBefore } }),
      after: recorded({ facts, words: { [locale]: words } }),
    });
    await bumpContentVersion(tx);
    return { ok: true, id, slug: facts.slug };
  });
}

/**
 * Adds a language to a post as a copy of the words it has, for staff to translate in place. The public
 * site shows the copy at once if the post is published, as it showed those words in this language already.
 */
export function addPostTranslation(db: Db, id: number, locale: Locale, editor: Editor) {
  return db.transaction(async (tx): Promise<PostOutcome> => {
    const [post] = await loadPosts(tx, id);
    if (!post) return notFound;
    if (post.words[locale]) return { ok: true, id, slug: post.slug };
    const source = post.words[locale === 'en' ? 'es' : 'en'];
    if (!source) return notFound;
    const words = { title: source.title, summary: source.summary, bodyMd: source.bodyMd };
    await tx.insert(newsPostTranslations).values({ postId: id, locale, ...words });
    await recordAudit(tx, editor, {
      action: 'news.translate',
      subjectType: 'news-post',
      subjectId: id,
      subjectLabel: postTitle(post),
      after: { [locale]: words },
      note: `Copied to ${locale === 'es' ? 'Spanish' : 'English'} to translate`,
    });
    await bumpContentVersion(tx);
    return { ok: true, id, slug: post.slug };
  });
}

/** Publishes or unpublishes a post in every language it has; the first publishing is remembered. */
export function setPostPublished(db: Db, id: number, published: boolean, editor: Editor) {
  return db.transaction(async (tx): Promise<PostOutcome> => {
    const [post] = await loadPosts(tx, id);
    if (!post) return notFound;
    if (post.published === published) return { ok: true, id, slug: post.slug };
    await tx
      .update(newsPosts)
      .set({ published, firstPublishedAt: post.firstPublishedAt ?? (published ? new Date() : null) })
      .where(eq(newsPosts.id, id));
    await recordAudit(tx, editor, {
      action: published ? 'news.publish' : 'news.unpublish',
      subjectType: 'news-post',
      subjectId: id,
      subjectLabel: postTitle(post),
      before: { published: post.published },
      after: { published },
    });
    await bumpContentVersion(tx);
    return { ok: true, id, slug: post.slug };
  });
}

/** Deletes a post and its words in every language; the audit entry keeps what it said. */
export function deletePost(db: Db, id: number, editor: Editor) {
  return db.transaction(async (tx): Promise<PostOutcome> => {
    const [post] = await loadPosts(tx, id);
    if (!post) return notFound;
    await tx.delete(newsPosts).where(eq(newsPosts.id, id));
    const words = Object.fromEntries(
      Object.entries(post.words).map(([l, { updatedAt: _at, ...w }]) => [l, w]),
    ) as Partial<Record<Locale, PostWords>>;
    await recordAudit(tx, editor, {
      action: 'news.delete',
      subjectType: 'news-post',
      subjectId: id,
      subjectLabel: postTitle(post),
      before: recorded({ facts: factsOf(post), words }),
    });
    await bumpContentVersion(tx);
    return { ok: true, id, slug: post.slug };
  });
}
