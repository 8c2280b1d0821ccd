import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { normalizeEmail } from '../../platform/email-address.ts';
import { dateToZonedLocal } from '../../platform/web/time.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { getSiteSettings } from '../content/service.ts';
import { enqueueEmails, type NewEmail } from '../email/service.ts';
import { listLegislators, zipFacts } from '../reference/service.ts';
import { addToTimeline, upsertSupportersFrom } from '../supporters/service.ts';
import { campaignById, campaignOpen, targetsFor, type CommitteeMembers } from './campaigns-read.ts';
import { letterCopyEmail, officeLetterEmail } from './letter-emails.ts';
import type { LetterInput } from './letter-inputs.ts';
import { letterDeliveries, letters } from './schema.ts';

/** What writing a letter needs from the app. */
export type LetterDeps = {
  publicUrl: string;
  /** The organisation's zone: a digest is a day's letters, and a day begins at midnight there. Default: the site's setting. */
  timeZone?: string;
  /** For campaigns that write to a committee: its members from the roster. */
  committeeMembers?: CommitteeMembers;
  now?: () => Date;
};

export type LetterOutcome =
  | { kind: 'sent'; letterId: number; deliveries: { legislatorName: string; live: boolean }[] }
  | { kind: 'already-sent' }
  | { kind: 'closed'; why: string }
  | { kind: 'no-targets' };

/** The day (YYYY-MM-DD, in the zone) whose digest carries a letter written at `at`. */
export function digestDayOf(at: Date, timeZone: string): string {
  return dateToZonedLocal(at, timeZone).slice(0, 10);
}

/**
 * A supporter sends their letter. They become a supporter (or are found: details on record are only
 * filled in where blank), and in one transaction: the letter, one delivery per legislator it goes to
 * (the recipient written down as the roster gives them now), the messages to the offices (or the
 * deliveries marked for the day's digest), the writer's copy and the moment on their timeline.
 *
 * The guard the issue asks for lives here: a message goes to a legislator's own address only when an
 * admin has turned on live delivery for the campaign; until then it goes to the review address,
 * marked as a test. One letter per person per campaign: sending again changes nothing.
 */
export async function sendLetter(
  db: Db,
  deps: LetterDeps,
  campaignId: number,
  input: LetterInput,
  ctx: { locale: Locale; source?: string },
): Promise<LetterOutcome> {
  const now = deps.now?.() ?? new Date();
  const campaign = await campaignById(db, campaignId, ctx.locale);
  if (!campaign) return { kind: 'closed', why: 'draft' };
  const open = campaignOpen(campaign, now);
  if (!open.open) return { kind: 'closed', why: open.why };
  const districts = { senate: input.senate || undefined, house: input.house || undefined };
  const targets = await targetsFor(db, campaign, districts, deps.committeeMembers);
  if (targets.length === 0) return { kind: 'no-targets' };
  const domain = new URL(deps.publicUrl).hostname;
  const email = normalizeEmail(input.email);
  const facts = await zipFacts(db, input.zip);
  const county = facts?.counties.length === 1 ? facts.counties[0]! : null;
  const roster = await rosterAddresses(db);
  const digestDay =
    campaign.deliveryMode === 'digest' ? digestDayOf(now, deps.timeZone ?? (await getSiteSettings(db)).timeZone) : null;

  return db.transaction(async (tx) => {
    const [person] = await rowsOf<{ id: number }>(
      tx,
      upsertSupportersFrom(
        sql`select ${email}::text, ${input.email.trim()}::text, ${input.givenName}::text, ${input.familyName}::text,
          ${input.zip}::text, ${county}::text, ${ctx.locale}::text, ${ctx.source || null}::text`,
        now,
      ),
    );
    const supporterId = Number(person!.id);
    // The unique key (campaign, supporter) answers a second send, even two at once: the later one inserts nothing.
    const [letter] = await tx
      .insert(letters)
      .values({
        campaignId,
        supporterId,
        locale: ctx.locale,
        subject: input.subject,
        body: input.body,
        story: input.story,
        street: input.street,
        city: input.city,
        zip: input.zip,
        senateDistrict: input.senate || null,
        houseDistrict: input.house || null,
        foundBy: input.foundBy,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: letters.id });
    if (!letter) return { kind: 'already-sent' } as const;

    // Live delivery is read here, inside the transaction, from the row itself: never from a copy made earlier.
    const live = await campaignIsLive(tx, campaignId);
    // A review address that is a legislator's own (typed by mistake) would make a test real: refused.
    const review = roster.has(normalizeEmail(campaign.reviewAddress)) ? null : campaign.reviewAddress;
    const deliveries = targets.map((t) => {
      const address = live ? t.email : review;
      return {
        letterId: letter.id,
        legislatorId: t.id,
        legislatorName: t.name,
        chamber: t.chamber,
        district: t.district,
        // A legislator with no address on the roster is recorded as failed: never sent elsewhere instead.
        toAddress: address ?? '',
        live,
        status: !address ? ('failed' as const) : digestDay ? ('in-digest' as const) : ('queued' as const),
        digestDay,
        createdAt: now,
      };
    });
    await tx.insert(letterDeliveries).values(deliveries);
    const messages: NewEmail[] = deliveries
      .filter((d) => d.status === 'queued')
      .map((d) =>
        officeLetterEmail({ letterId: letter.id, legislatorId: d.legislatorId, to: d.toAddress, locale: ctx.locale }),
      );
    messages.push(letterCopyEmail({ letterId: letter.id, to: email, locale: ctx.locale }));
    await enqueueEmails(tx, messages, { domain });
    await addToTimeline(tx, {
      supporterId,
      kind: 'letter',
      detail: { campaignId, slug: campaign.slug, letterId: letter.id, legislators: targets.length },
      at: now,
    });
    return {
      kind: 'sent',
      letterId: letter.id,
      deliveries: deliveries.map((d) => ({ legislatorName: d.legislatorName, live: d.live })),
    } as const;
  });
}

/** Whether a campaign delivers to legislators now, read in the caller's transaction (locking nothing). */
export async function campaignIsLive(tx: Db, campaignId: number): Promise<boolean> {
  const [row] = await rowsOf<{ live: boolean }>(
    tx,
    sql`select live_delivery_at is not null as live from letter_campaigns where id = ${campaignId}`,
  );
  return row?.live === true;
}

/** Every address on the roster, normalized: what a message may go to only when its campaign is live. */
export async function rosterAddresses(db: Db): Promise<Set<string>> {
  return new Set((await listLegislators(db)).flatMap((l) => (l.email ? [normalizeEmail(l.email)] : [])));
}

/** Whether an address is a legislator's on the roster: a campaign's review address must not be (staff's form asks). */
export async function isRosterAddress(db: Db, address: string): Promise<boolean> {
  return (await rosterAddresses(db)).has(normalizeEmail(address));
}
