import type { SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import type { ActionSource } from '../../../platform/supporter-actions.ts';
import { filtersQuery, segmentCondition, segmentFiltersFrom, type SegmentFilters } from '../segment-filters.ts';
import { getSegment, segmentIdInput, type Segment, type SegmentContext } from '../segments.ts';
import type { ActionChoices } from './views/filter-fields.tsx';

/**
 * Whom a list screen, a bulk action or an export acts on: a saved segment (`segment=`) or the filters in the query
 * string. A segment asked for by number that no longer exists is `missing`, never everyone.
 */
export type ListScope = {
  filters: SegmentFilters;
  segment?: Segment | undefined;
  /** The segment these filters were changed from (`from=`), when it still exists. */
  basedOn?: Segment | undefined;
  where: SQL | undefined;
  /** The query string that names this scope again, with its "?" (or empty). */
  query: string;
};

export async function listScope(db: Db, params: URLSearchParams, ctx: SegmentContext): Promise<ListScope | 'missing'> {
  const kinds = ctx.sources.map((s) => s.kind);
  const asked = params.get('segment');
  if (asked) {
    const id = segmentIdInput.safeParse(asked);
    const segment = id.success ? await getSegment(db, id.data) : undefined;
    if (!segment) return 'missing';
    return {
      filters: segment.filters,
      segment,
      where: segmentCondition(segment.filters, ctx.sources, ctx.timeZone),
      query: `?segment=${segment.id}`,
    };
  }
  const filters = segmentFiltersFrom(params, kinds);
  const from = segmentIdInput.safeParse(params.get('from'));
  const query = filtersQuery(filters).toString();
  return {
    filters,
    basedOn: from.success ? await getSegment(db, from.data) : undefined,
    where: segmentCondition(filters, ctx.sources, ctx.timeZone),
    query: query ? `?${query}` : '',
  };
}

/** What each acting feature offers to choose from, for the filter form and for filters in words. */
export async function actionChoices(db: Db, sources: readonly ActionSource[]): Promise<ActionChoices[]> {
  return Promise.all(sources.map(async (s) => ({ kind: s.kind, label: s.label, choices: await s.choices(db) })));
}
