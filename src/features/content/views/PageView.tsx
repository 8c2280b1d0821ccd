import { Notice, Prose } from '../../../platform/web/components.tsx';
import { fillRetentionPeriods } from '../../../platform/retention.ts';
import type { Locale } from '../../../platform/web/locale.ts';
import { messagesFor } from '../../../platform/web/messages.ts';
import type { Page } from '../pages.ts';
import { readSection } from '../sections.ts';
import { Sections, type SectionExtras, type ShownSection } from './sections.tsx';

/**
 * Any page of the site, the home page too: its title, its Markdown text (if any) and then its
 * visible sections in order. A page that opens with a hero lets the hero's heading be its h1.
 * Words shown in English on the Spanish site are marked as English for screen readers.
 */
export function PageView(props: { page: Page; locale: Locale; extras: SectionExtras }) {
  const { page, locale } = props;
  const shown = visibleSections(page);
  const titled = shown[0]?.kind !== 'hero';
  const body = page.bodyMd ? <Prose markdown={fillRetentionPeriods(page.bodyMd)} locale={locale} /> : null;
  return (
    <>
      {page.isFallback ? <Notice>{messagesFor(locale).untranslated}</Notice> : null}
      <article class="page" lang={page.locale !== locale ? page.locale : undefined}>
        {titled ? <h1>{page.title}</h1> : null}
        {titled ? body : null}
        <Sections
          sections={shown}
          locale={locale}
          extras={props.extras}
          titled={titled}
          afterOpening={titled ? null : body}
        />
      </article>
    </>
  );
}

/** The sections visitors see: not hidden, and of a kind this version of the site knows. */
export function visibleSections(page: Pick<Page, 'sections'>): ShownSection[] {
  return page.sections.flatMap((row) => {
    const section = row.hidden ? undefined : readSection(row);
    return section ? [section as ShownSection] : [];
  });
}
