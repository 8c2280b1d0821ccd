import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import { LoadingCache } from '../../platform/cache.ts';
import { csrfTokenFor } from '../../platform/http/csrf.ts';
import { normalizeEmail } from '../../platform/email-address.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { CHALLENGE_FIELD, refusalField, refusalStatus } from '../../platform/http/form-challenge.ts';
import type { PersonQuestion } from '../../platform/http/person-check.tsx';
import { readUrlEncoded } from '../../platform/http/form-body.ts';
import { prepareBody, sendHtml, sendPrepared, sendSpliced, type PreparedBody } from '../../platform/http/respond.ts';
import { splicePage, type SplicedPage } from '../../platform/http/spliced-gzip.ts';
import { sourceOf, sourceUsed } from '../../platform/http/source-code.ts';
import type { FieldErrors } from '../../platform/web/forms.tsx';
import { Layout, renderDocument } from '../../platform/web/layout.tsx';
import { localizedPath, type Locale } from '../../platform/web/locale.ts';
import { signupInput } from '../supporters/service.ts';
import { normalizeDomain, signingIpHash } from './abuse.ts';
import { petitionMessages, translateSignError } from './messages.ts';
import { petitionPageRoute, SLUG, type PetitionPublic } from './public-pages.tsx';
import {
  checkSignature,
  chooseDistrict,
  confirmSignature,
  districtChoicesFor,
  districtChoiceToken,
  petitionById,
  petitionWords,
  placeSigner,
  signatureFromChoiceToken,
  signingState,
  signInput,
  type Petition,
  type SignatureCheck,
} from './service.ts';
import { MessagePage } from '../../platform/web/components.tsx';
import { ConfirmedPage, ConfirmPage, SignedPage, type DistrictChoice } from './views/outcomes.tsx';
import { FORM_PROBLEM, SignAgainPage, type SignValues } from './views/sign-form.tsx';

const TOKEN = '{[A-Za-z0-9_-]{43}}';

/**
 * The public petition routes for one language: the page, signing, the
 * district choice and confirming. Mounted before the content routes (those
 * end with a catch-all for staff-made pages).
 */
