import { isIP } from 'node:net';
import { and, asc, desc, eq, gt, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import type { Secrets } from '../../platform/crypto.ts';
import { plainText } from '../../platform/plain-text.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { signatures, signingBlocks, signingLimits, type BlockKind } from './schema.ts';

/**
 * What staff tune against floods of fake signatures: the per-address
 * rates, blocked addresses and email domains, and a look at what is
 * arriving in bulk right now.
 */

export type SigningLimits = { perIpBurst: number; perIpPerHour: number; updatedAt: Date | null };
// The schema's defaults, shown until staff first save their own.
const defaultLimits: SigningLimits = { perIpBurst: 10, perIpPerHour: 60, updatedAt: null };

export async function getSigningLimits(db: Db): Promise<SigningLimits> {
  const [row] = await db.select().from(signingLimits).where(eq(signingLimits.id, 1));
  return row ? { perIpBurst: row.perIpBurst, perIpPerHour: row.perIpPerHour, updatedAt: row.updatedAt } : defaultLimits;
}

const count = (what: string, max: number) =>
  z
    .string()
    .trim()
    .regex(/^[0-9]{1,7}$/, `Enter ${what} as a whole number`)
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(1, `${what[0]!.toUpperCase()}${what.slice(1)} must be at least 1`)
        .max(max, `Use a number up to ${max.toLocaleString('en-US')}`),
    );

export const limitsInput = z
  .object({
    perIpBurst: count('the burst', 10_000),
    perIpPerHour: count('the hourly limit', 1_000_000),
  })
  // A burst larger than the hour's allowance could never be used up: almost certainly the two fields swapped.
  .refine((v) => v.perIpPerHour >= v.perIpBurst, {
    path: ['perIpPerHour'],
    message: 'The hourly limit must be at least the burst',
  });

export async function updateSigningLimits(
  db: Db,
  input: z.output<typeof limitsInput>,
  actor: AuditActor,
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getSigningLimits(tx);
    await tx
      .insert(signingLimits)
      .values({ id: 1, ...input, updatedAt: new Date() })
      .onConflictDoUpdate({ target: signingLimits.id, set: { ...input, updatedAt: new Date() } });
    await recordAudit(tx, actor, {
      action: 'petition.limits-update',
      subjectType: 'petition-limits',
      subjectId: 1,
      before: { perIpBurst: before.perIpBurst, perIpPerHour: before.perIpPerHour },
      after: input,
    });
  });
}

/**
 * The IP as signatures store it. Addresses are never kept, only this keyed
 * hash, which is enough to count and block an address and not enough to
 * find out who it was. The signing side stores this same hash (guard.ts),
 * under the 'throttle' key as sign-in throttling uses, so an address staff
 * type and a signature's hash match.
 */
export function signingIpHash(secrets: Secrets, ip: string): string {
  // An IPv4 visitor on a dual-stack socket shows as ::ffff:203.0.113.7; staff type 203.0.113.7.
  return secrets.hmac(
    'throttle',
    ip
      .trim()
      .toLowerCase()
      .replace(/^::ffff:(?=\d{1,3}(?:\.\d{1,3}){3}$)/, ''),
  );
}

/** An email domain in the form signatures store: the part after the last @, lower-cased, Unicode NFC. */
export function normalizeDomain(typed: string): string {
  const s = typed.trim().normalize('NFC').toLowerCase();
  return s.slice(s.lastIndexOf('@') + 1).replace(/\.$/, '');
}

export type BlockForm = { kind?: string; ip?: string; ipHash?: string; domain?: string; note?: string };

