import { and, count, eq, inArray, ne, sql } from 'drizzle-orm';
import { offsetOf, pageConditions, placeOf, type ApiPaging, type Placed } from '../../platform/api-paging.ts';
import type { Db } from '../../platform/db/client.ts';
import { normalizeEmail } from '../../platform/email-address.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { zipFacts } from '../reference/service.ts';
import { normalizeDomain } from './abuse.ts';
import { placeSigner } from './districts.ts';
import type { SigningContext } from './pending-signature.ts';
import {
  petitions,
  signatureCountShards,
  signatures,
  signingBlocks,
  type PetitionVersion,
  type SignatureStatus,
} from './schema.ts';
import { petitionWords, signingState } from './signing-state.ts';
import { writeSignatures } from './signing.ts';

/**
 * Petitions and signatures as the OSDI API reads and writes them (issue 20). The API feature shapes the
 * JSON; this file is the petitions' side: which petitions (every one the public can see: drafts never),
 * in which order, and a signature recorded by exactly the web form's rules: the same checks, a pending
 * signature that counts only once the signer uses the emailed link, and no newsletter asked for.
 */
export type ApiPetition = {
  id: number;
  slug: string;
  target: string;
  /** English words, as the petition's page shows them first. */
  words: PetitionVersion;
  /** What the public may do now: open, not yet open or closed (closed and archived alike). */
  state: 'open' | 'not-yet-open' | 'closed';
  totalSignatures: number;
  createdAt: Date;
  modifiedAt: Date;
};

const petitionColumns = {
  id: petitions.id,
  slug: petitions.slug,
  target: petitions.target,
  words: petitions.en,
  status: petitions.status,
  opensAt: petitions.opensAt,
  closesAt: petitions.closesAt,
  createdAt: petitions.createdAt,
  modifiedAt: petitions.updatedAt,
  at: placeOf(petitions.updatedAt),
};

const visible = ne(petitions.status, 'draft');

