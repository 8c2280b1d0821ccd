import type { Child } from 'hono/jsx';
import { fillRetentionPeriods } from '../../../platform/retention.ts';
import { formatNumber, Prose } from '../../../platform/web/components.tsx';
import { Figure, Picture, type PlacedImage } from '../../../platform/web/images.tsx';
import type { LinkTarget } from '../../../platform/web/link-targets.ts';
import { localizedHref, localizedPath, type Locale } from '../../../platform/web/locale.ts';
import { messagesFor } from '../../../platform/web/messages.ts';
import { contentMessages } from '../messages.ts';
import type { ResourceSummary } from '../resources.ts';
import { linkPath, type SectionContent, type SectionLink, type SectionOf } from '../sections.ts';

/** A petition's count as a progress section shows it; the app hands content a way to ask. */
export type PetitionProgress = {
  title: string;
  /** The language the title is in, which may be English on a Spanish page. */
  lang: Locale;
  count: number;
  goal: number | null;
  /** Language-neutral, as "/petitions/safety-for-all". */
  path: string;
};

/** What sections show besides their own words, looked up once for the whole page (see section-extras.ts). */
export type SectionExtras = {
  images: ReadonlyMap<number, PlacedImage>;
  targets: readonly LinkTarget[];
  /** By section key. */
  resources: ReadonlyMap<string, ResourceSummary[]>;
  /** By petition slug; a petition that is not public is absent. */
  petitions: ReadonlyMap<string, PetitionProgress>;
};

export const noExtras: SectionExtras = { images: new Map(), targets: [], resources: new Map(), petitions: new Map() };

export type ShownSection = SectionContent & { key: string };
type Keyed<K extends SectionContent['kind']> = SectionOf<K> & { key: string };

// How wide images are shown, for the browser to pick a file: the column is at most 68rem less its padding.
const fullWidth = '(min-width: 68rem) 66rem, calc(100vw - 2rem)';
const cardWidth = (three: boolean) =>
  three
    ? '(min-width: 68rem) 21rem, (min-width: 60rem) 31vw, (min-width: 40rem) 48vw, calc(100vw - 2rem)'
    : '(min-width: 68rem) 32rem, (min-width: 40rem) 48vw, calc(100vw - 2rem)';

type Shared = { locale: Locale; extras: SectionExtras; eager: (id: number) => boolean };

/**
 * A page's sections in order. Consecutive numbered steps are one list; the first image on the
 * page is loaded at once, the others lazily. `titled` says whether the page showed its title as
 * the h1: when it did not, an opening hero's heading is the h1.
 */
export function Sections(props: {
  sections: readonly ShownSection[];
  locale: Locale;
  extras: SectionExtras;
  titled: boolean;
  /** What comes right after the opening hero of an untitled page: the page's own text. */
  afterOpening?: Child;
}) {
  const { sections, extras } = props;
  let firstImage: number | undefined;
  for (const s of sections) {
    const ids = s.kind === 'cards' ? s.data.cards.map((c) => c.imageId) : 'imageId' in s.data ? [s.data.imageId] : [];
    firstImage = ids.find((id) => id !== null && extras.images.has(id)) ?? undefined;
    if (firstImage !== undefined) break;
  }
  const shared: Shared = { locale: props.locale, extras, eager: (id) => id === firstImage };
  const runs: ShownSection[][] = [];
  for (const s of sections) {
    const last = runs.at(-1);
    if (last && isStep(s) && isStep(last[0]!)) last.push(s);
    else runs.push([s]);
  }
  return (
    <>
      {runs.map((run, index) =>
        isStep(run[0]!) ? (
          <ol class="tips">
            {run.map((s) => (
              <li>
                {s.heading ? <h2>{s.heading}</h2> : null}
                <Markdown text={s.bodyMd} {...shared} />
              </li>
            ))}
          </ol>
        ) : (
          <>
            <OneSection section={run[0]!} opening={index === 0 && !props.titled} {...shared} />
            {index === 0 ? props.afterOpening : null}
          </>
        ),
      )}
    </>
  );
}

