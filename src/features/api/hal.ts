import type { Context } from 'hono';
import { z } from 'zod';
import type { ApiPaging, Placed } from '../../platform/api-paging.ts';

/**
 * HAL+JSON as OSDI shapes it: a collection's paging numbers, `_links` (self, next, previous, one link a
 * member) and `_embedded` members under the collection's `osdi:` relation (ADR 073).
 */

export const DEFAULT_PER_PAGE = 25;
export const MAX_PER_PAGE = 100;
export const HAL_JSON = 'application/hal+json; charset=utf-8';

export type Link = { href: string };
export type Links = Record<string, Link | Link[] | (Link & { name: string; templated: boolean })[]>;

/** A date in OData's quotes: '2026-03-01' or '2026-03-01T12:00:00Z'. */
const QUOTED_DATE = /^'(\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?)?)'$/;

/** The OData subset OSDI clients send for incremental sync: `modified_date gt '…'`, `lt`, joined by `and`. */
export function parseModifiedFilter(
  filter: string,
): { ok: true; after?: string; before?: string } | { ok: false; message: string } {
  const result: { after?: string; before?: string } = {};
  for (const clause of filter.trim().split(/\s+and\s+/i)) {
    const match = /^modified_date\s+(gt|lt)\s+(.+)$/i.exec(clause.trim());
    const quoted = match ? QUOTED_DATE.exec(match[2]!.trim()) : null;
    if (!match || !quoted) {
      return {
        ok: false,
        message:
          "The filter takes modified_date gt or lt a quoted date, such as modified_date gt '2026-03-01T00:00:00Z'",
      };
    }
    const text = quoted[1]!;
    // A date without a zone is UTC, as OSDI's examples mean it.
    // A time without a zone is UTC, as OSDI's examples mean it; the text goes to PostgreSQL whole, microseconds too.
    const at =
      /T/.test(text) && !/(Z|[+-]\d{2}:\d{2})$/.test(text) ? `${text}Z` : /T/.test(text) ? text : `${text}T00:00:00Z`;
    if (Number.isNaN(Date.parse(at))) return { ok: false, message: `${text} is not a date` };
    if (match[1]!.toLowerCase() === 'gt') result.after = at;
    else result.before = at;
  }
  return { ok: true, ...result };
}

const cursorShape = z.object({
  at: z.string().max(40),
  id: z.number().int().min(0),
  total: z.number().int().min(0).max(1e10).optional(),
});

const encodeCursor = (place: { at: string; id: number; total?: number | undefined }) =>
  Buffer.from(JSON.stringify(place), 'utf8').toString('base64url');

function decodeCursor(text: string): z.output<typeof cursorShape> | undefined {
  try {
    const parsed = cursorShape.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success && !Number.isNaN(Date.parse(parsed.data.at)) ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const collectionQuery = z.object({
  page: z.coerce.number().int('page is a whole number').min(1, 'page starts at 1').max(1_000_000).default(1),
  per_page: z.coerce
    .number()
    .int('per_page is a whole number')
    .min(1, 'per_page is at least 1')
    .max(MAX_PER_PAGE, `per_page is at most ${MAX_PER_PAGE}`)
    .default(DEFAULT_PER_PAGE),
  filter: z.string().max(200, 'The filter is too long').optional(),
  cursor: z.string().max(200).optional(),
});

export type CollectionRequest = { page: number; perPage: number; filter?: string; paging: ApiPaging };

/** The page a collection request asks for, or the message for a 400. */
export function readCollectionQuery(
  query: Record<string, string>,
): { ok: true; request: CollectionRequest } | { ok: false; message: string; field: string } {
  const parsed = collectionQuery.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, message: issue.message, field: String(issue.path[0] ?? 'query') };
  }
  const { page, per_page: perPage, filter, cursor } = parsed.data;
  const modified: ReturnType<typeof parseModifiedFilter> = filter ? parseModifiedFilter(filter) : { ok: true };
  if (!modified.ok) return { ok: false, message: modified.message, field: 'filter' };
  const after = cursor ? decodeCursor(cursor) : undefined;
  if (cursor && !after) return { ok: false, message: 'The cursor is not one this API gave', field: 'cursor' };
  return {
    ok: true,
    request: {
      page,
      perPage,
      ...(filter ? { filter } : {}),
      paging: {
        limit: perPage,
        offset: (page - 1) * perPage,
        after: after ? { at: after.at, id: after.id } : undefined,
        total: after?.total,
        modifiedAfter: modified.after,
        modifiedBefore: modified.before,
      },
    },
  };
}

/** The collection's address with its query: page numbers, the filter and, for `next`, where to start. */
function pageHref(base: string, request: CollectionRequest, page: number, cursor?: string): string {
  const params = new URLSearchParams({ page: String(page), per_page: String(request.perPage) });
  if (request.filter) params.set('filter', request.filter);
  if (cursor) params.set('cursor', cursor);
  return `${base}?${params}`;
}

/** One page of a collection as OSDI lays it out. */
export function halCollection<Row>(options: {
  /** The collection's absolute address, without a query. */
  base: string;
  /** `osdi:people`. */
  rel: string;
  request: CollectionRequest;
  total: number;
  rows: Placed<Row>[];
  render: (row: Row) => { _links: { self: Link } } & Record<string, unknown>;
  curies: Links[string];
}) {
  const { base, request, total, rows } = options;
  const totalPages = Math.max(1, Math.ceil(total / request.perPage));
  const items = rows.map((placed) => options.render(placed.row));
  const last = rows.at(-1);
  const links: Links = {
    self: {
      href: pageHref(
        base,
        request,
        request.page,
        request.paging.after ? encodeCursor(request.paging.after) : undefined,
      ),
    },
    [options.rel]: items.map((item) => item._links.self),
    curies: options.curies,
  };
  if (last && rows.length === request.perPage && request.page < totalPages) {
    links.next = { href: pageHref(base, request, request.page + 1, encodeCursor({ at: last.at, id: last.id, total })) };
  }
  if (request.page > 1) links.previous = { href: pageHref(base, request, request.page - 1) };
  return {
    total_pages: totalPages,
    per_page: request.perPage,
    page: request.page,
    total_records: total,
    _links: links,
    _embedded: { [options.rel]: items },
  };
}

/** Sends HAL+JSON; API answers are never cached by a browser or a proxy. */
export function sendHal(c: Context, body: unknown, status: 200 | 201 = 200): Response {
  return c.body(JSON.stringify(body), status, { 'Content-Type': HAL_JSON, 'Cache-Control': 'no-store' });
}

/** An error as JSON: one sentence, and a message by each field that was wrong. */
export function apiError(
  c: Context,
  status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429,
  message: string,
  fields?: Record<string, string>,
  headers: Record<string, string> = {},
): Response {
  return c.body(JSON.stringify({ error: message, ...(fields ? { fields } : {}) }), status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
}
