import { Hono } from 'hono';
import { z } from 'zod';
import { emailAddress } from '../../platform/email-address.ts';
import { plainText } from '../../platform/plain-text.ts';
import { locales } from '../../platform/web/locale.ts';
import {
  apiCampaign,
  apiCampaignsPage,
  apiOutreach,
  apiOutreachesPage,
  apiRecordOutreach,
  LETTER_BODY_MAX,
  type LetterField,
} from '../letters/service.ts';
import { campaignJson, outreachesHref, outreachJson } from './advocacy-json.ts';
import { apiError, sendHal } from './hal.ts';
import { idParam, readJson, requireScope, type ApiEnv } from './http.ts';
import {
  apiUrl,
  collectionParams,
  collectionShape,
  curiesOf,
  errorResponses,
  idPath,
  linkShape,
  type ApiDeps,
  type ApiResource,
  sendCollection,
} from './resource.ts';

/**
 * The advocacy campaigns' routes (ADR 073): letter campaigns, their letters, and record_outreach_helper, which takes
 * a letter written in another tool through the letter form's own rules (letters/api-outreaches.ts). The JSON is
 * advocacy-json.ts's.
 */

const NEEDS = {
  givenName: 'Give the writer’s given name: the letter is signed with it',
  familyName: 'Give the writer’s family name: the letter is signed with it',
  address: 'Give the writer’s postal address: offices answer constituents by it, and it finds their districts',
  street: 'Give the street address in address_lines: offices write back to constituents by it',
};

const postalAddress = z.object({
  address_lines: z
    .array(plainText({ max: 200 }))
    .max(2, 'Give at most two address lines')
    .optional(),
  locality: plainText({ max: 100 }).optional(),
  region: z
    .string()
    .trim()
    .regex(/^(OR|or|Oregon|oregon)?$/, 'Letters go to Oregon’s legislators: the address is in Oregon (OR)')
    .optional(),
  postal_code: z
    .string()
    .trim()
    .regex(/^\d{5}$/, 'A ZIP code has 5 digits'),
});

const outreachInput = z
  .object({
    person: z.object({
      given_name: plainText({ max: 100 }).optional(),
      family_name: plainText({ max: 100 }).optional(),
      email_addresses: z
        .array(z.object({ address: emailAddress('Give the email address') }))
        .min(1, 'Give one email address')
        .max(1, 'Give one email address: a person here has one'),
      postal_addresses: z.array(postalAddress).max(1, 'Give one postal address').optional(),
      preferred_language: z.enum(locales, { error: `preferred_language is one of ${locales.join(', ')}` }).optional(),
    }),
    subject: plainText({ max: 200 }).optional().meta({ description: 'Left out: the campaign’s own subject' }),
    message: plainText({ max: LETTER_BODY_MAX, lines: true })
      .optional()
      .meta({ description: 'The writer’s letter; left out: the campaign’s suggested text' }),
  })
  .superRefine((v, ctx) => {
    const p = v.person;
    if (!p.given_name) ctx.addIssue({ code: 'custom', path: ['person', 'given_name'], message: NEEDS.givenName });
    if (!p.family_name) ctx.addIssue({ code: 'custom', path: ['person', 'family_name'], message: NEEDS.familyName });
    const address = p.postal_addresses?.[0];
    if (!address) ctx.addIssue({ code: 'custom', path: ['person', 'postal_addresses'], message: NEEDS.address });
    else if (!address.address_lines?.some((l) => l !== ''))
      ctx.addIssue({ code: 'custom', path: ['person', 'postal_addresses', 0, 'address_lines'], message: NEEDS.street });
  })
  .meta({ id: 'RecordOutreachHelper' });

const ADDRESS = 'person.postal_addresses.0';
/** The letter form's fields as this API names them. */
const apiFieldOf: Record<LetterField, string> = {
  givenName: 'person.given_name',
  familyName: 'person.family_name',
  email: 'person.email_addresses.0.address',
  street: `${ADDRESS}.address_lines`,
  city: `${ADDRESS}.locality`,
  zip: `${ADDRESS}.postal_code`,
  subject: 'subject',
  body: 'message',
  story: 'body',
  senate: ADDRESS,
  house: ADDRESS,
  foundBy: ADDRESS,
};

