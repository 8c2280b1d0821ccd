import { eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { normalizeEmail } from '../../platform/email-address.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { audienceCondition } from './audience.ts';
import { subscriptions, supporterEvents, supporters, type Topic } from './schema.ts';

export { subscriptionTopics, type Topic } from './schema.ts';
export { audienceCondition, knownCounties, noLongerWantedCondition, type Audience } from './audience.ts';
// For a broadcast's statements over its audience.
export { audienceMembers, unsubscribedSince } from './audience.ts';
export { preferencesToken } from './links.ts';
// Who may open a supporter's record: other features ask before they link to one.
export { supporterPermissions } from './permissions.ts';
export { purgeUnconfirmedSignups, type SignupPurge, type SignupPurgeResult } from './retention.ts';
// The hourly privacy purge: a merge's undo data past its 30 days (ADR 069).
export { purgeExpiredMerges } from './merge.ts';
// Pieces of a statement another feature writes in one round trip (a batch of petition signers).
export { addToTimelineFrom, upsertSupportersFrom } from './statement-parts.ts';
export {
  checkConfirmation,
  CONFIRMATION_VALID_MS,
  CONFIRMATIONS_PER_DAY,
  confirmSignup,
  requestSignup,
  signupInput,
  type ConfirmationState,
  type SignupInput,
} from './signup.ts';
export { getPreferences, unsubscribeAll, updatePreferences, type Preferences } from './preferences.ts';
// People created, changed and unsubscribed, as change feeds for the webhooks (issue 20).
export { peopleCreated, peopleUnsubscribed, peopleUpdated } from './change-feed.ts';

export async function subscriptionsOf(db: Db, email: string): Promise<Record<string, string>> {
  const rows = await db
    .select({ topic: subscriptions.topic, status: subscriptions.status })
    .from(subscriptions)
    .innerJoin(supporters, eq(supporters.id, subscriptions.supporterId))
    .where(eq(supporters.email, normalizeEmail(email)));
  return Object.fromEntries(rows.map((r) => [r.topic, r.status]));
}

export async function timelineOf(db: Db, email: string) {
  return db
    .select({ kind: supporterEvents.kind, detail: supporterEvents.detail, at: supporterEvents.at })
    .from(supporterEvents)
    .innerJoin(supporters, eq(supporters.id, supporterEvents.supporterId))
    .where(eq(supporters.email, normalizeEmail(email)))
    .orderBy(supporterEvents.at, supporterEvents.id);
}

/** Addresses that may receive bulk mail on a topic: the audience broadcasts use, un-narrowed. */
export async function bulkAudience(
  db: Db,
  topic: Topic,
): Promise<{ supporterId: number; email: string; locale: Locale }[]> {
  return rowsOf(
    db,
    sql`select s.id as "supporterId", s.email, s.locale from supporters s where ${audienceCondition({ topic })}`,
  );
}

/**
 * Another feature's moment in a supporter's timeline (a petition signature confirmed), written in the
 * caller's transaction, so that it is there exactly when what it records is.
 */
export async function addToTimeline(
  tx: Db,
  entry: { supporterId: number; kind: string; detail: Record<string, unknown>; at: Date },
): Promise<void> {
  await tx.insert(supporterEvents).values(entry);
}

/**
 * A supporter's address and county for another feature's statement about the people it holds (a petition's
 * signature export), so that the statement joins them without naming this feature's table.
 */
export const supporterContact = {
  join: (supporterId: AnyPgColumn): SQL => sql`join ${supporters} on ${supporters.id} = ${supporterId}`,
  email: supporters.email,
  county: supporters.county,
  givenName: supporters.givenName,
  // An event's attendee list and sign-in sheet show whom they expect, by family name and ZIP code.
  familyName: supporters.familyName,
  zip: supporters.zip,
};

// The CSV import's command (npm run cli -- supporters:import) and the list export segments reuse.
export { ImportFileError } from './import-file.ts';
export {
  importFromCli,
  supporterImportHelp,
  supporterImportRequest,
  type SupporterImportRequest,
} from './import-cli.ts';
export { countForExport, recordListExport, supporterListCsv, type ExportField } from './export-list.ts';

/** The audit log's sentences for this feature's actions; the app hands them to the audit screens. */
export { supporterAuditWords } from './audit-words.ts';
export { eraseQuietSupporters, subscribedCondition } from './inactive.ts';

// A person's rights over their data, for the privacy requests made at /privacy/request (issue 18).
export { eraseSupporter, exportSupporter, type SupporterExport } from './data-rights.ts';

/** Whose record holds this address (compared as stored: normalised), for a privacy request made by email. */
export async function supporterIdByEmail(db: Db, email: string): Promise<number | undefined> {
  const [person] = await db
    .select({ id: supporters.id })
    .from(supporters)
    .where(eq(supporters.email, normalizeEmail(email)));
  return person?.id;
}
// Saved segments as broadcast audiences (issue 18): the app builds them with the action sources it hands in.
export { segmentAudiences, type SegmentAudiences } from './segments.ts';

// The OSDI API's people (ADR 073): pages in the order of their last change, deletions, and writes with consent kept.
export {
  apiDeletedPeoplePage,
  apiPeoplePage,
  apiPerson,
  apiSignUpPerson,
  apiUpdatePerson,
  NEEDS_GIVEN_NAME,
  type ApiPerson,
  type ApiPersonInput,
  type ApiWriteContext,
} from './api-people.ts';

// The OSDI API's tags and taggings, and saved segments as its lists (issue 20, ADR 073).
export {
  apiPersonIdByEmail,
  apiTag,
  apiTagging,
  apiTaggingsPage,
  apiTagPerson,
  apiTagsPage,
  apiUntagPerson,
  type ApiTag,
  type ApiTagging,
} from './api-tags.ts';
export { apiList, apiListItemsPage, apiListsPage, type ApiList } from './api-lists.ts';
export { tagInput } from './records.ts';
export type { SegmentContext } from './segments.ts';

// The hourly purge deletes CSV uploads nobody imported, not only when staff open the import screen.
export { forgetAbandonedUploads, importFolder } from './import-job.ts';
