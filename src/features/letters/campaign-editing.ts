import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { bumpContentVersion } from '../content/service.ts';
import {
  letterCampaigns,
  letterCampaignTranslations,
  letters,
  type CampaignStatus,
  type DeliveryMode,
  type TargetKind,
} from './schema.ts';

/** Who is making a change, for the audit log; null for the demo seed. */
export type Editor = AuditActor | null;

/** A campaign's words in one language, as staff write them. */
export type CampaignWords = {
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

/** What both languages share. Dates are instants. */
export type CampaignFacts = {
  slug: string;
  targetKinds: TargetKind[];
  committee: string;
  legislatorIds: string[];
  deliveryMode: DeliveryMode;
  reviewAddress: string;
  allowStory: boolean;
  goal: number | null;
  opensAt: Date | null;
  closesAt: Date | null;
};

/** Everything the editor saves together: English always, Spanish when written. */
export type CampaignDraft = { facts: CampaignFacts; words: { en: CampaignWords; es?: CampaignWords | undefined } };

export type StaffCampaign = CampaignFacts & {
  id: number;
  status: CampaignStatus;
  isDemo: boolean;
  liveDeliveryAt: Date | null;
  liveDeliveryBy: number | null;
  updatedAt: Date;
  words: Partial<Record<Locale, CampaignWords>>;
  letterCount: number;
};

export type CampaignOutcome =
  | { ok: true; id: number }
  | { ok: false; problem: 'not-found' }
  | { ok: false; problem: 'refused'; field: string; message: string };

const notFound = { ok: false, problem: 'not-found' } as const;
const slugTaken = {
  ok: false,
  problem: 'refused',
  field: 'slug',
  message: 'Another campaign has this address: choose another',
} as const;

/** The title staff know it by: English, else the one it has. */
export function campaignTitle(c: Pick<StaffCampaign, 'words' | 'slug'>): string {
  return c.words.en?.title ?? c.words.es?.title ?? c.slug;
}

async function loadCampaigns(db: Db, id?: number): Promise<StaffCampaign[]> {
  const rows = await db
    .select()
    .from(letterCampaigns)
    .where(id === undefined ? undefined : eq(letterCampaigns.id, id))
    .orderBy(desc(letterCampaigns.createdAt), desc(letterCampaigns.id));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [words, counts] = await Promise.all([
    db.select().from(letterCampaignTranslations).where(inArray(letterCampaignTranslations.campaignId, ids)),
    db
      .select({ campaignId: letters.campaignId, n: sql<number>`count(*)::int` })
      .from(letters)
      .where(inArray(letters.campaignId, ids))
      .groupBy(letters.campaignId),
  ]);
  return rows.map(({ createdAt: _created, ...row }) => ({
    ...row,
    words: Object.fromEntries(
      words
        .filter((w) => w.campaignId === row.id)
        .map(({ campaignId: _c, locale, updatedAt: _u, ...w }) => [locale, w]),
    ),
    letterCount: Number(counts.find((c) => c.campaignId === row.id)?.n ?? 0),
  }));
}

/** Every campaign, newest first, drafts and closed ones too. */
export function listCampaignsForStaff(db: Db): Promise<StaffCampaign[]> {
  return loadCampaigns(db);
}

export async function getCampaignForStaff(db: Db, id: number): Promise<StaffCampaign | undefined> {
  return (await loadCampaigns(db, id))[0];
}

/** What the audit log keeps of a campaign: named fields, dates as instants. */
function recorded(c: CampaignDraft | StaffCampaign) {
  const facts = 'facts' in c ? c.facts : c;
  const { slug, targetKinds, committee, legislatorIds, deliveryMode, reviewAddress } = facts;
  const { allowStory, goal, opensAt, closesAt } = facts;
  return {
    slug,
    targetKinds: targetKinds.join(', '),
    committee,
    legislatorIds: legislatorIds.join(', '),
    deliveryMode,
    reviewAddress,
    allowStory,
    goal,
    opensAt,
    closesAt,
    ...c.words,
  };
}

async function writeWords(tx: Db, campaignId: number, words: CampaignDraft['words']) {
  for (const locale of ['en', 'es'] as const) {
    const w = words[locale];
    const mine = and(
      eq(letterCampaignTranslations.campaignId, campaignId),
      eq(letterCampaignTranslations.locale, locale),
    );
    if (!w) {
      await tx.delete(letterCampaignTranslations).where(mine);
      continue;
    }
    await tx
      .insert(letterCampaignTranslations)
      .values({ campaignId, locale, ...w })
      .onConflictDoUpdate({
        target: [letterCampaignTranslations.campaignId, letterCampaignTranslations.locale],
        set: { ...w, updatedAt: new Date() },
      });
  }
}

/** A new campaign: a draft, in test mode (live delivery off) whatever the seed or the form says. */
export function createCampaign(
  db: Db,
  draft: CampaignDraft,
  editor: Editor,
  options: { status?: CampaignStatus; isDemo?: boolean } = {},
): Promise<CampaignOutcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(letterCampaigns)
      .values({ ...draft.facts, status: options.status ?? 'draft', isDemo: options.isDemo ?? false })
      .onConflictDoNothing({ target: letterCampaigns.slug })
      .returning({ id: letterCampaigns.id });
    if (!row) return slugTaken;
    await writeWords(tx, row.id, draft.words);
    await recordAudit(tx, editor, {
      action: 'letters.create',
      subjectType: 'letter-campaign',
      subjectId: row.id,
      subjectLabel: draft.words.en.title,
      after: recorded(draft),
    });
    await bumpContentVersion(tx);
    return { ok: true, id: row.id };
  });
}

