import type { Child } from 'hono/jsx';
import { CHALLENGE_FIELD } from '../../../platform/http/form-challenge.ts';
import { ChallengeField } from '../../../platform/http/form-challenge-widget.tsx';
import { PERSON_CHECK_FIELD, PersonCheckField, type PersonQuestion } from '../../../platform/http/person-check.tsx';
import { CheckboxGroup, ConsentNote, ContactFields, TrapField } from '../../../platform/web/contact-fields.tsx';
import { Checkbox, Field, Form, Select, TextArea, type FieldErrors } from '../../../platform/web/forms.tsx';
import { localizedPath, type Locale } from '../../../platform/web/locale.ts';
import type { EventDetails } from '../events-read.ts';
import { eventPublicMessages } from '../public-messages.ts';
import { rsvpInputMessages } from '../rsvp-inputs.ts';
import { interpretationLanguages } from '../schema.ts';
import { hoursSpan } from './when.ts';

/** The form as it was sent (or as the RSVP stands): each field's text, a repeated field's values as a list. */
export type RsvpValues = Record<string, string | string[] | undefined>;

const one = (values: RsvpValues, name: string): string => {
  const v = values[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? '') : '';
};
const many = (values: RsvpValues, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
};
const ticked = (values: RsvpValues, name: string) => one(values, name) === 'on';

/** One box of several sharing a name (sessions, interpretation): its id is its own, its value what it stands for. */
function Box(props: { name: string; value: string; label: string; checked: boolean }) {
  const id = `${props.name}-${props.value}`;
  return (
    <div class="field checkbox">
      <input type="checkbox" id={id} name={props.name} value={props.value} checked={props.checked} />
      <label for={id}>{props.label}</label>
    </div>
  );
}

/**
 * What a person may change later as well as give now: the parts of the day they come to, what would
 * help them take part, the event's own questions and their consent to photos.
 */
export function RsvpChoices(props: { event: EventDetails; locale: Locale; values: RsvpValues; errors: FieldErrors }) {
  const { event, locale, values, errors } = props;
  const t = eventPublicMessages(locale).form;
  const chosenSessions = many(values, 'sessions');
  const interpretation = many(values, 'interpretation');
  return (
    <>
      {event.sessions.length > 0 ? (
        <CheckboxGroup id="sessions" legend={t.sessions} error={errors.sessions}>
          <p class="hint">{t.sessionsHint}</p>
          {event.sessions.map((s) => (
            <Box
              name="sessions"
              value={String(s.id)}
              label={`${s.title} (${hoursSpan(s.startsAt, s.endsAt, locale, event.timeZone)})`}
              checked={chosenSessions.includes(String(s.id))}
            />
          ))}
        </CheckboxGroup>
      ) : null}
      <fieldset class="field">
        <legend>{t.needs}</legend>
        <p class="hint">{t.needsHint}</p>
        <CheckboxGroup id="interpretation" legend={t.interpretation} error={errors.interpretation}>
          {interpretationLanguages.map((language) => (
            <Box
              name="interpretation"
              value={language}
              label={t.interpretationLanguage[language]}
              checked={interpretation.includes(language)}
            />
          ))}
        </CheckboxGroup>
        <Field
          name="interpretationOther"
          label={t.interpretationOther}
          value={one(values, 'interpretationOther')}
          error={errors.interpretationOther}
          maxlength={200}
        />
        <TextArea
          name="accessibility"
          label={t.accessibility}
          hint={t.accessibilityHint}
          value={one(values, 'accessibility')}
          error={errors.accessibility}
          rows={3}
        />
        <Checkbox name="childcare" label={t.childcare} checked={ticked(values, 'childcare')} />
        <Checkbox name="travelHelp" label={t.travelHelp} checked={ticked(values, 'travelHelp')} />
      </fieldset>
      {event.questions.length > 0 ? (
        <fieldset class="field">
          <legend>{t.questions}</legend>
          {event.questions.map((q) => {
            const name = `q${q.id}`;
            const value = one(values, name);
            if (q.kind === 'text')
              return <TextArea name={name} label={q.label} value={value} error={errors[name]} rows={2} />;
            const options: [string, string][] =
              q.kind === 'yes-no'
                ? [
                    ['yes', t.yes],
                    ['no', t.no],
                  ]
                : q.choices.map((c) => [c, c]);
            return (
              <Select
                name={name}
                label={q.label}
                value={value}
                error={errors[name]}
                options={[['', t.choose], ...options]}
              />
            );
          })}
        </fieldset>
      ) : null}
      <Checkbox
        name="photoConsent"
        label={t.photoConsent}
        hint={t.photoConsentHint}
        checked={ticked(values, 'photoConsent')}
      />
    </>
  );
}

/** The RSVP form on an event's page: who they are, then their choices, then the protections every public form has. */
export function RsvpForm(props: {
  event: EventDetails;
  locale: Locale;
  csrf: string;
  values: RsvpValues;
  errors: FieldErrors;
  full: boolean;
  personCheck?: PersonQuestion | undefined;
  children?: Child;
}) {
  const { event, locale, values, errors } = props;
  const t = eventPublicMessages(locale).form;
  return (
    <Form action={localizedPath(locale, `/events/${event.slug}/rsvp`)} token={props.csrf} class="rsvp-form">
      <ContactFields
        words={t}
        values={{
          givenName: one(values, 'givenName'),
          familyName: one(values, 'familyName'),
          email: one(values, 'email'),
          zip: one(values, 'zip'),
        }}
        errors={errors}
      />
      <Field
        name="phone"
        label={t.phone}
        hint={t.phoneHint}
        type="text"
        inputmode="numeric"
        autocomplete="tel"
        value={one(values, 'phone')}
        error={errors.phone}
        maxlength={30}
      />
      <RsvpChoices event={event} locale={locale} values={values} errors={errors} />
      {/* The words the consent record's wording version names: the RSVP's own checks keep them. */}
      <Checkbox
        name="eventsTopic"
        label={rsvpInputMessages(locale).eventsTopic}
        checked={ticked(values, 'eventsTopic')}
      />
      <TrapField id="website" label={t.honeypot} />
      <ConsentNote text={t.consent} linkLabel={t.privacy} privacyHref={localizedPath(locale, '/privacy')} />
      {props.personCheck ? (
        <PersonCheckField question={props.personCheck} locale={locale} error={errors[PERSON_CHECK_FIELD]} />
      ) : null}
      <ChallengeField error={errors[CHALLENGE_FIELD]} />
      <button class="button" type="submit">
        {props.full ? t.submitWaitlist : t.submit}
      </button>
    </Form>
  );
}
