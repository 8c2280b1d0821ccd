import type { Child } from 'hono/jsx';
import { ChallengeWidget, signupScript } from '../http/form-challenge-widget.tsx';
import { QuickExit, quickExitScript } from './quick-exit.tsx';
import { stylesheet } from './assets.ts';
import { localizedPath, locales, type Locale } from './locale.ts';
import { messagesFor } from './messages.ts';

/** What the frame of every page needs to know about the organisation. */
export type SiteFrame = {
  name: string;
  contactEmail: string;
  postalAddress: string;
  phone?: string;
  demo: boolean;
  /** The organisation's time zone, in which public pages give dates (a petition's closing day). */
  timeZone?: string;
  /**
   * The main menu and the footer's links as staff arranged them, each leading where its target is now; composed by
   * the app (the platform names no feature). Without them (the frame the app falls back to) the menus are empty.
   */
  menus?: { main: readonly MenuLink[]; footer: readonly MenuLink[] };
  /** The organisation's registered name, in the footer line when it differs from `name`. */
  legalName?: string;
  /** The short description in each language, for pages that have none of their own. */
  description?: Partial<Record<Locale, string>>;
  /** The organisation's payment page (https), linked as a Donate button in the header. */
  donateUrl?: string;
  /** Public profiles, as plain links in the footer, each with the network's name. */
  profiles?: readonly { url: string; label: string }[];
  /** The uploaded logo, shown in the header at this size, with the organisation's name as its text. */
  logo?: { src: string; width: number; height: number };
  /** The uploaded icon at 32 and 180 pixels; the built-in favicon.svg when not given. */
  favicon?: { small: string; large: string };
  /** The stylesheet of the brand colours, after the main one; and the dark colour, for the browser's bar. */
  theme?: { path: string; colour?: string };
  /** Where first-time visitors without a preference go, and search engines' x-default. */
  defaultLocale?: Locale;
};

/** Where the organisation is when its settings do not say (the demo organisation's zone). */
export const DEFAULT_TIME_ZONE = 'America/Los_Angeles';

/**
 * One link of a public menu: to a page of this site (`path`, language-neutral: "/about"), or to another site
 * (`href`, marked as such). Its words are the staff's: without Spanish, the English is shown, marked as English.
 */
export type MenuLink = { label: { en: string; es?: string } } & (
  | { path: string; href?: never }
  | { href: string; path?: never; external: true }
);

export type PageMeta = {
  locale: Locale;
  /** The page's language-neutral path ("/tips"), for the language switcher and hreflang links. */
  path: string;
  title: string;
  description?: string;
  publicUrl: string;
  site: SiteFrame;
  /**
   * What the page is ('home' titles it with the organisation's name alone). The menus mark their current item
   * by the page's path instead (`currentLink`), so an item staff add is marked too.
   */
  current?: keyof ReturnType<typeof messagesFor>['nav'] | (string & {});
  /** Extra elements for <head>: Open Graph, structured data. */
  head?: Child;
  /** Error pages and search results are not for search engines. */
  noindex?: boolean;
  /** False on the sign-up page itself, which is the form: a second one in its footer would only confuse. */
  footerSignup?: boolean;
  /**
   * Pages where a reader may need to leave fast (sharing or reading a survivor's story) carry the "Exit this page"
   * button: a plain link to a neutral site without JavaScript; with it, Shift pressed three times as well (ADR 063).
   */
  quickExit?: boolean;
};

/**
 * The menu link the page is at or under: "/policies" on "/policies/a-bill", the home page only on "/". When two
 * match, the longer path is the nearer.
 */
export function currentLink(path: string, links: readonly MenuLink[]): MenuLink | undefined {
  let best: MenuLink | undefined;
  for (const link of links) {
    if (link.path === undefined) continue;
    const within = link.path === path || (link.path !== '/' && path.startsWith(`${link.path}/`));
    if (within && (!best || link.path.length > best.path!.length)) best = link;
  }
  return best;
}

