import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Logger } from 'pino';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { normalizeEmail } from '../../platform/email-address.ts';
import { recurring } from '../../platform/recurring.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { enqueueEmails, outboxStatesByKey, type NewEmail } from '../email/service.ts';
import { listLegislators } from '../reference/service.ts';
import { supporterContact } from '../supporters/service.ts';
import { campaignById, type CommitteeMembers } from './campaigns-read.ts';
import { digestDayOf, rosterAddresses } from './letter.ts';
import { digestKey, letterTemplateNames, officeLetterKey } from './letter-emails.ts';
import { letterCampaigns, letterDeliveries, letterDigests, letters, type DeliveryStatus } from './schema.ts';

/**
 * How many legislators' offices would receive this campaign's letters once live: everyone its targets
 * can reach (every senator for "my senator", every representative for "my representative", the
 * committee's members, the list) who has an address on the roster. The confirmation names this number.
 */
export async function liveDeliveryPreview(
  db: Db,
  campaignId: number,
  committeeMembers?: CommitteeMembers,
): Promise<{ offices: number }> {
  const campaign = await campaignById(db, campaignId, 'en');
  if (!campaign) return { offices: 0 };
  const roster = (await listLegislators(db)).filter((l) => l.email);
  const members =
    campaign.targetKinds.includes('committee') && campaign.committee && committeeMembers
      ? new Set(await committeeMembers(db, campaign.committee))
      : new Set<string>();
  const reached = roster.filter(
    (l) =>
      (campaign.targetKinds.includes('my-senator') && l.chamber === 'upper') ||
      (campaign.targetKinds.includes('my-representative') && l.chamber === 'lower') ||
      members.has(l.id) ||
      (campaign.targetKinds.includes('list') && campaign.legislatorIds.includes(l.id)),
  );
  return { offices: reached.length };
}

/**
 * An admin turns on live delivery: from now on this campaign's letters go to the legislators' own
 * addresses. Letters already written stay where they went (the review address). Recorded with who and
 * when, and audited. Only an admin may (the route asks the policy); turning it on twice changes nothing.
 */
export async function turnOnLiveDelivery(
  db: Db,
  campaignId: number,
  actor: AuditActor,
  committeeMembers?: CommitteeMembers,
): Promise<{ offices: number }> {
  const { offices } = await liveDeliveryPreview(db, campaignId, committeeMembers);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(letterCampaigns)
      .set({ liveDeliveryAt: new Date(), liveDeliveryBy: actor.staffId, updatedAt: new Date() })
      .where(and(eq(letterCampaigns.id, campaignId), sql`${letterCampaigns.liveDeliveryAt} is null`))
      .returning({ slug: letterCampaigns.slug });
    if (!row) return;
    await recordAudit(tx, actor, {
      action: 'letters.live-delivery',
      subjectType: 'letter-campaign',
      subjectId: campaignId,
      subjectLabel: row.slug,
      before: { liveDelivery: 'off' },
      after: { liveDelivery: 'on', offices },
    });
  });
  return { offices };
}

/** Digests recorded and queued per transaction. */
export const DIGEST_BATCH = 200;

/**
 * Queues the digests that are due: for every campaign, legislator and day before today (in the
 * organisation's zone) with letters in a digest, one email listing them all. Exactly once, whichever
 * process runs the pass and however many at once: each batch writes the ledger (letter_digests, whose
 * key refuses a second) and the outbox messages in one transaction, and queues mail only for the ledger
 * rows it inserted. A digest goes to the legislator only when every letter in it was written while the
 * campaign was live (on the day live delivery was turned on, that day's digest still goes to review);
 * otherwise to the review address, marked as a test. Returns how many were queued.
 */
export async function queueDueDigests(
  db: Db,
  deps: { domain: string; timeZone?: string; batchSize?: number },
  now: Date = new Date(),
): Promise<number> {
  const today = digestDayOf(now, deps.timeZone ?? 'America/Los_Angeles');
  const batchSize = deps.batchSize ?? DIGEST_BATCH;
  let queued = 0;
  for (;;) {
    const recorded = await db.transaction(async (tx) => {
      const rows = await rowsOf<{
        campaign_id: number | string;
        legislator_id: string;
        day: string;
        live: boolean;
        to_address: string;
        review_address: string;
        locale: string;
      }>(
        tx,
        sql`with due as (
              select l.campaign_id, d.legislator_id, d.digest_day::text as day, count(*)::int as n,
                bool_and(d.live) as live, (array_agg(d.to_address order by d.created_at desc))[1] as to_address
              from ${letterDeliveries} d join ${letters} l on l.id = d.letter_id
              where d.status = 'in-digest' and d.digest_day < ${today}::date
                and not exists (select 1 from ${letterDigests} g
                  where g.campaign_id = l.campaign_id and g.legislator_id = d.legislator_id and g.day = d.digest_day)
              group by l.campaign_id, d.legislator_id, d.digest_day
              order by d.digest_day, l.campaign_id, d.legislator_id
              limit ${batchSize}
            ), recorded as (
              insert into ${letterDigests} (campaign_id, legislator_id, day, letter_count, live, queued_at)
              select campaign_id, legislator_id, day::date, n, live, ${now.toISOString()}::timestamptz from due
              on conflict do nothing
              returning campaign_id, legislator_id, day::text as day, live
            )
            select r.campaign_id, r.legislator_id, r.day, r.live, due.to_address, c.review_address, 'en' as locale
            from recorded r
            join due on due.campaign_id = r.campaign_id and due.legislator_id = r.legislator_id and due.day = r.day
            join ${letterCampaigns} c on c.id = r.campaign_id`,
      );
      // A review address that is a legislator's own would make a test real: such a digest is recorded, never sent.
      const roster = rows.some((r) => !r.live) ? await rosterAddresses(tx) : new Set<string>();
      const messages: NewEmail[] = rows
        .filter((r) => r.live || !roster.has(normalizeEmail(r.review_address)))
        .map((r) => ({
          idempotencyKey: digestKey(Number(r.campaign_id), r.legislator_id, r.day),
          // The guard: a roster address only when every letter in it was written live.
          to: r.live ? r.to_address : r.review_address,
          kind: 'transactional',
          template: letterTemplateNames.digest,
          locale: 'en',
          data: { campaignId: Number(r.campaign_id), legislatorId: r.legislator_id, day: r.day, live: r.live },
        }));
      await enqueueEmails(tx, messages, { domain: deps.domain });
      return rows.length;
    });
    queued += recorded;
    if (recorded < batchSize) return queued;
  }
}

