import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import { randomToken } from '../../platform/crypto.ts';
import { csrfTokenFor } from '../../platform/http/csrf.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { CHALLENGE_FIELD, refusalField, refusalStatus } from '../../platform/http/form-challenge.ts';
import type { PersonQuestion } from '../../platform/http/person-check.tsx';
import { sendHtml } from '../../platform/http/respond.ts';
import { fieldErrors, type FieldErrors } from '../../platform/web/forms.tsx';
import { Layout, renderDocument } from '../../platform/web/layout.tsx';
import type { Locale } from '../../platform/web/locale.ts';
import { answerConsent, consentLinkWaiting } from './consent.ts';
import { deleteStoryByToken } from './erasure.ts';
import { storyPublicMessages } from './public-messages.ts';
import type { StoriesPublicDeps } from './public-deps.ts';
import { consentInputFor, storyInputFor } from './story-inputs.ts';
import { deletionLinkWorks, submitStory } from './submission.ts';
import { ShareForm, type StoryValues } from './views/share-form.tsx';
import {
  ConsentAgainPage,
  ConsentSavedPage,
  DeleteStoryPage,
  LinkGonePage,
  StoryDeletedPage,
  ThanksPage,
} from './views/share-pages.tsx';

const TOKEN = '{[A-Za-z0-9_-]{20,100}}';

/**
 * The largest story form body: a 20,000-character story of four-byte characters, URL-encoded, with room for the
 * rest. The app's body limit for public forms is far smaller; it allows this much on the story form's address.
 */
export const STORY_FORM_MAX_BYTES = 320 * 1024;

/** The body as sent: each field a string, a repeated one (kinds, topics) a list; files dropped. */
async function readStoryBody(c: Context): Promise<StoryValues> {
  const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
  const values: StoryValues = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') values[name] = value;
    else if (Array.isArray(value)) values[name] = value.filter((v): v is string => typeof v === 'string');
  }
  return values;
}

/** One value per name (the last, as a plain parse gives it), for the form guard's fields. */
const single = (values: StoryValues): Record<string, string> =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? (v.at(-1) ?? '') : (v ?? '')]));

/**
 * /share-your-story, its thank-you, and the teller's two links (delete, choose consent again). Every page is for
 * one person: never stored by a cache, indexed, or sent on as a referrer, and each carries "Exit this page". The
 * links' tokens are in the path: the request log names the route's pattern, never the path (request-context.ts).
 */