function isStep(s: ShownSection): boolean {
  return s.kind === 'text' && s.data.style === 'step';
}

/** Markdown of a section. A retention period's placeholder becomes the period the purge uses. */
function Markdown(props: { text: string; locale: Locale }) {
  return props.text ? <Prose markdown={fillRetentionPeriods(props.text)} locale={props.locale} /> : null;
}

function href(link: SectionLink | null, shared: Shared): string | undefined {
  const path = linkPath(link, shared.extras.targets);
  return path === undefined ? undefined : localizedHref(shared.locale, path);
}

/** A section's link as a paragraph: a button (hero, call to action) or a "read more" link (text). */
function LinkParagraph(props: { to: string; label: string; look: 'button' | 'more' }) {
  return (
    <p>
      <a class={props.look} href={props.to}>
        {props.label}
      </a>
    </p>
  );
}

function Heading(props: { id: string; text: string; level?: 1 | 2 }) {
  if (!props.text) return null;
  return props.level === 1 ? <h1 id={props.id}>{props.text}</h1> : <h2 id={props.id}>{props.text}</h2>;
}

function OneSection(props: Shared & { section: ShownSection; opening: boolean }) {
  const { section: s, locale } = props;
  const id = `section-${s.key}`;
  const labelledBy = s.heading ? id : undefined;
  switch (s.kind) {
    case 'hero':
      return <Hero {...props} section={s} />;
    case 'text': {
      const to = href(s.data.link, props);
      return (
        <section class={s.data.style === 'note' ? 'section notice' : 'section'} aria-labelledby={labelledBy}>
          <Heading id={id} text={s.heading} />
          <Markdown text={s.bodyMd} locale={locale} />
          {to ? <LinkParagraph to={to} label={s.data.linkLabel || s.heading} look="more" /> : null}
        </section>
      );
    }
    case 'cards':
      return <Cards {...props} section={s} />;
    case 'figure':
      return (
        <section class="section impact" aria-labelledby={labelledBy}>
          <Heading id={id} text={s.heading} />
          <p>
            <strong class="figure">{s.data.figure}</strong> {s.data.caption}
          </p>
          <Markdown text={s.bodyMd} locale={locale} />
        </section>
      );
    case 'quote':
      return (
        <section
          class="section"
          aria-labelledby={labelledBy}
          aria-label={labelledBy ? undefined : contentMessages(locale).testimonialLabel}
        >
          <Heading id={id} text={s.heading} />
          <figure class="quote">
            <blockquote>
              <Markdown text={s.bodyMd} locale={locale} />
            </blockquote>
            {s.data.attribution ? <figcaption>— {s.data.attribution}</figcaption> : null}
          </figure>
        </section>
      );
    case 'cta':
      return <CallToAction {...props} section={s} />;
    case 'image': {
      const image = s.data.imageId === null ? undefined : props.extras.images.get(s.data.imageId);
      if (!image) return null;
      return (
        <section class="section" aria-labelledby={labelledBy}>
          <Heading id={id} text={s.heading} />
          <Figure image={image} sizes={fullWidth} eager={props.eager(image.id)} />
          <Markdown text={s.bodyMd} locale={locale} />
        </section>
      );
    }
    case 'resources':
      return <Resources {...props} section={s} />;
    case 'petition-progress':
      return <Progress {...props} section={s} />;
  }
}

function Hero(props: Shared & { section: Keyed<'hero'>; opening: boolean }) {
  const { section: s, locale } = props;
  const id = `section-${s.key}`;
  const image = s.data.imageId === null ? undefined : props.extras.images.get(s.data.imageId);
  const to = href(s.data.link, props);
  return (
    <section class="hero" aria-labelledby={s.heading ? id : undefined}>
      <Heading id={id} text={s.heading} level={props.opening ? 1 : 2} />
      <Markdown text={s.bodyMd} locale={locale} />
      {to ? <LinkParagraph to={to} label={s.data.linkLabel || s.heading} look="button" /> : null}
      {image ? <Picture image={image} sizes={fullWidth} eager={props.eager(image.id)} class="hero-image" /> : null}
    </section>
  );
}

