import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { Secrets } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/client.ts';
import { csrfTokenFor } from '../../platform/http/csrf.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { CHALLENGE_FIELD, refusalField, refusalStatus, type FormGuard } from '../../platform/http/form-challenge.ts';
import type { PersonQuestion } from '../../platform/http/person-check.tsx';
import { sendHtml, sendPrepared } from '../../platform/http/respond.ts';
import { permissionsPolicy } from '../../platform/http/security-headers.ts';
import { sourceOf, sourceUsed } from '../../platform/http/source-code.ts';
import { MessagePage } from '../../platform/web/components.tsx';
import { fieldErrors, type FieldErrors } from '../../platform/web/forms.tsx';
import { Layout, renderDocument, type SiteFrame } from '../../platform/web/layout.tsx';
import { localizedPath, type Locale } from '../../platform/web/locale.ts';
import type { Geocoder } from '../petitions/service.ts';
import { districtMapSvg, districtNumbers } from '../reference/service.ts';
import { letterScript, letterStyles } from './assets.ts';
import { campaignBySlug, campaignOpen, listOpenCampaigns, targetsFor, type CampaignDetails } from './campaigns-read.ts';
import { checkedDistricts, findByAddress, findByLocation, methodOf, type FoundDistricts } from './find.ts';
import { letterInputFor, type LetterInput } from './letter-inputs.ts';
import { sendLetter, type LetterDeps } from './letter.ts';
import { letterPublicMessages } from './public-messages.ts';
import { CampaignPage, CampaignsPage, ClosedPage, type FindForm } from './views/campaign-pages.tsx';
import { LETTER_FIELDS, LetterStep, PreviewStep, SentPage, type LetterValues } from './views/letter-steps.tsx';

/** What the public letter routes are given by the app. */
export type LettersDeps = {
  db: Db;
  secrets: Secrets;
  secure: boolean;
  publicUrl: string;
  siteFrame: () => Promise<SiteFrame>;
  notFound: (c: Context<AppEnv>) => Promise<Response>;
  /** Proof of work and the stricter limit for forms sent without it (ADR 019), as petitions and events use it. */
  formGuard: FormGuard;
  emailQueued: () => void;
  isBlocked?: (c: Context, email: string) => Promise<boolean>;
  /** The Census geocoder, when configured: finds districts from a street address. */
  geocoder?: Geocoder | undefined;
  letter: LetterDeps;
};

const SLUG = '{[a-z0-9-]{1,80}}';

/** The body as sent, one string per name (the last); files and repeats dropped. */
async function readBody(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string') values[name] = value;
  return values;
}

const carried = (body: Record<string, string>): LetterValues =>
  Object.fromEntries(LETTER_FIELDS.map((name) => [name, body[name] ?? ''])) as LetterValues;

/** A checked letter as the next step's hidden fields carry it. */
const valuesOf = (input: LetterInput): LetterValues => ({ ...input });

/** A coordinate as the location form sends it, within its range; undefined for anything else. */
function coordinate(text: string | undefined, limit: number): number | undefined {
  if (!text || !/^-?\d{1,3}(\.\d{1,15})?$/.test(text.trim())) return undefined;
  const n = Number(text);
  return Math.abs(n) <= limit ? n : undefined;
}

/**
 * The public letter pages of one language: the open campaigns, and each campaign's four steps. Every
 * step is a form post that works without JavaScript; what a step carries to the next in hidden
 * fields is checked again when it arrives (districts against the roster, the letter by its zod shape).
 */
