import { and, desc, eq, gte, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { LoadingCache } from '../../platform/cache.ts';
import type { Db } from '../../platform/db/client.ts';
import { safeEqual, sha256, type Secrets } from '../../platform/crypto.ts';
import { plainText } from '../../platform/plain-text.ts';
import { emailAddress } from '../../platform/email-address.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { isOregonZip, type ZipFacts } from '../reference/service.ts';
import { addToTimeline } from '../supporters/service.ts';
import { addToCount } from './counts.ts';
import { houseWithin } from './districts.ts';
import { petitions, signatures, type PetitionVersion, type Threshold } from './schema.ts';

/**
 * Petitions as the public meets them: the page, signing, confirming, and the
 * numbers shown. Staff screens have their own operations (petition-editing.ts).
 */

export {
  addToCount,
  CountCache,
  expirePending,
  nightlyRecount,
  readCount,
  recountAll,
  SHARDS,
  type RecountResult,
} from './counts.ts';
// Signatures as they are verified, a change feed for the webhooks (issue 20).
export { signaturesVerified } from './change-feed.ts';
export { censusGeocoder, placeSigner, ZipFactsCache, type Geocoder, type SignerPlace } from './districts.ts';
export { SigningGuard, type SigningRefusal } from './guard.ts';
export { deleteUnconfirmedSignatures, forgetSignerAddresses, hasSigned, type PurgeOptions } from './retention.ts';
export {
  CONFIRMATIONS_PER_SIGNATURE,
  SIGNATURE_PENDING_MS,
  signatureToken,
  type PendingSignature,
  type SignOutcome,
} from './pending-signature.ts';
export { SignatureBatcher } from './signature-batcher.ts';
export { petitionWords, signingState, type SigningState } from './signing-state.ts';
export {
  anyOpen,
  listPublicPetitions,
  petitionLinkTargets,
  petitionSiteMapSection,
  petitionsMenuItem,
  publicPetitionsStamp,
  type ListedPetition,
} from './listing.ts';
export { writeSignatures } from './signing.ts';
/** Petitions' part of a person's data (issue 18): their signatures. */
export { signaturePersonalData } from './personal-data.ts';
export { signaturePersonRows } from './person-merge.ts';
// Who signed, for the supporter list's filters and segments (issue 18).
export { signerActions } from './supporter-actions.ts';
/** Petitions' part of site search (SearchSource). */
export { searchPetitions } from './search.ts';

export type Petition = typeof petitions.$inferSelect;

export async function petitionBySlug(db: Db, slug: string): Promise<Petition | undefined> {
  const [row] = await db.select().from(petitions).where(eq(petitions.slug, slug));
  return row;
}

export async function petitionById(db: Db, id: number): Promise<Petition | undefined> {
  const [row] = await db.select().from(petitions).where(eq(petitions.id, id));
  return row;
}

/** The first threshold the count has not reached yet. */
export function nextThreshold(petition: Pick<Petition, 'thresholds'>, count: number): Threshold | undefined {
  return [...petition.thresholds].sort((a, b) => a.count - b.count).find((t) => t.count > count);
}

/** The sign form, as the service accepts it. Messages are English; messages.ts translates them. */
export const signInput = z.object({
  givenName: plainText({ max: 100, required: 'Enter your first name' }),
  familyName: plainText({ max: 100, required: 'Enter your last name' }),
  email: emailAddress(),
  zip: z
    .string()
    .trim()
    .regex(/^\d{5}$/, 'Enter your 5-digit ZIP code')
    .refine(isOregonZip, 'Enter an Oregon ZIP code: this petition is for people who live in Oregon'),
  street: plainText({ max: 200 }).default(''),
  // A comment may have line breaks, nothing else of the kind.
  comment: plainText({ max: 1000, lines: true })
    .transform((s) => s.replace(/\r\n?/g, '\n'))
    .default(''),
  showPublicly: z.boolean().default(false),
  newsletter: z.boolean().default(false),
});
export type SignInput = z.output<typeof signInput>;

export type SignatureCheck =
  | { state: 'valid'; petitionId: number; signatureId: number }
  | { state: 'used' | 'expired'; petitionId: number }
  | { state: 'unknown' };

/** What an emailed link leads to, without using it (the page with the Confirm button). */
export async function checkSignature(db: Db, token: string, now = new Date()): Promise<SignatureCheck> {
  const [row] = await db
    .select({
      id: signatures.id,
      petitionId: signatures.petitionId,
      status: signatures.status,
      expiresAt: signatures.expiresAt,
    })
    .from(signatures)
    .where(eq(signatures.tokenHash, sha256(token)));
  // An invalidated signature's link says no more than a wrong one.
  if (!row || row.status === 'invalidated') return { state: 'unknown' };
  if (row.status === 'verified') return { state: 'used', petitionId: row.petitionId };
  if (row.status === 'expired' || row.expiresAt < now) return { state: 'expired', petitionId: row.petitionId };
  return { state: 'valid', petitionId: row.petitionId, signatureId: row.id };
}

/**
 * The signer pressed Confirm: the signature becomes verified and counts, in
 * one transaction with one shard's increment and the timeline entry. The
 * link works once; a second press finds the signature verified.
 */
export async function confirmSignature(db: Db, token: string, now = new Date()): Promise<SignatureCheck> {
  return db.transaction(async (tx) => {
    const [done] = await tx
      .update(signatures)
      .set({ status: 'verified', verifiedAt: now })
      .where(
        and(eq(signatures.tokenHash, sha256(token)), eq(signatures.status, 'pending'), gte(signatures.expiresAt, now)),
      )
      .returning({ id: signatures.id, petitionId: signatures.petitionId, supporterId: signatures.supporterId });
    if (!done) return checkSignature(tx, token, now);
    await addToCount(tx, done.petitionId, 1);
    await addToTimeline(tx, {
      supporterId: done.supporterId,
      kind: 'signature-confirmed',
      detail: { petitionId: done.petitionId, signatureId: done.id },
      at: now,
    });
    return { state: 'valid', petitionId: done.petitionId, signatureId: done.id };
  });
}

/**
 * The small form offered after signing when the ZIP spans several Senate
 * districts carries this: the signature's id and an HMAC, so nobody can set
 * the district of a signature they did not just make.
 */
export function districtChoiceToken(secrets: Secrets, signatureId: number): string {
  return `${signatureId}.${secrets.hmac('links', `petition-district:${signatureId}`).slice(0, 32)}`;
}

export function signatureFromChoiceToken(secrets: Secrets, token: string): number | undefined {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return undefined;
  const id = Number(match[1]);
  return safeEqual(districtChoiceToken(secrets, id), token) ? id : undefined;
}

type FactsOf = (zip: string) => Promise<ZipFacts | undefined>;

/**
 * The Senate districts a signer may choose from: those of the ZIP they signed with, when it has several and theirs is
 * unknown.
 */
export async function districtChoicesFor(db: Db, signatureId: number, factsOf: FactsOf): Promise<string[]> {
  const [row] = await db
    .select({ zip: signatures.zip, senate: signatures.senateDistrict })
    .from(signatures)
    .where(eq(signatures.id, signatureId));
  if (!row || row.senate !== null) return [];
  const districts = (await factsOf(row.zip))?.senateDistricts ?? [];
  return districts.length > 1 ? [...districts].sort((a, b) => Number(a) - Number(b)) : [];
}

/**
 * The signer says which of their ZIP's Senate districts they live in. Only a
 * district still unknown is set, and only to one the signature's ZIP
 * touches; the House district follows when just one of the ZIP's lies inside it.
 */
export async function chooseDistrict(db: Db, signatureId: number, senate: string, factsOf: FactsOf): Promise<boolean> {
  const [row] = await db.select({ zip: signatures.zip }).from(signatures).where(eq(signatures.id, signatureId));
  if (!row) return false;
  const facts = await factsOf(row.zip);
  if (!facts || facts.senateDistricts.length < 2 || !facts.senateDistricts.includes(senate)) return false;
  const house = houseWithin(facts, senate);
  const changed = await db
    .update(signatures)
    .set({
      senateDistrict: senate,
      districtSource: 'chosen',
      ...(house ? { houseDistrict: sql`coalesce(${signatures.houseDistrict}, ${house})` } : {}),
    })
    .where(and(eq(signatures.id, signatureId), isNull(signatures.senateDistrict)))
    .returning({ id: signatures.id });
  return changed.length === 1;
}

export type RecentSigner = { givenName: string; city: string | null; zip: string };

/**
 * The newest verified signers who agreed to be shown: first name and place
 * only. Read through the (petition, status, created) index, newest first.
 */
export async function recentSigners(db: Db, petitionId: number, limit = 8): Promise<RecentSigner[]> {
  return db
    .select({ givenName: signatures.givenName, city: signatures.city, zip: signatures.zip })
    .from(signatures)
    .where(
      and(eq(signatures.petitionId, petitionId), eq(signatures.status, 'verified'), eq(signatures.showPublicly, true)),
    )
    .orderBy(desc(signatures.createdAt))
    .limit(limit);
}

export type SenateTally = { byDistrict: Map<string, number>; unknown: number };

/**
 * Verified signatures per Senate district (and how many have none yet). A grouped count: callers cache it
 * (TallyCache).
 */
export async function senateTally(db: Db, petitionId: number): Promise<SenateTally> {
  const rows = await db
    .select({ district: signatures.senateDistrict, n: sql<number>`count(*)::int` })
    .from(signatures)
    .where(and(eq(signatures.petitionId, petitionId), eq(signatures.status, 'verified')))
    .groupBy(signatures.senateDistrict);
  const byDistrict = new Map<string, number>();
  let unknown = 0;
  for (const r of rows) {
    if (r.district === null) unknown += Number(r.n);
    else byDistrict.set(r.district, Number(r.n));
  }
  return { byDistrict, unknown };
}

/**
 * The map's numbers need a grouped count over a petition's signatures, which
 * grows with them; the page is re-rendered every second during a spike. So
 * each tally is kept for twenty times as long as it took to compute, between
 * 2 seconds and 5 minutes: fresh while small, never a burden when large.
 * Until it is computed, everyone waits for the same query.
 */
export class TallyCache {
  private readonly kept: LoadingCache<number, SenateTally>;
  constructor(
    private readonly db: Db,
    maxPetitions = 1000,
  ) {
    const freshMs = (loadMs: number) => Math.min(300_000, Math.max(2000, loadMs * 20));
    this.kept = new LoadingCache({ max: maxPetitions, freshMs });
  }

  get(petitionId: number): Promise<SenateTally> {
    return this.kept.get(petitionId, () => senateTally(this.db, petitionId));
  }

  forget(petitionId: number): void {
    this.kept.forget(petitionId);
  }
}

/** CSV fields escaped as the signature export writes them (formula cells made text): an event's attendee list too. */
export { csvField, csvLine } from './csv.ts';

/** The audit log's sentences for this feature's actions; the app hands them to the audit screens. */
export { petitionAuditWords } from './audit-words.ts';
export { forgetSignaturesOnClosedPetitions } from './forgetting.ts';

// The OSDI API's petitions and signatures (issue 20): pages in the order of their last change, and a signature
// recorded by the web form's rules.
export {
  apiPetition,
  apiPetitionsPage,
  apiSign,
  apiSignature,
  apiSignaturesPage,
  type ApiPetition,
  type ApiSignature,
  type ApiSignatureRequest,
  type ApiSignOutcome,
} from './api-signatures.ts';