export function petitionRoutes(p: PetitionPublic, locale: Locale): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { deps } = p;
  const t = petitionMessages(locale);
  app.route('/', petitionPageRoute(p, locale));

  /** A page for one person: never cached, never indexed. */
  async function page(c: Context<AppEnv>, slug: string, title: string, body: Child, status = 200) {
    const html = await renderDocument(
      <Layout
        locale={locale}
        path={`/petitions/${slug}`}
        title={title}
        publicUrl={deps.publicUrl}
        site={await deps.siteFrame()}
        noindex
      >
        {body}
      </Layout>,
    );
    const res = sendHtml(c, html, status);
    res.headers.set('Cache-Control', 'no-store');
    return res;
  }

  function signAgain(
    c: Context<AppEnv>,
    petition: Petition,
    values: SignValues,
    errors: FieldErrors,
    status: number,
    personCheck?: PersonQuestion,
  ) {
    const { words, lang } = petitionWords(petition, locale);
    const form = (
      <SignAgainPage
        locale={locale}
        slug={petition.slug}
        title={words.title}
        lang={lang !== locale ? lang : undefined}
        values={values}
        errors={errors}
        csrf={csrfTokenFor(c, deps.secrets, deps.secure)}
        geocoder={deps.geocoder !== undefined}
        personCheck={personCheck}
      />
    );
    return page(c, petition.slug, `Error: ${t.page.signTitle}`, form, status);
  }

  /**
   * The thank-you page is the same for every signer with the same district
   * question (none, or the Senate districts their ZIP spans): it is rendered
   * once per petition version and question (kept ten seconds, so a change of
   * the site's name or the petition shows soon), instead of once per
   * signature. In a spike, that rendering was the largest cost of a
   * signature after the database. Only the district form's choice token is
   * the signer's own: it is put in per request between parts compressed
   * once (spliced-gzip.ts). The form needs no CSRF token, as that
   * choice token is its authentication (ADR 018). After ten seconds the
   * next signer starts one re-render and gets the previous page meanwhile.
   */
  /** After signing: check your email, in the petition's own words when staff wrote them. */
  function signedView(petition: Petition, choice: DistrictChoice | undefined, errors?: FieldErrors) {
    const { words, lang } = petitionWords(petition, locale);
    return (
      <SignedPage
        locale={locale}
        slug={petition.slug}
        title={words.title}
        shareUrl={p.shareUrl(locale, petition.slug)}
        csrf=""
        choice={choice}
        errors={errors}
        thanks={words.thanks ? { markdown: words.thanks, lang } : undefined}
      />
    );
  }

  const thanks = new LoadingCache<string, PreparedBody | SplicedPage>({ max: 200, freshMs: 10_000, serveStale: true });
  const CHOICE_TOKEN = '@choice-token@';
  function thanksPage(petition: Petition, districts: string[]): Promise<PreparedBody | SplicedPage> {
    const key = `${petition.id}:${petition.updatedAt.getTime()}:${districts.join(',')}`;
    return thanks.get(key, async () => {
      const choice = districts.length > 0 ? { token: CHOICE_TOKEN, districts } : undefined;
      const html = await renderDocument(
        <Layout
          locale={locale}
          path={`/petitions/${petition.slug}`}
          title={t.signed.title}
          publicUrl={deps.publicUrl}
          site={await deps.siteFrame()}
          noindex
        >
          {signedView(petition, choice)}
        </Layout>,
      );
      return choice ? splicePage(html, CHOICE_TOKEN) : prepareBody(html, 'text/html; charset=utf-8', 'high');
    });
  }

  async function signed(c: Context<AppEnv>, petition: Petition, choice: DistrictChoice | undefined) {
    const page = await thanksPage(petition, choice?.districts ?? []);
    if ('etag' in page) return sendPrepared(c, page, { cacheControl: 'no-store' });
    return sendSpliced(c, page, choice!.token, { cacheControl: 'no-store' });
  }

  app.get(`/petitions/:slug${SLUG}/sign`, (c) =>
    c.redirect(`${localizedPath(locale, `/petitions/${c.req.param('slug')}`)}#sign`, 303),
  );

  app.post(`/petitions/:slug${SLUG}/sign`, async (c) => {
    const petition = await p.visible(c.req.param('slug'));
    if (!petition) return deps.notFound(c);
    const body = await readUrlEncoded(c);
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).slice(0, 2000) : '');
    const values: SignValues = {
      givenName: text('givenName'),
      familyName: text('familyName'),
      email: text('email'),
      zip: text('zip'),
      street: text('street'),
      comment: text('comment'),
      showPublicly: body.showPublicly === 'on',
      newsletter: body.newsletter === 'on',
    };
    // A filled trap field means a bot: it gets the same answer as a person, and nothing is kept.
    if (text('website')) return signed(c, petition, undefined);
    if (signingState(petition) !== 'open')
      return signAgain(c, petition, values, { [FORM_PROBLEM]: t.form.closed }, 409);

    const parsed = signInput.safeParse(values);
    const challenge = await deps.formGuard.check(body[CHALLENGE_FIELD]);
    if (!parsed.success || challenge.state === 'invalid' || challenge.state === 'expired') {
      const errors: FieldErrors = {};
      for (const issue of parsed.error?.issues ?? [])
        errors[String(issue.path[0] ?? 'email')] ??= translateSignError(issue.message, locale);
      if (challenge.state === 'invalid' || challenge.state === 'expired')
        errors[CHALLENGE_FIELD] = t.form.challenge[challenge.state];
      return signAgain(c, petition, values, errors, 400, deps.formGuard.question(body));
    }
    const input = parsed.data;
    const email = normalizeEmail(input.email);
    const ipHash = signingIpHash(deps.secrets, deps.clientIp(c));
    const refusal = await p.guard.check(ipHash, normalizeDomain(email));
    if (refusal === 'blocked')
      return signAgain(
        c,
        petition,
        values,
        { [FORM_PROBLEM]: t.form.blocked((await deps.siteFrame()).contactEmail) },
        403,
        deps.formGuard.question(body),
      );
    // Only a form that is otherwise complete spends its solution, its answer or the no-JavaScript allowance. Past
    // this address's signing rate (a rally on one network), a person answers a question instead of waiting.
    const refused = await deps.formGuard.admit(c, challenge, body, { askPerson: refusal === 'too-many' });
    if (refused)
      return signAgain(
        c,
        petition,
        values,
        { [refusalField(refused)]: t.form.challenge[refused] },
        refusalStatus(refused),
        deps.formGuard.question(body, refused),
      );

    const facts = await p.zips.get(input.zip);
    const place = await placeSigner(facts, input.street, input.zip, deps.geocoder);
    const source = sourceOf(c) ?? null;
    // The newsletter's own rules decide; a box ticked with details it would refuse is simply not acted on.
    const newsletter = input.newsletter
      ? signupInput.safeParse({
          givenName: input.givenName,
          familyName: input.familyName,
          email: input.email,
          zip: input.zip,
          locale,
          topics: ['newsletter'],
          source: source ?? undefined,
        })
      : undefined;
    const { words } = petitionWords(petition, locale);
    // Answered only after the transaction holding the signature and its email has committed: what we acknowledge, we
    // keep.
    const outcome = await p.batcher.submit({
      petitionId: petition.id,
      email,
      emailAsTyped: input.email.trim(),
      givenName: input.givenName,
      familyName: input.familyName,
      zip: input.zip,
      street: input.street || null,
      comment: input.comment || null,
      showPublicly: input.showPublicly,
      senateDistrict: place.senateDistrict,
      houseDistrict: place.houseDistrict,
      districtSource: place.districtSource,
      city: place.city,
      county: place.county,
      locale,
      ipHash,
      source,
      newsletter: newsletter?.success ? newsletter.data : undefined,
      // The petition's own words for the email, when staff wrote them; the email's standard ones otherwise.
      petition: { slug: petition.slug, title: words.title, message: words.confirmationEmail },
    });
    sourceUsed(c, { secure: deps.secure });
    if (outcome.confirmationQueued || outcome.newsletterQueued) deps.emailQueued();
    const choice =
      place.senateChoices.length > 1 && outcome.signatureId !== undefined
        ? { token: districtChoiceToken(deps.secrets, outcome.signatureId), districts: place.senateChoices }
        : undefined;
    return signed(c, petition, choice);
  });

  app.post(`/petitions/:slug${SLUG}/district`, async (c) => {
    const petition = await p.visible(c.req.param('slug'));
    if (!petition) return deps.notFound(c);
    const body = await c.req.parseBody();
    const token = typeof body.choice === 'string' ? body.choice : '';
    const senate = typeof body.senate === 'string' ? body.senate : '';
    const signatureId = signatureFromChoiceToken(deps.secrets, token);
    const back = { href: localizedPath(locale, `/petitions/${petition.slug}`), label: t.signed.back };
    if (signatureId === undefined)
      return page(
        c,
        petition.slug,
        t.district.savedTitle,
        <MessagePage title={t.district.savedTitle} body={t.district.notSaved} link={back} />,
        400,
      );
    // "I don't know" is an answer too: nothing changes.
    if (senate === '')
      return page(
        c,
        petition.slug,
        t.district.savedTitle,
        <MessagePage title={t.district.savedTitle} body={t.signed.body} link={back} />,
      );
    const factsOf = (zip: string) => p.zips.get(zip);
    const choices = await districtChoicesFor(deps.db, signatureId, factsOf);
    if (!choices.includes(senate)) {
      if (choices.length === 0)
        return page(
          c,
          petition.slug,
          t.district.savedTitle,
          <MessagePage title={t.district.savedTitle} body={t.district.notSaved} link={back} />,
          409,
        );
      const again = signedView(petition, { token, districts: choices }, { senate: t.district.invalid });
      return page(c, petition.slug, `Error: ${t.signed.title}`, again, 400);
    }
    const saved = await chooseDistrict(deps.db, signatureId, senate, factsOf);
    if (saved) p.tallies.forget(petition.id);
    return page(
      c,
      petition.slug,
      t.district.savedTitle,
      <MessagePage title={t.district.savedTitle} body={saved ? t.district.saved : t.district.notSaved} link={back} />,
      saved ? 200 : 409,
    );
  });

  /** The page for a link that cannot confirm: already used (fine), expired or unknown (sign again). */
  async function outcome(c: Context<AppEnv>, slug: string, check: Exclude<SignatureCheck, { state: 'valid' }>) {
    const petition = 'petitionId' in check ? await petitionById(deps.db, check.petitionId) : undefined;
    const target = petition?.slug ?? slug;
    const link = { href: localizedPath(locale, `/petitions/${target}`), label: t.confirm.again };
    return page(
      c,
      target,
      t.confirm.title,
      <MessagePage title={t.confirm.title} body={t.confirm[check.state]} link={link} />,
      check.state === 'used' ? 200 : 410,
    );
  }

  // Opening the link only shows a button: mail scanners that fetch links confirm nothing.
  app.get(`/petitions/:slug${SLUG}/confirm/:token${TOKEN}`, async (c) => {
    const slug = c.req.param('slug');
    const check = await checkSignature(deps.db, c.req.param('token'));
    if (check.state !== 'valid') return outcome(c, slug, check);
    const petition = await petitionById(deps.db, check.petitionId);
    const title = petition ? petitionWords(petition, locale).words.title : '';
    const action = localizedPath(locale, `/petitions/${petition?.slug ?? slug}/confirm/${c.req.param('token')}`);
    return page(
      c,
      petition?.slug ?? slug,
      t.confirm.title,
      <ConfirmPage locale={locale} action={action} csrf={csrfTokenFor(c, deps.secrets, deps.secure)} title={title} />,
    );
  });

  app.post(`/petitions/:slug${SLUG}/confirm/:token${TOKEN}`, async (c) => {
    const slug = c.req.param('slug');
    const check = await confirmSignature(deps.db, c.req.param('token'));
    if (check.state !== 'valid') return outcome(c, slug, check);
    const petition = await petitionById(deps.db, check.petitionId);
    if (!petition) return outcome(c, slug, { state: 'unknown' });
    p.counted(petition);
    const { words } = petitionWords(petition, locale);
    return page(
      c,
      petition.slug,
      t.confirm.doneTitle,
      <ConfirmedPage
        locale={locale}
        slug={petition.slug}
        title={words.title}
        shareUrl={p.shareUrl(locale, petition.slug)}
      />,
    );
  });

  return app;
}

/**
 * Checked by the browser's origin, not a CSRF token (ADR 018): the sign form
 * sits on the cached petition page, and the district form carries its own
 * authentication, the signature's signed choice token.
 */
export function isPetitionOriginCheckedPath(path: string): boolean {
  return /^(\/es)?\/petitions\/[a-z0-9-]{1,80}\/(sign|district)$/.test(path);
}
