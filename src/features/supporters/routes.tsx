import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { Secrets } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/client.ts';
import type { PersonalDataPart } from '../../platform/personal-data.ts';
import { csrfTokenFor } from '../../platform/http/csrf.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { CHALLENGE_FIELD, refusalField, refusalStatus, type FormGuard } from '../../platform/http/form-challenge.ts';
import type { PersonQuestion } from '../../platform/http/person-check.tsx';
import { sourceOf, sourceUsed } from '../../platform/http/source-code.ts';
import { sendHtml } from '../../platform/http/respond.ts';
import type { FieldErrors } from '../../platform/web/forms.tsx';
import { Layout, renderDocument, type SiteFrame } from '../../platform/web/layout.tsx';
import { localizedPath, type Locale } from '../../platform/web/locale.ts';
import { messagesFor } from '../../platform/web/messages.ts';
import { signupMessages, SIGNUP_WORDING_VERSION, translateError } from './messages.ts';
import { subscriptionTopics } from './schema.ts';
import { checkConfirmation, confirmSignup, requestSignup, signupInput } from './service.ts';
import { MessagePage } from '../../platform/web/components.tsx';
import { ConfirmPage, JoinPage, type SignupValues } from './views/signup.tsx';

export type SignupDeps = {
  db: Db;
  secrets: Secrets;
  secure: boolean;
  publicUrl: string;
  siteFrame: () => Promise<SiteFrame>;
  /** Tells the email worker there is something to send now. */
  emailQueued: () => void;
  /** Proof-of-work and the stricter limit for forms sent without it (ADR 019). */
  formGuard: FormGuard;
  /**
   * Whether staff's block lists (kept on the petitions' abuse screen) refuse this address or email: handed in by
   * the app, as this feature does not reach petitions.
   */
  isBlocked?: (c: Context, email: string) => Promise<boolean>;
  /** What other features hold of a person, for their copy and their erasure (handed in by the app). */
  personalData?: readonly PersonalDataPart[];
};

const tokenPattern = '{[A-Za-z0-9_-]{20,100}}';

/**
 * Newsletter sign-up with double opt-in, for one language. Rendered per request: each form carries its own CSRF token.
 */
export function signupRoutes(deps: SignupDeps, locale: Locale): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const t = signupMessages(locale);
  const ctx = {
    method: 'web-form' as const,
    wordingVersion: SIGNUP_WORDING_VERSION,
    emailDomain: new URL(deps.publicUrl).hostname,
  };

  async function page(c: Context<AppEnv>, path: string, title: string, body: Child, status = 200) {
    const html = await renderDocument(
      <Layout
        locale={locale}
        path={path}
        title={title}
        publicUrl={deps.publicUrl}
        site={await deps.siteFrame()}
        noindex={status !== 200 || path !== '/join'}
        footerSignup={path !== '/join'}
      >
        {body}
      </Layout>,
    );
    const res = sendHtml(c, html, status);
    res.headers.set('Cache-Control', 'no-store');
    return res;
  }

  const joinForm = (
    c: Context<AppEnv>,
    values: SignupValues,
    errors: FieldErrors,
    status = 200,
    personCheck?: PersonQuestion,
  ) =>
    page(
      c,
      '/join',
      Object.keys(errors).length > 0 ? `Error: ${t.join.title}` : t.join.title,
      <JoinPage
        locale={locale}
        token={csrfTokenFor(c, deps.secrets, deps.secure)}
        values={values}
        errors={errors}
        personCheck={personCheck}
      />,
      status,
    );

  // Someone who came here to give their name and email means to get the newsletter: its box starts ticked.
  app.get('/join', (c) => joinForm(c, { topics: ['newsletter'] }, {}));

  app.post('/join', async (c) => {
    const body = await c.req.parseBody();
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).slice(0, 1000) : '');
    const values: SignupValues = {
      givenName: text('givenName'),
      familyName: text('familyName'),
      email: text('email'),
      zip: text('zip'),
      language: text('language') === 'es' ? 'es' : text('language') === 'en' ? 'en' : locale,
      topics: subscriptionTopics.filter((topic) => body[`topic-${topic}`] === 'on'),
    };
    const checkEmail = () =>
      page(c, '/join', t.checkEmail.title, <MessagePage title={t.checkEmail.title} body={t.checkEmail.body} />);
    // A filled trap field means a bot: it gets the same answer as a person, and nothing is kept.
    if (text('website')) return checkEmail();
    const parsed = signupInput.safeParse({ ...values, locale: values.language, source: sourceOf(c) });
    const challenge = await deps.formGuard.check(body[CHALLENGE_FIELD]);
    if (!parsed.success || challenge.state === 'invalid' || challenge.state === 'expired') {
      const errors: FieldErrors = {};
      for (const issue of parsed.error?.issues ?? []) {
        const field = String(issue.path[0] ?? 'email');
        errors[field] ??= translateError(issue.message, locale);
      }
      if (challenge.state === 'invalid' || challenge.state === 'expired')
        errors[CHALLENGE_FIELD] = t.join.challenge[challenge.state];
      return joinForm(c, values, errors, 400, deps.formGuard.question(body));
    }
    if (await deps.isBlocked?.(c, parsed.data.email)) {
      const blocked = t.join.blocked((await deps.siteFrame()).contactEmail);
      return joinForm(c, values, { email: blocked }, 403, deps.formGuard.question(body));
    }
    // Only a form that is otherwise complete spends its solution, its answer or the no-JavaScript allowance.
    const refused = await deps.formGuard.admit(c, challenge, body);
    if (refused)
      return joinForm(
        c,
        values,
        { [refusalField(refused)]: t.join.challenge[refused] },
        refusalStatus(refused),
        deps.formGuard.question(body, refused),
      );
    // Answered only after the transaction has committed: what we acknowledge, we keep.
    const { confirmationQueued } = await requestSignup(deps.db, parsed.data, ctx);
    sourceUsed(c, { secure: deps.secure });
    if (confirmationQueued) deps.emailQueued();
    return checkEmail();
  });

  const outcome = (c: Context<AppEnv>, state: 'expired' | 'used' | 'unknown') => {
    const again = { href: localizedPath(locale, '/join'), label: t.confirm.again };
    return page(
      c,
      '/confirm',
      t.confirm.title,
      <MessagePage title={t.confirm.title} body={t.confirm[state]} link={state === 'used' ? undefined : again} />,
      state === 'used' ? 200 : 410,
    );
  };

  // Opening the link only shows a button: mail scanners that fetch links confirm nothing.
  app.get(`/confirm/:token${tokenPattern}`, async (c) => {
    const token = c.req.param('token');
    const state = await checkConfirmation(deps.db, token);
    if (state.state !== 'valid') return outcome(c, state.state);
    return page(
      c,
      '/confirm',
      t.confirm.title,
      <ConfirmPage locale={locale} token={token} csrf={csrfTokenFor(c, deps.secrets, deps.secure)} />,
    );
  });

  app.post(`/confirm/:token${tokenPattern}`, async (c) => {
    const state = await confirmSignup(deps.db, c.req.param('token'), ctx);
    if (state.state !== 'valid') return outcome(c, state.state);
    deps.emailQueued();
    return page(
      c,
      '/confirm',
      t.confirm.doneTitle,
      <MessagePage
        title={t.confirm.doneTitle}
        body={t.confirm.done}
        link={{ href: localizedPath(locale, '/'), label: messagesFor(locale).notFound.home }}
      />,
    );
  });

  return app;
}
