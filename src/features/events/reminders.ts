import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { jsonRows, rowsOf, type Db } from '../../platform/db/client.ts';
import { recurring } from '../../platform/recurring.ts';
import { enqueueEmailsFrom, isSuppressedAddress } from '../email/service.ts';
import { supporterContact } from '../supporters/service.ts';
import { eventReminders, eventRsvps, events, type ReminderKind } from './schema.ts';

/** The outbox template of every reminder (reminder-emails.ts); the row's data says which one. */
export const REMINDER_TEMPLATE = 'event-reminder';

/** Reminders recorded and queued per transaction: 5,000 attendees make ten short transactions, not one long one. */
export const REMINDER_BATCH = 500;

export type ReminderPass = { week: number; day: number };

/**
 * Queues the reminders that are due (ADR 056).
 *
 * Which reminder is due for a confirmed RSVP to a published event that has not started:
 * - inside the last day before the start, the day reminder; the week one is never sent any more, as a
 *   week reminder a day before would be the same message twice (a worker down for days, say);
 * - between seven days and one day before, the week reminder;
 * - each only for a person confirmed before that reminder's moment (their RSVP, or their promotion from the
 *   waitlist): someone who RSVPs three days before has just been sent everything, so gets no week reminder.
 *
 * Exactly once, whichever process runs the pass and however many run it at once: each batch, in one transaction,
 * writes the ledger row (event_reminders, whose key refuses a second) and the outbox message, and queues mail only
 * for the ledger rows it inserted. The RSVPs of a batch are locked with SKIP LOCKED, so two passes take different
 * people rather than wait on each other, and a cancellation in progress is left for the next pass to see.
 */
export async function queueDueReminders(
  db: Db,
  options: { domain: string; now?: Date; batchSize?: number },
): Promise<ReminderPass> {
  const now = (options.now ?? new Date()).toISOString();
  const batchSize = options.batchSize ?? REMINDER_BATCH;
  const queued: ReminderPass = { week: 0, day: 0 };
  for (;;) {
    const recorded = await db.transaction(async (tx) => {
      const rows = await rowsOf<{ rsvp_id: number | string; kind: ReminderKind }>(
        tx,
        sql`insert into ${eventReminders} (rsvp_id, kind, queued_at)
            select due.id, due.kind, ${now}::timestamptz from (
              select r.id, k.kind
              from ${eventRsvps} r
              join ${events} e on e.id = r.event_id
              cross join lateral (
                select case when e.starts_at <= ${now}::timestamptz + interval '1 day' then 'day' else 'week' end
                  as kind) k
              where e.status = 'published' and r.status = 'confirmed'
                and e.starts_at > ${now}::timestamptz
                and e.starts_at <= ${now}::timestamptz + interval '7 days'
                and coalesce(r.promoted_at, r.created_at)
                  <= e.starts_at - case k.kind when 'day' then interval '1 day' else interval '7 days' end
                and not exists (select 1 from ${eventReminders} m where m.rsvp_id = r.id and m.kind = k.kind)
              order by e.starts_at, r.id
              limit ${batchSize}
              for no key update of r skip locked
            ) due
            on conflict do nothing
            returning rsvp_id, kind`,
      );
      if (rows.length === 0) return rows;
      await enqueueEmailsFrom(tx, reminderMessages(rows), options);
      return rows;
    });
    for (const row of recorded) queued[row.kind] += 1;
    if (recorded.length < batchSize) return queued;
  }
}

/**
 * The outbox rows of the reminders this transaction just wrote in the ledger. A person whose address bounced or
 * complained gets none; the ledger row stays, so they are not looked at again. The message carries ids only: the
 * template reads the event as it sends, so a change of place made after the pass is in the mail.
 */
function reminderMessages(recorded: { rsvp_id: number | string; kind: ReminderKind }[]) {
  const rows = jsonRows(recorded.map((r) => ({ rsvp_id: Number(r.rsvp_id), kind: r.kind })));
  const r = eventRsvps;
  return sql`select 'event-reminder:' || m.kind || ':' || m.rsvp_id, ${supporterContact.email},
        'transactional', ${REMINDER_TEMPLATE}, ${r.locale},
        jsonb_build_object('kind', m.kind, 'rsvpId', ${r.id}, 'eventId', ${r.eventId},
          'givenName', ${supporterContact.givenName}),
        null::bigint
      from jsonb_to_recordset(${rows}) as m(rsvp_id bigint, kind text)
      join ${r} on ${r.id} = m.rsvp_id
      ${supporterContact.join(r.supporterId)}
      where not ${isSuppressedAddress(supporterContact.email)}`;
}

/** Runs the pass every minute (the first a few seconds after start, so a restart catches up at once). */
export const REMINDER_PASS_EVERY_MS = 60_000;

/**
 * The reminder pass on a timer, wherever the email worker runs. The state is the ledger in the database, not this
 * process: several processes may each run one, and a reminder that fell due while none ran goes out on the first
 * pass after one starts.
 */
export function eventReminderSchedule(options: {
  db: Db;
  logger: Logger;
  domain: string;
  everyMs?: number;
  firstAfterMs?: number;
  onQueued?: () => void;
}) {
  const everyMs = options.everyMs ?? REMINDER_PASS_EVERY_MS;
  let started = false;
  return recurring({
    run: async () => {
      const queued = await queueDueReminders(options.db, { domain: options.domain });
      if (queued.week + queued.day > 0) {
        options.logger.info(queued, 'event reminders queued');
        options.onQueued?.();
      } else options.logger.debug('event reminder pass: nothing due');
    },
    delayMs: () => {
      if (started) return everyMs;
      started = true;
      return Math.min(everyMs, options.firstAfterMs ?? 2000);
    },
    onError: (error) => options.logger.error({ err: error }, 'event reminder pass failed'),
  });
}
