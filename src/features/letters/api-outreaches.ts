import { and, asc, count, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { offsetOf, pageConditions, placeOf, type ApiPaging, type Placed } from '../../platform/api-paging.ts';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { normalizeEmail } from '../../platform/email-address.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { outboxStatesByKey } from '../email/service.ts';
import type { Geocoder } from '../petitions/service.ts';
import { listLegislators } from '../reference/service.ts';
import { supporterContact } from '../supporters/service.ts';
import { campaignById, campaignOpen } from './campaigns-read.ts';
import { deliveryStateOf } from './delivery.ts';
import { findByAddress } from './find.ts';
import { digestKey, officeLetterKey } from './letter-emails.ts';
import { letterInputFor } from './letter-inputs.ts';
import { sendLetter, type LetterDeps } from './letter.ts';
import {
  letterCampaignTranslations,
  letterCampaigns,
  letterDeliveries,
  letters,
  type DeliveryStatus,
  type TargetKind,
} from './schema.ts';

/**
 * Letter campaigns and letters as the OSDI API reads and writes them (advocacy campaigns and outreaches, ADR 073).
 * The API feature shapes the JSON; this is the letters' side. A letter recorded through the API goes through
 * `sendLetter` after the same checks as the public form's send step: the campaign open, the districts found from
 * the address (`findByAddress`, the geocoder when there is one, else a ZIP wholly inside a district), the letter's
 * zod shape, one letter per person per campaign, and the live-delivery guard (test mode sends to the review
 * address). Drafts are staff's unfinished work and are not shown, as on the public site and in segment choices.
 */

export type ApiCampaign = {
  id: number;
  slug: string;
  title: string;
  summary: string;
  status: 'open' | 'closed';
  targetKinds: TargetKind[];
  committee: string;
  /** For a 'list' campaign: the legislators it writes to, as the roster names them now. */
  listed: { name: string; chamber: string; district: string }[];
  outreaches: number;
  createdAt: Date;
  /** The campaign row's own change time: every staff save, opening, closing and the live switch set it. */
  modifiedAt: Date;
};

export type ApiOutreachTarget = {
  name: string;
  chamber: string;
  district: string;
  /** False: it went to the campaign's review address as a test, never to the office. */
  live: boolean;
  state: DeliveryStatus;
};

export type ApiOutreach = {
  id: number;
  campaignId: number;
  supporterId: number;
  /** A letter is never changed once written; its deliveries' states are read live from the outbox. */
  createdAt: Date;
  targets: ApiOutreachTarget[];
};

const shown = ne(letterCampaigns.status, 'draft');

export async function apiCampaignsPage(
  db: Db,
  paging: ApiPaging,
): Promise<{ total: number; rows: Placed<ApiCampaign>[] }> {
  const { where, orderBy } = pageConditions(letterCampaigns.updatedAt, letterCampaigns.id, paging);
  const { where: filtered } = pageConditions(letterCampaigns.updatedAt, letterCampaigns.id, {
    ...paging,
    after: undefined,
  });
  const [rows, [total]] = await Promise.all([
    db
      .select({ row: letterCampaigns, at: placeOf(letterCampaigns.updatedAt) })
      .from(letterCampaigns)
      .where(and(shown, where))
      .orderBy(...orderBy)
      .limit(paging.limit)
      .offset(offsetOf(paging)),
    db.select({ n: count() }).from(letterCampaigns).where(and(shown, filtered)),
  ]);
  const campaigns = await campaignsOf(
    db,
    rows.map((r) => r.row),
  );
  return {
    total: Number(total?.n ?? 0),
    rows: campaigns.map((row, i) => ({ row, at: rows[i]!.at, id: row.id })),
  };
}

export async function apiCampaign(db: Db, id: number): Promise<ApiCampaign | undefined> {
  const rows = await db
    .select()
    .from(letterCampaigns)
    .where(and(shown, eq(letterCampaigns.id, id)));
  return (await campaignsOf(db, rows))[0];
}

// English words (the campaign's own language) and letter counts for a page of campaigns, in three statements.
async function campaignsOf(db: Db, rows: (typeof letterCampaigns.$inferSelect)[]): Promise<ApiCampaign[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [words, counts, roster] = await Promise.all([
    db.select().from(letterCampaignTranslations).where(inArray(letterCampaignTranslations.campaignId, ids)),
    db
      .select({ campaignId: letters.campaignId, n: count() })
      .from(letters)
      .where(inArray(letters.campaignId, ids))
      .groupBy(letters.campaignId),
    rows.some((r) => r.legislatorIds.length > 0) ? listLegislators(db) : Promise.resolve([]),
  ]);
  const byId = new Map(roster.map((l) => [l.id, l]));
  return rows.map((row) => {
    const mine = words.filter((w) => w.campaignId === row.id);
    const text = mine.find((w) => w.locale === 'en') ?? mine[0];
    return {
      id: row.id,
      slug: row.slug,
      title: text?.title ?? row.slug,
      summary: text?.summary ?? '',
      status: row.status === 'closed' ? 'closed' : 'open',
      targetKinds: row.targetKinds,
      committee: row.committee,
      listed: row.targetKinds.includes('list')
        ? row.legislatorIds.flatMap((id) => {
            const l = byId.get(id);
            return l ? [{ name: l.name, chamber: l.chamber, district: l.district }] : [];
          })
        : [],
      outreaches: Number(counts.find((c) => c.campaignId === row.id)?.n ?? 0),
      createdAt: row.createdAt,
      modifiedAt: row.updatedAt,
    };
  });
}

export async function apiOutreachesPage(
  db: Db,
  campaignId: number,
  paging: ApiPaging,
): Promise<{ total: number; rows: Placed<ApiOutreach>[] }> {
  const mine = eq(letters.campaignId, campaignId);
  const { where, orderBy } = pageConditions(letters.createdAt, letters.id, paging);
  const { where: filtered } = pageConditions(letters.createdAt, letters.id, { ...paging, after: undefined });
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: letters.id,
        campaignId: letters.campaignId,
        supporterId: letters.supporterId,
        createdAt: letters.createdAt,
        at: placeOf(letters.createdAt),
      })
      .from(letters)
      .where(and(mine, where))
      .orderBy(...orderBy)
      .limit(paging.limit)
      .offset(offsetOf(paging)),
    db.select({ n: count() }).from(letters).where(and(mine, filtered)),
  ]);
  const outreaches = await withTargets(db, rows);
  return {
    total: Number(total?.n ?? 0),
    rows: outreaches.map((row, i) => ({ row, at: rows[i]!.at, id: row.id })),
  };
}

