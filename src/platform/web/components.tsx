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

// Building an Intl formatter costs far more than using one, so each language gets one, once.
const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }),
  es: new Intl.DateTimeFormat('es-US', { dateStyle: 'long', timeZone: 'UTC' }),
};

/** Formats an ISO date (YYYY-MM-DD) for people, in the page's language. */
export function formatDate(isoDate: string, locale: Locale): string {
  return dateFormats[locale].format(new Date(`${isoDate}T12:00:00Z`));
}