/** One menu link in the page's language; another site's link says so, to the eye and to a screen reader. */
function MenuAnchor(props: { link: MenuLink; locale: Locale; current?: boolean }) {
  const { link, locale } = props;
  const own = link.label[locale];
  const text = own || link.label.en;
  const lang = own ? undefined : 'en';
  if (link.href !== undefined)
    return (
      <a href={link.href} rel="noopener" class="external-link">
        <span lang={lang}>{text}</span>
        <span aria-hidden="true"> ↗</span>
        <span class="visually-hidden"> ({messagesFor(locale).anotherSite})</span>
      </a>
    );
  return (
    <a href={localizedPath(locale, link.path)} aria-current={props.current ? 'page' : undefined} lang={lang}>
      {text}
    </a>
  );
}

export function Layout(props: PageMeta & { children?: Child }) {
  const { locale, path, site, publicUrl } = props;
  const t = messagesFor(locale);
  const other: Locale = locale === 'en' ? 'es' : 'en';
  const pageTitle = props.current === 'home' ? props.title : `${props.title} · ${site.name}`;
  const description = props.description || site.description?.[locale] || undefined;
  const main = site.menus?.main ?? [];
  const current = currentLink(path, main);
  return (
    <html lang={locale} dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{pageTitle}</title>
        {description ? <meta name="description" content={description} /> : null}
        {props.noindex ? <meta name="robots" content="noindex" /> : null}
        <link rel="canonical" href={publicUrl + localizedPath(locale, path)} />
        {props.noindex
          ? null
          : locales.map((l) => <link rel="alternate" hreflang={l} href={publicUrl + localizedPath(l, path)} />)}
        {props.noindex ? null : (
          <link
            rel="alternate"
            hreflang="x-default"
            href={publicUrl + localizedPath(site.defaultLocale ?? 'en', path)}
          />
        )}
        <link rel="stylesheet" href={stylesheet.path} />
        {site.theme ? <link rel="stylesheet" href={site.theme.path} /> : null}
        {/* Only enhances the sign-up forms (their bot check); every page works without it. */}
        <script type="module" src={signupScript.path}></script>
        {/* "Exit this page" by Shift×3 and the story's draft, only where a reader may need to leave fast. */}
        {props.quickExit ? <script src={quickExitScript.path} defer /> : null}
        {/* Leaving by the exit (a script's navigation) must not tell the neutral site where the reader was. */}
        {props.quickExit ? <meta name="referrer" content="no-referrer" /> : null}
        {site.favicon ? (
          <>
            <link rel="icon" href={site.favicon.small} type="image/png" sizes="32x32" />
            <link rel="apple-touch-icon" href={site.favicon.large} />
          </>
        ) : (
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        )}
        <meta name="theme-color" content={site.theme?.colour ?? '#0b3445'} />
        {props.head}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.skipToContent}
        </a>
        {props.quickExit ? <QuickExit locale={locale} /> : null}
        <header class="site-header">
          <div class="wrap">
            <a class="brand" href={localizedPath(locale, '/')}>
              {site.logo ? (
                <img src={site.logo.src} width={site.logo.width} height={site.logo.height} alt={site.name} />
              ) : (
                site.name
              )}
            </a>
            <nav class="site-nav" aria-label={t.mainNavigation}>
              <ul>
                {main.map((link) => (
                  <li>
                    <MenuAnchor link={link} locale={locale} current={link === current} />
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
            {site.donateUrl ? (
              <a class="button donate" href={site.donateUrl}>
                {t.donate}
                <span class="visually-hidden"> ({t.offSite})</span>
              </a>
            ) : null}
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
              {site.legalName && site.legalName !== site.name ? <> ({site.legalName})</> : null}
              {site.postalAddress ? <> · {site.postalAddress}</> : null}
              {site.phone ? (
                <>
                  {' '}
                  · {t.footer.phone}: <a href={`tel:${site.phone.replace(/[^0-9+]/g, '')}`}>{site.phone}</a>
                </>
              ) : null}
              {site.contactEmail ? (
                <>
                  {' '}
                  · {t.footer.contact}: <a href={`mailto:${site.contactEmail}`}>{site.contactEmail}</a>
                </>
              ) : null}
            </p>
            {site.profiles && site.profiles.length > 0 ? (
              <ul class="profiles" aria-label={t.footer.profiles}>
                {site.profiles.map((profile) => (
                  <li>
                    <a href={profile.url}>{profile.label}</a>
                  </li>
                ))}
              </ul>
            ) : null}
            <ul>
              {(site.menus?.footer ?? []).map((link) => (
                <li>
                  <MenuAnchor link={link} locale={locale} />
                </li>
              ))}
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