export async function apiOutreach(db: Db, campaignId: number, letterId: number): Promise<ApiOutreach | undefined> {
  const rows = await db
    .select({
      id: letters.id,
      campaignId: letters.campaignId,
      supporterId: letters.supporterId,
      createdAt: letters.createdAt,
    })
    .from(letters)
    .innerJoin(letterCampaigns, eq(letterCampaigns.id, letters.campaignId))
    .where(and(shown, eq(letters.campaignId, campaignId), eq(letters.id, letterId)));
  return (await withTargets(db, rows))[0];
}

// Each letter's deliveries, and where each stands by its outbox message, as the staff delivery list reads them.
async function withTargets(db: Db, rows: Omit<ApiOutreach, 'targets'>[]): Promise<ApiOutreach[]> {
  if (rows.length === 0) return [];
  const deliveries = await db
    .select()
    .from(letterDeliveries)
    .where(
      inArray(
        letterDeliveries.letterId,
        rows.map((r) => r.id),
      ),
    )
    // The Senate ('upper') first, as the campaign names its targets.
    .orderBy(desc(letterDeliveries.chamber), asc(letterDeliveries.legislatorName));
  const campaignOf = new Map(rows.map((r) => [r.id, r.campaignId]));
  const keyOf = (d: (typeof deliveries)[number]) =>
    d.digestDay
      ? digestKey(campaignOf.get(d.letterId)!, d.legislatorId, d.digestDay)
      : officeLetterKey(d.letterId, d.legislatorId);
  const outbox = await outboxStatesByKey(db, [...new Set(deliveries.map(keyOf))]);
  return rows.map((r) => ({
    ...r,
    targets: deliveries
      .filter((d) => d.letterId === r.id)
      .map((d) => ({
        name: d.legislatorName,
        chamber: d.chamber,
        district: d.district,
        live: d.live,
        state: deliveryStateOf(d.status, d.digestDay, outbox.get(keyOf(d))),
      })),
  }));
}

