import type { Child } from 'hono/jsx';
import { Layout, renderDocument, type SiteFrame } from './layout.tsx';
import { localizedPath, type Locale } from './locale.ts';
import { messagesFor } from './messages.ts';

type ErrorPageProps = { locale: Locale; path: string; publicUrl: string; site: SiteFrame; requestId?: string };

/** The site's frame around a heading and one message, kept out of search results. */
function errorPage(props: ErrorPageProps, title: string, body: string, more?: Child): Promise<string> {
  return renderDocument(
    <Layout locale={props.locale} path={props.path} title={title} publicUrl={props.publicUrl} site={props.site} noindex>
      <h1>{title}</h1>
      <p>{body}</p>
      {more}
    </Layout>,
  );
}

export function renderNotFound(props: ErrorPageProps): Promise<string> {
  const t = messagesFor(props.locale).notFound;
  return errorPage(
    props,
    t.title,
    t.body,
    <p>
      <a href={localizedPath(props.locale, '/')}>{t.home}</a>
    </p>,
  );
}

export function renderServerError(props: ErrorPageProps): Promise<string> {
  const t = messagesFor(props.locale).serverError;
  const reference = props.requestId ? (
    <p>
      {t.reference} <code>{props.requestId}</code>
    </p>
  ) : null;
  return errorPage(props, t.title, t.body, reference);
}

/** A form too large to read (413), said in the page's language. */
export function renderTooLarge(props: ErrorPageProps): Promise<string> {
  const t = messagesFor(props.locale).tooLarge;
  return errorPage(props, t.title, t.body);
}

/** The other refusals met before any route (429 too many requests, 403 an expired form), in the visitor's language. */
export function renderRefusal(props: ErrorPageProps, kind: 'tooMany' | 'formExpired'): Promise<string> {
  const t = messagesFor(props.locale)[kind];
  return errorPage(props, t.title, t.body);
}
