import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { emailAddress } from '../../platform/email-address.ts';
import type { AuditActor } from '../audit/service.ts';
import {
  apiPersonIdByEmail,
  apiTag,
  apiTagging,
  apiTaggingsPage,
  apiTagPerson,
  apiTagsPage,
  apiUntagPerson,
  tagInput,
  type ApiTag,
  type ApiTagging,
} from '../supporters/service.ts';
import { apiError, sendHal } from './hal.ts';
import { idParam, readJson, requireScope, type ApiEnv } from './http.ts';
import { personHref } from './people.ts';
import {
  apiUrl,
  collectionParams,
  collectionShape,
  curiesOf,
  errorResponses,
  identifier,
  isoDate,
  linkShape,
  type ApiDeps,
  type ApiResource,
  sendCollection,
} from './resource.ts';

/**
 * Tags and taggings (ADR 073). A tag is a label people carry ("volunteer", "board-member"); it has no id but its
 * name, so its identifier is `groundswell:tag:<name>` (apart from people's `groundswell:<id>`) and its address
 * /tags/<name>. It exists while someone carries it: a new tag starts with its first tagging. Tags say things about
 * people, so reading them needs read_people and tagging needs write_people.
 */

const tagHref = (publicUrl: string, name: string) => apiUrl(publicUrl, `/tags/${name}`);
const taggingsHref = (publicUrl: string, name: string) => `${tagHref(publicUrl, name)}/taggings`;

export function tagJson(publicUrl: string, t: ApiTag) {
  return {
    identifiers: [identifier(`tag:${t.name}`)],
    name: t.name,
    created_date: isoDate(t.createdAt),
    modified_date: isoDate(t.modifiedAt),
    total_taggings: t.taggings,
    _links: {
      self: { href: tagHref(publicUrl, t.name) },
      'osdi:taggings': { href: taggingsHref(publicUrl, t.name) },
    },
  };
}

export function taggingJson(publicUrl: string, t: ApiTagging) {
  return {
    identifiers: [identifier(`tagging:${t.tag}:${t.supporterId}`)],
    created_date: isoDate(t.createdAt),
    modified_date: isoDate(t.createdAt),
    _links: {
      self: { href: `${taggingsHref(publicUrl, t.tag)}/${t.supporterId}` },
      'osdi:tag': { href: tagHref(publicUrl, t.tag) },
      'osdi:person': { href: personHref(publicUrl, t.supporterId) },
    },
  };
}

/** A name from the path as it is stored: lower-case letters, digits and hyphens; anything else names no tag. */
const storedName = (text: string | undefined): string | undefined => {
  const parsed = tagInput.safeParse(text ?? '');
  return parsed.success && parsed.data === text ? parsed.data : undefined;
};

const taggingInput = z
  .object({
    _links: z.object({ 'osdi:person': z.object({ href: z.string().max(500) }) }).optional(),
    person: z
      .object({
        email_addresses: z
          .array(z.object({ address: emailAddress('Give the email address') }))
          .min(1, 'Give one email address')
          .max(1, 'Give one email address: a person here has one'),
      })
      .optional(),
  })
  .refine((v) => v._links || v.person, {
    message: 'Name the person: _links["osdi:person"].href, or person.email_addresses',
    path: ['person'],
  })
  .meta({ id: 'TaggingInput' });

