import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { plainText } from '../../platform/plain-text.ts';
import type { ActionSource, Chamber } from '../../platform/supporter-actions.ts';
import { zonedLocalToDate } from '../../platform/web/time.ts';
import { locales, type Locale } from '../../platform/web/locale.ts';
import { listCondition, supporterStatuses, type SupporterStatus } from './records.ts';
import { subscriptionTopics, supporters, supporterTags, type Topic } from './schema.ts';

/**
 * The list's filters, as the list's query string carries them and a saved segment keeps them (issue 18). Tags match
 * any of several; a district matches people who acted (signed, RSVPed, wrote) with an address in it, as supporters'
 * own records keep no district; each action names what was done and, optionally, from and to which day.
 */
export type SegmentFilters = {
  q?: string | undefined;
  topic?: Topic | undefined;
  language?: Locale | undefined;
  county?: string | undefined;
  status?: SupporterStatus | undefined;
  tags?: string[] | undefined;
  senate?: number | undefined;
  house?: number | undefined;
  actions?: ActionFilter[] | undefined;
};
/** Did this (`kind` "petition", `id` its id), on days `from` to `to` (YYYY-MM-DD, both included), each optional. */
export type ActionFilter = { kind: string; id: number; from?: string | undefined; to?: string | undefined };

export const SENATE_DISTRICTS = 30;
export const HOUSE_DISTRICTS = 60;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)))
  .optional()
  .catch(undefined);
const id = z.coerce.number().int().min(1).max(2_147_483_647).optional().catch(undefined);
const district = (max: number) => z.coerce.number().int().min(1).max(max).optional().catch(undefined);
// A filter that makes no sense is dropped rather than refused: the list still answers.
const one = {
  // A filter that is not plain text (a NUL would reach PostgreSQL) is ignored, as any filter that does not parse.
  q: plainText({ max: 200 }).optional().catch(undefined),
  topic: z.enum(subscriptionTopics).optional().catch(undefined),
  language: z.enum(locales).optional().catch(undefined),
  county: plainText({ max: 100, trim: false }).optional().catch(undefined),
  status: z.enum(supporterStatuses).optional().catch(undefined),
  senate: district(SENATE_DISTRICTS),
  house: district(HOUSE_DISTRICTS),
};
const tag = plainText({ max: 60, trim: false }).catch('');

/** The filters in a query string (or a form carrying one), each that does not parse left out. */
export function segmentFiltersFrom(params: URLSearchParams, kinds: readonly string[]): SegmentFilters {
  const f: SegmentFilters = {};
  for (const [key, schema] of Object.entries(one)) {
    const value = params.get(key);
    const parsed = value === null || value === '' ? undefined : schema.parse(value);
    if (parsed !== undefined) Object.assign(f, { [key]: parsed });
  }
  const tags = [...new Set(params.getAll('tag').map((t) => tag.parse(t)))].filter(Boolean).slice(0, 20);
  if (tags.length > 0) f.tags = tags;
  const actions: ActionFilter[] = [];
  for (const kind of kinds) {
    const chosen = id.parse(params.get(kind) || undefined);
    if (chosen === undefined) continue;
    const action: ActionFilter = { kind, id: chosen };
    const from = day.parse(params.get(`${kind}From`) || undefined);
    const to = day.parse(params.get(`${kind}To`) || undefined);
    if (from) action.from = from;
    if (to) action.to = to;
    actions.push(action);
  }
  if (actions.length > 0) f.actions = actions;
  return f;
}

/** The query string for these filters: the list's address, the export's, a bulk action's. */
export function filtersQuery(f: SegmentFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const key of ['q', 'topic', 'status', 'language', 'county', 'senate', 'house'] as const)
    if (f[key] !== undefined && f[key] !== '') p.set(key, String(f[key]));
  for (const t of f.tags ?? []) p.append('tag', t);
  for (const a of f.actions ?? []) {
    p.set(a.kind, String(a.id));
    if (a.from) p.set(`${a.kind}From`, a.from);
    if (a.to) p.set(`${a.kind}To`, a.to);
  }
  return p;
}

export function hasFilters(f: SegmentFilters): boolean {
  return filtersQuery(f).size > 0;
}

/** The start of a day in the workspace's zone; `to` days are included, so they end at the next day's start. */
function dayStart(date: string | undefined, timeZone: string, nextDay = false): Date | undefined {
  if (!date) return undefined;
  const start = zonedLocalToDate(`${date}T00:00`, timeZone);
  if (!start || !nextDay) return start;
  const [y, m, d] = date.split('-').map(Number);
  const next = new Date(Date.UTC(y!, m! - 1, d! + 1)).toISOString().slice(0, 10);
  return zonedLocalToDate(`${next}T00:00`, timeZone);
}

function inAny(parts: SQL[]): SQL {
  if (parts.length === 0) return sql`false`;
  return sql`${supporters.id} in (${sql.join(parts, sql` union `)})`;
}

/**
 * The condition, over the supporters table, for people matching these filters; undefined when nothing narrows it.
 * An action whose feature offers no source (a kind no longer served) matches nobody rather than everybody.
 */
export function segmentCondition(
  f: SegmentFilters,
  sources: readonly ActionSource[],
  timeZone: string,
): SQL | undefined {
  const also: SQL[] = [];
  if (f.tags && f.tags.length > 0)
    also.push(
      sql`exists (select 1 from ${supporterTags} t where t.supporter_id = ${supporters.id}
                  and t.tag in (${sql.join(
                    f.tags.map((t) => sql`${t}`),
                    sql`, `,
                  )}))`,
    );
  for (const chamber of ['senate', 'house'] as const satisfies Chamber[]) {
    const n = f[chamber];
    if (n !== undefined) also.push(inAny(sources.map((s) => s.supportersInDistrict(chamber, n))));
  }
  for (const a of f.actions ?? []) {
    const source = sources.find((s) => s.kind === a.kind);
    if (!source) {
      also.push(sql`false`);
      continue;
    }
    const range = { from: dayStart(a.from, timeZone), to: dayStart(a.to, timeZone, true) };
    also.push(inAny([source.supportersWho(a.id, range)]));
  }
  return listCondition({
    q: f.q,
    topic: f.topic,
    locale: f.language,
    county: f.county,
    status: f.status,
    also: also.length > 0 ? sql.join(also, sql` and `) : undefined,
  });
}