/** What record_outreach_helper is given, already in the API's checked shape. */
export type ApiOutreachInput = {
  givenName: string;
  familyName: string;
  email: string;
  street: string;
  city: string;
  zip: string;
  /** Left out: the campaign's own, as the form starts with them. */
  subject?: string | undefined;
  message?: string | undefined;
  locale: Locale;
};

/** The letter form's fields, for the API to say which of its own fields a refusal is about. */
export type LetterField =
  | 'givenName'
  | 'familyName'
  | 'email'
  | 'street'
  | 'city'
  | 'zip'
  | 'subject'
  | 'body'
  | 'story'
  | 'senate'
  | 'house'
  | 'foundBy';

export type ApiOutreachOutcome =
  | { kind: 'recorded'; letterId: number; created: boolean }
  | { kind: 'no-campaign' }
  | { kind: 'closed'; why: string }
  /** The address names no district: the form would ask again, by street address or ZIP. */
  | { kind: 'no-districts' }
  | { kind: 'no-targets' }
  | { kind: 'invalid'; fields: Partial<Record<LetterField, string>> };

/** What recording a letter needs from the app: the letters' own deps (committees, the zone) and the geocoder. */
export type ApiOutreachDeps = { letter: LetterDeps; geocoder?: Geocoder | undefined };

/**
 * record_outreach_helper: a letter written in another tool, recorded and delivered exactly as the form's send step
 * does it. A second letter from the same person to the same campaign records nothing and answers the first.
 */
export async function apiRecordOutreach(
  db: Db,
  deps: ApiOutreachDeps,
  campaignId: number,
  input: ApiOutreachInput,
  source: string,
): Promise<ApiOutreachOutcome> {
  const campaign = await campaignById(db, campaignId, input.locale);
  if (!campaign || campaign.status === 'draft') return { kind: 'no-campaign' };
  // As the form's every step: a campaign not taking letters says so before anything is checked or looked up.
  const open = campaignOpen(campaign);
  if (!open.open) return { kind: 'closed', why: open.why };
  const found = await findByAddress(db, { street: deps.geocoder ? input.street : '', zip: input.zip }, deps.geocoder);
  if (!found) return { kind: 'no-districts' };
  const parsed = letterInputFor(campaign, input.locale).safeParse({
    givenName: input.givenName,
    familyName: input.familyName,
    email: input.email,
    street: input.street,
    city: input.city,
    zip: input.zip,
    subject: input.subject ?? campaign.text.subject,
    body: input.message ?? campaign.text.body,
    story: '',
    senate: found.senate ?? '',
    house: found.house ?? '',
    foundBy: found.method,
  });
  if (!parsed.success) {
    const fields: Partial<Record<LetterField, string>> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0]) as LetterField] ??= issue.message;
    return { kind: 'invalid', fields };
  }
  const outcome = await sendLetter(db, deps.letter, campaignId, parsed.data, { locale: input.locale, source });
  if (outcome.kind === 'closed') return { kind: 'closed', why: outcome.why };
  if (outcome.kind === 'no-targets') return { kind: 'no-targets' };
  if (outcome.kind === 'sent') return { kind: 'recorded', letterId: outcome.letterId, created: true };
  const [first] = await rowsOf<{ id: number | string }>(
    db,
    sql`select ${letters.id} as id from ${letters} ${supporterContact.join(letters.supporterId)}
        where ${letters.campaignId} = ${campaignId} and ${supporterContact.email} = ${normalizeEmail(input.email)}`,
  );
  return first ? { kind: 'recorded', letterId: Number(first.id), created: false } : { kind: 'no-targets' };
}
