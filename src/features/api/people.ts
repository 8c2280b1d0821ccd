import { Hono } from 'hono';
import { z } from 'zod';
import { emailAddress } from '../../platform/email-address.ts';
import { plainText } from '../../platform/plain-text.ts';
import { locales } from '../../platform/web/locale.ts';
import {
  apiDeletedPeoplePage,
  apiPeoplePage,
  apiPerson,
  apiSignUpPerson,
  apiUpdatePerson,
  NEEDS_GIVEN_NAME,
  tagInput,
  type ApiPerson,
  type ApiPersonInput,
} from '../supporters/service.ts';
import { apiError, sendHal } from './hal.ts';
import { idParam, readJson, requireScope, type ApiEnv } from './http.ts';
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

/** People in OSDI's shape (ADR 073): the person, their one address, ZIP, phone and language. */

const phoneNumber = z
  .string()
  .trim()
  .max(30, 'Use 30 characters or fewer')
  .regex(/^(\+?[0-9 ().-]*)$/, 'A phone number has digits, spaces, brackets, dots, hyphens and a leading +')
  .refine((v) => v === '' || (v.match(/[0-9]/g)?.length ?? 0) >= 7, 'A phone number has at least 7 digits');

const personInput = z
  .object({
    given_name: plainText({ max: 100 }).optional(),
    family_name: plainText({ max: 100 }).optional(),
    email_addresses: z
      .array(
        z.object({
          address: emailAddress('Give the email address'),
          primary: z.boolean().optional(),
          status: z
            .enum(['subscribed', 'unsubscribed'], { error: 'status is subscribed or unsubscribed' })
            .optional()
            .meta({
              description:
                'subscribed starts double opt-in: the person is sent the confirmation email and is subscribed when they use its link. unsubscribed stops all email at once.',
            }),
        }),
      )
      .min(1, 'Give one email address')
      .max(1, 'Give one email address: a person here has one'),
    postal_addresses: z
      .array(
        z.object({
          postal_code: z
            .string()
            .trim()
            .regex(/^(\d{5})?$/, 'A ZIP code has 5 digits'),
        }),
      )
      .max(1, 'Give one postal address')
      .optional(),
    phone_numbers: z
      .array(z.object({ number: phoneNumber }))
      .max(1, 'Give one phone number')
      .optional(),
    preferred_language: z.enum(locales, { error: `preferred_language is one of ${locales.join(', ')}` }).optional(),
  })
  .meta({ id: 'PersonInput' });

const signupInput = z
  .object({ person: personInput, add_tags: z.array(tagInput).max(20, 'At most 20 tags at once').optional() })
  .meta({ id: 'PersonSignupHelper' });

const personUpdate = personInput
  .extend({ email_addresses: personInput.shape.email_addresses.optional() })
  .meta({ id: 'PersonUpdate' });

const personShape = z
  .object({
    identifiers: z.array(z.string()),
    created_date: z.string(),
    modified_date: z.string(),
    given_name: z.string(),
    family_name: z.string(),
    email_addresses: z.array(z.object({ address: z.string(), primary: z.boolean(), status: z.string() })),
    postal_addresses: z.array(z.object({ primary: z.boolean(), postal_code: z.string(), country: z.string() })),
    phone_numbers: z.array(z.object({ primary: z.boolean(), number: z.string() })),
    preferred_language: z.string(),
    custom_fields: z.record(z.string(), z.string()),
    _links: z.object({ self: linkShape }),
  })
  .meta({ id: 'Person' });

const deletedPersonShape = z
  .object({ identifiers: z.array(z.string()), deleted_date: z.string(), _links: z.object({ self: linkShape }) })
  .meta({ id: 'DeletedPerson' });

/** A person as OSDI lays one out. */
export function personJson(publicUrl: string, p: ApiPerson) {
  const custom: Record<string, string> = {};
  if (p.county) custom.county = p.county;
  for (const [topic, state] of Object.entries(p.topics)) custom[`subscription_${topic.replace(/-/g, '_')}`] = state;
  return {
    identifiers: [identifier(p.id)],
    created_date: isoDate(p.createdAt),
    modified_date: p.modified,
    given_name: p.givenName,
    family_name: p.familyName,
    email_addresses: [{ address: p.email, primary: true, status: p.emailStatus }],
    postal_addresses: p.zip ? [{ primary: true, postal_code: p.zip, country: 'US' }] : [],
    phone_numbers: p.phone ? [{ primary: true, number: p.phone }] : [],
    preferred_language: p.locale,
    custom_fields: custom,
    _links: { self: { href: personHref(publicUrl, p.id) } },
  };
}

export const personHref = (publicUrl: string, id: number) => apiUrl(publicUrl, `/people/${id}`);

function inputOf(person: Partial<z.output<typeof personInput>>, tags?: string[]): ApiPersonInput {
  const status = person.email_addresses?.[0]?.status;
  return {
    givenName: person.given_name,
    familyName: person.family_name,
    phone: person.phone_numbers?.[0]?.number,
    zip: person.postal_addresses?.[0]?.postal_code,
    locale: person.preferred_language,
    subscribe: status === 'subscribed',
    unsubscribe: status === 'unsubscribed',
    tags,
  };
}

const NEEDS_NAME_ANSWER = {
  message: 'To subscribe someone, give their given_name: the confirmation email greets them by it',
  fields: { 'person.given_name': 'Give the person’s given name to subscribe them' },
};

