import { Prose } from '../../../platform/web/components.tsx';
import { ErrorSummary, Form, type FieldErrors } from '../../../platform/web/forms.tsx';
import { localizedPath, type Locale } from '../../../platform/web/locale.ts';
import { petitionMessages } from '../messages.ts';
import { ShareLinks } from './parts.tsx';

export type DistrictChoice = { token: string; districts: string[] };

/**
 * After signing: check your email. The same words whether the address is
 * new, has signed before or has used up its confirmations, so the page tells
 * nobody who has signed. When the ZIP spans several Senate districts, the
 * signer may say which is theirs (the choice depends only on the ZIP typed).
 */
export function SignedPage(props: {
  locale: Locale;
  slug: string;
  title: string;
  shareUrl: string;
  csrf: string;
  choice: DistrictChoice | undefined;
  errors?: FieldErrors;
  /** The petition's own thank-you words (Markdown) and their language, when staff wrote them. */
  thanks?: { markdown: string; lang: Locale } | undefined;
}) {
  const t = petitionMessages(props.locale);
  const back = localizedPath(props.locale, `/petitions/${props.slug}`);
  const errors = props.errors ?? {};
  return (
    <div class="narrow">
      <ErrorSummary errors={errors} title={t.form.errorTitle} />
      <h1>{t.signed.title}</h1>
      {props.thanks ? (
        <Prose markdown={props.thanks.markdown} locale={props.locale} lang={props.thanks.lang} />
      ) : (
        <p>{t.signed.body}</p>
      )}
      {props.choice ? (
        <Form
          action={localizedPath(props.locale, `/petitions/${props.slug}/district`)}
          token={props.csrf}
          class="district-choice"
        >
          <input type="hidden" name="choice" value={props.choice.token} />
          <fieldset
            class={errors.senate ? 'field field-error' : 'field'}
            id="senate"
            aria-describedby={errors.senate ? 'senate-hint senate-error' : 'senate-hint'}
          >
            <legend>{t.district.legend}</legend>
            <p class="hint" id="senate-hint">
              {t.district.hint}
            </p>
            {errors.senate ? (
              <p class="error-message" id="senate-error">
                <span class="visually-hidden">Error: </span>
                {errors.senate}
              </p>
            ) : null}
            {props.choice.districts.map((d) => (
              <div class="field checkbox">
                <input type="radio" id={`senate-${d}`} name="senate" value={d} />
                <label for={`senate-${d}`}>{t.district.option(d)}</label>
              </div>
            ))}
            <div class="field checkbox">
              <input type="radio" id="senate-unknown" name="senate" value="" checked />
              <label for="senate-unknown">{t.district.dontKnow}</label>
            </div>
          </fieldset>
          <button class="button" type="submit">
            {t.district.submit}
          </button>
        </Form>
      ) : null}
      <ShareLinks locale={props.locale} url={props.shareUrl} title={props.title} />
      <p>
        <a href={back}>{t.signed.back}</a>
      </p>
    </div>
  );
}

/** Opening the emailed link only shows this button: mail scanners that fetch links confirm nothing. */
export function ConfirmPage(props: { locale: Locale; action: string; csrf: string; title: string }) {
  const t = petitionMessages(props.locale).confirm;
  return (
    <div class="narrow">
      <h1>{t.title}</h1>
      <p>{t.body(props.title)}</p>
      <Form action={props.action} token={props.csrf}>
        <button class="button" type="submit">
          {t.button}
        </button>
      </Form>
    </div>
  );
}

export function ConfirmedPage(props: { locale: Locale; slug: string; title: string; shareUrl: string }) {
  const t = petitionMessages(props.locale);
  return (
    <div class="narrow">
      <h1>{t.confirm.doneTitle}</h1>
      <p>{t.confirm.done}</p>
      <ShareLinks locale={props.locale} url={props.shareUrl} title={props.title} />
      <p>
        <a href={localizedPath(props.locale, `/petitions/${props.slug}`)}>{t.signed.back}</a>
      </p>
    </div>
  );
}