/** Saves the editor: facts and both languages' words. Live delivery is never changed here. */
export function saveCampaign(db: Db, id: number, draft: CampaignDraft, editor: Editor): Promise<CampaignOutcome> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select id from letter_campaigns where id = ${id} for update`);
    const [before] = await loadCampaigns(tx, id);
    if (!before) return notFound;
    const [taken] = await tx
      .select({ id: letterCampaigns.id })
      .from(letterCampaigns)
      .where(and(eq(letterCampaigns.slug, draft.facts.slug), ne(letterCampaigns.id, id)));
    if (taken) return slugTaken;
    await tx
      .update(letterCampaigns)
      .set({ ...draft.facts, updatedAt: new Date() })
      .where(eq(letterCampaigns.id, id));
    await writeWords(tx, id, draft.words);
    await recordAudit(tx, editor, {
      action: 'letters.update',
      subjectType: 'letter-campaign',
      subjectId: id,
      subjectLabel: draft.words.en.title,
      before: recorded(before),
      after: recorded(draft),
    });
    await bumpContentVersion(tx);
    return { ok: true, id };
  });
}

// A closed campaign may open again (a deadline moved); going back to draft is only before any letter is written.
const allowedMoves: Record<CampaignStatus, CampaignStatus[]> = {
  draft: ['open'],
  open: ['closed', 'draft'],
  closed: ['open'],
};

const statusActions: Record<CampaignStatus, string> = {
  open: 'letters.open',
  closed: 'letters.close',
  draft: 'letters.unpublish',
};

/** Opens, closes, reopens or takes a campaign back to draft. Asking for the state it is in answers ok. */
export function setCampaignStatus(
  db: Db,
  id: number,
  status: CampaignStatus,
  editor: Editor,
): Promise<CampaignOutcome> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select id from letter_campaigns where id = ${id} for update`);
    const [campaign] = await loadCampaigns(tx, id);
    if (!campaign) return notFound;
    if (campaign.status === status) return { ok: true, id };
    if (!allowedMoves[campaign.status].includes(status))
      return { ok: false, problem: 'refused', field: 'status', message: 'That change of state is not possible' };
    if (status === 'draft' && campaign.letterCount > 0)
      return {
        ok: false,
        problem: 'refused',
        field: 'status',
        message: 'People have written in this campaign: close it instead',
      };
    await tx.update(letterCampaigns).set({ status, updatedAt: new Date() }).where(eq(letterCampaigns.id, id));
    await recordAudit(tx, editor, {
      action: statusActions[status],
      subjectType: 'letter-campaign',
      subjectId: id,
      subjectLabel: campaignTitle(campaign),
      before: { status: campaign.status },
      after: { status },
    });
    await bumpContentVersion(tx);
    return { ok: true, id };
  });
}

/**
 * Turns live delivery off: letters from now on go to the review address again. Turning it on is delivery.ts's
 * (`turnOnLiveDelivery`, with its confirmation); off needs no count, since nothing more reaches an office.
 */
export function turnOffLiveDelivery(db: Db, id: number, editor: Editor): Promise<CampaignOutcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(letterCampaigns)
      .set({ liveDeliveryAt: null, liveDeliveryBy: null, updatedAt: new Date() })
      .where(eq(letterCampaigns.id, id))
      .returning({ id: letterCampaigns.id, slug: letterCampaigns.slug });
    if (!row) return notFound;
    const [words] = await tx
      .select({ title: letterCampaignTranslations.title })
      .from(letterCampaignTranslations)
      .where(eq(letterCampaignTranslations.campaignId, id))
      .orderBy(asc(letterCampaignTranslations.locale));
    await recordAudit(tx, editor, {
      action: 'letters.live-off',
      subjectType: 'letter-campaign',
      subjectId: id,
      subjectLabel: words?.title ?? row.slug,
      before: { liveDelivery: 'on' },
      after: { liveDelivery: 'off' },
    });
    return { ok: true, id };
  });
}
