import { Hono } from 'hono';
import { z } from 'zod';
import { renderMarkdown } from '../../platform/web/markdown.ts';
import {
  apiPetition,
  apiPetitionsPage,
  apiSign,
  apiSignature,
  apiSignaturesPage,
  signInput,
  type ApiPetition,
  type ApiSignature,
} from '../petitions/service.ts';
import { actionPersonInput, bodyFields, emailWishOf, formFieldsOf } from './action-person.ts';
import { apiError, sendHal } from './hal.ts';
import { idParam, readJson, requireScope, type ApiEnv } from './http.ts';
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

/** Petitions and their signatures in OSDI's shape (issue 20), and record_signature_helper. */

const signatureHelperInput = z
  .object({
    person: actionPersonInput,
    comments: z.string().max(5000).optional().meta({ description: 'The signer’s comment, as the form’s box takes it' }),
  })
  .meta({ id: 'RecordSignatureHelper' });

const petitionShape = z
  .object({
    identifiers: z.array(z.string()),
    origin_system: z.string(),
    created_date: z.string(),
    modified_date: z.string(),
    title: z.string(),
    description: z.string().meta({ description: 'The summary, plain text as written' }),
    petition_text: z.string().meta({ description: 'The statement, as HTML made from the Markdown staff wrote' }),
    target: z.array(z.object({ name: z.string() })),
    total_signatures: z.number().meta({ description: 'Verified signatures: a pending one counts once confirmed' }),
    browser_url: z.string(),
    'groundswell:status': z.enum(['open', 'not-yet-open', 'closed']),
    _links: z.object({ self: linkShape, 'osdi:signatures': linkShape, 'osdi:record_signature_helper': linkShape }),
  })
  .meta({ id: 'Petition' });

const signatureShape = z
  .object({
    identifiers: z.array(z.string()),
    created_date: z.string(),
    modified_date: z.string().meta({ description: 'When it was confirmed, else when it was made' }),
    comments: z.string().optional(),
    status: z.enum(['pending', 'verified', 'expired', 'invalidated']).meta({
      description:
        'pending until the signer uses the emailed link, then verified; expired when 30 days passed unconfirmed; invalidated by staff. Only verified ones count.',
    }),
    _links: z.object({ self: linkShape, 'osdi:petition': linkShape, 'osdi:person': linkShape }),
  })
  .meta({ id: 'Signature' });

const petitionHref = (publicUrl: string, id: number) => apiUrl(publicUrl, `/petitions/${id}`);
const signaturesHref = (publicUrl: string, petitionId: number) => `${petitionHref(publicUrl, petitionId)}/signatures`;

function petitionJson(publicUrl: string, p: ApiPetition) {
  const self = petitionHref(publicUrl, p.id);
  return {
    identifiers: [identifier(p.id)],
    origin_system: 'Groundswell',
    created_date: isoDate(p.createdAt),
    modified_date: isoDate(p.modifiedAt),
    title: p.words.title,
    description: p.words.summary,
    petition_text: renderMarkdown(p.words.statement, { absoluteBase: publicUrl }),
    target: [{ name: p.target }],
    total_signatures: p.totalSignatures,
    browser_url: `${publicUrl}/petitions/${p.slug}`,
    'groundswell:status': p.state,
    _links: {
      self: { href: self },
      'osdi:signatures': { href: `${self}/signatures` },
      'osdi:record_signature_helper': { href: `${self}/signatures/record_signature_helper` },
    },
  };
}

function signatureJson(publicUrl: string, s: ApiSignature) {
  return {
    identifiers: [identifier(s.id)],
    created_date: isoDate(s.createdAt),
    modified_date: isoDate(s.modifiedAt),
    ...(s.comment ? { comments: s.comment } : {}),
    status: s.status,
    _links: {
      self: { href: `${signaturesHref(publicUrl, s.petitionId)}/${s.id}` },
      'osdi:petition': { href: petitionHref(publicUrl, s.petitionId) },
      'osdi:person': { href: personHref(publicUrl, s.supporterId) },
    },
  };
}

const NO_PETITION = 'There is no petition with this id: drafts are not shown';
const REFUSALS = {
  closed: 'This petition is closed: it takes no more signatures',
  'not-yet-open': 'This petition is not open yet: it takes signatures from its opening date',
  blocked: 'Signatures from this email domain are refused here; ask the organization if this is a mistake',
} as const;