function routes(deps: ApiDeps): Hono<ApiEnv> {
  const { db, publicUrl } = deps;
  const app = new Hono<ApiEnv>();
  const noTag = 'Nobody carries this tag: a tag exists while someone does';
  const actorOf = (c: Context<ApiEnv>): AuditActor => ({
    staffId: null,
    email: `API key “${c.get('caller').name}”`,
    ip: '',
  });
  const peoplePrefix = `${apiUrl(publicUrl, '/people/')}`;

  app.get('/tags', requireScope('read_people'), async (c) => {
    return sendCollection(c, publicUrl, {
      base: apiUrl(publicUrl, '/tags'),
      rel: 'osdi:tags',
      read: (paging) => apiTagsPage(db, paging),
      render: (row) => tagJson(publicUrl, row),
    });
  });

  app.get('/tags/:name', requireScope('read_people'), async (c) => {
    const name = storedName(c.req.param('name'));
    const tag = name ? await apiTag(db, name) : undefined;
    if (!tag) return apiError(c, 404, noTag);
    return sendHal(c, tagJson(publicUrl, tag));
  });

  app.get('/tags/:name/taggings', requireScope('read_people'), async (c) => {
    const name = storedName(c.req.param('name'));
    if (!name) return apiError(c, 404, noTag);
    return sendCollection(c, publicUrl, {
      base: taggingsHref(publicUrl, name),
      rel: 'osdi:taggings',
      read: async (paging) => ((await apiTag(db, name)) ? apiTaggingsPage(db, name, paging) : undefined),
      render: (row) => taggingJson(publicUrl, row),
      missing: noTag,
    });
  });

  app.post('/tags/:name/taggings', requireScope('write_people'), async (c) => {
    const text = c.req.param('name');
    const body = await readJson(c, taggingInput);
    if (!body.ok) return body.response;
    const name = storedName(text);
    if (!name) {
      const message = 'A tag is lower-case letters a to z, digits and hyphens, at most 40, such as board-member';
      return apiError(c, 400, message, { name: message });
    }
    let personId: number | undefined;
    const href = body.data._links?.['osdi:person'].href;
    if (href !== undefined) {
      personId = href.startsWith(peoplePrefix) ? idParam(href.slice(peoplePrefix.length)) : undefined;
      if (!personId) {
        const message = 'Link a person as this API gives them: an osdi:person href from /people';
        return apiError(c, 400, message, { '_links.osdi:person.href': message });
      }
    } else personId = await apiPersonIdByEmail(db, body.data.person!.email_addresses[0]!.address);
    const done = personId ? await apiTagPerson(db, name, personId, actorOf(c)) : undefined;
    if (!done) return apiError(c, 404, 'There is no such person: add them with person_signup_helper first');
    return sendHal(c, taggingJson(publicUrl, done.tagging), done.created ? 201 : 200);
  });

  app.get('/tags/:name/taggings/:personId', requireScope('read_people'), async (c) => {
    const name = storedName(c.req.param('name'));
    const personId = idParam(c.req.param('personId'));
    const tagging = name && personId ? await apiTagging(db, name, personId) : undefined;
    if (!tagging) return apiError(c, 404, 'This person does not carry this tag');
    return sendHal(c, taggingJson(publicUrl, tagging));
  });

  app.delete('/tags/:name/taggings/:personId', requireScope('write_people'), async (c) => {
    const name = storedName(c.req.param('name'));
    const personId = idParam(c.req.param('personId'));
    const removed = name && personId ? await apiUntagPerson(db, name, personId, actorOf(c)) : false;
    if (!removed) return apiError(c, 404, 'This person does not carry this tag');
    return sendHal(c, { notice: 'The tag was taken off the person', _links: {} });
  });

  return app;
}

const json = (schema: z.ZodType) => ({ content: { 'application/hal+json': { schema } } });
const namePath = z.object({
  name: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .meta({ description: 'The tag’s name' }),
});
const taggingPath = namePath.extend({ personId: z.string().regex(/^\d+$/).meta({ description: 'The person’s id' }) });

const tagShape = z
  .object({
    identifiers: z.array(z.string()),
    name: z.string(),
    created_date: z.string().meta({ description: 'The first tagging among the people who carry it now' }),
    modified_date: z.string().meta({ description: 'The latest tagging' }),
    total_taggings: z.number(),
    _links: z.object({ self: linkShape, 'osdi:taggings': linkShape }),
  })
  .meta({ id: 'Tag' });

const taggingShape = z
  .object({
    identifiers: z.array(z.string()),
    created_date: z.string(),
    modified_date: z.string(),
    _links: z.object({ self: linkShape, 'osdi:tag': linkShape, 'osdi:person': linkShape }),
  })
  .meta({ id: 'Tagging' });

export const tagsResource: ApiResource = {
  entry: { 'osdi:tags': { path: '/tags', title: 'The tags people carry' } },
  routes,
  paths: {
    '/tags': {
      get: {
        summary: 'Tags, in the order of their latest use (scope read_people)',
        requestParams: { query: collectionParams },
        responses: {
          '200': { description: 'A page', ...json(collectionShape('osdi:tags', tagShape, 'Tags')) },
          ...errorResponses,
        },
      },
    },
    '/tags/{name}': {
      get: {
        summary: 'One tag (scope read_people)',
        requestParams: { path: namePath },
        responses: {
          '200': { description: 'The tag', ...json(tagShape) },
          '404': { description: 'Nobody carries it' },
          ...errorResponses,
        },
      },
    },
    '/tags/{name}/taggings': {
      get: {
        summary: 'Who carries a tag, oldest tagging first (scope read_people)',
        requestParams: { path: namePath, query: collectionParams },
        responses: {
          '200': { description: 'A page', ...json(collectionShape('osdi:taggings', taggingShape, 'Taggings')) },
          '404': { description: 'Nobody carries it' },
          ...errorResponses,
        },
      },
      post: {
        summary: 'Tag a person, by their link or their email address (scope write_people)',
        description: 'A new tag starts with its first tagging. Nobody is added: an unknown person is a 404.',
        requestParams: { path: namePath },
        requestBody: { content: { 'application/json': { schema: taggingInput } } },
        responses: {
          '200': { description: 'The person already carried it', ...json(taggingShape) },
          '201': { description: 'Tagged', ...json(taggingShape) },
          '404': { description: 'No such person' },
          ...errorResponses,
        },
      },
    },
    '/tags/{name}/taggings/{personId}': {
      get: {
        summary: 'One tagging (scope read_people)',
        requestParams: { path: taggingPath },
        responses: {
          '200': { description: 'The tagging', ...json(taggingShape) },
          '404': { description: 'The person does not carry it' },
          ...errorResponses,
        },
      },
      delete: {
        summary: 'Take a tag off a person (scope write_people)',
        requestParams: { path: taggingPath },
        responses: {
          '200': { description: 'Taken off' },
          '404': { description: 'The person did not carry it' },
          ...errorResponses,
        },
      },
    },
  },
};