const NO_DISTRICTS =
  'The writer’s districts cannot be told from this address: give an Oregon street address and ZIP code (a ZIP code alone is enough only where it lies inside one district)';

function routes(deps: ApiDeps): Hono<ApiEnv> {
  const { db, publicUrl } = deps;
  const app = new Hono<ApiEnv>();
  const noCampaign = 'There is no advocacy campaign with this id: drafts are not shown';
  const letterDeps = { publicUrl, committeeMembers: deps.letters?.committeeMembers };

  app.get('/advocacy_campaigns', requireScope('read_actions'), async (c) => {
    return sendCollection(c, publicUrl, {
      base: apiUrl(publicUrl, '/advocacy_campaigns'),
      rel: 'osdi:advocacy_campaigns',
      read: (paging) => apiCampaignsPage(db, paging),
      render: (row) => campaignJson(publicUrl, row),
    });
  });

  app.get('/advocacy_campaigns/:id', requireScope('read_actions'), async (c) => {
    const id = idParam(c.req.param('id'));
    const campaign = id ? await apiCampaign(db, id) : undefined;
    if (!campaign) return apiError(c, 404, noCampaign);
    return sendHal(c, campaignJson(publicUrl, campaign));
  });

  app.get('/advocacy_campaigns/:id/outreaches', requireScope('read_actions'), async (c) => {
    const id = idParam(c.req.param('id'));
    if (!id) return apiError(c, 404, noCampaign);
    return sendCollection(c, publicUrl, {
      base: outreachesHref(publicUrl, id),
      rel: 'osdi:outreaches',
      read: async (paging) => ((await apiCampaign(db, id)) ? apiOutreachesPage(db, id, paging) : undefined),
      render: (row) => outreachJson(publicUrl, row),
      missing: noCampaign,
    });
  });

  app.post('/advocacy_campaigns/:id/outreaches/record_outreach_helper', requireScope('write_actions'), async (c) => {
    const id = idParam(c.req.param('id'));
    const body = await readJson(c, outreachInput);
    if (!body.ok) return body.response;
    if (!id) return apiError(c, 404, noCampaign);
    const { person, subject, message } = body.data;
    const address = person.postal_addresses![0]!;
    const outcome = await apiRecordOutreach(
      db,
      { letter: letterDeps, geocoder: deps.letters?.geocoder },
      id,
      {
        givenName: person.given_name!,
        familyName: person.family_name!,
        email: person.email_addresses[0]!.address,
        street: (address.address_lines ?? []).filter((l) => l !== '').join(', '),
        city: address.locality ?? '',
        zip: address.postal_code,
        subject,
        message,
        locale: person.preferred_language ?? 'en',
      },
      `api-key-${c.get('caller').id}`,
    );
    switch (outcome.kind) {
      case 'no-campaign':
        return apiError(c, 404, noCampaign);
      case 'closed':
        return apiError(c, 409, `This campaign is not taking letters now (${outcome.why})`);
      case 'no-districts':
        return apiError(c, 400, NO_DISTRICTS, { [`${ADDRESS}.postal_code`]: NO_DISTRICTS });
      case 'no-targets':
        return apiError(c, 422, 'Nobody holds the seats this letter would go to (a vacant seat): nothing was sent');
      case 'invalid': {
        const fields: Record<string, string> = {};
        for (const [field, text] of Object.entries(outcome.fields)) fields[apiFieldOf[field as LetterField]] ??= text;
        return apiError(c, 400, 'Some of what was sent is not valid: see fields', fields);
      }
      case 'recorded': {
        if (outcome.created) deps.emailQueued();
        const outreach = await apiOutreach(db, id, outcome.letterId);
        return sendHal(c, outreachJson(publicUrl, outreach!), outcome.created ? 201 : 200);
      }
    }
  });

  app.get('/advocacy_campaigns/:id/outreaches/:oid', requireScope('read_actions'), async (c) => {
    const id = idParam(c.req.param('id'));
    const oid = idParam(c.req.param('oid'));
    const outreach = id && oid ? await apiOutreach(db, id, oid) : undefined;
    if (!outreach) return apiError(c, 404, 'There is no outreach with this id in this campaign');
    return sendHal(c, outreachJson(publicUrl, outreach));
  });

  return app;
}