export function letterRoutes(deps: LettersDeps, locale: Locale): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const t = letterPublicMessages(locale);

  async function page(
    c: Context<AppEnv>,
    meta: { path: string; title: string; description?: string; noindex?: boolean; script?: boolean },
    body: Child,
    status = 200,
  ) {
    const html = await renderDocument(
      <Layout
        locale={locale}
        path={meta.path}
        title={meta.title}
        description={meta.description}
        noindex={meta.noindex}
        publicUrl={deps.publicUrl}
        site={await deps.siteFrame()}
        current="letters"
        head={
          <>
            <link rel="stylesheet" href={letterStyles.path} />
            {meta.script ? <script src={letterScript.path} defer /> : null}
          </>
        }
      >
        {body}
      </Layout>,
    );
    const res = sendHtml(c, html, status);
    // Each step carries a token and what was typed: never kept by a cache.
    res.headers.set('Cache-Control', 'no-store');
    // Only the finder's page may ask for the browser's location, and only from its own button.
    if (meta.script) res.headers.set('Permissions-Policy', permissionsPolicy('geolocation'));
    return res;
  }

  const title = (campaign: CampaignDetails, errors: FieldErrors, step?: string) =>
    `${Object.keys(errors).length > 0 ? 'Error: ' : ''}${step ? `${step}: ` : ''}${campaign.text.title}`;

  /** Step 1, the campaign's page, with the finder's problems and what was typed. */
  async function findStep(c: Context<AppEnv>, campaign: CampaignDetails, form: FindForm, status = 200) {
    const base = `/letters/${campaign.slug}`;
    const svg = await districtMapSvg(deps.db, 'upper', new Map(), {
      title: t.find.mapTitle,
      describedBy: 'map-hint',
      locale,
      linkFor: (district) => localizedPath(locale, `${base}/write?senate=${district}`),
    });
    const map = svg ? { svg, districts: await districtNumbers(deps.db, 'upper') } : undefined;
    return page(
      c,
      {
        path: base,
        title: title(campaign, form.errors),
        description: campaign.text.summary,
        noindex: status !== 200,
        script: true,
      },
      <CampaignPage
        campaign={campaign}
        locale={locale}
        csrf={csrfTokenFor(c, deps.secrets, deps.secure)}
        geocoder={Boolean(deps.geocoder)}
        map={map}
        form={form}
      />,
      status,
    );
  }

  /** Step 2, for districts already checked: the letter and who is writing it. */
  async function letterStep(
    c: Context<AppEnv>,
    campaign: CampaignDetails,
    values: LetterValues,
    errors: FieldErrors,
    status = 200,
    sending?: { personCheck?: PersonQuestion | undefined },
  ) {
    const districts = { senate: values.senate || undefined, house: values.house || undefined };
    const askHouse = campaign.targetKinds.includes('my-representative') && !districts.house && !!districts.senate;
    const targets = await targetsFor(deps.db, campaign, districts, deps.letter.committeeMembers);
    if (targets.length === 0 && !askHouse && Object.keys(errors).length === 0) return noTargets(c, campaign);
    return page(
      c,
      { path: `/letters/${campaign.slug}`, title: title(campaign, errors, t.letter.heading), noindex: true },
      <LetterStep
        campaign={campaign}
        locale={locale}
        csrf={csrfTokenFor(c, deps.secrets, deps.secure)}
        targets={targets}
        askHouse={askHouse}
        values={values}
        errors={errors}
        sending={sending}
      />,
      status,
    );
  }

  async function previewStep(
    c: Context<AppEnv>,
    campaign: CampaignDetails,
    values: LetterValues,
    form: { errors: FieldErrors; personCheck?: PersonQuestion | undefined },
    status = 200,
  ) {
    const districts = { senate: values.senate || undefined, house: values.house || undefined };
    const targets = await targetsFor(deps.db, campaign, districts, deps.letter.committeeMembers);
    return page(
      c,
      { path: `/letters/${campaign.slug}`, title: title(campaign, form.errors, t.preview.heading), noindex: true },
      <PreviewStep
        campaign={campaign}
        locale={locale}
        csrf={csrfTokenFor(c, deps.secrets, deps.secure)}
        targets={targets}
        values={values}
        errors={form.errors}
        personCheck={form.personCheck}
      />,
      status,
    );
  }

  const noTargets = (c: Context<AppEnv>, campaign: CampaignDetails) =>
    page(
      c,
      { path: `/letters/${campaign.slug}`, title: campaign.text.title, noindex: true },
      <MessagePage
        title={campaign.text.title}
        body={t.found.noTargets}
        link={{ href: localizedPath(locale, `/letters/${campaign.slug}`), label: t.found.change }}
      />,
      409,
    );

  const closed = (c: Context<AppEnv>, campaign: CampaignDetails, why: 'draft' | 'not-yet' | 'closed', status = 409) =>
    page(
      c,
      { path: `/letters/${campaign.slug}`, title: t.closedTitle, noindex: true },
      <ClosedPage campaign={campaign} locale={locale} why={why} />,
      status,
    );

  /** The campaign of the path, if it takes letters now; otherwise the response to give. */
  async function openCampaign(c: Context<AppEnv>, status = 409): Promise<CampaignDetails | Response> {
    const campaign = await campaignBySlug(deps.db, c.req.param('slug') ?? '', locale);
    if (!campaign) return deps.notFound(c);
    const state = campaignOpen(campaign);
    return state.open ? campaign : closed(c, campaign, state.why, status);
  }

  /** Districts from hidden fields, checked against the roster; the finder again when they are not real. */
  async function carriedDistricts(values: LetterValues): Promise<LetterValues | undefined> {
    const checked = await checkedDistricts(deps.db, { senate: values.senate, house: values.house });
    if (!checked) return undefined;
    return { ...values, senate: checked.senate ?? '', house: checked.house ?? '', foundBy: methodOf(values.foundBy) };
  }
  const lostDistricts = (c: Context<AppEnv>, campaign: CampaignDetails) =>
    findStep(c, campaign, { values: {}, errors: { find: t.find.errors.district } }, 400);

  /** The letter step's first values: the campaign's words and what the finder learnt. */
  const startingValues = (
    campaign: CampaignDetails,
    found: FoundDistricts,
    typed: LetterValues = {},
  ): LetterValues => ({
    subject: campaign.text.subject,
    body: campaign.text.body,
    ...typed,
    senate: found.senate ?? '',
    house: found.house ?? '',
    foundBy: found.method,
  });

  app.get('/letters', async (c) => {
    const campaigns = await listOpenCampaigns(deps.db, locale);
    return page(
      c,
      { path: '/letters', title: t.title, description: t.description },
      <CampaignsPage locale={locale} campaigns={campaigns} />,
    );
  });

  app.get(`/letters/:slug${SLUG}`, async (c) => {
    const campaign = await openCampaign(c, 200);
    if (campaign instanceof Response) return campaign;
    return findStep(c, campaign, { values: {}, errors: {} });
  });

  app.post(`/letters/:slug${SLUG}/find`, async (c) => {
    const campaign = await openCampaign(c);
    if (campaign instanceof Response) return campaign;
    const body = await readBody(c);
    if (body.method === 'location') {
      const lat = coordinate(body.lat, 90);
      const lon = coordinate(body.lon, 180);
      // Used for this look-up and then forgotten: never stored, logged or put in a page.
      const found = lat !== undefined && lon !== undefined ? await findByLocation(deps.db, lon, lat) : undefined;
      if (!found) return findStep(c, campaign, { values: {}, errors: { location: t.find.errors.location } }, 400);
      return letterStep(c, campaign, startingValues(campaign, found), {});
    }
    const street = (body.street ?? '').trim();
    const zip = (body.zip ?? '').trim();
    const values = { street: body.street ?? '', zip: body.zip ?? '' };
    if (street.length > 200) return findStep(c, campaign, { values, errors: { street: t.find.errors.street } }, 400);
    if (!/^\d{5}$/.test(zip)) return findStep(c, campaign, { values, errors: { zip: t.find.errors.zip } }, 400);
    const found = await findByAddress(deps.db, { street: deps.geocoder ? street : '', zip }, deps.geocoder);
    if (!found) return findStep(c, campaign, { values, errors: { zip: t.find.errors.notFound } }, 400);
    return letterStep(c, campaign, startingValues(campaign, found, { street, zip }), {});
  });

  // A district picked on the map or its list: a link, so it is a GET that only shows the next step.
  app.get(`/letters/:slug${SLUG}/write`, async (c) => {
    const campaign = await openCampaign(c, 200);
    if (campaign instanceof Response) return campaign;
    const checked = await checkedDistricts(deps.db, { senate: c.req.query('senate'), house: c.req.query('house') });
    if (!checked) return lostDistricts(c, campaign);
    return letterStep(c, campaign, startingValues(campaign, { ...checked, method: 'map', sure: false }), {});
  });

  // "Change my letter" from the preview: the letter step with everything as it was.
  app.post(`/letters/:slug${SLUG}/write`, async (c) => {
    const campaign = await openCampaign(c);
    if (campaign instanceof Response) return campaign;
    const values = await carriedDistricts(carried(await readBody(c)));
    if (!values) return lostDistricts(c, campaign);
    return letterStep(c, campaign, values, {});
  });

  app.post(`/letters/:slug${SLUG}/preview`, async (c) => {
    const campaign = await openCampaign(c);
    if (campaign instanceof Response) return campaign;
    const values = await carriedDistricts(carried(await readBody(c)));
    if (!values) return lostDistricts(c, campaign);
    const parsed = letterInputFor(campaign, locale).safeParse(values);
    if (!parsed.success) return letterStep(c, campaign, values, fieldErrors(parsed.error.issues), 400);
    return previewStep(c, campaign, valuesOf(parsed.data), { errors: {} });
  });

  app.post(`/letters/:slug${SLUG}/send`, async (c) => {
    const campaign = await openCampaign(c);
    if (campaign instanceof Response) return campaign;
    const body = await readBody(c);
    const shareUrl = deps.publicUrl + localizedPath(locale, `/letters/${campaign.slug}`);
    const sent = (outcome: Parameters<typeof SentPage>[0]['outcome']) =>
      page(
        c,
        { path: `/letters/${campaign.slug}`, title: t.done.title, noindex: true },
        <SentPage campaign={campaign} locale={locale} shareUrl={shareUrl} outcome={outcome} />,
      );
    // A filled trap field means a bot: it gets a person's answer, and nothing is kept or sent.
    if (body.website) return sent({ kind: 'already-sent' });
    // Refused here, the letter comes back editable, sending from where it is.
    const sending = { personCheck: deps.formGuard.question(body) };
    const values = await carriedDistricts(carried(body));
    if (!values) {
      const lost = { ...carried(body), senate: '', house: '' };
      return letterStep(c, campaign, lost, { recipients: t.find.errors.district }, 400, sending);
    }
    const parsed = letterInputFor(campaign, locale).safeParse(values);
    if (!parsed.success) return letterStep(c, campaign, values, fieldErrors(parsed.error.issues), 400, sending);
    const checkedValues = valuesOf(parsed.data);
    const challenge = await deps.formGuard.check(body[CHALLENGE_FIELD]);
    if (challenge.state === 'invalid' || challenge.state === 'expired')
      return previewStep(
        c,
        campaign,
        checkedValues,
        {
          errors: { [CHALLENGE_FIELD]: t.preview.challenge[challenge.state] },
          personCheck: deps.formGuard.question(body),
        },
        400,
      );
    if (await deps.isBlocked?.(c, parsed.data.email)) {
      const contact = (await deps.siteFrame()).contactEmail;
      return previewStep(c, campaign, checkedValues, { errors: { email: t.preview.blocked(contact) } }, 403);
    }
    const refused = await deps.formGuard.admit(c, challenge, body);
    if (refused)
      return previewStep(
        c,
        campaign,
        checkedValues,
        {
          errors: { [refusalField(refused)]: t.preview.challenge[refused] },
          personCheck: deps.formGuard.question(body, refused),
        },
        refusalStatus(refused),
      );
    // Answered after the transaction holding the letter and its messages has committed: what we acknowledge, we keep.
    const outcome = await sendLetter(deps.db, deps.letter, campaign.id, parsed.data, { locale, source: sourceOf(c) });
    if (outcome.kind === 'closed') return closed(c, campaign, outcome.why === 'not-yet' ? 'not-yet' : 'closed');
    if (outcome.kind === 'no-targets') return noTargets(c, campaign);
    sourceUsed(c, { secure: deps.secure });
    if (outcome.kind === 'sent') deps.emailQueued();
    return sent(outcome);
  });

  return app;
}

/** The letter pages' styles and script, served outside the language middleware: they set no cookie. */
export function letterAssetRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const asset of [letterStyles, letterScript]) {
    app.get(asset.path, (c) => sendPrepared(c, asset, { cacheControl: 'public, max-age=31536000, immutable' }));
  }
  return app;
}

/** The steps' addresses, which the app's CSRF check accepts by the browser's origin, as for petitions and events. */
export function isLetterOriginCheckedPath(path: string): boolean {
  return /^(\/es)?\/letters\/[a-z0-9-]{1,80}\/(find|write|preview|send)$/.test(path);
}