/** Reads the add-a-block form: an IP typed by staff, a hash from the trending view, or a domain. */
export function parseBlock(
  form: BlockForm,
  secrets: Secrets,
): { ok: true; kind: BlockKind; value: string; note: string } | { ok: false; errors: Record<string, string> } {
  const typedNote = plainText({ max: 200 }).safeParse(form.note ?? '');
  if (!typedNote.success)
    return {
      ok: false,
      errors: { [form.kind === 'ip' ? 'ipNote' : 'domainNote']: typedNote.error.issues[0]!.message },
    };
  const note = typedNote.data;
  if (form.kind === 'ip') {
    if (form.ipHash) {
      if (!/^[A-Za-z0-9_-]{20,64}$/.test(form.ipHash))
        return { ok: false, errors: { ip: 'That is not an address hash from the trending view' } };
      return { ok: true, kind: 'ip', value: form.ipHash, note };
    }
    const ip = (form.ip ?? '').trim();
    if (!isIP(ip)) return { ok: false, errors: { ip: 'Enter an IP address like 203.0.113.7 or 2001:db8::1' } };
    return { ok: true, kind: 'ip', value: signingIpHash(secrets, ip), note };
  }
  if (form.kind === 'email-domain') {
    const domain = normalizeDomain(form.domain ?? '');
    if (
      !/^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)+$/u.test(
        domain,
      ) ||
      domain.length > 253
    ) {
      return { ok: false, errors: { domain: 'Enter a domain like example.com' } };
    }
    return { ok: true, kind: 'email-domain', value: domain, note };
  }
  return { ok: false, errors: { kind: 'Choose what to block' } };
}

export type Block = typeof signingBlocks.$inferSelect;

export async function listBlocks(db: Db): Promise<Block[]> {
  return db.select().from(signingBlocks).orderBy(asc(signingBlocks.kind), desc(signingBlocks.createdAt));
}

/**
 * The audit log keeps the rule itself: IPs are already hashes, and a
 * blocked domain is a rule about a mail provider that staff must be able
 * to trace. The note is free text and may name someone, so it stays out.
 */
export async function addBlock(
  db: Db,
  block: { kind: BlockKind; value: string; note: string },
  actor: AuditActor,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const added = await tx
      .insert(signingBlocks)
      .values(block)
      .onConflictDoNothing()
      .returning({ kind: signingBlocks.kind });
    if (added.length === 0) return false;
    await recordAudit(tx, actor, {
      action: 'petition.block-add',
      subjectType: `petition-block-${block.kind}`,
      subjectId: block.value,
    });
    return true;
  });
}

export async function removeBlock(db: Db, kind: BlockKind, value: string, actor: AuditActor): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(signingBlocks)
      .where(and(eq(signingBlocks.kind, kind), eq(signingBlocks.value, value)))
      .returning({ kind: signingBlocks.kind });
    if (removed.length === 0) return false;
    await recordAudit(tx, actor, {
      action: 'petition.block-remove',
      subjectType: `petition-block-${kind}`,
      subjectId: value,
    });
    return true;
  });
}

/** `petitionId` is where most of them went, for a link to those signatures. */
export type TrendingRow = {
  value: string;
  signatures: number;
  petitions: number;
  petitionId: number;
  blocked: boolean;
};

/**
 * The hashed IPs and email domains with the most signatures in the last
 * hour, across all petitions, from the signatures themselves (the recent
 * index on created_at keeps this to the last hour's rows).
 */
export async function trending(
  db: Db,
  options: { hours?: number; limit?: number; now?: Date } = {},
): Promise<{ ips: TrendingRow[]; domains: TrendingRow[] }> {
  const since = new Date((options.now ?? new Date()).getTime() - (options.hours ?? 1) * 3_600_000);
  const limit = options.limit ?? 20;
  const top = async (column: typeof signatures.ipHash | typeof signatures.emailDomain, kind: BlockKind) => {
    const rows = await db
      .select({
        value: sql<string>`${column}`,
        signatures: sql<number>`count(*)::int`,
        petitions: sql<number>`count(distinct ${signatures.petitionId})::int`,
        petitionId: sql<number>`mode() within group (order by ${signatures.petitionId})`,
        blocked: sql<boolean>`exists (select 1 from ${signingBlocks} b where b.kind = ${kind} and b.value = ${column})`,
      })
      .from(signatures)
      .where(and(gt(signatures.createdAt, since), isNotNull(column)))
      .groupBy(column)
      .orderBy(sql`count(*) desc`, column)
      .limit(limit);
    return rows.map((r) => ({
      ...r,
      signatures: Number(r.signatures),
      petitions: Number(r.petitions),
      petitionId: Number(r.petitionId),
      blocked: Boolean(r.blocked),
    }));
  };
  const [ips, domains] = await Promise.all([top(signatures.ipHash, 'ip'), top(signatures.emailDomain, 'email-domain')]);
  return { ips, domains };
}
