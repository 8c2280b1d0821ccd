import { Hono, type Context } from 'hono';
import { csrfTokenFor } from '../../platform/http/csrf.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { sendHtml } from '../../platform/http/respond.ts';
import { Layout, renderDocument } from '../../platform/web/layout.tsx';
import { localizedPath, type Locale } from '../../platform/web/locale.ts';
import { signupMessages, SIGNUP_WORDING_VERSION } from './messages.ts';
import type { SignupDeps } from './routes.tsx';
import { subscriptionTopics } from './schema.ts';
import { dataRightsMessages } from './data-rights-messages.ts';
import { emailFreshLink, linkStanding, readPreferencesLink, stopOlderLinks, unsubscribes } from './links.ts';
import { eraseSupporter, exportSupporter } from './data-rights.ts';
import { getPreferences, unsubscribeAll, updatePreferences, type Preferences } from './service.ts';
import { DeleteConfirmPage, NewLinkPage } from './views/data-rights.tsx';
import { MessagePage } from '../../platform/web/components.tsx';
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
  const rights = dataRightsMessages(locale);
  const ctx = { method: 'web-form' as const, wordingVersion: SIGNUP_WORDING_VERSION };
  const linkCtx = { secrets: deps.secrets, emailDomain: new URL(deps.publicUrl).hostname };

  async function page(c: Context<AppEnv>, body: unknown, status = 200, title = t.title) {
    const html = await renderDocument(
      <Layout
        locale={locale}
        path="/preferences"
        title={title}
        publicUrl={deps.publicUrl}
        site={await deps.siteFrame()}
        noindex
      >
        {body as never}
      </Layout>,
    );
    const res = sendHtml(c, html, status);
    res.headers.set('Cache-Control', 'no-store');
    return res;
  }

  /**
   * Whose link this is, if it may open what is asked (ADR 028). A forged link
   * finds nobody (404). A genuine link of someone who has since erased
   * themselves finds nothing held: old emails still carry it, so it answers
   * kindly instead of as an error. A link too old for what is asked offers to
   * email a new one to the address on record.
   */
  async function holder(
    c: Context<AppEnv>,
    need: 'current' | 'fresh',
  ): Promise<{ id: number; prefs: Preferences; fresh: boolean } | Response> {
    const link = readPreferencesLink(deps.secrets, c.req.param('token')!);
    if (!link) return page(c, <MessagePage title={t.title} body={t.invalid} />, 404);
    const standing = await linkStanding(deps.db, link);
    const prefs = standing === 'gone' ? undefined : await getPreferences(deps.db, link.supporterId);
    if (!prefs) return page(c, <MessagePage title={t.title} body={rights.nothingHeld} />);
    const token = c.req.param('token')!;
    if (standing === 'stale') {
      // Offered whatever they receive now: the page tells an old link's holder nothing about the person.
      const unsubscribe = unsubscribes(link) ? { note: rights.stillUnsubscribe, label: t.unsubscribeAll } : undefined;
      return page(
        c,
        <NewLinkPage
          locale={locale}
          token={token}
          csrf={csrf(c)}
          title={t.title}
          reason={rights.stale}
          unsubscribe={unsubscribe}
        />,
      );
    }
    if (need === 'fresh' && standing !== 'fresh')
      return page(
        c,
        <NewLinkPage locale={locale} token={token} csrf={csrf(c)} title={rights.heading} reason={rights.freshNeeded} />,
        200,
        rights.heading,
      );
    return { id: link.supporterId, prefs, fresh: standing === 'fresh' };
  }
  const csrf = (c: Context<AppEnv>) => csrfTokenFor(c, deps.secrets, deps.secure);

  app.get(`/preferences/:token${tokenPattern}`, async (c) => {
    const found = await holder(c, 'current');
    if (found instanceof Response) return found;
    return page(
      c,
      <PreferencesPage
        locale={locale}
        token={c.req.param('token')}
        csrf={csrf(c)}
        prefs={found.prefs}
        fresh={found.fresh}
      />,
    );
  });

  app.post(`/preferences/:token${tokenPattern}`, async (c) => {
    const body = await c.req.parseBody();
    // Unsubscribing takes what one-click takes: a link too old for the page may still stop the mail.
    const link = readPreferencesLink(deps.secrets, c.req.param('token'));
    if (
      body.intent === 'unsubscribe-all' &&
      link &&
      unsubscribes(link) &&
      (await getPreferences(deps.db, link.supporterId))
    ) {
      await unsubscribeAll(deps.db, link.supporterId, ctx);
      return page(c, <MessagePage title={t.title} body={t.gone} />);
    }
    const found = await holder(c, 'current');
    if (found instanceof Response) return found;
    const { id, prefs } = found;
    const language = body.language === 'es' ? 'es' : body.language === 'en' ? 'en' : prefs.locale;
    const topics = subscriptionTopics.filter((topic) => body[`topic-${topic}`] === 'on');
    await updatePreferences(deps.db, id, { topics, locale: language }, ctx);
    const after = (await getPreferences(deps.db, id))!;
    return page(
      c,
      <PreferencesPage
        locale={locale}
        token={c.req.param('token')}
        csrf={csrf(c)}
        prefs={after}
        fresh={found.fresh}
        notice={t.saved}
      />,
    );
  });

  // A copy of everything we hold, as a file. A POST from the page's form, so it needs the page's CSRF token.
  app.post(`/preferences/:token${tokenPattern}/export`, async (c) => {
    const found = await holder(c, 'fresh');
    if (found instanceof Response) return found;
    const data = await exportSupporter(deps.db, found.id, deps.personalData);
    if (!data) return page(c, <MessagePage title={t.title} body={rights.nothingHeld} />);
    return c.body(JSON.stringify(data, null, 2), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${rights.fileName}"`,
      'Cache-Control': 'no-store',
    });
  });

  const confirmDelete = (c: Context<AppEnv>, error = false) =>
    page(
      c,
      <DeleteConfirmPage locale={locale} token={c.req.param('token')!} csrf={csrf(c)} error={error} />,
      error ? 400 : 200,
      `${error ? 'Error: ' : ''}${rights.confirmTitle}`,
    );

  app.get(`/preferences/:token${tokenPattern}/delete`, async (c) => {
    const found = await holder(c, 'fresh');
    return found instanceof Response ? found : confirmDelete(c);
  });

  app.post(`/preferences/:token${tokenPattern}/delete`, async (c) => {
    const found = await holder(c, 'fresh');
    if (found instanceof Response) return found;
    const body = await c.req.parseBody();
    if (body.confirm !== 'yes') return confirmDelete(c, true);
    await eraseSupporter(deps.db, found.id, null, deps.personalData);
    return page(
      c,
      <MessagePage
        title={rights.doneTitle}
        body={rights.doneBody}
        link={{ href: localizedPath(locale, '/join'), label: signupMessages(locale).confirm.again }}
      />,
      200,
      rights.doneTitle,
    );
  });

  // Any genuine link, however old, may ask for a new one: it goes only to the address on record.
  app.post(`/preferences/:token${tokenPattern}/new-link`, async (c) => {
    const link = readPreferencesLink(deps.secrets, c.req.param('token'));
    if (!link) return page(c, <MessagePage title={t.title} body={t.invalid} />, 404);
    const { queued } = await emailFreshLink(deps.db, link.supporterId, linkCtx);
    if (queued) deps.emailQueued();
    return page(c, <MessagePage title={rights.sentTitle} body={rights.sent} />, 200, rights.sentTitle);
  });

  app.post(`/preferences/:token${tokenPattern}/stop-older`, async (c) => {
    const found = await holder(c, 'current');
    if (found instanceof Response) return found;
    const { queued } = await stopOlderLinks(deps.db, found.id, linkCtx);
    if (queued) deps.emailQueued();
    return page(c, <MessagePage title={rights.stoppedTitle} body={rights.stopped} />, 200, rights.stoppedTitle);
  });

  // Some mail clients open the header's URL in a browser instead of POSTing it. A GET never
  // unsubscribes (link scanners fetch everything): it leads to the preferences page, whose button does.
  app.get(`/unsubscribe/:token${tokenPattern}`, async (c) => {
    const link = readPreferencesLink(deps.secrets, c.req.param('token'));
    if (!link) return page(c, <MessagePage title={t.title} body={t.invalid} />, 404);
    const prefs = await getPreferences(deps.db, link.supporterId);
    if (!prefs) return page(c, <MessagePage title={t.title} body={rights.nothingHeld} />);
    return c.redirect(localizedPath(prefs.locale, `/preferences/${c.req.param('token')}`), 303);
  });

  // RFC 8058: the URL's token is the authentication; no session, no CSRF token; effective at once.
  app.post(`/unsubscribe/:token${tokenPattern}`, async (c) => {
    const link = readPreferencesLink(deps.secrets, c.req.param('token'));
    if (!link) return c.text('Not found\n', 404);
    if (!unsubscribes(link))
      return c.text('This link has expired: use the link in a newer email\n', 410, { 'Cache-Control': 'no-store' });
    // Mail sent before the person erased themselves still carries this link: nothing left to do is still done.
    if (!(await getPreferences(deps.db, link.supporterId)))
      return c.text('Nothing to unsubscribe\n', 200, { 'Cache-Control': 'no-store' });
    await unsubscribeAll(deps.db, link.supporterId, { method: 'web-form', wordingVersion: 'one-click' });
    return c.text('Unsubscribed\n', 200, { 'Cache-Control': 'no-store' });
  });

  return app;
}
