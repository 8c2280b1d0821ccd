import type { Child } from 'hono/jsx';
import { localizedPath, type Locale } from './locale.ts';
import { renderMarkdown } from './markdown.ts';

/**
 * Markdown written by staff, made safe and with its site links pointed at
 * the page's language. `lang` marks text shown in another language than the
 * page (an English fallback inside a Spanish page) for screen readers.
 */
export function Prose(props: { markdown: string; locale: Locale; lang?: Locale | undefined; class?: string }) {
  const html = renderMarkdown(props.markdown, { languagePrefix: localizedPath(props.locale, '/').replace(/\/$/, '') });
  if (!html) return null;
  return (
    <div
      class={props.class ?? 'prose'}
      lang={props.lang && props.lang !== props.locale ? props.lang : undefined}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

/** A page that only says what happened: a title, a sentence and, where it helps, a way on. */
export function MessagePage(props: { title: string; body: string; link?: { href: string; label: string } }) {
  return (
    <div class="narrow">
      <h1>{props.title}</h1>
      <p>{props.body}</p>
      {props.link ? (
        <p>
          <a href={props.link.href}>{props.link.label}</a>
        </p>
      ) : null}
    </div>
  );
}

/** The way back up, above a page's title: one link, the arrow saying which way it goes. */
export function BackLink(props: { href: string; children?: Child; class?: string }) {
  return (
    <p class={props.class}>
      <a href={props.href}>← {props.children}</a>
    </p>
  );
}

export function Notice(props: { children?: Child }) {
  return (
    <p class="notice" role="note">
      {props.children}
    </p>
  );
}

/**
 * The formats each language's readers expect: Spanish groups thousands with a point ("10.000", as the RAE
 * writes numbers of five digits or more) and writes dates as "4 de diciembre de 2026". Building an Intl
 * formatter costs far more than using one, so each language gets one, once.
 */
const intlLocales: Record<Locale, string> = { en: 'en-US', es: 'es-ES' };
const numberFormats: Record<Locale, Intl.NumberFormat> = {
  en: new Intl.NumberFormat(intlLocales.en),
  es: new Intl.NumberFormat(intlLocales.es),
};
const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat(intlLocales.en, { dateStyle: 'long', timeZone: 'UTC' }),
  es: new Intl.DateTimeFormat(intlLocales.es, { dateStyle: 'long', timeZone: 'UTC' }),
};
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** A count or amount for people, in the page's language. */
export function formatNumber(n: number, locale: Locale): string {
  return numberFormats[locale].format(n);
}

/** Formats an ISO date (YYYY-MM-DD) for people, in the page's language. */
export function formatDate(isoDate: string, locale: Locale): string {
  return dateFormats[locale].format(new Date(`${isoDate}T12:00:00Z`));
}

/** The day an instant falls on in the organisation's time zone, for people, in the page's language. */
export function formatDay(at: Date, locale: Locale, timeZone: string): string {
  const key = `${locale}:${timeZone}`;
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocales[locale], { dateStyle: 'long', timeZone });
    dayFormats.set(key, format);
  }
  return format.format(at);
}
