import { and, desc, eq, gte, inArray, isNull, lt, lte, ne, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import { rowsOf } from '../../platform/db/client.ts';
import type { FieldErrors } from '../../platform/web/forms.tsx';
import { zonedLocalToDate } from '../../platform/web/time.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { signatureCountShards, signatures, signatureStatuses, type SignatureStatus } from './schema.ts';

/**
 * Signatures as staff look after them: a filtered list, paged by keyset so
 * page 400 of a viral petition costs what page 1 does, and bulk
 * invalidation that keeps the sharded count right in the same transaction.
 */

export type SignatureFilters = {
  status?: SignatureStatus | undefined;
  /** "1" … "30", or "unknown" for signatures without a Senate district. */
  senate?: string | undefined;
  /** Signed on or after. */
  from?: Date | undefined;
  /** Signed before (the day after the last day staff chose). */
  until?: Date | undefined;
  /** From the trending view: one hashed IP or one email domain. */
  ipHash?: string | undefined;
  emailDomain?: string | undefined;
};

/** The filters as they travel in a query string, kept as typed for the form. */
export type FilterQuery = {
  status?: string;
  senate?: string;
  from?: string;
  to?: string;
  ip?: string;
  domain?: string;
};

/** Oregon's Senate has 30 seats. */
export const SENATE_SEATS = 30;

const day = /^(\d{4})-(\d{2})-(\d{2})$/;

function nextDay(d: string): string {
  const m = day.exec(d)!;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1)).toISOString().slice(0, 10);
}

/**
 * Reads the filters from a query string. Dates are whole days in the
 * organisation's zone: "to 2026-03-01" includes all of the 1st.
 */
export function parseFilters(
  query: Record<string, string | undefined>,
  timeZone: string,
): { filters: SignatureFilters; values: FilterQuery; errors: FieldErrors } {
  const values: FilterQuery = {};
  for (const key of ['status', 'senate', 'from', 'to', 'ip', 'domain'] as const) {
    const v = query[key]?.trim().slice(0, 200);
    if (v) values[key] = v;
  }
  const errors: FieldErrors = {};
  const filters: SignatureFilters = {};
  if (values.status) {
    const s = z.enum(signatureStatuses).safeParse(values.status);
    if (s.success) filters.status = s.data;
    else errors.status = 'Choose one of the statuses in the list';
  }
  if (values.senate) {
    if (values.senate === 'unknown' || (/^[1-9][0-9]?$/.test(values.senate) && Number(values.senate) <= SENATE_SEATS))
      filters.senate = values.senate;
    else errors.senate = 'Choose a Senate district from the list';
  }
  const dateOf = (key: 'from' | 'to', local: string | undefined) => {
    if (!local) return undefined;
    const at = day.test(local)
      ? zonedLocalToDate(`${key === 'to' ? nextDay(local) : local}T00:00`, timeZone)
      : undefined;
    if (!at) errors[key] = 'Enter a date like 2026-03-01';
    return at;
  };
  filters.from = dateOf('from', values.from);
  filters.until = dateOf('to', values.to);
  if (filters.from && filters.until && filters.until <= filters.from)
    errors.to = 'The last day must not be before the first day';
  if (values.ip) {
    if (/^[A-Za-z0-9_-]{20,64}$/.test(values.ip)) filters.ipHash = values.ip;
    else errors.ip = 'That is not an address hash from the trending view';
  }
  if (values.domain) filters.emailDomain = values.domain.toLowerCase();
  return { filters, values, errors };
}

/** The same conditions for the list, the confirmation, the invalidation and the export. */
export function signatureConditions(petitionId: number, f: SignatureFilters): SQL {
  const parts: SQL[] = [eq(signatures.petitionId, petitionId)];
  if (f.status) parts.push(eq(signatures.status, f.status));
  if (f.senate === 'unknown') parts.push(isNull(signatures.senateDistrict));
  else if (f.senate) parts.push(eq(signatures.senateDistrict, f.senate));
  if (f.from) parts.push(gte(signatures.createdAt, f.from));
  if (f.until) parts.push(lt(signatures.createdAt, f.until));
  if (f.ipHash) parts.push(eq(signatures.ipHash, f.ipHash));
  if (f.emailDomain) parts.push(eq(signatures.emailDomain, f.emailDomain));
  return and(...parts)!;
}

export type SignatureListRow = {
  id: number;
  supporterId: number;
  givenName: string;
  familyName: string;
  zip: string;
  city: string | null;
  senateDistrict: string | null;
  houseDistrict: string | null;
  status: SignatureStatus;
  emailDomain: string | null;
  createdAt: Date;
  verifiedAt: Date | null;
};