/** Runs the digest pass every five minutes (the first soon after start, so a restart catches up). */
export const DIGEST_PASS_EVERY_MS = 5 * 60_000;

/** The digest pass on a timer, wherever the email worker runs; its state is the ledger, not this process. */
export function letterDigestSchedule(options: {
  db: Db;
  logger: Logger;
  domain: string;
  timeZone: () => Promise<string>;
  everyMs?: number;
  onQueued?: () => void;
}) {
  const everyMs = options.everyMs ?? DIGEST_PASS_EVERY_MS;
  let started = false;
  return recurring({
    run: async () => {
      const queued = await queueDueDigests(options.db, { domain: options.domain, timeZone: await options.timeZone() });
      if (queued > 0) {
        options.logger.info({ queued }, 'letter digests queued');
        options.onQueued?.();
      } else options.logger.debug('letter digest pass: nothing due');
    },
    delayMs: () => {
      if (started) return everyMs;
      started = true;
      return Math.min(everyMs, 1500);
    },
    onError: (error) => options.logger.error({ err: error }, 'letter digest pass failed'),
  });
}

/** One letter to one legislator as staff see it. */
export type DeliveryState = {
  letterId: number;
  writtenAt: Date;
  writer: string;
  legislatorId: string;
  legislatorName: string;
  chamber: string;
  district: string;
  /** False: it went (or goes) to the review address, as a test. */
  live: boolean;
  state: DeliveryStatus;
  sentAt: Date | null;
};

/**
 * Every letter of a campaign and where each of its deliveries stands: queued (waiting in the outbox),
 * in-digest (waiting for its day's digest), sent, or failed (given up, suppressed, or no address).
 * The outbox is read through the email feature.
 */
export async function deliveryStatesFor(
  db: Db,
  campaignId: number,
  filters: { legislatorId?: string; state?: DeliveryStatus; limit?: number } = {},
): Promise<DeliveryState[]> {
  const d = letterDeliveries;
  const l = letters;
  const where: SQL[] = [sql`${l.campaignId} = ${campaignId}`];
  if (filters.legislatorId) where.push(sql`${d.legislatorId} = ${filters.legislatorId}`);
  const rows = await rowsOf<{
    letter_id: number | string;
    written_at: Date | string;
    given_name: string;
    family_name: string;
    legislator_id: string;
    legislator_name: string;
    chamber: string;
    district: string;
    live: boolean;
    status: DeliveryStatus;
    digest_day: string | null;
  }>(
    db,
    sql`select ${d.letterId} as letter_id, ${l.createdAt} as written_at, ${supporterContact.givenName} as given_name,
          ${supporterContact.familyName} as family_name, ${d.legislatorId} as legislator_id,
          ${d.legislatorName} as legislator_name, ${d.chamber} as chamber, ${d.district} as district, ${d.live} as live,
          ${d.status} as status, ${d.digestDay}::text as digest_day
        from ${d} join ${l} on ${l.id} = ${d.letterId} ${supporterContact.join(l.supporterId)}
        where ${sql.join(where, sql` and `)}
        order by ${l.createdAt} desc, ${l.id} desc, ${d.chamber}, ${d.legislatorName}
        limit ${filters.limit ?? 1000}`,
  );
  const keyOf = (r: (typeof rows)[number]) =>
    r.digest_day
      ? digestKey(campaignId, r.legislator_id, r.digest_day)
      : officeLetterKey(Number(r.letter_id), r.legislator_id);
  const outbox = await outboxStatesByKey(db, [...new Set(rows.map(keyOf))]);
  const states = rows.map((r): DeliveryState => {
    const message = outbox.get(keyOf(r));
    const state = deliveryStateOf(r.status, r.digest_day, message);
    return {
      letterId: Number(r.letter_id),
      writtenAt: new Date(r.written_at),
      writer: `${r.given_name} ${r.family_name}`.trim(),
      legislatorId: r.legislator_id,
      legislatorName: r.legislator_name,
      chamber: r.chamber,
      district: r.district,
      live: r.live,
      state,
      sentAt: message?.status === 'sent' ? message.sentAt : null,
    };
  });
  return filters.state ? states.filter((s) => s.state === filters.state) : states;
}

/**
 * Where one delivery stands, from its row and its outbox message (the office's letter, or its day's digest): a
 * message not yet written is queued, or waiting for its digest.
 */
export function deliveryStateOf(
  status: DeliveryStatus,
  digestDay: string | null,
  message: { status: string } | undefined,
): DeliveryStatus {
  if (status === 'failed') return 'failed';
  if (!message) return digestDay ? 'in-digest' : 'queued';
  if (message.status === 'sent') return 'sent';
  return message.status === 'failed' || message.status === 'suppressed' ? 'failed' : 'queued';
}
