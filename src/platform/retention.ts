import { storiesKeepingDaysOf } from './config.ts';

/**
 * How long personal data is kept: the one place these periods are set. The
 * purge jobs (src/privacy-purge.ts) delete by them, the confirmation links
 * live by them, and the privacy notice states them through the placeholders
 * below, so the promise and the practice cannot drift apart (ADR 030).
 * Constants, not settings: changing one changes a promise made to the
 * public and the lifetimes of links already sent, which deserves a review.
 */
export const retention = {
  /**
   * A newsletter sign-up or a petition signature is deleted once this many days pass without its confirmation (asking
   * again starts them afresh).
   */
  unconfirmedDays: 30,
  /**
   * The keyed hash of a signer's IP address, kept with their signature to spot floods, is cleared within this many
   * hours.
   */
  signingIpHours: 24,
  /**
   * Two records of one person merged by staff can be undone for this many days; then the undo's copy of the merged
   * record is deleted by the purge.
   */
  mergeUndoDays: 30,
  /** The cookie naming the campaign link someone followed lasts this many days, or until they sign up. */
  campaignCookieDays: 30,
  /**
   * A story not published, whose teller did not ask for it to be kept (staff only, or testimony), is deleted this
   * many days after it was sent: the one period that is a setting (STORIES_KEEP_UNPUBLISHED_DAYS, default 730),
   * as an organisation's own policy on keeping testimony may ask for another; the notice states whichever it is.
   */
  get storiesUnpublishedDays(): number {
    return storiesKeepingDaysOf();
  },
  /** A privacy request's emailed confirmation link works this many hours; a request never confirmed then goes. */
  privacyConfirmHours: 24,
  /** The link to download a copy of one's data works this many days (each format once). */
  privacyCopyDays: 7,
  /** The log of privacy requests and their decisions is kept this many months after the last decision (OCPA). */
  privacyLogMonths: 24,
};

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** How often the purge runs in the worker. */
export const PURGE_INTERVAL_MS = HOUR_MS;

export const UNCONFIRMED_MS = retention.unconfirmedDays * DAY_MS;

/**
 * What the purge deletes or clears, as of `now`. IP hashes go one run early
 * so that none outlives its stated hours between two runs.
 */
export function retentionCutoffs(now: Date): {
  unconfirmedBefore: Date;
  signingIpBefore: Date;
  storiesUnpublishedBefore: Date;
  privacyLogBefore: Date;
} {
  const privacyLogBefore = new Date(now);
  privacyLogBefore.setUTCMonth(privacyLogBefore.getUTCMonth() - retention.privacyLogMonths);
  return {
    unconfirmedBefore: new Date(now.getTime() - UNCONFIRMED_MS),
    signingIpBefore: new Date(now.getTime() - (retention.signingIpHours * HOUR_MS - PURGE_INTERVAL_MS)),
    storiesUnpublishedBefore: new Date(now.getTime() - retention.storiesUnpublishedDays * DAY_MS),
    privacyLogBefore,
  };
}

/** What staff may write in a page's Markdown to state a period: the notice then says what the code does. */
export const retentionPlaceholders = {
  '{{unconfirmed-days}}': String(retention.unconfirmedDays),
  '{{signing-ip-hours}}': String(retention.signingIpHours),
  '{{campaign-cookie-days}}': String(retention.campaignCookieDays),
  '{{privacy-confirm-hours}}': String(retention.privacyConfirmHours),
  '{{privacy-copy-days}}': String(retention.privacyCopyDays),
  '{{privacy-log-months}}': String(retention.privacyLogMonths),
  '{{merge-undo-days}}': String(retention.mergeUndoDays),
  get '{{stories-unpublished-days}}'(): string {
    return String(retention.storiesUnpublishedDays);
  },
};

export function fillRetentionPeriods(markdown: string): string {
  const periods: Record<string, string> = retentionPlaceholders;
  return markdown.replace(/\{\{[a-z-]+\}\}/g, (placeholder) => periods[placeholder] ?? placeholder);
}
