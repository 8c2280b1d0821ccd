import { Form } from '../../../platform/web/forms.tsx';
import { localizedPath, type Locale } from '../../../platform/web/locale.ts';
import { dataRightsMessages } from '../data-rights-messages.ts';

/**
 * On the preferences page: a copy of their data (a form, so the download
 * carries the page's CSRF token), and the way to erasure. Both only from a
 * link emailed within the hour; an older link offers to email one (ADR 028).
 */
export function YourDataSection(props: { locale: Locale; token: string; csrf: string; fresh: boolean }) {
  const t = dataRightsMessages(props.locale);
  const base = localizedPath(props.locale, `/preferences/${props.token}`);
  if (!props.fresh) {
    return (
      <section aria-labelledby="your-data">
        <h2 id="your-data">{t.heading}</h2>
        <p>{t.intro}</p>
        <NewLinkForm locale={props.locale} token={props.token} csrf={props.csrf} reason={t.freshNeeded} />
      </section>
    );
  }
  return (
    <section aria-labelledby="your-data">
      <h2 id="your-data">{t.heading}</h2>
      <p>{t.intro}</p>
      <Form action={`${base}/export`} token={props.csrf}>
        <p class="hint" id="download-hint">
          {t.downloadHint}
        </p>
        <button class="button secondary" type="submit" aria-describedby="download-hint">
          {t.download}
        </button>
      </Form>
      <p>
        <a href={`${base}/delete`}>{t.deleteLink}</a>
      </p>
    </section>
  );
}

/** A paragraph saying why, and one button that posts to an action of this link ("new-link", "stop-older"). */
function LinkActionForm(props: {
  locale: Locale;
  token: string;
  csrf: string;
  action: string;
  reason: string;
  label: string;
}) {
  return (
    <Form action={localizedPath(props.locale, `/preferences/${props.token}/${props.action}`)} token={props.csrf}>
      <p>{props.reason}</p>
      <button class="button secondary" type="submit">
        {props.label}
      </button>
    </Form>
  );
}

/** Why a new link is needed, and the button that emails one to the address on record. */
export function NewLinkForm(props: { locale: Locale; token: string; csrf: string; reason: string }) {
  return <LinkActionForm {...props} action="new-link" label={dataRightsMessages(props.locale).sendLink} />;
}

/**
 * A page holding the new-link form: for a link too old to open what was asked.
 * A link that may still unsubscribe also offers that: it only ever sends less.
 */
export function NewLinkPage(props: {
  locale: Locale;
  token: string;
  csrf: string;
  title: string;
  reason: string;
  unsubscribe?: { note: string; label: string } | undefined;
}) {
  return (
    <div class="narrow">
      <h1>{props.title}</h1>
      <NewLinkForm {...props} />
      {props.unsubscribe ? (
        <Form action={localizedPath(props.locale, `/preferences/${props.token}`)} token={props.csrf}>
          <p>{props.unsubscribe.note}</p>
          <button class="button secondary" type="submit" name="intent" value="unsubscribe-all">
            {props.unsubscribe.label}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

/** "Stop older links working", for someone who fears another person reads their email. */
export function OlderLinksSection(props: { locale: Locale; token: string; csrf: string }) {
  const t = dataRightsMessages(props.locale);
  return (
    <section aria-labelledby="older-links">
      <h2 id="older-links">{t.olderHeading}</h2>
      <LinkActionForm {...props} action="stop-older" reason={t.olderIntro} label={t.stopOlder} />
    </section>
  );
}

/**
 * The step before erasure. The button itself sends confirm=yes, so a POST
 * that did not come from pressing it erases nothing.
 */
export function DeleteConfirmPage(props: { locale: Locale; token: string; csrf: string; error?: boolean }) {
  const t = dataRightsMessages(props.locale);
  const base = localizedPath(props.locale, `/preferences/${props.token}`);
  return (
    <div class="narrow">
      {props.error ? (
        <div class="error-summary" role="alert" tabindex={-1} aria-labelledby="error-summary-title" autofocus>
          <h2 id="error-summary-title">{t.errorTitle}</h2>
          <p>{t.pressButton}</p>
        </div>
      ) : null}
      <h1>{t.confirmTitle}</h1>
      <p>{t.confirmBody}</p>
      <p>{t.keptNote}</p>
      <Form action={`${base}/delete`} token={props.csrf}>
        <button class="button danger" type="submit" name="confirm" value="yes">
          {t.confirmButton}
        </button>{' '}
        <a class="button secondary" href={base}>
          {t.cancel}
        </a>
      </Form>
    </div>
  );
}
