import { Hono } from 'hono';
import { z } from 'zod';
import { apiList, apiListItemsPage, apiListsPage, type ApiList, type SegmentContext } from '../supporters/service.ts';
import { apiError, sendHal } from './hal.ts';
import { idParam, requireScope, type ApiEnv } from './http.ts';
import { personHref } from './people.ts';
import {
  apiUrl,
  collectionParams,
  collectionShape,
  curiesOf,
  errorResponses,
  idPath,
  identifier,
  isoDate,
  linkShape,
  type ApiDeps,
  type ApiResource,
  sendCollection,
} from './resource.ts';

/**
 * Saved segments as OSDI lists (ADR 073): a list's items are the people its filters match now, counted and listed
 * as the workspace does (with every feature's action source, handed in by the app). An item has no dates of its
 * own, since nobody records when a person came to match; so a list's items take no modified_date filter. A list says
 * who people are by their actions and tags, so reading one needs read_people.
 */

const listHref = (publicUrl: string, id: number) => apiUrl(publicUrl, `/lists/${id}`);

export function listJson(publicUrl: string, l: ApiList) {
  return {
    identifiers: [identifier(l.id)],
    origin_system: 'Groundswell',
    name: l.name,
    title: l.name,
    created_date: isoDate(l.createdAt),
    modified_date: isoDate(l.modifiedAt),
    total_items: l.items,
    _links: {
      self: { href: listHref(publicUrl, l.id) },
      'osdi:items': { href: `${listHref(publicUrl, l.id)}/items` },
    },
  };
}

export function itemJson(publicUrl: string, listId: number, supporterId: number) {
  return {
    identifiers: [identifier(`list:${listId}:${supporterId}`)],
    item_type: 'osdi:person',
    _links: {
      // Membership is worked out, not stored: the item's own address is its person's.
      self: { href: personHref(publicUrl, supporterId) },
      'osdi:person': { href: personHref(publicUrl, supporterId) },
      'osdi:list': { href: listHref(publicUrl, listId) },
    },
  };
}

function routes(deps: ApiDeps): Hono<ApiEnv> {
  const { db, publicUrl } = deps;
  const app = new Hono<ApiEnv>();
  // The app always hands the sources in; without them an action filter would match nobody (segments.ts's rule).
  const context = async (): Promise<SegmentContext> => ({
    sources: deps.segments?.sources ?? [],
    timeZone: (await deps.segments?.timeZone()) ?? 'America/Los_Angeles',
  });
  const noList = 'There is no list with this id: it may have been deleted';

  app.get('/lists', requireScope('read_people'), async (c) =>
    sendCollection(c, publicUrl, {
      base: apiUrl(publicUrl, '/lists'),
      rel: 'osdi:lists',
      read: async (paging) => apiListsPage(db, await context(), paging),
      render: (row) => listJson(publicUrl, row),
    }),
  );

  app.get('/lists/:id', requireScope('read_people'), async (c) => {
    const id = idParam(c.req.param('id'));
    const list = id ? await apiList(db, await context(), id) : undefined;
    if (!list) return apiError(c, 404, noList);
    return sendHal(c, listJson(publicUrl, list));
  });

  app.get('/lists/:id/items', requireScope('read_people'), async (c) => {
    const id = idParam(c.req.param('id'));
    if (!id) return apiError(c, 404, noList);
    return sendCollection(c, publicUrl, {
      base: `${listHref(publicUrl, id)}/items`,
      rel: 'osdi:items',
      read: async (paging) => apiListItemsPage(db, await context(), id, paging),
      render: (row) => itemJson(publicUrl, id, row.supporterId),
      missing: noList,
      unfilterable:
        'A list’s items are worked out from its filters when asked: they have no modified date to filter by',
    });
  });

  return app;
}

const json = (schema: z.ZodType) => ({ content: { 'application/hal+json': { schema } } });

const listShape = z
  .object({
    identifiers: z.array(z.string()),
    origin_system: z.string(),
    name: z.string(),
    title: z.string(),
    created_date: z.string(),
    modified_date: z.string().meta({ description: 'When staff last saved its name or filters' }),
    total_items: z.number().meta({ description: 'The people its filters match now' }),
    _links: z.object({ self: linkShape, 'osdi:items': linkShape }),
  })
  .meta({ id: 'List' });

const itemShape = z
  .object({
    identifiers: z.array(z.string()),
    item_type: z.literal('osdi:person'),
    _links: z.object({ self: linkShape, 'osdi:person': linkShape, 'osdi:list': linkShape }),
  })
  .meta({ id: 'Item' });

export const listsResource: ApiResource = {
  entry: { 'osdi:lists': { path: '/lists', title: 'Saved segments, worked out now' } },
  routes,
  paths: {
    '/lists': {
      get: {
        summary: 'Saved segments, in the order of their last save (scope read_people)',
        requestParams: { query: collectionParams },
        responses: {
          '200': { description: 'A page', ...json(collectionShape('osdi:lists', listShape, 'Lists')) },
          ...errorResponses,
        },
      },
    },
    '/lists/{id}': {
      get: {
        summary: 'One saved segment, with the number of people it matches now (scope read_people)',
        requestParams: { path: idPath('id') },
        responses: {
          '200': { description: 'The list', ...json(listShape) },
          '404': { description: 'No such list' },
          ...errorResponses,
        },
      },
    },
    '/lists/{id}/items': {
      get: {
        summary: 'The people a saved segment matches now, by id (scope read_people; no modified_date filter)',
        requestParams: { path: idPath('id'), query: collectionParams },
        responses: {
          '200': { description: 'A page', ...json(collectionShape('osdi:items', itemShape, 'Items')) },
          '404': { description: 'No such list' },
          ...errorResponses,
        },
      },
    },
  },
};