const json = (schema: z.ZodType) => ({ content: { 'application/hal+json': { schema } } });

const targetShape = z.object({
  title: z.string(),
  organization: z.string(),
  name: z.string().optional(),
  ocdid: z.string().optional(),
});

const campaignShape = z
  .object({
    identifiers: z.array(z.string()),
    origin_system: z.string(),
    created_date: z.string(),
    modified_date: z.string(),
    title: z.string(),
    description: z.string(),
    type: z.literal('email'),
    status: z.enum(['open', 'closed']),
    browser_url: z.string(),
    targets: z.array(targetShape),
    total_outreaches: z.number(),
    _links: z.object({
      self: linkShape,
      'osdi:outreaches': linkShape,
      'osdi:record_outreach_helper': linkShape,
    }),
  })
  .meta({ id: 'AdvocacyCampaign' });

const deliveryStatus = z
  .enum(['review', 'queued', 'in-digest', 'sent', 'failed', 'partly-failed'])
  .meta({ description: 'review: test mode, sent to the campaign’s review address, never to the office' });

const outreachShape = z
  .object({
    identifiers: z.array(z.string()),
    origin_system: z.string(),
    created_date: z.string(),
    modified_date: z.string(),
    action_date: z.string(),
    type: z.literal('email'),
    status: deliveryStatus,
    targets: z.array(targetShape.extend({ status: deliveryStatus })),
    _links: z.object({ self: linkShape, 'osdi:advocacy_campaign': linkShape, 'osdi:person': linkShape }),
  })
  .meta({ id: 'Outreach', description: 'A letter; its words are the writer’s and are not given' });

export const advocacyResource: ApiResource = {
  entry: {
    'osdi:advocacy_campaigns': { path: '/advocacy_campaigns', title: 'Letter campaigns to legislators' },
  },
  routes,
  paths: {
    '/advocacy_campaigns': {
      get: {
        summary: 'Letter campaigns (not drafts), in the order of their last change (scope read_actions)',
        requestParams: { query: collectionParams },
        responses: {
          '200': {
            description: 'A page',
            ...json(collectionShape('osdi:advocacy_campaigns', campaignShape, 'AdvocacyCampaigns')),
          },
          ...errorResponses,
        },
      },
    },
    '/advocacy_campaigns/{id}': {
      get: {
        summary: 'One letter campaign (scope read_actions)',
        requestParams: { path: idPath('id') },
        responses: {
          '200': { description: 'The campaign', ...json(campaignShape) },
          '404': { description: 'No such campaign' },
          ...errorResponses,
        },
      },
    },
    '/advocacy_campaigns/{id}/outreaches': {
      get: {
        summary: 'A campaign’s letters, oldest first (scope read_actions)',
        requestParams: { path: idPath('id'), query: collectionParams },
        responses: {
          '200': { description: 'A page', ...json(collectionShape('osdi:outreaches', outreachShape, 'Outreaches')) },
          '404': { description: 'No such campaign' },
          ...errorResponses,
        },
      },
    },
    '/advocacy_campaigns/{id}/outreaches/record_outreach_helper': {
      post: {
        summary: 'Record and send a person’s letter, as the letter form does (scope write_actions)',
        description:
          'The districts are found from the postal address (an Oregon street address and ZIP code), the letter goes to the campaign’s targets for them, test mode sends it to the review address, and one letter per person per campaign: a second answers the first. Nobody is subscribed to anything.',
        requestParams: { path: idPath('id') },
        requestBody: { content: { 'application/json': { schema: outreachInput } } },
        responses: {
          '200': { description: 'The person had already written: their letter', ...json(outreachShape) },
          '201': { description: 'Recorded and sent', ...json(outreachShape) },
          '404': { description: 'No such campaign' },
          '409': { description: 'The campaign is not taking letters now' },
          '422': { description: 'Nobody holds the seats the letter would go to' },
          ...errorResponses,
        },
      },
    },
    '/advocacy_campaigns/{id}/outreaches/{oid}': {
      get: {
        summary: 'One letter (scope read_actions)',
        requestParams: { path: idPath('id').extend(idPath('oid').shape) },
        responses: {
          '200': { description: 'The letter', ...json(outreachShape) },
          '404': { description: 'No such letter in this campaign' },
          ...errorResponses,
        },
      },
    },
  },
};
