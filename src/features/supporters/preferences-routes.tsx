import { Hono, type Context } from 'hono';
import { csrfTokenFor } from '../../platform/http/csrf.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { sendHtml } from '../../platform/http/respond.ts';
import { Layout, renderDocument } from '../../platform/web/layout.tsx';
import type { Locale } from '../../platform/web/locale.ts';
import { signupMessages, SIGNUP_WORDING_VERSION } from './messages.ts';
import type { SignupDeps } from './routes.tsx';
import { subscriptionTopics } from './schema.ts';
import { getPreferences, supporterFromToken, unsubscribeAll, updatePreferences } from './service.ts';
import { MessagePage } from './views/signup.tsx';
import { PreferencesPage } from './views/preferences.tsx';

const tokenPattern = '{[0-9]{1,10}\\.[A-Za-z0-9_-]{32}}';

/** True for the one-click unsubscribe URL, which RFC 8058 mail clients POST to without any page or token of ours. */
export function isOneClickUnsubscribe(path: string): boolean {
  return /^\/(es\/)?unsubscribe\/[0-9]{1,10}\.[A-Za-z0-9_-]{32}$/.test(path);
}

/** The preferences page every email links to, and the one-click unsubscribe its headers name. */
export function preferencesRoutes(deps: SignupDeps, locale: Locale): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const t = signupMessages(locale).preferences;
  const ctx = { method: 'web-form' as const, wordingVersion: SIGNUP_WORDING_VERSION };

  async function page(c: Context<AppEnv>, body: unknown, status = 200) {
    const html = await renderDocument(
      <Layout locale={locale} path="/preferences" title={t.title} publicUrl={deps.publicUrl} site={await deps.siteFrame()} noindex>
        {body as never}
      </Layout>,
    );
    const res = sendHtml(c, html, status);
    res.headers.set('Cache-Control', 'no-store');
    return res;
  }

  app.get(`/preferences/:token${tokenPattern}`, async (c) => {
    const id = supporterFromToken(deps.secrets, c.req.param('token'));
    const prefs = id === undefined ? undefined : await getPreferences(deps.db, id);
    if (!prefs) return page(c, <MessagePage title={t.title} body={t.invalid} />, 404);
    return page(c, <PreferencesPage locale={locale} token={c.req.param('token')} csrf={csrfTokenFor(c, deps.secrets, deps.secure)} prefs={prefs} />);
  });

  app.post(`/preferences/:token${tokenPattern}`, async (c) => {
    const id = supporterFromToken(deps.secrets, c.req.param('token'));
    const prefs = id === undefined ? undefined : await getPreferences(deps.db, id);
    if (id === undefined || !prefs) return page(c, <MessagePage title={t.title} body={t.invalid} />, 404);
    const body = await c.req.parseBody();
    if (body.intent === 'unsubscribe-all') {
      await unsubscribeAll(deps.db, id, ctx);
      return page(c, <MessagePage title={t.title} body={t.gone} />);
    }
    const language = body.language === 'es' ? 'es' : body.language === 'en' ? 'en' : prefs.locale;
    const topics = subscriptionTopics.filter((topic) => body[`topic-${topic}`] === 'on');
    await updatePreferences(deps.db, id, { topics, locale: language }, ctx);
    const after = (await getPreferences(deps.db, id))!;
    return page(c, <PreferencesPage locale={locale} token={c.req.param('token')} csrf={csrfTokenFor(c, deps.secrets, deps.secure)} prefs={after} notice={t.saved} />);
  });

  // RFC 8058: the URL's token is the authentication; no session, no CSRF token; effective at once.
  app.post(`/unsubscribe/:token${tokenPattern}`, async (c) => {
    const id = supporterFromToken(deps.secrets, c.req.param('token'));
    if (id === undefined) return c.text('Not found\n', 404);
    await unsubscribeAll(deps.db, id, { method: 'web-form', wordingVersion: 'one-click' });
    return c.text('Unsubscribed\n', 200, { 'Cache-Control': 'no-store' });
  });

  return app;
}
