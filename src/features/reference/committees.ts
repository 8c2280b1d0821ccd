import { asc, eq } from 'drizzle-orm';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Db } from '../../platform/db/client.ts';
import { ReferenceImportError } from './parse.ts';
import { committeeMembers, committees, legislators, type Chamber } from './schema.ts';

export type CommitteeChamber = Chamber | 'legislature';
export type CommitteeRow = { id: string; name: string; chamber: CommitteeChamber };
export type CommitteeMemberRow = { committeeId: string; legislatorId: string; role: string };
export type Committee = CommitteeRow & { members: number };
export type CommitteeSeat = { committeeId: string; name: string; chamber: CommitteeChamber; role: string };
export type CommitteeMember = { id: string; name: string; chamber: Chamber; district: string; role: string };

const committee = z.object({
  id: z.string().startsWith('ocd-organization/'),
  name: z.string().min(1),
  chamber: z.enum(['upper', 'lower', 'legislature']),
  members: z
    .array(z.object({ name: z.string(), role: z.string().optional(), person_id: z.string().optional() }))
    .optional(),
});

/**
 * One Open States committee file. Only sitting legislators (`sitting`, the
 * roster being imported with it) are kept as members: a committee file may
 * still list someone whose term ended, and a member without a person id
 * cannot be told apart from a namesake.
 */
export function parseCommittee(
  text: string,
  source: string,
  sitting: ReadonlySet<string>,
): { committee: CommitteeRow; members: CommitteeMemberRow[] } {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new ReferenceImportError(`${source}: not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
  const parsed = committee.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ReferenceImportError(
      `${source}: not an Open States committee (${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message})`,
    );
  }
  const c = parsed.data;
  const members = new Map<string, CommitteeMemberRow>();
  for (const m of c.members ?? []) {
    if (!m.person_id || !sitting.has(m.person_id) || members.has(m.person_id)) continue;
    members.set(m.person_id, { committeeId: c.id, legislatorId: m.person_id, role: m.role?.trim() || 'member' });
  }
  return { committee: { id: c.id, name: c.name.trim(), chamber: c.chamber }, members: [...members.values()] };
}

const chamberOrder: Record<CommitteeChamber, number> = { upper: 0, lower: 1, legislature: 2 };

/** Every committee, Senate first, then House, then joint, by name; with how many sitting members it has. */
export async function listCommittees(db: Db): Promise<Committee[]> {
  const [rows, seats] = await Promise.all([
    db.select().from(committees),
    db.select({ committeeId: committeeMembers.committeeId }).from(committeeMembers),
  ]);
  const counts = new Map<string, number>();
  for (const s of seats) counts.set(s.committeeId, (counts.get(s.committeeId) ?? 0) + 1);
  return rows
    .map((r) => ({ ...r, members: counts.get(r.id) ?? 0 }))
    .sort((a, b) => chamberOrder[a.chamber] - chamberOrder[b.chamber] || a.name.localeCompare(b.name));
}

/** The committees one legislator sits on, with their role on each; empty when none or unknown. */
export async function committeesOf(db: Db, legislatorId: string): Promise<CommitteeSeat[]> {
  const rows = await db
    .select({
      committeeId: committees.id,
      name: committees.name,
      chamber: committees.chamber,
      role: committeeMembers.role,
    })
    .from(committeeMembers)
    .innerJoin(committees, eq(committees.id, committeeMembers.committeeId))
    .where(eq(committeeMembers.legislatorId, legislatorId));
  return rows.sort((a, b) => chamberOrder[a.chamber] - chamberOrder[b.chamber] || a.name.localeCompare(b.name));
}

/**
 * The sitting members of a committee, found by its id or its exact name
 * (names repeat across chambers only in theory; the first by chamber wins).
 * Chairs first, then by name.
 */
export async function committeeMembersOf(db: Db, committeeIdOrName: string): Promise<CommitteeMember[]> {
  const all = await listCommittees(db);
  const found = all.find((c) => c.id === committeeIdOrName) ?? all.find((c) => c.name === committeeIdOrName);
  if (!found) return [];
  const rows = await db
    .select({
      id: legislators.id,
      name: legislators.name,
      chamber: legislators.chamber,
      district: legislators.district,
      role: committeeMembers.role,
    })
    .from(committeeMembers)
    .innerJoin(legislators, eq(legislators.id, committeeMembers.legislatorId))
    .where(eq(committeeMembers.committeeId, found.id))
    .orderBy(asc(legislators.familyName), asc(legislators.name));
  const rank = (role: string) => (/^(co-)?chair$/i.test(role) ? 0 : /chair/i.test(role) ? 1 : 2);
  return rows.sort((a, b) => rank(a.role) - rank(b.role));
}
