import { stylesheet } from '../../../platform/web/assets.ts';
import { Prose } from '../../../platform/web/components.tsx';
import type { Locale } from '../../../platform/web/locale.ts';
import { petitionScript, petitionStyles } from '../assets.ts';
import { petitionMessages } from '../messages.ts';
import type { PetitionVersion, Threshold } from '../schema.ts';
import type { SigningState } from '../service.ts';
import { CountBox, RecentSigners, ShareLinks, WhereSigners, type RecentEntry } from './parts.tsx';
import { SignForm } from './sign-form.tsx';

export type PetitionView = {
  locale: Locale;
  slug: string;
  target: string;
  words: PetitionVersion;
  /** The language the words are in, when it is not the page's (an English fallback). */
  lang: Locale;
  state: SigningState;
  count: number;
  goal: number;
  next: Threshold | undefined;
  countUrl: string;
  shareUrl: string;
};

/** What goes in <head> on petition pages: their styles and script, and what a shared link's preview shows. */
export function petitionHead(view: Pick<PetitionView, 'words' | 'shareUrl'>) {
  return (
    <>
      <link rel="stylesheet" href={petitionStyles.path} />
      <script type="module" src={petitionScript.path}></script>
      <meta property="og:type" content="website" />
      <meta property="og:title" content={view.words.title} />
      {view.words.summary ? <meta property="og:description" content={view.words.summary} /> : null}
      <meta property="og:url" content={view.shareUrl} />
    </>
  );
}

/** The public petition page: the same for every visitor, so it is cached and re-rendered about once a second. */
export function PetitionPage(
  props: PetitionView & {
    recent: RecentEntry[];
    mapSvg: string | undefined;
    byDistrict: Map<string, number>;
    unknown: number;
    geocoder: boolean;
    /** Shown to staff as a preview: the sign form is there but cannot be sent. */
    preview?: boolean;
  },
) {
  const t = petitionMessages(props.locale).page;
  const other = props.lang !== props.locale ? props.lang : undefined;
  return (
    <article>
      <header class="petition-head" lang={other}>
        <h1>{props.words.title}</h1>
        <p class="target">
          <span lang={other ? props.locale : undefined}>{t.to}:</span> {props.target}
        </p>
        {props.words.summary ? <p class="lead">{props.words.summary}</p> : null}
      </header>
      <CountBox
        locale={props.locale}
        count={props.count}
        goal={props.goal}
        next={props.next}
        countUrl={props.countUrl}
      />
      <div class="petition-columns">
        <Prose markdown={props.words.statement} locale={props.locale} lang={props.lang} />
        <section class="sign-box" id="sign" aria-labelledby="sign-title">
          <h2 id="sign-title">{t.signTitle}</h2>
          {props.state === 'open' ? (
            <SignForm
              locale={props.locale}
              slug={props.slug}
              values={{}}
              errors={{}}
              geocoder={props.geocoder}
              preview={props.preview}
            />
          ) : (
            <p class="notice" role="note">
              {props.state === 'not-yet-open' ? t.notYetOpen : t.closed}
            </p>
          )}
        </section>
      </div>
      <RecentSigners locale={props.locale} entries={props.recent} />
      <ShareLinks locale={props.locale} url={props.shareUrl} title={props.words.title} />
      <WhereSigners locale={props.locale} mapSvg={props.mapSvg} byDistrict={props.byDistrict} unknown={props.unknown} />
    </article>
  );
}

/**
 * The compact version other sites may frame: the title, the count and a link
 * to sign on our own page (in a new tab, where our cookies and checks work as
 * usual). A page of its own, without the site's header, footer or forms,
 * and it sets no cookies.
 */
export function EmbedDocument(props: PetitionView & { siteName: string }) {
  const t = petitionMessages(props.locale);
  const other = props.lang !== props.locale ? props.lang : undefined;
  return (
    <html lang={props.locale} dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${props.words.title} · ${props.siteName}`}</title>
        <link rel="stylesheet" href={stylesheet.path} />
        <link rel="stylesheet" href={petitionStyles.path} />
        <script type="module" src={petitionScript.path}></script>
      </head>
      <body class="embed">
        <main id="main">
          <h1 lang={other}>{props.words.title}</h1>
          <CountBox
            locale={props.locale}
            count={props.count}
            goal={props.goal}
            next={props.next}
            countUrl={props.countUrl}
          />
          <p>
            <a class="button" href={props.shareUrl} target="_blank" rel="noopener">
              {props.state === 'open' ? t.embed.signLink : t.confirm.again}
              <span class="visually-hidden"> {t.embed.newTab}</span>
            </a>
          </p>
          <p class="meta">{props.siteName}</p>
        </main>
      </body>
    </html>
  );
}
