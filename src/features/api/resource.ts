import type { Context, Hono } from 'hono';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { z } from 'zod';
import type { Secrets } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/client.ts';
import type { ActionSource } from '../../platform/supporter-actions.ts';
import type { CommitteeMembers } from '../letters/service.ts';
import type { Geocoder } from '../petitions/service.ts';
import type { ApiEnv } from './http.ts';
import type { ApiPaging, Placed } from '../../platform/api-paging.ts';
import { apiError, halCollection, readCollectionQuery, sendHal, type Link, type Links } from './hal.ts';

/** What every part of the API is given by the API's routes. */
export type ApiDeps = {
  db: Db;
  /** The site's address: every link the API gives is absolute. */
  publicUrl: string;
  /** For the confirmation emails a sign-up through the API sends. */
  emailDomain: string;
  /** Wakes the email worker after a write queued mail. */
  emailQueued: () => void;
  /**
   * For record_outreach_helper, what the public letter form is given: the roster's committees and the Census
   * geocoder (districts by street address; without it, a ZIP wholly inside a district).
   */
  letters?: { committeeMembers?: CommitteeMembers | undefined; geocoder?: Geocoder | undefined } | undefined;
  /** For lists (saved segments): every feature's action source and the workspace's zone, as the workspace has them. */
  segments?: { sources: readonly ActionSource[]; timeZone: () => Promise<string> } | undefined;
  /** The site's key: the links a signature or an RSVP is emailed are made with it, as the web forms' are. */
  secrets: Secrets;
};

/**
 * One part of the API (people, petitions and signatures, events…): the collections the entry point links
 * to, its routes (mounted at /api/v1) and its paths in the OpenAPI document, made from the same zod
 * schemas its routes validate with.
 */
export type ApiResource = {
  /** The entry point's links: relation (`osdi:people`) → path under /api/v1, and a title. */
  entry: Record<string, { path: string; title: string }>;
  routes: (deps: ApiDeps) => Hono<ApiEnv>;
  /** Paths relative to /api/v1. */
  paths: ZodOpenApiPathsObject;
};

export const API_BASE = '/api/v1';
export const apiUrl = (publicUrl: string, path: string) => `${publicUrl}${API_BASE}${path}`;

/** The `curies` link that names OSDI's relations, pointing at this site's own API page. */
export const curiesOf = (publicUrl: string): Links[string] => [
  { name: 'osdi', href: `${publicUrl}/api/docs#osdi-{rel}`, templated: true },
  // What OSDI has no relation for (deleted people): this site's own, documented on the same page.
  { name: 'groundswell', href: `${publicUrl}/api/docs#groundswell-{rel}`, templated: true },
];

/**
 * A collection's GET, answered whole: its query read (400 with the field when wrong), one page read, and the page
 * laid out as OSDI does. `read` answers nothing when the collection's parent (a petition, an event) is not there.
 */
export async function sendCollection<Row>(
  c: Context,
  publicUrl: string,
  collection: {
    /** The collection's absolute address, without a query. */
    base: string;
    rel: string;
    read: (paging: ApiPaging) => Promise<{ total: number; rows: Placed<Row>[] } | undefined>;
    render: (row: Row) => { _links: { self: Link } } & Record<string, unknown>;
    /** The 404's words when `read` finds no parent. */
    missing?: string;
    /** Why the collection takes no modified_date filter, when it takes none. */
    unfilterable?: string;
  },
): Promise<Response> {
  const query = readCollectionQuery(c.req.query());
  if (!query.ok) return apiError(c, 400, query.message, { [query.field]: query.message });
  if (collection.unfilterable && query.request.filter)
    return apiError(c, 400, collection.unfilterable, { filter: collection.unfilterable });
  const page = await collection.read(query.request.paging);
  if (!page) return apiError(c, 404, collection.missing ?? 'There is nothing at this address');
  return sendHal(
    c,
    halCollection({
      base: collection.base,
      rel: collection.rel,
      request: query.request,
      total: page.total,
      rows: page.rows,
      render: collection.render,
      curies: curiesOf(publicUrl),
    }),
  );
}

/** OSDI identifiers: this system's prefix and the record's id. */
export const identifier = (id: number | string) => `groundswell:${id}`;

/** Dates as OSDI writes them: ISO 8601 in UTC. */
export const isoDate = (at: Date) => at.toISOString();

// Shapes shared by every part's OpenAPI paths.
export const linkShape = z.object({ href: z.string() });
export const idPath = (name: string) =>
  z.object({ [name]: z.string().regex(/^\d+$/).meta({ description: 'The record’s id' }) });
export const collectionParams = z.object({
  page: z.string().optional().meta({ description: 'The page, from 1' }),
  per_page: z.string().optional().meta({ description: 'Records a page, 25 unless asked, at most 100' }),
  filter: z.string().optional().meta({
    description: "OData subset for incremental sync: modified_date gt '2026-03-01T00:00:00Z', lt, joined by and",
  }),
  cursor: z
    .string()
    .optional()
    .meta({ description: 'Set by next links: where the next page starts. Follow the link.' }),
});
export const errorShape = z
  .object({ error: z.string(), fields: z.record(z.string(), z.string()).optional() })
  .meta({ id: 'Error', description: 'What went wrong; for bad input, a message by each field' });

/** A collection's page as OSDI lays it out, with members of `item`'s shape under `rel`. */
export function collectionShape(rel: string, item: z.ZodType, id: string) {
  // rel is the full relation: osdi:people.
  return z
    .object({
      total_pages: z.number(),
      per_page: z.number(),
      page: z.number(),
      total_records: z.number(),
      _links: z.record(z.string(), z.unknown()),
      _embedded: z.object({ [rel]: z.array(item) }),
    })
    .meta({ id });
}

/** The responses every route may give besides its own. */
export const errorResponses = {
  '400': { description: 'Bad input: see error and fields', content: { 'application/json': { schema: errorShape } } },
  '401': { description: 'No key, or a revoked one', content: { 'application/json': { schema: errorShape } } },
  '403': { description: 'The key lacks the scope', content: { 'application/json': { schema: errorShape } } },
  '429': { description: 'Too many requests for this key', content: { 'application/json': { schema: errorShape } } },
} as const;
