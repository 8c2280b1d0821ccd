import { CHALLENGE_FIELD } from '../../../platform/http/form-challenge.ts';
import { ChallengeField } from '../../../platform/http/form-challenge-widget.tsx';
import { PERSON_CHECK_FIELD, PersonCheckField, type PersonQuestion } from '../../../platform/http/person-check.tsx';
import { CheckboxGroup, ConsentNote, ContactFields, TrapField } from '../../../platform/web/contact-fields.tsx';
import { Checkbox, ErrorSummary, Form, Select, type FieldErrors } from '../../../platform/web/forms.tsx';
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

export function JoinPage(props: {
  locale: Locale;
  token: string;
  values: SignupValues;
  errors: FieldErrors;
  /** The question a form sent without the automatic check answers, once this connection has sent several. */
  personCheck?: PersonQuestion | undefined;
}) {
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
        <ContactFields words={t} values={v} errors={props.errors} />
        <Select
          name="language"
          label={t.language}
          value={v.language ?? props.locale}
          options={[
            ['en', names.en],
            ['es', names.es],
          ]}
        />
        <CheckboxGroup id="topics" legend={t.topics} error={props.errors.topics}>
          {subscriptionTopics.map((topic) => (
            <Checkbox name={`topic-${topic}`} label={t.topic[topic]} checked={v.topics?.includes(topic)} />
          ))}
        </CheckboxGroup>
        <TrapField id="website" label={t.honeypot} />
        <ConsentNote text={t.consent} linkLabel={t.privacy} privacyHref={localizedPath(props.locale, '/privacy')} />
        {props.personCheck ? (
          <PersonCheckField
            question={props.personCheck}
            locale={props.locale}
            error={props.errors[PERSON_CHECK_FIELD]}
          />
        ) : null}
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
