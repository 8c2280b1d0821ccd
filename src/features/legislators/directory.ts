import type { Db } from '../../platform/db/client.ts';
import { listLegislators, type Legislator } from '../reference/service.ts';

/** The address of a legislator's page: name, chamber and district ("anna-scharf-house-23"). */
export function legislatorSlug(l: { name: string; chamber: 'upper' | 'lower'; district: string }): string {
  const name = l.name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${name}-${l.chamber === 'upper' ? 'senate' : 'house'}-${l.district}`;
}

/** The uuid of an Open States person id: a page's address that survives a change of name or seat. */
export const personUuid = (id: string) => id.replace(/^ocd-person\//, '');

/**
 * The sitting legislator a page address names, by slug or by the uuid of their Open States id.
 * Undefined for someone no longer on the roster.
 */
export async function findLegislator(db: Db, key: string): Promise<Legislator | undefined> {
  const all = await listLegislators(db);
  return all.find((l) => legislatorSlug(l) === key) ?? all.find((l) => personUuid(l.id) === key);
}

export type DirectoryFilter = { q: string; chamber: '' | 'upper' | 'lower' };

/**
 * The directory, Senate first then House, by district; `q` matches a name (any part, accents ignored)
 * or a district number exactly.
 */
export async function searchDirectory(db: Db, filter: DirectoryFilter): Promise<Legislator[]> {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
  const q = fold(filter.q.trim());
  return (await listLegislators(db)).filter(
    (l) =>
      (!filter.chamber || l.chamber === filter.chamber) &&
      (!q || (/^\d{1,2}$/.test(q) ? l.district === String(Number(q)) : fold(l.name).includes(q))),
  );
}

/** What a page shows of an office, from the contact Open States gives. */
export type Office = { kind: string; address: string; voice: string };

export function officesOf(l: Legislator): Office[] {
  const offices = (l.contact as { offices?: unknown }).offices;
  if (!Array.isArray(offices)) return [];
  return offices.flatMap((o: unknown) => {
    if (!o || typeof o !== 'object') return [];
    const { classification, address, voice } = o as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    if (!text(address) && !text(voice)) return [];
    return [{ kind: text(classification) || 'office', address: text(address), voice: text(voice) }];
  });
}

/** The pages for the sitemap: the directory and each sitting legislator; none while no roster is loaded. */
export async function legislatorPaths(db: Db): Promise<string[]> {
  const all = await listLegislators(db);
  return all.length === 0 ? [] : ['/legislators', ...all.map((l) => `/legislators/${legislatorSlug(l)}`)];
}
