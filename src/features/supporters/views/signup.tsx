import { CHALLENGE_FIELD } from '../../../platform/http/form-challenge.ts';
import { ChallengeField } from '../../../platform/http/form-challenge-widget.tsx';
import { Checkbox, ErrorSummary, Field, Form, Select, type FieldErrors } from '../../../platform/web/forms.tsx';
import { localizedPath, type Locale } from '../../../platform/web/locale.ts';
import { signupMessages } from '../messages.ts';
import { subscriptionTopics } from '../schema.ts';

export type SignupValues = {
  givenName?: string;
  familyName?: string;
  email?: string;
  zip?: string;
  language?: string;
  topics?: string[];
};

export function JoinPage(props: { locale: Locale; token: string; values: SignupValues; errors: FieldErrors }) {
  const t = signupMessages(props.locale).join;
  const names = signupMessages(props.locale).languageNames;
  const v = props.values;
  const challengeError = props.errors[CHALLENGE_FIELD];
  return (
    <div class="narrow">
      <ErrorSummary errors={props.errors} title={t.errorTitle} />
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <Form action={localizedPath(props.locale, '/join')} token={props.token}>
        <Field
          name="givenName"
          label={t.givenName}
          value={v.givenName}
          error={props.errors.givenName}
          autocomplete="given-name"
          maxlength={100}
        />
        <Field
          name="familyName"
          label={t.familyName}
          value={v.familyName}
          error={props.errors.familyName}
          autocomplete="family-name"
          maxlength={100}
        />
        <Field
          name="email"
          label={t.email}
          type="email"
          value={v.email}
          error={props.errors.email}
          autocomplete="email"
          maxlength={254}
        />
        <Field
          name="zip"
          label={t.zip}
          hint={t.zipHint}
          value={v.zip}
          error={props.errors.zip}
          autocomplete="postal-code"
          inputmode="numeric"
          maxlength={10}
        />
        <Select
          name="language"
          label={t.language}
          value={v.language ?? props.locale}
          options={[
            ['en', names.en],
            ['es', names.es],
          ]}
        />
        <fieldset
          class={props.errors.topics ? 'field field-error' : 'field'}
          id="topics"
          aria-describedby={props.errors.topics ? 'topics-error' : undefined}
        >
          <legend>{t.topics}</legend>
          {props.errors.topics ? (
            <p class="error-message" id="topics-error">
              {props.errors.topics}
            </p>
          ) : null}
          {subscriptionTopics.map((topic) => (
            <Checkbox name={`topic-${topic}`} label={t.topic[topic]} checked={v.topics?.includes(topic)} />
          ))}
        </fieldset>
        {/* Hidden from people by CSS and from assistive technology; bots that fill every field give themselves away. */}
        <div class="trap" aria-hidden="true">
          <label for="website">{t.honeypot}</label>
          <input id="website" name="website" type="text" tabindex={-1} autocomplete="off" />
        </div>
        <p class="hint">
          {t.consent} <a href={localizedPath(props.locale, '/privacy')}>{t.privacy}</a>.
        </p>
        <ChallengeField error={challengeError} />
        <button class="button" type="submit">
          {t.submit}
        </button>
      </Form>
    </div>
  );
}

export function ConfirmPage(props: { locale: Locale; token: string; csrf: string }) {
  const t = signupMessages(props.locale).confirm;
  return (
    <div class="narrow">
      <h1>{t.title}</h1>
      <p>{t.body}</p>
      <Form action={localizedPath(props.locale, `/confirm/${props.token}`)} token={props.csrf}>
        <button class="button" type="submit">
          {t.button}
        </button>
      </Form>
    </div>
  );
}