function routes(deps: ApiDeps): Hono<ApiEnv> {
  const { db, publicUrl } = deps;
  const app = new Hono<ApiEnv>();
  const ctxOf = (callerId: number) => ({ source: `api-key-${callerId}`, emailDomain: deps.emailDomain });

  app.get('/people', requireScope('read_people'), async (c) => {
    return sendCollection(c, publicUrl, {
      base: apiUrl(publicUrl, '/people'),
      rel: 'osdi:people',
      read: (paging) => apiPeoplePage(db, paging),
      render: (p) => personJson(publicUrl, p),
    });
  });

  app.post('/people/person_signup_helper', requireScope('write_people'), async (c) => {
    const body = await readJson(c, signupInput);
    if (!body.ok) return body.response;
    const { person, add_tags } = body.data;
    const email = person.email_addresses[0]!.address;
    const outcome = await apiSignUpPerson(db, email, inputOf(person, add_tags), ctxOf(c.get('caller').id));
    if ('problem' in outcome) return apiError(c, 400, NEEDS_NAME_ANSWER.message, NEEDS_NAME_ANSWER.fields);
    if (outcome.confirmationQueued) deps.emailQueued();
    const saved = await apiPerson(db, outcome.id);
    return sendHal(c, personJson(publicUrl, saved!), outcome.created ? 201 : 200);
  });

  app.get('/people/:id', requireScope('read_people'), async (c) => {
    const id = idParam(c.req.param('id'));
    const person = id ? await apiPerson(db, id) : undefined;
    if (!person) return apiError(c, 404, 'There is no person with this id: they may have been deleted');
    return sendHal(c, personJson(publicUrl, person));
  });

  app.put('/people/:id', requireScope('write_people'), async (c) => {
    const id = idParam(c.req.param('id'));
    const body = await readJson(c, personUpdate);
    if (!body.ok) return body.response;
    if (!id) return apiError(c, 404, 'There is no person with this id: they may have been deleted');
    const given = body.data.email_addresses?.[0]?.address;
    const current = await apiPerson(db, id);
    if (!current) return apiError(c, 404, 'There is no person with this id: they may have been deleted');
    if (given && given.trim().toLowerCase() !== current.email.toLowerCase()) {
      return apiError(c, 422, 'A person’s email address is their key here and cannot be changed through the API', {
        'email_addresses.0.address': 'Send the address the person has, or leave it out',
      });
    }
    const outcome = await apiUpdatePerson(db, id, inputOf(body.data), ctxOf(c.get('caller').id));
    if ('problem' in outcome) return apiError(c, 400, NEEDS_NAME_ANSWER.message, NEEDS_NAME_ANSWER.fields);
    if (!outcome.found) return apiError(c, 404, 'There is no person with this id: they may have been deleted');
    if (outcome.confirmationQueued) deps.emailQueued();
    return sendHal(c, personJson(publicUrl, (await apiPerson(db, id))!));
  });

  app.get('/deleted_people', requireScope('read_people'), async (c) => {
    return sendCollection(c, publicUrl, {
      base: apiUrl(publicUrl, '/deleted_people'),
      rel: 'groundswell:deleted_people',
      read: (paging) => apiDeletedPeoplePage(db, paging),
      render: (d) => ({
        identifiers: [identifier(d.id)],
        deleted_date: d.deleted,
        _links: { self: { href: personHref(publicUrl, d.id) } },
      }),
    });
  });

  return app;
}

const json = (schema: z.ZodType) => ({ content: { 'application/hal+json': { schema } } });

export const peopleResource: ApiResource = {
  entry: {
    'osdi:people': { path: '/people', title: 'The people on record' },
    'osdi:person_signup_helper': { path: '/people/person_signup_helper', title: 'Add or match a person' },
    'groundswell:deleted_people': { path: '/deleted_people', title: 'People deleted, for a sync to delete' },
  },
  routes,
  paths: {
    '/people': {
      get: {
        summary: 'The people on record, in the order of their last change (scope read_people)',
        requestParams: { query: collectionParams },
        responses: {
          '200': { description: 'A page', ...json(collectionShape('osdi:people', personShape, 'People')) },
          ...errorResponses,
        },
      },
    },
    '/people/person_signup_helper': {
      post: {
        summary: 'Add a person, or match one by email and fill in what is missing (scope write_people)',
        description:
          'A person already on record keeps their details. Status subscribed sends the confirmation email; the person is subscribed only when they use its link.',
        requestBody: { content: { 'application/json': { schema: signupInput } } },
        responses: {
          '200': { description: 'Matched an existing person', ...json(personShape) },
          '201': { description: 'Added', ...json(personShape) },
          ...errorResponses,
        },
      },
    },
    '/people/{id}': {
      get: {
        summary: 'One person (scope read_people)',
        requestParams: { path: idPath('id') },
        responses: {
          '200': { description: 'The person', ...json(personShape) },
          '404': { description: 'No such person' },
          ...errorResponses,
        },
      },
      put: {
        summary: 'Correct a person’s details (scope write_people)',
        requestParams: { path: idPath('id') },
        requestBody: { content: { 'application/json': { schema: personUpdate } } },
        responses: {
          '200': { description: 'The person as now', ...json(personShape) },
          '404': { description: 'No such person' },
          ...errorResponses,
        },
      },
    },
    '/deleted_people': {
      get: {
        summary: 'People deleted (erased, merged, removed by a retention rule), newest last (scope read_people)',
        requestParams: { query: collectionParams },
        responses: {
          '200': {
            description: 'A page',
            ...json(collectionShape('groundswell:deleted_people', deletedPersonShape, 'DeletedPeople')),
          },
          ...errorResponses,
        },
      },
    },
  },
};
