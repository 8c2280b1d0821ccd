import type { Logger } from 'pino';
import type { Db } from './platform/db/client.ts';
import { recurring } from './platform/recurring.ts';
import { PURGE_INTERVAL_MS } from './platform/retention.ts';
import { deleteUnconfirmedSignatures, forgetSignerAddresses, hasSigned } from './features/petitions/service.ts';
import { hasRsvp } from './features/events/service.ts';
import { purgeExpiredStories } from './features/stories/service.ts';
import { runRetentionRules } from './features/retention/service.ts';
import {
  forgetAbandonedUploads,
  importFolder,
  purgeExpiredMerges,
  purgeUnconfirmedSignups,
} from './features/supporters/service.ts';
import { actionParts } from './app/personal-data.ts';
import { retentionActions } from './app/retention-actions.ts';
import { purgePrivacyLog } from './features/privacy/service.ts';
import { forgetOldDeliveries } from './features/webhooks/service.ts';

/**
 * Keeps the privacy notice's promises on retention (ADR 030): each feature
 * deletes what it holds past the periods in platform/retention.ts. Signatures
 * go first, so a person who only ever signed and never confirmed has nothing
 * left when the sign-ups' turn comes; the retention rules staff set come last. Only counts are logged.
 */
export async function purgeExpiredPersonalData(
  db: Db,
  logger: Logger,
  now = new Date(),
  /** Where uploads live: without it (a test of the database alone), files are left to the import screen. */
  dataDir?: string,
) {
  const signatures = await deleteUnconfirmedSignatures(db, { now });
  const signerAddresses = await forgetSignerAddresses(db, { now });
  const signups = await purgeUnconfirmedSignups(db, { now, keptBy: [hasSigned, hasRsvp] });
  // Stories past their keeping period go with their mail (ADR 063); deleting them needs no key.
  const stories = await purgeExpiredStories({ db }, now);
  // Then the rules staff set (issue 18), each logged with its count on the retention screen.
  const rules = await runRetentionRules(db, retentionActions(actionParts), now);
  // Privacy requests never confirmed, and the request log past its months (ADR 068).
  const requests = await purgePrivacyLog(db, now);
  // A merge's undo data holds the merged person's former record: gone after retention.mergeUndoDays (ADR 069).
  const mergeUndoData = await purgeExpiredMerges(db, now);
  // A supporter CSV uploaded and never imported is a file of people's addresses: gone after a day (ADR 067).
  const abandonedImportFiles = dataDir ? await forgetAbandonedUploads(db, importFolder(dataDir), now) : 0;
  // Webhook deliveries keep the start of each receiver's answer, which may echo anything (ADR 074).
  const oldWebhookDeliveries = await forgetOldDeliveries(db, now);
  const result = {
    unconfirmedSignatures: signatures,
    signerAddressesCleared: signerAddresses,
    pendingTopics: signups.pendingTopics,
    unusedLinks: signups.links,
    unconfirmedPeople: signups.people,
    expiredStories: stories,
    retentionRules: rules,
    unconfirmedPrivacyRequests: requests.unconfirmed,
    expiredPrivacyRequests: requests.expired,
    mergeUndoData,
    abandonedImportFiles,
    oldWebhookDeliveries,
  };
  logger.info(result, 'privacy purge finished');
  return result;
}

/**
 * An erasure's statements carry the person's address as a parameter, and drivers quote parameters in their messages.
 */
function failure(error: unknown): { sqlstate?: string; constraint?: string } {
  const cause = ((error as { cause?: unknown }).cause ?? error) as { code?: unknown; constraint?: unknown };
  return {
    ...(typeof cause.code === 'string' ? { sqlstate: cause.code } : {}),
    ...(typeof cause.constraint === 'string' ? { constraint: cause.constraint } : {}),
  };
}

/**
 * Runs the purge every PURGE_INTERVAL_MS, beside the email worker, and a
 * minute after start: a site restarted more often than the interval still
 * purges. Several processes may each run it: every batch skips rows another
 * has locked and a second run finds nothing to do.
 */
export function privacyPurgeSchedule(options: { db: Db; logger: Logger; dataDir?: string; everyMs?: number }) {
  const everyMs = options.everyMs ?? PURGE_INTERVAL_MS;
  let started = false;
  return recurring({
    run: () => purgeExpiredPersonalData(options.db, options.logger, new Date(), options.dataDir),
    delayMs: () => {
      if (started) return everyMs;
      started = true;
      return Math.min(everyMs, 60_000);
    },
    onError: (error) => options.logger.error(failure(error), 'privacy purge failed'),
  });
}