async function withCounts(db: Db, rows: { id: number }[]): Promise<Map<number, number>> {
  if (rows.length === 0) return new Map();
  const sums = await db
    .select({
      petitionId: signatureCountShards.petitionId,
      n: sql<number>`coalesce(sum(${signatureCountShards.verified}), 0)::int`.mapWith(Number),
    })
    .from(signatureCountShards)
    .where(
      inArray(
        signatureCountShards.petitionId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(signatureCountShards.petitionId);
  return new Map(sums.map((s) => [s.petitionId, s.n]));
}

function petitionOf(row: Awaited<ReturnType<typeof selectPetitions>>[number], counts: Map<number, number>) {
  const state = signingState(row);
  return {
    id: row.id,
    slug: row.slug,
    target: row.target,
    words: row.words,
    state: state === 'hidden' ? 'closed' : state,
    totalSignatures: counts.get(row.id) ?? 0,
    createdAt: row.createdAt,
    modifiedAt: row.modifiedAt,
  } satisfies ApiPetition;
}

const selectPetitions = (db: Db) => db.select(petitionColumns).from(petitions);

/**
 * One page of the petitions the public can see, in the order of their last edit. The count moving does not
 * change a petition's modified time: a sync reads total_signatures when it reads the petition.
 */
export async function apiPetitionsPage(
  db: Db,
  paging: ApiPaging,
): Promise<{ total: number; rows: Placed<ApiPetition>[] }> {
  const { where, orderBy } = pageConditions(petitions.updatedAt, petitions.id, paging);
  const { where: filtered } = pageConditions(petitions.updatedAt, petitions.id, { ...paging, after: undefined });
  const [rows, [total]] = await Promise.all([
    selectPetitions(db)
      .where(and(visible, where))
      .orderBy(...orderBy)
      .limit(paging.limit)
      .offset(offsetOf(paging)),
    db.select({ n: count() }).from(petitions).where(and(visible, filtered)),
  ]);
  const counts = await withCounts(db, rows);
  return { total: total?.n ?? 0, rows: rows.map((r) => ({ row: petitionOf(r, counts), at: r.at, id: r.id })) };
}

export async function apiPetition(db: Db, id: number): Promise<ApiPetition | undefined> {
  const [row] = await selectPetitions(db).where(and(visible, eq(petitions.id, id)));
  return row ? petitionOf(row, await withCounts(db, [row])) : undefined;
}

export type ApiSignature = {
  id: number;
  petitionId: number;
  supporterId: number;
  /** pending until the signer uses the emailed link; only verified ones count. */
  status: SignatureStatus;
  comment: string | null;
  createdAt: Date;
  modifiedAt: Date;
};

/**
 * A signature has no modified column. Its last known change is its confirmation, else its making:
 * `coalesce(verified_at, created_at)`, which is never earlier than created_at. Expiry and staff
 * invalidation keep no time of their own, so a sync following modified_date does not see them; a client
 * reads the status again to learn of them (see the report of issue 20 for a column that would).
 */
const signatureModified = sql<Date>`coalesce(${signatures.verifiedAt}, ${signatures.createdAt})`;

const signatureColumns = {
  id: signatures.id,
  petitionId: signatures.petitionId,
  supporterId: signatures.supporterId,
  status: signatures.status,
  comment: signatures.comment,
  createdAt: signatures.createdAt,
  verifiedAt: signatures.verifiedAt,
  at: placeOf(signatureModified),
};

const signatureOf = ({
  verifiedAt,
  at: _at,
  ...row
}: { verifiedAt: Date | null; at: string } & Omit<ApiSignature, 'modifiedAt'>): ApiSignature => ({
  ...row,
  modifiedAt: verifiedAt ?? row.createdAt,
});

/** One page of a petition's signatures, in the order of their last change. */
export async function apiSignaturesPage(
  db: Db,
  petitionId: number,
  paging: ApiPaging,
): Promise<{ total: number; rows: Placed<ApiSignature>[] }> {
  const mine = eq(signatures.petitionId, petitionId);
  const { where, orderBy } = pageConditions(signatureModified, signatures.id, paging);
  const { where: filtered } = pageConditions(signatureModified, signatures.id, { ...paging, after: undefined });
  const [rows, [total]] = await Promise.all([
    db
      .select(signatureColumns)
      .from(signatures)
      .where(and(mine, where))
      .orderBy(...orderBy)
      .limit(paging.limit)
      .offset(offsetOf(paging)),
    db.select({ n: count() }).from(signatures).where(and(mine, filtered)),
  ]);
  return { total: total?.n ?? 0, rows: rows.map((r) => ({ row: signatureOf(r), at: r.at, id: r.id })) };
}

export async function apiSignature(db: Db, petitionId: number, id: number): Promise<ApiSignature | undefined> {
  const [row] = await db
    .select(signatureColumns)
    .from(signatures)
    .where(and(eq(signatures.petitionId, petitionId), eq(signatures.id, id)));
  return row ? signatureOf(row) : undefined;
}

/**
 * A signature as a tool reports it, already checked with the sign form's own schema (`signInput`: both
 * names, an email address, an Oregon ZIP), so the API refuses exactly what the form refuses.
 */
export type ApiSignatureRequest = {
  givenName: string;
  familyName: string;
  email: string;
  zip: string;
  street: string;
  comment: string;
  locale: Locale;
};

export type ApiSignOutcome =
  | { kind: 'signed'; signatureId: number; fresh: boolean; confirmationQueued: boolean }
  | { kind: 'refused'; why: 'not-found' | 'closed' | 'not-yet-open' | 'blocked' };

/**
 * record_signature_helper: a signature as the web form makes one. The same refusal of a closed petition and
 * of an email domain staff blocked, the same write: the signer becomes a supporter (details on record are
 * only filled in where blank), the signature is pending and its confirmation email queued; someone who
 * signed before gets their link again, within the same cap. Districts come from the ZIP alone: a street
 * address is kept but not geocoded here. There is no newsletter box: the API asks for email only through
 * the people's own double opt-in.
 */
export async function apiSign(
  db: Db,
  petitionId: number,
  input: ApiSignatureRequest,
  ctx: SigningContext & { source: string },
): Promise<ApiSignOutcome> {
  const now = ctx.now ?? new Date();
  const [petition] = await db
    .select()
    .from(petitions)
    .where(and(visible, eq(petitions.id, petitionId)));
  if (!petition) return { kind: 'refused', why: 'not-found' };
  const state = signingState(petition, now);
  if (state !== 'open') return { kind: 'refused', why: state === 'not-yet-open' ? 'not-yet-open' : 'closed' };
  const email = normalizeEmail(input.email);
  const [blocked] = await db
    .select({ value: signingBlocks.value })
    .from(signingBlocks)
    // Compared as the guard compares them: staff may have typed the domain in capitals.
    .where(and(eq(signingBlocks.kind, 'email-domain'), sql`lower(${signingBlocks.value}) = ${normalizeDomain(email)}`));
  if (blocked) return { kind: 'refused', why: 'blocked' };
  const place = await placeSigner(await zipFacts(db, input.zip), input.street, input.zip, undefined);
  const { words } = petitionWords(petition, input.locale);
  const [outcome] = await writeSignatures(
    db,
    [
      {
        petitionId,
        email,
        emailAsTyped: input.email.trim(),
        givenName: input.givenName,
        familyName: input.familyName,
        zip: input.zip,
        street: input.street || null,
        comment: input.comment || null,
        // Being shown among recent signers is the person's own tick on the form: never the tool's.
        showPublicly: false,
        senateDistrict: place.senateDistrict,
        houseDistrict: place.houseDistrict,
        districtSource: place.districtSource,
        city: place.city,
        county: place.county,
        locale: input.locale,
        // The tool's request carries no signer's address: no per-address limit or block applies.
        ipHash: null,
        source: ctx.source,
        method: 'api',
        newsletter: undefined,
        petition: { slug: petition.slug, title: words.title, message: words.confirmationEmail },
      },
    ],
    { ...ctx, now },
  );
  return {
    kind: 'signed',
    signatureId: outcome!.signatureId!,
    fresh: outcome!.fresh,
    confirmationQueued: outcome!.confirmationQueued,
  };
}
