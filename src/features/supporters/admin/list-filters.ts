import { z } from 'zod';
import { plainText } from '../../../platform/plain-text.ts';
import { locales } from '../../../platform/web/locale.ts';
import { supporterStatuses, type SupporterFilters } from '../records.ts';
import { subscriptionTopics } from '../schema.ts';

// A filter that makes no sense is dropped rather than refused: the list still answers.
export const filtersSchema = z.object({
  // A filter that is not plain text (a NUL would reach PostgreSQL) is ignored, as any filter that does not parse.
  q: plainText({ max: 200 }).optional().catch(undefined),
  topic: z.enum(subscriptionTopics).optional().catch(undefined),
  language: z.enum(locales).optional().catch(undefined),
  county: plainText({ max: 100, trim: false }).optional().catch(undefined),
  status: z.enum(supporterStatuses).optional().catch(undefined),
  tag: plainText({ max: 60, trim: false }).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type ListFilterValues = z.output<typeof filtersSchema>;

/** The list screen's filters as the records' query takes them (the export and saved segments take the same). */
export function supporterFiltersOf(f: ListFilterValues): SupporterFilters {
  return {
    q: f.q,
    topic: f.topic,
    locale: f.language,
    county: f.county || undefined,
    status: f.status,
    tag: f.tag || undefined,
  };
}
