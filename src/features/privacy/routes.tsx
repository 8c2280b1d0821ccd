import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { Secrets } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/client.ts';
import { csrfTokenFor } from '../../platform/http/csrf.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { CHALLENGE_FIELD, refusalField, refusalStatus, type FormGuard } from '../../platform/http/form-challenge.ts';
import type { PersonQuestion } from '../../platform/http/person-check.tsx';
import { sendHtml } from '../../platform/http/respond.ts';
import type { PersonalDataPart } from '../../platform/personal-data.ts';
import { MessagePage } from '../../platform/web/components.tsx';
import { fieldErrors, type FieldErrors } from '../../platform/web/forms.tsx';
import { Layout, renderDocument, type SiteFrame } from '../../platform/web/layout.tsx';
import { localizedPath, type Locale } from '../../platform/web/locale.ts';
import { sentPrivacySignal, varyOnPrivacySignal } from '../../platform/web/privacy-signal.tsx';
import { requestInputFor } from './inputs.ts';
import { privacyMessages } from './messages.ts';
import {
  askForRequest,
  confirmRequest,
  copyLinkState,
  requestAwaiting,
  takeCopy,
  type CopyFormat,
} from './requests.ts';
import { copyDocument } from './views/copy-document.tsx';
import { ConfirmPage, CopyPage, RequestForm, type RequestValues } from './views/request-pages.tsx';

export type PrivacyPublicDeps = {
  db: Db;
  secrets: Secrets;
  secure: boolean;
  publicUrl: string;
  siteFrame: () => Promise<SiteFrame>;
  /** Proof-of-work and the stricter limit for forms sent without it (ADR 019), as the other public forms use it. */
  formGuard: FormGuard;
  /** Tells the email worker there is something to send now. */
  emailQueued: () => void;
  /** What every feature holds of a person, for their copy and their erasure (handed in by the app). */
  personalData: readonly PersonalDataPart[];
};

const TOKEN = '{[A-Za-z0-9_-]{43}}';

/**
 * /privacy/request, the emailed confirmation link and the copy's download page (ADR 068). Every page is for one
 * person: never stored by a cache or indexed. The links' tokens are in the path, which the request log never names.
 */