/**
 * Newest first, `perPage` at a time. The cursor is the last id shown: ids
 * only grow, so paging by them never skips or repeats a row while
 * signatures keep arriving, and costs one index step however deep.
 */
export async function listSignatures(
  db: Db,
  petitionId: number,
  f: SignatureFilters,
  page: { before?: number | undefined; perPage: number },
): Promise<{ rows: SignatureListRow[]; nextBefore: number | undefined }> {
  const where = page.before
    ? and(signatureConditions(petitionId, f), lt(signatures.id, page.before))
    : signatureConditions(petitionId, f);
  const rows = await db
    .select({
      id: signatures.id,
      supporterId: signatures.supporterId,
      givenName: signatures.givenName,
      familyName: signatures.familyName,
      zip: signatures.zip,
      city: signatures.city,
      senateDistrict: signatures.senateDistrict,
      houseDistrict: signatures.houseDistrict,
      status: signatures.status,
      emailDomain: signatures.emailDomain,
      createdAt: signatures.createdAt,
      verifiedAt: signatures.verifiedAt,
    })
    .from(signatures)
    .where(where)
    .orderBy(desc(signatures.id))
    .limit(page.perPage + 1);
  const more = rows.length > page.perPage;
  const shown = more ? rows.slice(0, page.perPage) : rows;
  return { rows: shown, nextBefore: more ? shown[shown.length - 1]!.id : undefined };
}

/** What bulk invalidation would strike out: shown on the confirmation page before anything changes. */
export async function invalidationPreview(
  db: Db,
  petitionId: number,
  f: SignatureFilters,
): Promise<{ total: number; verified: number; through: number }> {
  const [row] = await rowsOf<{ total: string | number; verified: string | number; through: string | number | null }>(
    db,
    sql`select count(*) as total, count(*) filter (where ${signatures.status} = 'verified') as verified,
          max(${signatures.id}) as through
        from ${signatures} where ${signatureConditions(petitionId, f)} and ${signatures.status} <> 'invalidated'`,
  );
  return { total: Number(row?.total ?? 0), verified: Number(row?.verified ?? 0), through: Number(row?.through ?? 0) };
}

/** How the filters are written in the audit log: hashes and domains only as "set", since a domain can name a person. */
export function auditFilters(f: SignatureFilters) {
  return {
    status: f.status ?? null,
    senate: f.senate ?? null,
    from: f.from?.toISOString() ?? null,
    until: f.until?.toISOString() ?? null,
    ipHash: f.ipHash ? 'set' : null,
    emailDomain: f.emailDomain ? 'set' : null,
  };
}

/**
 * Strikes out every matching signature up to `through`, the newest id the
 * confirmation page counted, so a flood still arriving is not swept up
 * unseen. Verified ones leave the count: the shard is adjusted in the same
 * transaction, so the public number never disagrees with the rows.
 */
export async function invalidateSignatures(
  db: Db,
  petitionId: number,
  f: SignatureFilters,
  through: number,
  actor: AuditActor,
): Promise<{ invalidated: number; verified: number }> {
  return db.transaction(async (tx) => {
    // Locking first: a confirmation racing this waits, then finds the row invalidated and adds nothing to the count.
    const locked = await tx
      .select({ id: signatures.id, status: signatures.status })
      .from(signatures)
      .where(and(signatureConditions(petitionId, f), ne(signatures.status, 'invalidated'), lte(signatures.id, through)))
      .for('update');
    if (locked.length === 0) return { invalidated: 0, verified: 0 };
    const ids = locked.map((r) => r.id);
    const verified = locked.filter((r) => r.status === 'verified').length;
    for (let i = 0; i < ids.length; i += 10_000) {
      await tx
        .update(signatures)
        .set({ status: 'invalidated' })
        .where(inArray(signatures.id, ids.slice(i, i + 10_000)));
    }
    if (verified > 0) {
      // One shard takes the whole decrement: the count is the shards' sum, so which one does not matter,
      // and shard 0 always exists in whatever range the signing side spreads over.
      await tx
        .insert(signatureCountShards)
        .values({ petitionId, shard: 0, verified: -verified })
        .onConflictDoUpdate({
          target: [signatureCountShards.petitionId, signatureCountShards.shard],
          set: { verified: sql`${signatureCountShards.verified} - ${verified}` },
        });
    }
    await recordAudit(tx, actor, {
      action: 'petition.signatures-invalidate',
      subjectType: 'petition',
      subjectId: petitionId,
      after: { invalidated: ids.length, verified, through, filters: auditFilters(f) },
    });
    return { invalidated: ids.length, verified };
  });
}
