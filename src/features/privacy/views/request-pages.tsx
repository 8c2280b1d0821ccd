import { CHALLENGE_FIELD } from '../../../platform/http/form-challenge.ts';
import { ChallengeField } from '../../../platform/http/form-challenge-widget.tsx';
import { PERSON_CHECK_FIELD, PersonCheckField, type PersonQuestion } from '../../../platform/http/person-check.tsx';
import { CheckboxGroup, TrapField } from '../../../platform/web/contact-fields.tsx';
import { ErrorSummary, Field, Form, TextArea, type FieldErrors } from '../../../platform/web/forms.tsx';
import { localizedPath, type Locale } from '../../../platform/web/locale.ts';
import { PrivacySignalNotice } from '../../../platform/web/privacy-signal.tsx';
import { DETAILS_MAX_LENGTH } from '../inputs.ts';
import { privacyMessages } from '../messages.ts';
import { requestKinds, type RequestKind } from '../schema.ts';
import type { CopyFormat } from '../requests.ts';

export type RequestValues = { kind?: string; email?: string; details?: string };

/** /privacy/request: what the person wants, the correction's words, and the address we know them by. */
export function RequestForm(props: {
  locale: Locale;
  csrf: string;
  values: RequestValues;
  errors: FieldErrors;
  signal: boolean;
  personCheck?: PersonQuestion | undefined;
}) {
  const t = privacyMessages(props.locale).request;
  const { values, errors } = props;
  return (
    <div class="narrow">
      <ErrorSummary errors={errors} title={t.errorTitle} />
      <h1>{t.title}</h1>
      {props.signal ? <PrivacySignalNotice locale={props.locale} /> : null}
      <p>{t.intro}</p>
      <p>{t.how}</p>
      <Form action={localizedPath(props.locale, '/privacy/request')} token={props.csrf}>
        <CheckboxGroup id="kind" legend={t.kindLegend} error={errors.kind}>
          {requestKinds.map((kind) => (
            <div class="field checkbox">
              <input type="radio" id={`kind-${kind}`} name="kind" value={kind} checked={values.kind === kind} />
              <label for={`kind-${kind}`}>{t.kind[kind]}</label>
            </div>
          ))}
        </CheckboxGroup>
        <TextArea
          name="details"
          label={t.details}
          hint={t.detailsHint}
          error={errors.details}
          value={values.details}
          rows={4}
          maxlength={DETAILS_MAX_LENGTH}
        />
        <Field
          name="email"
          type="email"
          label={t.email}
          hint={t.emailHint}
          error={errors.email}
          value={values.email}
          autocomplete="email"
        />
        <TrapField id="website" label={t.honeypot} />
        {props.personCheck ? (
          <PersonCheckField question={props.personCheck} locale={props.locale} error={errors[PERSON_CHECK_FIELD]} />
        ) : null}
        <ChallengeField error={errors[CHALLENGE_FIELD]} />
        <button class="button" type="submit">
          {t.submit}
        </button>
      </Form>
    </div>
  );
}

/** Opening the emailed link shows only a button: mail scanners that fetch links confirm nothing. */
export function ConfirmPage(props: { locale: Locale; token: string; csrf: string; kind: RequestKind }) {
  const t = privacyMessages(props.locale).confirm;
  return (
    <div class="narrow">
      <h1>{t.title}</h1>
      <p>{t.body[props.kind]}</p>
      <Form action={localizedPath(props.locale, `/privacy/confirm/${props.token}`)} token={props.csrf}>
        <button class={props.kind === 'deletion' ? 'button danger' : 'button'} type="submit">
          {t.button[props.kind]}
        </button>
      </Form>
    </div>
  );
}

/**
 * The copy's page: one form per format, each a POST so the download carries the page's CSRF token and a link
 * scanner takes nothing. A format already taken says so instead of offering it again.
 */
export function CopyPage(props: { locale: Locale; token: string; csrf: string; taken: Record<CopyFormat, boolean> }) {
  const t = privacyMessages(props.locale).copy;
  const base = localizedPath(props.locale, `/privacy/copy/${props.token}`);
  return (
    <div class="narrow">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      {(['json', 'html'] as const).map((format) =>
        props.taken[format] ? (
          <p>
            {t[format]}: {t.taken}
          </p>
        ) : (
          <Form action={`${base}/${format}`} token={props.csrf}>
            <button class="button secondary" type="submit">
              {t[format]}
            </button>
          </Form>
        ),
      )}
    </div>
  );
}
