import { Form } from '../../../platform/web/forms.tsx';
import { localizedPath, type Locale } from '../../../platform/web/locale.ts';
import { dataRightsMessages } from '../data-rights-messages.ts';

/** On the preferences page: a copy of their data (a form, so the download carries the page's CSRF token), and the way to erasure. */
export function YourDataSection(props: { locale: Locale; token: string; csrf: string }) {
  const t = dataRightsMessages(props.locale);
  const base = localizedPath(props.locale, `/preferences/${props.token}`);
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
