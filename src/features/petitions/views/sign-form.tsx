import { CHALLENGE_FIELD } from '../../../platform/http/form-challenge.ts';
import { ChallengeField } from '../../../platform/http/form-challenge-widget.tsx';
import { PERSON_CHECK_FIELD, PersonCheckField, type PersonQuestion } from '../../../platform/http/person-check.tsx';
import { ConsentNote, ContactFields, TrapField } from '../../../platform/web/contact-fields.tsx';
import { Checkbox, CsrfField, ErrorSummary, Field, TextArea, type FieldErrors } from '../../../platform/web/forms.tsx';
import { localizedPath, type Locale } from '../../../platform/web/locale.ts';
import { petitionMessages } from '../messages.ts';

/** What was typed, as typed: a refused form comes back with all of it. */
export type SignValues = {
  givenName?: string;
  familyName?: string;
  email?: string;
  zip?: string;
  street?: string;
  comment?: string;
  showPublicly?: boolean;
  newsletter?: boolean;
};

/** Where a refusal that belongs to no one field is listed and shown (blocked, too many, closed). */
export const FORM_PROBLEM = 'sign-form';

/**
 * The sign form. On the cached petition page it carries no CSRF token (the
 * page is the same for everyone): the POST is accepted on the browser's word
 * that it comes from this site (ADR 018), and the proof-of-work widget
 * fetches its own challenge (ADR 019). Re-rendered for one person after a
 * refusal, it carries a token too, for browsers that send neither header.
 */
export function SignForm(props: {
  locale: Locale;
  slug: string;
  values: SignValues;
  errors: FieldErrors;
  csrf?: string | undefined;
  geocoder: boolean;
  /** The question a form sent without the automatic check answers, once this connection has sent several. */
  personCheck?: PersonQuestion | undefined;
  /**
   * Staff looking at a preview: the form is shown as visitors get it, but its button is off (which also stops
   * Enter in a field from sending it), so nobody signs an open petition by trying the preview.
   */
  preview?: boolean;
}) {
  const t = petitionMessages(props.locale).form;
  const v = props.values;
  const e = props.errors;
  const formProblem = e[FORM_PROBLEM];
  return (
    <div id={FORM_PROBLEM}>
      {formProblem ? (
        <p class="notice" role="note">
          <strong>{t.formProblem}.</strong> {formProblem}
        </p>
      ) : null}
      <p>{t.intro}</p>
      <form method="post" action={localizedPath(props.locale, `/petitions/${props.slug}/sign`)} novalidate>
        {props.csrf ? <CsrfField token={props.csrf} /> : null}
        <ContactFields words={t} values={v} errors={e} />
        <Field
          name="street"
          label={t.street}
          hint={props.geocoder ? t.streetHintGeocoder : t.streetHint}
          value={v.street}
          error={e.street}
          autocomplete="address-line1"
          maxlength={200}
        />
        <TextArea
          name="comment"
          label={t.comment}
          hint={t.commentHint}
          value={v.comment}
          error={e.comment}
          rows={4}
          maxlength={1000}
        />
        <Checkbox name="showPublicly" label={t.showPublicly} checked={v.showPublicly} />
        <Checkbox name="newsletter" label={t.newsletter} checked={v.newsletter} />
        <TrapField id="sign-website" label={t.honeypot} />
        <ConsentNote text={t.consent} linkLabel={t.privacy} privacyHref={localizedPath(props.locale, '/privacy')} />
        {props.personCheck ? (
          <PersonCheckField question={props.personCheck} locale={props.locale} error={e[PERSON_CHECK_FIELD]} />
        ) : null}
        <ChallengeField error={e[CHALLENGE_FIELD]} />
        {props.preview ? (
          <p class="notice" role="note" lang="en">
            This is a preview: the form takes no signatures here.
          </p>
        ) : null}
        <button class="button" type="submit" disabled={props.preview}>
          {t.submit}
        </button>
      </form>
    </div>
  );
}

/** The form alone with its problems listed first, for a refused signature (rendered for one person, never cached). */
export function SignAgainPage(props: Parameters<typeof SignForm>[0] & { title: string; lang: Locale | undefined }) {
  const t = petitionMessages(props.locale).form;
  return (
    <div class="narrow">
      <ErrorSummary errors={props.errors} title={t.errorTitle} />
      <h1>
        {petitionMessages(props.locale).page.signTitle}: <span lang={props.lang}>{props.title}</span>
      </h1>
      <SignForm {...props} />
    </div>
  );
}