export function shareRoutes(deps: StoriesPublicDeps, locale: Locale): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const t = storyPublicMessages(locale);

  async function page(c: Context<AppEnv>, title: string, body: Child, status = 200, noindex = true) {
    const html = await renderDocument(
      <Layout
        locale={locale}
        path="/share-your-story"
        title={title}
        description={t.description}
        publicUrl={deps.publicUrl}
        site={await deps.siteFrame()}
        current="share-your-story"
        noindex={noindex}
        quickExit
        // A story stands apart from the mailing list (ADR 063): no sign-up form under it.
        footerSignup={false}
      >
        {body}
      </Layout>,
    );
    const res = sendHtml(c, html, status);
    res.headers.set('Cache-Control', 'no-store');
    res.headers.set('Referrer-Policy', 'no-referrer');
    return res;
  }

  const form = (
    c: Context<AppEnv>,
    values: StoryValues,
    errors: FieldErrors,
    status = 200,
    personCheck?: PersonQuestion,
  ) =>
    page(
      c,
      Object.keys(errors).length > 0 ? `Error: ${t.title}` : t.title,
      <ShareForm
        locale={locale}
        csrf={csrfTokenFor(c, deps.secrets, deps.secure)}
        values={values}
        errors={errors}
        personCheck={personCheck}
      />,
      status,
      status !== 200,
    );

  const thanks = (c: Context<AppEnv>, deletionToken: string, emailed: boolean) =>
    page(
      c,
      t.thanks.title,
      <ThanksPage locale={locale} publicUrl={deps.publicUrl} deletionToken={deletionToken} emailed={emailed} />,
    );

  app.get('/share-your-story', (c) => form(c, {}, {}));

  app.post('/share-your-story', async (c) => {
    const values = await readStoryBody(c);
    const fields = single(values);
    // A filled trap field means a bot: a person's answer (with a link that deletes nothing), and nothing kept.
    if (fields.website) return thanks(c, randomToken(32), false);
    const parsed = storyInputFor(locale).safeParse(values);
    const challenge = await deps.formGuard.check(fields[CHALLENGE_FIELD]);
    if (!parsed.success || challenge.state === 'invalid' || challenge.state === 'expired') {
      const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error.issues);
      if (challenge.state === 'invalid' || challenge.state === 'expired')
        errors[CHALLENGE_FIELD] = t.challenge[challenge.state];
      return form(c, values, errors, 400, deps.formGuard.question(fields));
    }
    // Only a form that is otherwise complete spends its solution, its answer or the no-JavaScript allowance.
    const refused = await deps.formGuard.admit(c, challenge, fields);
    if (refused)
      return form(
        c,
        values,
        { [refusalField(refused)]: t.challenge[refused] },
        refusalStatus(refused),
        deps.formGuard.question(fields, refused),
      );
    const kept = await submitStory(deps, parsed.data, locale);
    // Shown here rather than after a redirect, so the deletion link is never in an address the browser keeps.
    return thanks(c, kept.deletionToken, parsed.data.email !== '');
  });

  const gone = (c: Context<AppEnv>, kind: 'remove' | 'again') =>
    page(c, t[kind].goneTitle, <LinkGonePage locale={locale} kind={kind} />, 404);

  app.get(`/share-your-story/delete/:token${TOKEN}`, async (c) => {
    const token = c.req.param('token');
    if (!(await deletionLinkWorks(deps, token))) return gone(c, 'remove');
    const csrf = csrfTokenFor(c, deps.secrets, deps.secure);
    return page(c, t.remove.title, <DeleteStoryPage locale={locale} token={token} csrf={csrf} />);
  });

  app.post(`/share-your-story/delete/:token${TOKEN}`, async (c) => {
    const token = c.req.param('token');
    const values = await readStoryBody(c);
    if (values.confirmed !== 'yes') {
      if (!(await deletionLinkWorks(deps, token))) return gone(c, 'remove');
      const csrf = csrfTokenFor(c, deps.secrets, deps.secure);
      return page(c, t.remove.title, <DeleteStoryPage locale={locale} token={token} csrf={csrf} />, 400);
    }
    if (!(await deleteStoryByToken(deps, token))) return gone(c, 'remove');
    // A published copy leaves /stories at once in this process; others see the stamp move within a second.
    deps.cache.invalidate();
    return page(c, t.remove.doneTitle, <StoryDeletedPage locale={locale} />);
  });

  const consentPage = (c: Context<AppEnv>, token: string, values: StoryValues, errors: FieldErrors, status = 200) =>
    page(
      c,
      Object.keys(errors).length > 0 ? `Error: ${t.again.title}` : t.again.title,
      <ConsentAgainPage
        locale={locale}
        token={token}
        csrf={csrfTokenFor(c, deps.secrets, deps.secure)}
        values={values}
        errors={errors}
      />,
      status,
    );

  app.get(`/share-your-story/consent/:token${TOKEN}`, async (c) => {
    const token = c.req.param('token');
    if (!(await consentLinkWaiting(deps, token))) return gone(c, 'again');
    return consentPage(c, token, {}, {});
  });

  app.post(`/share-your-story/consent/:token${TOKEN}`, async (c) => {
    const token = c.req.param('token');
    if (!(await consentLinkWaiting(deps, token))) return gone(c, 'again');
    const values = await readStoryBody(c);
    const parsed = consentInputFor(locale).safeParse(values);
    if (!parsed.success) return consentPage(c, token, values, fieldErrors(parsed.error.issues), 400);
    if (!(await answerConsent(deps, token, parsed.data))) return gone(c, 'again');
    return page(c, t.again.doneTitle, <ConsentSavedPage locale={locale} />);
  });

  return app;
}

/**
 * The story form's posts, checked by their Origin rather than a token, as the other public forms' are (a page
 * opened long ago, or through a privacy tool that drops cookies, still sends).
 */
export function isStoryOriginCheckedPath(path: string): boolean {
  return /^(\/es)?\/share-your-story$/.test(path);
}