function routes(deps: ApiDeps): Hono<ApiEnv> {
  const { db, publicUrl } = deps;
  const app = new Hono<ApiEnv>();

  app.get('/petitions', requireScope('read_actions'), async (c) => {
    return sendCollection(c, publicUrl, {
      base: apiUrl(publicUrl, '/petitions'),
      rel: 'osdi:petitions',
      read: (paging) => apiPetitionsPage(db, paging),
      render: (p) => petitionJson(publicUrl, p),
    });
  });

  app.get('/petitions/:id', requireScope('read_actions'), async (c) => {
    const id = idParam(c.req.param('id'));
    const petition = id ? await apiPetition(db, id) : undefined;
    if (!petition) return apiError(c, 404, NO_PETITION);
    return sendHal(c, petitionJson(publicUrl, petition));
  });

  app.get('/petitions/:id/signatures', requireScope('read_actions'), async (c) => {
    const id = idParam(c.req.param('id'));
    if (!id) return apiError(c, 404, NO_PETITION);
    return sendCollection(c, publicUrl, {
      base: signaturesHref(publicUrl, id),
      rel: 'osdi:signatures',
      read: async (paging) => ((await apiPetition(db, id)) ? apiSignaturesPage(db, id, paging) : undefined),
      render: (s) => signatureJson(publicUrl, s),
      missing: NO_PETITION,
    });
  });

  app.get('/petitions/:id/signatures/:sid', requireScope('read_actions'), async (c) => {
    const id = idParam(c.req.param('id'));
    const sid = idParam(c.req.param('sid'));
    const signature = id && sid && (await apiPetition(db, id)) ? await apiSignature(db, id, sid) : undefined;
    if (!signature) return apiError(c, 404, 'There is no signature with this id on this petition');
    return sendHal(c, signatureJson(publicUrl, signature));
  });

  app.post('/petitions/:id/signatures/record_signature_helper', requireScope('write_actions'), async (c) => {
    const id = idParam(c.req.param('id'));
    const body = await readJson(c, signatureHelperInput);
    if (!body.ok) return body.response;
    const petition = id ? await apiPetition(db, id) : undefined;
    if (!petition) return apiError(c, 404, NO_PETITION);
    // A closed petition says so before anything else, as the form does.
    if (petition.state !== 'open') return apiError(c, 409, REFUSALS[petition.state]);
    const { person, comments } = body.data;
    const { phone: _phone, locale, ...form } = formFieldsOf(person);
    // The sign form's own schema, so the API refuses exactly what the form refuses.
    const checked = signInput.safeParse({ ...form, comment: comments ?? '', showPublicly: false, newsletter: false });
    if (!checked.success) {
      const fields: Record<string, string> = {};
      for (const issue of checked.error.issues) fields[String(issue.path[0] ?? 'email')] ??= issue.message;
      return apiError(
        c,
        400,
        'Some of what was sent is not valid: see fields',
        bodyFields(fields, (f) => (f === 'comment' ? 'comments' : undefined)),
      );
    }
    const { givenName, familyName, email, zip, street, comment } = checked.data;
    const callerId = c.get('caller').id;
    const outcome = await apiSign(
      db,
      petition.id,
      { givenName, familyName, email, zip, street, comment, locale },
      { secrets: deps.secrets, emailDomain: deps.emailDomain, source: `api-key-${callerId}` },
    );
    if (outcome.kind === 'refused') {
      if (outcome.why === 'not-found') return apiError(c, 404, NO_PETITION);
      return apiError(c, outcome.why === 'blocked' ? 422 : 409, REFUSALS[outcome.why]);
    }
    if (outcome.confirmationQueued) deps.emailQueued();
    await emailWishOf(deps, callerId, person);
    const signature = await apiSignature(db, petition.id, outcome.signatureId);
    return sendHal(c, signatureJson(publicUrl, signature!), outcome.fresh ? 201 : 200);
  });

  return app;
}

const json = (schema: z.ZodType) => ({ content: { 'application/hal+json': { schema } } });
const petitionPath = idPath('id');
const signaturePath = petitionPath.extend(idPath('sid').shape);

export const petitionsResource: ApiResource = {
  entry: { 'osdi:petitions': { path: '/petitions', title: 'The petitions the public can see' } },
  routes,
  paths: {
    '/petitions': {
      get: {
        summary: 'Petitions, open and closed (never drafts), in the order of their last edit (scope read_actions)',
        requestParams: { query: collectionParams },
        responses: {
          '200': { description: 'A page', ...json(collectionShape('osdi:petitions', petitionShape, 'Petitions')) },
          ...errorResponses,
        },
      },
    },
    '/petitions/{id}': {
      get: {
        summary: 'One petition (scope read_actions)',
        requestParams: { path: petitionPath },
        responses: {
          '200': { description: 'The petition', ...json(petitionShape) },
          '404': { description: 'No such petition' },
          ...errorResponses,
        },
      },
    },
    '/petitions/{id}/signatures': {
      get: {
        summary: 'A petition’s signatures, every status, in the order of their last change (scope read_actions)',
        description:
          'modified_date is when a signature was confirmed, else when it was made: expiry and invalidation by staff keep no time, so read status again to learn of them.',
        requestParams: { path: petitionPath, query: collectionParams },
        responses: {
          '200': {
            description: 'A page',
            ...json(collectionShape('osdi:signatures', signatureShape, 'Signatures')),
          },
          '404': { description: 'No such petition' },
          ...errorResponses,
        },
      },
    },
    '/petitions/{id}/signatures/{sid}': {
      get: {
        summary: 'One signature (scope read_actions)',
        requestParams: { path: signaturePath },
        responses: {
          '200': { description: 'The signature', ...json(signatureShape) },
          '404': { description: 'No such signature on this petition' },
          ...errorResponses,
        },
      },
    },
    '/petitions/{id}/signatures/record_signature_helper': {
      post: {
        summary: 'Sign a petition for a person, as the web form does (scope write_actions)',
        description:
          'The same rules as the sign form: given and family names and an Oregon ZIP code. The person is matched by email (details on record are only filled in where blank) or added. The signature is pending and the person is sent the confirmation email; it counts only once they use its link. Signing again sends the link again (at most 3 emails in all). A closed petition refuses with 409.',
        requestParams: { path: petitionPath },
        requestBody: { content: { 'application/json': { schema: signatureHelperInput } } },
        responses: {
          '200': { description: 'The person had signed already: their signature', ...json(signatureShape) },
          '201': { description: 'Signed, pending the person’s confirmation', ...json(signatureShape) },
          '404': { description: 'No such petition' },
          '409': { description: 'The petition is closed, or not open yet' },
          '422': { description: 'The email domain is blocked from signing' },
          ...errorResponses,
        },
      },
    },
  },
};
