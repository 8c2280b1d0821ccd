import { Notice, Prose } from '../../../platform/web/components.tsx';
import { localizedHref, localizedPath, type Locale } from '../../../platform/web/locale.ts';
import { messagesFor } from '../../../platform/web/messages.ts';
import { contentMessages } from '../messages.ts';
import type { Page, Section } from '../service.ts';

// Consecutive sections of these kinds are shown together as one list of cards.
const cardKinds = new Set(['value', 'pillar']);

/**
 * Splits sections into runs: single sections, and lists of consecutive cards,
 * each led by the "…-intro" section before it when there is one.
 */
function runsOf(sections: Section[]): Section[][] {
  const runs: Section[][] = [];
  for (const section of sections) {
    const last = runs.at(-1);
    const lastKind = last?.at(-1)?.kind ?? '';
    if (last && cardKinds.has(section.kind) && (lastKind === section.kind || lastKind.endsWith('-intro')))
      last.push(section);
    else runs.push([section]);
  }
  return runs;
}

export function HomePage(props: { page: Page; locale: Locale }) {
  const { page, locale } = props;
  const textLang = page.locale;
  return (
    <>
      {page.isFallback ? <Notice>{messagesFor(locale).untranslated}</Notice> : null}
      {runsOf(page.sections).map((run) => (
        <HomeSection run={run} locale={locale} textLang={textLang} />
      ))}
    </>
  );
}

function HomeSection(props: { run: Section[]; locale: Locale; textLang: Locale }) {
  const { run, locale, textLang } = props;
  const first = run[0]!;
  const t = contentMessages(locale);
  const common = messagesFor(locale);
  const id = `section-${first.key}`;
  switch (first.kind) {
    case 'hero':
      return (
        <section class="hero" aria-labelledby={id}>
          <h1 id={id}>{first.heading}</h1>
          <Prose markdown={first.bodyMd} locale={locale} lang={textLang} />
        </section>
      );
    case 'value':
    case 'pillar':
      return <Cards cards={run} locale={locale} textLang={textLang} />;
    case 'impact':
      return (
        <section class="section impact" aria-labelledby={id}>
          <h2 id={id}>{first.heading}</h2>
          <p>
            <strong class="figure">{first.data.figure}</strong> {first.data.figureLabel}
          </p>
          <Prose markdown={first.bodyMd} locale={locale} lang={textLang} />
        </section>
      );
    case 'testimonial':
      return (
        <section class="section" aria-label={t.testimonialLabel}>
          <figure class="quote">
            <blockquote>
              <Prose markdown={first.bodyMd} locale={locale} lang={textLang} />
            </blockquote>
            {first.data.attribution ? <figcaption>— {first.data.attribution}</figcaption> : null}
          </figure>
        </section>
      );
    case 'newsletter-cta':
      return (
        <section class="section cta" aria-labelledby={id}>
          <h2 id={id}>{first.heading}</h2>
          <Prose markdown={first.bodyMd} locale={locale} lang={textLang} />
          <p>
            <a class="button" href={localizedPath(locale, '/join')}>
              {t.joinButton}
            </a>
          </p>
        </section>
      );
    case 'petition-cta':
      // The section's data names the petition it leads to; without one it still says the petition is coming.
      return (
        <section class="section cta" aria-labelledby={id}>
          <h2 id={id}>
            {first.heading} {first.data.href ? null : <span class="badge">{common.comingSoon}</span>}
          </h2>
          <Prose markdown={first.bodyMd} locale={locale} lang={textLang} />
          {first.data.href ? (
            <p>
              <a class="button" href={localizedHref(locale, first.data.href)}>
                {first.data.linkLabel ?? first.heading}
              </a>
            </p>
          ) : (
            <p>{t.comingSoonPetition}</p>
          )}
        </section>
      );
    case 'teaser':
      return (
        <section class="section" aria-labelledby={id}>
          <h2 id={id}>{first.heading}</h2>
          <Prose markdown={first.bodyMd} locale={locale} lang={textLang} />
          {first.data.href ? (
            <p>
              <a class="more" href={localizedHref(locale, first.data.href)}>
                {first.data.linkLabel ?? first.heading}
              </a>
            </p>
          ) : null}
        </section>
      );
    default:
      // values-intro, change-intro and any kind a later editor adds: a heading, text and the cards it leads.
      return (
        <section class="section" aria-labelledby={first.heading ? id : undefined}>
          {first.heading ? <h2 id={id}>{first.heading}</h2> : null}
          <Prose markdown={first.bodyMd} locale={locale} lang={textLang} />
          {run.length > 1 ? <Cards cards={run.slice(1)} locale={locale} textLang={textLang} /> : null}
        </section>
      );
  }
}

function Cards(props: { cards: Section[]; locale: Locale; textLang: Locale }) {
  return (
    <ul class={props.cards[0]?.kind === 'pillar' ? 'grid three' : 'grid'}>
      {props.cards.map((s) => (
        <li class="card">
          <h3>{s.heading}</h3>
          <Prose markdown={s.bodyMd} locale={props.locale} lang={props.textLang} />
        </li>
      ))}
    </ul>
  );
}
