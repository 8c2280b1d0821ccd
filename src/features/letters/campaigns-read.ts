import { and, asc, count, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { legislatorsFor, listLegislators, type Chamber, type Legislator } from '../reference/service.ts';
import {
  letterCampaignTranslations,
  letterCampaigns,
  letters,
  type CampaignStatus,
  type DeliveryMode,
  type TargetKind,
} from './schema.ts';

/** A campaign as pages, the letter form and delivery read it: its facts and its words in one language. */
export type CampaignDetails = {
  id: number;
  slug: string;
  status: CampaignStatus;
  targetKinds: TargetKind[];
  committee: string;
  legislatorIds: string[];
  deliveryMode: DeliveryMode;
  reviewAddress: string;
  /** Whether an admin turned on delivery to the legislators' own addresses. Until then, everything goes to review. */
  live: boolean;
  allowStory: boolean;
  goal: number | null;
  opensAt: Date | null;
  closesAt: Date | null;
  isDemo: boolean;
  /** The asked-for language's words, else English's (`text.locale` says which). */
  text: {
    locale: Locale;
    title: string;
    summary: string;
    subjectMatter: string;
    talkingPointsMd: string;
    subject: string;
    greeting: string;
    body: string;
    closing: string;
    storyPrompt: string;
  };
  hasSpanish: boolean;
  letterCount: number;
};

/** One recipient of a letter, as the roster gives them now. */
export type LetterTarget = { id: string; name: string; chamber: Chamber; district: string; email: string | null };

/** Who sits on a committee (the roster's legislator ids), for campaigns that write to one. Handed in by the app. */
export type CommitteeMembers = (db: Db, committee: string) => Promise<string[]>;

type CampaignRow = typeof letterCampaigns.$inferSelect;

/** One campaign by its address; drafts only when asked (staff previews). */
export async function campaignBySlug(
  db: Db,
  slug: string,
  locale: Locale,
  opts: { includeDrafts?: boolean } = {},
): Promise<CampaignDetails | undefined> {
  const [row] = await db.select().from(letterCampaigns).where(eq(letterCampaigns.slug, slug)).limit(1);
  if (!row || (row.status === 'draft' && !opts.includeDrafts)) return undefined;
  return (await detailsOf(db, [row], locale))[0];
}

/** One campaign by id, whatever its state (letters, staff, delivery). */
export async function campaignById(db: Db, id: number, locale: Locale): Promise<CampaignDetails | undefined> {
  const [row] = await db.select().from(letterCampaigns).where(eq(letterCampaigns.id, id)).limit(1);
  return row ? (await detailsOf(db, [row], locale))[0] : undefined;
}

/** The public list: open campaigns whose dates include now, closing soonest first. */
export async function listOpenCampaigns(db: Db, locale: Locale, now: Date = new Date()): Promise<CampaignDetails[]> {
  const rows = await db
    .select()
    .from(letterCampaigns)
    .where(
      and(
        eq(letterCampaigns.status, 'open'),
        or(isNull(letterCampaigns.opensAt), lte(letterCampaigns.opensAt, now)),
        or(isNull(letterCampaigns.closesAt), gt(letterCampaigns.closesAt, now)),
      ),
    )
    .orderBy(asc(letterCampaigns.closesAt), asc(letterCampaigns.id));
  return detailsOf(db, rows, locale);
}

/** Whether the campaign takes letters now. */
export function campaignOpen(
  c: CampaignDetails,
  now: Date = new Date(),
): { open: true } | { open: false; why: 'draft' | 'not-yet' | 'closed' } {
  if (c.status === 'draft') return { open: false, why: 'draft' };
  if (c.status === 'closed') return { open: false, why: 'closed' };
  if (c.opensAt && c.opensAt.getTime() > now.getTime()) return { open: false, why: 'not-yet' };
  if (c.closesAt && c.closesAt.getTime() <= now.getTime()) return { open: false, why: 'closed' };
  return { open: true };
}

/**
 * The legislators a writer in these districts writes to, from the roster, in the campaign's target
 * order (senator, representative, committee, list), each once. A vacant seat or an unknown district
 * gives nobody for that target; a committee needs `committeeMembers` (the roster's committees).
 */
export async function targetsFor(
  db: Db,
  c: CampaignDetails,
  districts: { senate?: string; house?: string },
  committeeMembers?: CommitteeMembers,
): Promise<LetterTarget[]> {
  const found: Legislator[] = [];
  let everyone: Legislator[] | undefined;
  const roster = async () => (everyone ??= await listLegislators(db));
  for (const kind of c.targetKinds) {
    if (kind === 'my-senator' && districts.senate) found.push(...(await legislatorsFor(db, 'upper', districts.senate)));
    if (kind === 'my-representative' && districts.house)
      found.push(...(await legislatorsFor(db, 'lower', districts.house)));
    if (kind === 'committee' && c.committee && committeeMembers) {
      const ids = new Set(await committeeMembers(db, c.committee));
      found.push(...(await roster()).filter((l) => ids.has(l.id)));
    }
    if (kind === 'list' && c.legislatorIds.length > 0) {
      const byId = new Map((await roster()).map((l) => [l.id, l]));
      for (const id of c.legislatorIds) {
        const l = byId.get(id);
        if (l) found.push(l);
      }
    }
  }
  const seen = new Set<string>();
  return found
    .filter((l) => !seen.has(l.id) && seen.add(l.id))
    .map((l) => ({ id: l.id, name: l.name, chamber: l.chamber, district: l.district, email: l.email }));
}

// Words and letter counts for many campaigns in two statements, whatever their number.
async function detailsOf(db: Db, rows: CampaignRow[], locale: Locale): Promise<CampaignDetails[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [words, counts] = await Promise.all([
    db.select().from(letterCampaignTranslations).where(inArray(letterCampaignTranslations.campaignId, ids)),
    db
      .select({ campaignId: letters.campaignId, n: count() })
      .from(letters)
      .where(inArray(letters.campaignId, ids))
      .groupBy(letters.campaignId),
  ]);
  return rows.map((row) => {
    const mine = words.filter((w) => w.campaignId === row.id);
    const chosen = mine.find((w) => w.locale === locale) ?? mine.find((w) => w.locale === 'en') ?? mine[0];
    return {
      id: row.id,
      slug: row.slug,
      status: row.status,
      targetKinds: row.targetKinds,
      committee: row.committee,
      legislatorIds: row.legislatorIds,
      deliveryMode: row.deliveryMode,
      reviewAddress: row.reviewAddress,
      live: row.liveDeliveryAt !== null,
      allowStory: row.allowStory,
      goal: row.goal,
      opensAt: row.opensAt,
      closesAt: row.closesAt,
      isDemo: row.isDemo,
      text: {
        locale: chosen?.locale ?? 'en',
        title: chosen?.title ?? row.slug,
        summary: chosen?.summary ?? '',
        subjectMatter: chosen?.subjectMatter ?? '',
        talkingPointsMd: chosen?.talkingPointsMd ?? '',
        subject: chosen?.subject ?? '',
        greeting: chosen?.greeting ?? '',
        body: chosen?.body ?? '',
        closing: chosen?.closing ?? '',
        storyPrompt: chosen?.storyPrompt ?? '',
      },
      hasSpanish: mine.some((w) => w.locale === 'es' && w.title.trim() !== ''),
      letterCount: Number(counts.find((n) => n.campaignId === row.id)?.n ?? 0),
    };
  });
}
