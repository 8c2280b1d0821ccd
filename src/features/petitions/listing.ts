import { desc, ne } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { LinkTarget } from '../../platform/web/link-targets.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { petitionMessages } from './messages.ts';
import { petitions } from './schema.ts';
import { petitionWords, signingState, type SigningState } from './signing-state.ts';

type Petition = typeof petitions.$inferSelect;

/**
 * The petitions the public may see, for the list at /petitions, the site
 * map, the sitemap and the main menu. Drafts are never among them.
 */
export type ListedPetition = Pick<Petition, 'id' | 'slug' | 'goal' | 'opensAt' | 'closesAt' | 'en' | 'es'> & {
  state: Exclude<SigningState, 'hidden'>;
};

/** Open (and soon open) petitions first, newest first; then closed ones, the most recently closed first. */
export async function listPublicPetitions(db: Db, now = new Date()): Promise<ListedPetition[]> {
  const rows = await db
    .select({
      id: petitions.id,
      slug: petitions.slug,
      goal: petitions.goal,
      opensAt: petitions.opensAt,
      closesAt: petitions.closesAt,
      en: petitions.en,
      es: petitions.es,
      status: petitions.status,
      createdAt: petitions.createdAt,
      updatedAt: petitions.updatedAt,
    })
    .from(petitions)
    .where(ne(petitions.status, 'draft'))
    .orderBy(desc(petitions.createdAt), desc(petitions.id));
  const listed = rows.map(({ status, createdAt: _c, updatedAt, ...p }) => ({
    ...p,
    updatedAt,
    state: signingState({ status, opensAt: p.opensAt, closesAt: p.closesAt }, now) as ListedPetition['state'],
  }));
  const closedAt = (p: (typeof listed)[number]) => (p.closesAt ?? p.updatedAt).getTime();
  const closed = listed.filter((p) => p.state === 'closed').sort((a, b) => closedAt(b) - closedAt(a));
  return [...listed.filter((p) => p.state !== 'closed'), ...closed].map(({ updatedAt: _u, ...p }) => p);
}

/**
 * A number that changes whenever the public list would (a petition published, edited, opened or closed, by staff
 * or by its dates), and not when someone signs: the app folds it into the page cache's version, so the menu, the
 * site map and the sitemap never show a petition's old state for more than the cache's check interval.
 */
export async function publicPetitionsStamp(db: Db, now = new Date()): Promise<number> {
  const rows = await db
    .select({
      id: petitions.id,
      status: petitions.status,
      opensAt: petitions.opensAt,
      closesAt: petitions.closesAt,
      updatedAt: petitions.updatedAt,
    })
    .from(petitions)
    .where(ne(petitions.status, 'draft'))
    .orderBy(petitions.id);
  const listed = rows.map((r) => `${r.id}:${r.updatedAt.getTime()}:${signingState(r, now)}`).join('|');
  // FNV-1a, 32 bits: the app puts the content version above it in one number.
  let hash = 0x811c9dc5;
  for (let i = 0; i < listed.length; i++) hash = Math.imul(hash ^ listed.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** Whether the menu offers /petitions: only while a petition takes signatures. */
export function anyOpen(listed: readonly ListedPetition[]): boolean {
  return listed.some((p) => p.state === 'open');
}

/** The main menu's item, its words in each language. */
export const petitionsMenuItem = {
  key: 'petitions',
  path: '/petitions',
  label: { en: petitionMessages('en').list.title, es: petitionMessages('es').list.title },
} as const;

/**
 * What menus and calls to action may link to among petitions: the list, which counts as empty while none takes
 * signatures (so a menu shows it only then, as the menu always did), and each public petition, titled in each
 * language where it has one.
 */
export async function petitionLinkTargets(db: Db): Promise<LinkTarget[]> {
  const listed = await listPublicPetitions(db);
  const title = (p: ListedPetition, locale: Locale) => petitionWords(p, locale).words.title;
  return [
    { kind: 'list', ref: 'petitions', path: '/petitions', label: petitionsMenuItem.label, empty: !anyOpen(listed) },
    ...listed.map(
      (p): LinkTarget => ({
        kind: 'petition',
        ref: p.slug,
        path: `/petitions/${p.slug}`,
        label: { en: title(p, 'en'), es: title(p, 'es') },
      }),
    ),
  ];
}

/** The site map's section for people: the list, then each petition, in the page's language where it has one. */
export async function petitionSiteMapSection(db: Db, locale: Locale) {
  const t = petitionMessages(locale).list;
  const listed = await listPublicPetitions(db);
  return {
    title: t.title,
    links: [
      { path: '/petitions', label: t.title },
      ...listed.map((p) => {
        const { words, lang } = petitionWords(p, locale);
        return { path: `/petitions/${p.slug}`, label: words.title, lang };
      }),
    ],
  };
}
