import { Notice, Prose } from '../../../platform/web/components.tsx';
import { fillRetentionPeriods } from '../../../platform/retention.ts';
import type { Locale } from '../../../platform/web/locale.ts';
import { messagesFor } from '../../../platform/web/messages.ts';
import type { Page } from '../service.ts';

/**
 * An editorial page (tips, about, privacy): a title, an introduction and sections. Tips are numbered.
 * A retention period's placeholder becomes the period the purge uses, so the privacy notice cannot promise another.
 */
export function ContentPage(props: { page: Page; locale: Locale }) {
  const { page, locale } = props;
  const textLang = page.locale;
  const tips = page.sections.filter((s) => s.kind === 'tip');
  const others = page.sections.filter((s) => s.kind !== 'tip');
  return (
    <>
      {page.isFallback ? <Notice>{messagesFor(locale).untranslated}</Notice> : null}
      <article lang={textLang !== locale ? textLang : undefined}>
        <h1>{page.title}</h1>
        <Prose markdown={fillRetentionPeriods(page.bodyMd)} locale={locale} />
        {tips.length > 0 ? (
          <ol class="tips">
            {tips.map((tip) => (
              <li>
                <h2>{tip.heading}</h2>
                <Prose markdown={fillRetentionPeriods(tip.bodyMd)} locale={locale} />
              </li>
            ))}
          </ol>
        ) : null}
        {others.map((s) => (
          <section class={s.kind === 'note' ? 'section notice' : 'section'}>
            {s.heading ? <h2>{s.heading}</h2> : null}
            <Prose markdown={fillRetentionPeriods(s.bodyMd)} locale={locale} />
          </section>
        ))}
      </article>
    </>
  );
}
