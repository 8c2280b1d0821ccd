import type { Child } from 'hono/jsx';
import { ChallengeWidget, signupScript } from '../http/form-challenge-widget.tsx';
import { stylesheet } from './assets.ts';
import { localizedPath, locales, type Locale } from './locale.ts';
import { messagesFor } from './messages.ts';

/** What the frame of every page needs to know about the organisation. */
export type SiteFrame = {
  name: string;
  contactEmail: string;
  postalAddress: string;
  demo: boolean;
  /** The organisation's time zone, in which public pages give dates (a petition's closing day). */
  timeZone?: string;
  /**
   * Items a feature adds to the main menu after the fixed ones (petitions, while one is open), composed by the
   * app: the platform names no feature.
   */
  menu?: readonly MenuItem[];
};

/** Where the organisation is when its settings do not say (the demo organisation's zone). */
export const DEFAULT_TIME_ZONE = 'America/Los_Angeles';

export type MenuItem = { key: string; path: string; label: Record<Locale, string> };

export type PageMeta = {
  locale: Locale;
  /** The page's language-neutral path ("/tips"), for the language switcher and hreflang links. */
  path: string;
  title: string;
  description?: string;
  publicUrl: string;
  site: SiteFrame;
  /** Which main navigation item is the current page: a fixed one, or the key of one in `site.menu`. */
  current?: keyof ReturnType<typeof messagesFor>['nav'] | (string & {});
  /** Extra elements for <head>: Open Graph, structured data. */
  head?: Child;
  /** Error pages and search results are not for search engines. */
  noindex?: boolean;
  /** False on the sign-up page itself, which is the form: a second one in its footer would only confuse. */
  footerSignup?: boolean;
};

const navItems = [
  ['home', '/'],
  ['about', '/about'],
  ['policies', '/policies'],
  ['resources', '/resources'],
  ['tips', '/tips'],
] as const;

export function Layout(props: PageMeta & { children?: Child }) {
  const { locale, path, site, publicUrl } = props;
  const t = messagesFor(locale);
  const other: Locale = locale === 'en' ? 'es' : 'en';
  const pageTitle = props.current === 'home' ? props.title : `${props.title} · ${site.name}`;
  return (
    <html lang={locale} dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{pageTitle}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        {props.noindex ? <meta name="robots" content="noindex" /> : null}
        <link rel="canonical" href={publicUrl + localizedPath(locale, path)} />
        {props.noindex
          ? null
          : locales.map((l) => <link rel="alternate" hreflang={l} href={publicUrl + localizedPath(l, path)} />)}
        {props.noindex ? null : (
          <link rel="alternate" hreflang="x-default" href={publicUrl + localizedPath('en', path)} />
        )}
        <link rel="stylesheet" href={stylesheet.path} />
        {/* Only enhances the sign-up forms (their bot check); every page works without it. */}
        <script type="module" src={signupScript.path}></script>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <meta name="theme-color" content="#0b3445" />
        {props.head}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.skipToContent}
        </a>
        <header class="site-header">
          <div class="wrap">
            <a class="brand" href={localizedPath(locale, '/')}>
              {site.name}
            </a>
            <nav class="site-nav" aria-label={t.mainNavigation}>
              <ul>
                {navItems.map(([key, href]) => (
                  <li>
                    <a href={localizedPath(locale, href)} aria-current={props.current === key ? 'page' : undefined}>
                      {t.nav[key]}
                    </a>
                  </li>
                ))}
                {(site.menu ?? []).map((item) => (
                  <li>
                    <a
                      href={localizedPath(locale, item.path)}
                      aria-current={props.current === item.key ? 'page' : undefined}
                    >
                      {item.label[locale]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <div class="lang-switch">
              <span class="visually-hidden">{t.languageSwitcher}: </span>
              <a href={localizedPath(other, path)} hreflang={other} lang={other}>
                {t.otherLanguageName}
              </a>
            </div>
            {/* Site search: a plain GET form (no token, so cached pages can carry it), working without JavaScript. */}
            <form class="site-search" role="search" method="get" action={localizedPath(locale, '/search')}>
              <label class="visually-hidden" for="site-search-q">
                {t.siteSearch.label}
              </label>
              <input type="search" id="site-search-q" name="q" maxlength={200} />
              <button type="submit">{t.siteSearch.submit}</button>
            </form>
          </div>
        </header>
        <main id="main" tabindex={-1}>
          <div class="wrap">{props.children}</div>
        </main>
        <footer class="site-footer">
          <div class="wrap">
            {props.footerSignup === false ? null : <FooterSignup locale={locale} />}
            <p>
              <strong>{site.name}</strong>
              {site.postalAddress ? <> · {site.postalAddress}</> : null}
              {site.contactEmail ? (
                <>
                  {' '}
                  · {t.footer.contact}: <a href={`mailto:${site.contactEmail}`}>{site.contactEmail}</a>
                </>
              ) : null}
            </p>
            <ul>
              <li>
                <a href={localizedPath(locale, '/privacy')}>{t.footer.privacy}</a>
              </li>
              <li>
                <a href={localizedPath(locale, '/site-map')}>{t.footer.sitemap}</a>
              </li>
            </ul>
            {site.demo ? <p>{t.footer.demo}</p> : null}
            <p>{t.footer.poweredBy}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** The newsletter's short form at the foot of every page but /join. */
function FooterSignup(props: { locale: Locale }) {
  const { locale } = props;
  const t = messagesFor(locale);
  return (
    <section class="footer-signup" aria-labelledby="footer-signup-title">
      <h2 id="footer-signup-title">{t.footer.signupTitle}</h2>
      <p>{t.footer.signupIntro}</p>
      {/* No CSRF token and no challenge in the markup: this form sits on cached pages, so /join checks the browser's
          Origin instead (ADR 018) and the widget fetches its own challenge (ADR 019). */}
      <form method="post" action={localizedPath(locale, '/join')} class="inline-form" novalidate>
        <input type="hidden" name="topic-newsletter" value="on" />
        <input type="hidden" name="language" value={locale} />
        <div>
          <label for="footer-givenName">{t.footer.firstName}</label>
          <input id="footer-givenName" name="givenName" type="text" autocomplete="given-name" maxlength={100} />
        </div>
        <div>
          <label for="footer-email">{t.footer.email}</label>
          <input id="footer-email" name="email" type="email" autocomplete="email" maxlength={254} />
        </div>
        <div class="trap" aria-hidden="true">
          <label for="footer-website">{t.footer.trap}</label>
          <input id="footer-website" name="website" type="text" tabindex={-1} autocomplete="off" />
        </div>
        <div>
          <button class="button" type="submit">
            {t.footer.signup}
          </button>
        </div>
        <div class="inline-form-wide">
          <ChallengeWidget />
        </div>
      </form>
    </section>
  );
}

/** Renders a complete HTML document to a string. */
export async function renderDocument(node: Child): Promise<string> {
  // A hono/jsx element renders itself in toString(), which returns a promise when a component is async.
  const html = await (node as { toString(): string | Promise<string> }).toString();
  return '<!doctype html>' + html;
}
