import { Layout, renderDocument, type SiteFrame } from './layout.tsx';
import { localizedPath, type Locale } from './locale.ts';
import { messagesFor } from './messages.ts';

type ErrorPageProps = { locale: Locale; path: string; publicUrl: string; site: SiteFrame; requestId?: string };

export function renderNotFound(props: ErrorPageProps): Promise<string> {
  const t = messagesFor(props.locale).notFound;
  return renderDocument(
    <Layout locale={props.locale} path={props.path} title={t.title} publicUrl={props.publicUrl} site={props.site} noindex>
      <h1>{t.title}</h1>
      <p>{t.body}</p>
      <p>
        <a href={localizedPath(props.locale, '/')}>{t.home}</a>
      </p>
    </Layout>,
  );
}

export function renderServerError(props: ErrorPageProps): Promise<string> {
  const t = messagesFor(props.locale).serverError;
  return renderDocument(
    <Layout locale={props.locale} path={props.path} title={t.title} publicUrl={props.publicUrl} site={props.site} noindex>
      <h1>{t.title}</h1>
      <p>{t.body}</p>
      {props.requestId ? (
        <p>
          {t.reference} <code>{props.requestId}</code>
        </p>
      ) : null}
    </Layout>,
  );
}
