import { CHALLENGE_FIELD } from '../../../platform/http/form-challenge.ts';
import { ChallengeField } from '../../../platform/http/form-challenge-widget.tsx';
import { PERSON_CHECK_FIELD, PersonCheckField, type PersonQuestion } from '../../../platform/http/person-check.tsx';
import { CheckboxGroup, TrapField } from '../../../platform/web/contact-fields.tsx';
import { ErrorSummary, Field, Form, Select, TextArea, type FieldErrors } from '../../../platform/web/forms.tsx';
import { localizedPath, type Locale } from '../../../platform/web/locale.ts';
import { storyPublicMessages } from '../public-messages.ts';
import { publishConsents, storyTopics, tellerKinds } from '../schema.ts';
import { OUTSIDE_OREGON, oregonCounties, STORY_MAX_LENGTH } from '../story-inputs.ts';

/** The form as it was sent: each field's text, a repeated field's values as a list. */
export type StoryValues = Record<string, string | string[] | undefined>;

const one = (values: StoryValues, name: string): string => {
  const v = values[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? '') : '';
};
const many = (values: StoryValues, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
};

/** One box or radio of several sharing a name: its id is its own, its value what it stands for. */
function Choice(props: { type: 'checkbox' | 'radio'; name: string; value: string; label: string; checked: boolean }) {
  const id = `${props.name}-${props.value}`;
  return (
    <div class="field checkbox">
      <input type={props.type} id={id} name={props.name} value={props.value} checked={props.checked} />
      <label for={id}>{props.label}</label>
    </div>
  );
}

/** A single yes box whose error (contact me first, without a way to) sits by it, as every field's does. */
function Tick(props: { name: string; label: string; hint?: string; checked: boolean; error?: string | undefined }) {
  const described = [props.hint ? `${props.name}-hint` : '', props.error ? `${props.name}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={props.error ? 'field checkbox field-error' : 'field checkbox'}>
      <input
        type="checkbox"
        id={props.name}
        name={props.name}
        value="on"
        checked={props.checked}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={described || undefined}
      />
      <label for={props.name}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="error-message" id={`${props.name}-error`}>
          <span class="visually-hidden">Error: </span>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** The consent: one of three, testimony as a yes, and "contact me first". Shared by the form and the consent page. */
export function ConsentFields(props: { locale: Locale; values: StoryValues; errors: FieldErrors }) {
  const { values, errors } = props;
  const t = storyPublicMessages(props.locale).consent;
  return (
    <>
      <CheckboxGroup id="publishConsent" legend={t.legend} error={errors.publishConsent}>
        <p class="hint">{t.hint}</p>
        {publishConsents.map((choice) => (
          <Choice
            type="radio"
            name="publishConsent"
            value={choice}
            label={t.choice[choice]}
            checked={one(values, 'publishConsent') === choice}
          />
        ))}
      </CheckboxGroup>
      <Tick name="testimonyConsent" label={t.testimony} checked={one(values, 'testimonyConsent') === 'on'} />
      <Tick
        name="contactBeforePublishing"
        label={t.contactFirst}
        hint={t.contactFirstHint}
        checked={one(values, 'contactBeforePublishing') === 'on'}
        error={errors.contactBeforePublishing}
      />
    </>
  );
}

/**
 * The story form. Only the story is required; what it says will happen to the story comes first, in plain words.
 * The draft controls are hidden until the script shows them: without JavaScript nothing is kept on the device.
 */
export function ShareForm(props: {
  locale: Locale;
  csrf: string;
  values: StoryValues;
  errors: FieldErrors;
  personCheck?: PersonQuestion | undefined;
}) {
  const { locale, values, errors } = props;
  const t = storyPublicMessages(locale);
  const counties: [string, string][] = [
    ['', t.countyNone],
    ...oregonCounties.map((c): [string, string] => [c, c]),
    [OUTSIDE_OREGON, t.countyOutside],
  ];
  return (
    <div class="narrow share-story">
      <ErrorSummary errors={errors} title={t.errorTitle} />
      <h1>{t.title}</h1>
      {t.intro.map((line) => (
        <p>{line}</p>
      ))}
      <section class="notice" aria-labelledby="what-happens">
        <h2 id="what-happens">{t.whatHappens}</h2>
        <ul>
          {t.promises.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      </section>
      <p>{t.help}</p>
      <Form action={localizedPath(locale, '/share-your-story')} token={props.csrf} class="story-form">
        <TextArea
          name="story"
          label={t.story}
          hint={t.storyHint}
          value={one(values, 'story')}
          error={errors.story}
          rows={14}
          maxlength={STORY_MAX_LENGTH}
        />
        <div class="story-draft" hidden data-draft-key={`story-draft:${locale}`}>
          <h2>{t.draft.heading}</h2>
          <p>{t.draft.body}</p>
          <div class="button-group">
            <button type="button" class="button secondary" data-draft="save">
              {t.draft.save}
            </button>
            <button type="button" class="button secondary" data-draft="delete">
              {t.draft.delete}
            </button>
          </div>
          <p
            role="status"
            class="hint"
            data-draft="status"
            data-saved={t.draft.saved}
            data-deleted={t.draft.deleted}
            data-restored={t.draft.restored}
          ></p>
        </div>
        <TextArea
          name="contentNotes"
          label={t.contentNotes}
          hint={t.contentNotesHint}
          value={one(values, 'contentNotes')}
          error={errors.contentNotes}
          rows={2}
          maxlength={500}
        />
        <fieldset class="field">
          <legend>{t.aboutYou}</legend>
          <Field
            name="name"
            label={t.name}
            hint={t.nameHint}
            value={one(values, 'name')}
            error={errors.name}
            autocomplete="given-name"
            maxlength={100}
          />
          <Field
            name="email"
            type="email"
            label={t.email}
            hint={t.emailHint}
            value={one(values, 'email')}
            error={errors.email}
            autocomplete="email"
            maxlength={254}
          />
          <Field
            name="phone"
            label={t.phone}
            hint={t.phoneHint}
            inputmode="numeric"
            autocomplete="tel"
            value={one(values, 'phone')}
            error={errors.phone}
            maxlength={30}
          />
          <Select
            name="county"
            label={t.county}
            value={one(values, 'county')}
            error={errors.county}
            options={counties}
          />
          <CheckboxGroup id="kinds" legend={t.kinds} error={errors.kinds}>
            {tellerKinds.map((kind) => (
              <Choice
                type="checkbox"
                name="kinds"
                value={kind}
                label={t.kind[kind]}
                checked={many(values, 'kinds').includes(kind)}
              />
            ))}
          </CheckboxGroup>
        </fieldset>
        <CheckboxGroup id="topics" legend={t.topics} error={errors.topics}>
          {storyTopics.map((topic) => (
            <Choice
              type="checkbox"
              name="topics"
              value={topic}
              label={t.topic[topic]}
              checked={many(values, 'topics').includes(topic)}
            />
          ))}
        </CheckboxGroup>
        <ConsentFields locale={locale} values={values} errors={errors} />
        <TrapField id="website" label={t.honeypot} />
        {props.personCheck ? (
          <PersonCheckField question={props.personCheck} locale={locale} error={errors[PERSON_CHECK_FIELD]} />
        ) : null}
        <ChallengeField error={errors[CHALLENGE_FIELD]} />
        <button class="button" type="submit">
          {t.submit}
        </button>
      </Form>
    </div>
  );
}