export function privacyRoutes(deps: PrivacyPublicDeps, locale: Locale): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const t = privacyMessages(locale);
  const ctx = { secrets: deps.secrets, emailDomain: new URL(deps.publicUrl).hostname };
  const csrf = (c: Context<AppEnv>) => csrfTokenFor(c, deps.secrets, deps.secure);

  // Every page's language switch leads to the form: a link's token means nothing in the other language's address.
  async function page(c: Context<AppEnv>, path: string, title: string, body: Child, status = 200) {
    const html = await renderDocument(
      <Layout
        locale={locale}
        path="/privacy/request"
        title={title}
        description={t.request.description}
        publicUrl={deps.publicUrl}
        site={await deps.siteFrame()}
        noindex={path !== '/privacy/request' || status !== 200}
      >
        {body}
      </Layout>,
    );
    const res = sendHtml(c, html, status);
    res.headers.set('Cache-Control', 'no-store');
    return varyOnPrivacySignal(res);
  }

  const form = (c: Context<AppEnv>, values: RequestValues, errors: FieldErrors, status = 200, ask?: PersonQuestion) =>
    page(
      c,
      '/privacy/request',
      Object.keys(errors).length > 0 ? `Error: ${t.request.title}` : t.request.title,
      <RequestForm
        locale={locale}
        csrf={csrf(c)}
        values={values}
        errors={errors}
        signal={sentPrivacySignal(c)}
        personCheck={ask}
      />,
      status,
    );

  const sent = (c: Context<AppEnv>) =>
    page(c, '/privacy/request', t.sent.title, <MessagePage title={t.sent.title} body={t.sent.body} />);

  app.get('/privacy/request', (c) => form(c, {}, {}));

  app.post('/privacy/request', async (c) => {
    const body = await c.req.parseBody();
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const values: RequestValues = { kind: text('kind'), email: text('email'), details: text('details') };
    // A filled trap field means a bot: the same answer as a person's, and nothing kept or sent.
    if (text('website')) return sent(c);
    const parsed = requestInputFor(locale).safeParse({ ...values, details: values.details || undefined });
    const challenge = await deps.formGuard.check(body[CHALLENGE_FIELD]);
    if (!parsed.success || challenge.state === 'invalid' || challenge.state === 'expired') {
      const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error.issues);
      if (challenge.state === 'invalid' || challenge.state === 'expired')
        errors[CHALLENGE_FIELD] = t.request.challenge[challenge.state];
      return form(c, values, errors, 400, deps.formGuard.question(body));
    }
    // Only a form that is otherwise complete spends its solution, its answer or the no-JavaScript allowance.
    const refused = await deps.formGuard.admit(c, challenge, body);
    if (refused)
      return form(
        c,
        values,
        { [refusalField(refused)]: t.request.challenge[refused] },
        refusalStatus(refused),
        deps.formGuard.question(body, refused),
      );
    // Answered only once committed; the same page whether the address is known, unknown or past its daily cap.
    const { queued } = await askForRequest(deps.db, parsed.data, locale, ctx);
    if (queued) deps.emailQueued();
    return sent(c);
  });

  const again = { href: localizedPath(locale, '/privacy/request'), label: t.confirm.again };
  const gone = (c: Context<AppEnv>, body: string) =>
    page(c, '/privacy/confirm', t.confirm.title, <MessagePage title={t.confirm.title} body={body} link={again} />, 410);

  app.get(`/privacy/confirm/:token${TOKEN}`, async (c) => {
    const token = c.req.param('token');
    const request = await requestAwaiting(deps.db, token);
    if (!request) return gone(c, t.confirm.gone);
    return page(
      c,
      '/privacy/confirm',
      t.confirm.title,
      <ConfirmPage locale={locale} token={token} csrf={csrf(c)} kind={request.kind} />,
    );
  });

  app.post(`/privacy/confirm/:token${TOKEN}`, async (c) => {
    const outcome = await confirmRequest(deps.db, c.req.param('token'), deps.personalData, ctx);
    if (outcome.kind === 'gone') return gone(c, t.confirm.gone);
    if (outcome.kind === 'copy') return c.redirect(localizedPath(locale, `/privacy/copy/${outcome.copyToken}`), 303);
    if (outcome.kind === 'deletion') {
      if (outcome.queued) deps.emailQueued();
      return page(
        c,
        '/privacy/confirm',
        t.confirm.deletedTitle,
        <MessagePage title={t.confirm.deletedTitle} body={t.confirm.deleted} />,
      );
    }
    return page(
      c,
      '/privacy/confirm',
      t.confirm.correctionTitle,
      <MessagePage title={t.confirm.correctionTitle} body={t.confirm.correctionDone} />,
    );
  });

  const copyGone = (c: Context<AppEnv>) => gone(c, t.copy.gone);

  app.get(`/privacy/copy/:token${TOKEN}`, async (c) => {
    const token = c.req.param('token');
    const state = await copyLinkState(deps.db, token);
    if (!state) return copyGone(c);
    return page(
      c,
      '/privacy/copy',
      t.copy.title,
      <CopyPage locale={locale} token={token} csrf={csrf(c)} taken={state.taken} />,
    );
  });

  for (const format of ['json', 'html'] as const satisfies CopyFormat[]) {
    app.post(`/privacy/copy/:token${TOKEN}/${format}`, async (c) => {
      const copy = await takeCopy(deps.db, c.req.param('token'), format, deps.personalData);
      if (!copy) return copyGone(c);
      const body =
        format === 'json'
          ? JSON.stringify(copy.data ?? { supporter: null, note: t.copy.nothingHeld }, null, 2)
          : await copyDocument(copy.data, locale);
      return c.body(body, 200, {
        'Content-Type': format === 'json' ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
        'Content-Disposition': `attachment; filename="${t.copy.fileName}.${format}"`,
        'Cache-Control': 'no-store',
      });
    });
  }

  return app;
}

/** The request form's posts, checked by their Origin as the other public forms' are (ADR 019). */
export function isPrivacyOriginCheckedPath(path: string): boolean {
  return /^(\/es)?\/privacy\/request$/.test(path);
}