function Cards(props: Shared & { section: Keyed<'cards'> }) {
  const { section: s, locale } = props;
  const id = `section-${s.key}`;
  const three = s.data.cards.length % 3 === 0;
  const list = (
    <ul class={three ? 'grid three' : 'grid'}>
      {s.data.cards.map((card) => {
        const image = card.imageId === null ? undefined : props.extras.images.get(card.imageId);
        return (
          <li class="card">
            {image ? <Picture image={image} sizes={cardWidth(three)} eager={props.eager(image.id)} /> : null}
            <h3>{card.title}</h3>
            <Markdown text={card.text} locale={locale} />
          </li>
        );
      })}
    </ul>
  );
  if (!s.heading && !s.bodyMd) return list;
  return (
    <section class="section" aria-labelledby={s.heading ? id : undefined}>
      <Heading id={id} text={s.heading} />
      <Markdown text={s.bodyMd} locale={locale} />
      {list}
    </section>
  );
}

function CallToAction(props: Shared & { section: Keyed<'cta'> }) {
  const { section: s, locale } = props;
  const id = `section-${s.key}`;
  const to = href(s.data.link, props);
  // A petition that is not open yet (or any more) still has its words; the button waits for it.
  const waiting = !to && s.data.link?.kind === 'petition';
  return (
    <section class="section cta" aria-labelledby={s.heading ? id : undefined}>
      {s.heading ? (
        <h2 id={id}>
          {s.heading} {waiting ? <span class="badge">{messagesFor(locale).comingSoon}</span> : null}
        </h2>
      ) : null}
      <Markdown text={s.bodyMd} locale={locale} />
      {to ? (
        <LinkParagraph to={to} label={s.data.linkLabel || s.heading} look="button" />
      ) : waiting ? (
        <p>{contentMessages(locale).comingSoonPetition}</p>
      ) : null}
    </section>
  );
}

function Resources(props: Shared & { section: Keyed<'resources'> }) {
  const { section: s, locale } = props;
  const id = `section-${s.key}`;
  const items = props.extras.resources.get(s.key) ?? [];
  return (
    <section class="section" aria-labelledby={s.heading ? id : undefined}>
      <Heading id={id} text={s.heading} />
      <Markdown text={s.bodyMd} locale={locale} />
      {items.length === 0 ? (
        <p>{contentMessages(locale).sections.noResources}</p>
      ) : (
        <ul class="list-plain">
          {items.map((r) => (
            <li lang={r.locale !== locale ? r.locale : undefined}>
              <h3>
                <a href={localizedPath(locale, `/resources/${r.slug}`)}>{r.title}</a>
              </h3>
              <p>{r.summary}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Progress(props: Shared & { section: Keyed<'petition-progress'> }) {
  const { section: s, locale } = props;
  const progress = props.extras.petitions.get(s.data.petition);
  if (!progress) return null;
  const id = `section-${s.key}`;
  const t = contentMessages(locale).sections;
  const words = t.signatures(
    formatNumber(progress.count, locale),
    progress.goal ? formatNumber(progress.goal, locale) : undefined,
  );
  const titleLang = progress.lang !== locale ? progress.lang : undefined;
  return (
    <section class="section petition-progress" aria-labelledby={id}>
      {s.heading ? (
        <h2 id={id}>{s.heading}</h2>
      ) : (
        <h2 id={id} lang={titleLang}>
          {progress.title}
        </h2>
      )}
      <Markdown text={s.bodyMd} locale={locale} />
      <p id={`${id}-count`}>{words}</p>
      {progress.goal ? (
        <progress
          max={progress.goal}
          value={Math.min(progress.count, progress.goal)}
          aria-label={t.progressLabel(progress.title)}
          aria-describedby={`${id}-count`}
        >
          {words}
        </progress>
      ) : null}
      <p>
        <a class="button" href={localizedPath(locale, progress.path)}>
          {t.signPetition}
        </a>
      </p>
    </section>
  );
}
