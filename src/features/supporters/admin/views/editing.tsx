import type { Child } from 'hono/jsx';
import { BackLink } from '../../../../platform/web/components.tsx';
import { Checkbox, ErrorSummary, Field, Form, Select, type FieldErrors } from '../../../../platform/web/forms.tsx';
import { formatInZone } from '../../../../platform/web/time.ts';
import type { SupporterRecord } from '../../records.ts';
import { subscriptionTopics, type Topic } from '../../schema.ts';
import { STAFF_CONSENT } from '../../staff-consent.ts';
import { fullName } from './list.tsx';
import { languageLabel, suppressionLabel, topicLabel } from './wording.ts';

/** What staff typed into the add, edit and subscriptions forms, kept as typed to show back. */
export type SupporterFormValues = {
  givenName?: string;
  familyName?: string;
  email?: string;
  phone?: string;
  zip?: string;
  language?: string;
  topics?: string[];
  consent?: boolean;
};

const errorTitle = 'There is a problem';

/** The text fields of who the person is, in the order the forms show them. */
const detailFields = [
  { name: 'givenName', label: 'First name', maxlength: 100 },
  { name: 'familyName', label: 'Last name (optional)', maxlength: 100 },
  { name: 'email', label: 'Email address', type: 'email', maxlength: 254 },
  { name: 'phone', label: 'Phone number (optional)', hint: 'With the area code, like 503-555-0143.', maxlength: 30 },
  {
    name: 'zip',
    label: 'ZIP code (optional)',
    hint: 'Finds their county, for events and legislators near them.',
    inputmode: 'numeric',
    maxlength: 10,
  },
] as const;

/** Who the person is: the same fields when adding them and when correcting them. */
function DetailsFields(props: { values: SupporterFormValues; errors: FieldErrors }) {
  const { values: v, errors } = props;
  return (
    <>
      {detailFields.map((field) => (
        <Field {...field} value={v[field.name]} error={errors[field.name]} />
      ))}
      <Select
        name="language"
        label="Language for their email"
        value={v.language ?? 'en'}
        error={errors.language}
        options={[
          ['en', languageLabel.en],
          ['es', languageLabel.es],
        ]}
      />
    </>
  );
}

/** One box per topic; `hints` says where each stands today, on the subscriptions form. */
function TopicChoices(props: {
  legend: string;
  values: SupporterFormValues;
  errors: FieldErrors;
  hints?: Partial<Record<Topic, string>>;
}) {
  const error = props.errors.topics;
  return (
    <fieldset
      class={error ? 'field field-error' : 'field'}
      id="topics"
      aria-describedby={error ? 'topics-error' : undefined}
    >
      <legend>{props.legend}</legend>
      {error ? (
        <p class="error-message" id="topics-error">
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      {subscriptionTopics.map((topic) => (
        <Checkbox
          name={`topic-${topic}`}
          label={topicLabel[topic]}
          checked={props.values.topics?.includes(topic)}
          {...(props.hints?.[topic] ? { hint: props.hints[topic] } : {})}
        />
      ))}
    </fieldset>
  );
}

/** The words staff confirm the person agreed to, and the box that says so. */
function ConsentBox(props: { values: SupporterFormValues; errors: FieldErrors; intro: string }) {
  const error = props.errors.consent;
  return (
    <fieldset
      class={error ? 'field field-error' : 'field'}
      aria-describedby={error ? 'consent-wording consent-error' : 'consent-wording'}
    >
      <legend>Their consent</legend>
      <p class="hint">{props.intro}</p>
      <blockquote id="consent-wording">
        <p>{STAFF_CONSENT.wording}</p>
      </blockquote>
      {error ? (
        <p class="error-message" id="consent-error">
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <Checkbox name="consent" label={STAFF_CONSENT.label} checked={props.values.consent} />
    </fieldset>
  );
}

export function NewSupporterPage(props: { token: string; values: SupporterFormValues; errors: FieldErrors }) {
  return (
    <div class="narrow">
      <ErrorSummary errors={props.errors} title={errorTitle} />
      <BackLink href="/admin/supporters">Supporters</BackLink>
      <h1>Add a supporter</h1>
      <p>
        For someone who asked you for our email in person, by phone or in writing. If their address is already on the
        list, you go to their record instead, and nothing about them changes.
      </p>
      <Form action="/admin/supporters/new" token={props.token}>
        <DetailsFields values={props.values} errors={props.errors} />
        <TopicChoices legend="What they agreed to receive" values={props.values} errors={props.errors} />
        <ConsentBox
          values={props.values}
          errors={props.errors}
          intro="Recorded with today’s date, your name and these words. Read them to the person if you can."
        />
        <button type="submit" class="button">
          Add supporter
        </button>
      </Form>
    </div>
  );
}

/** A form about one person, on a page of its own: back to them, the form, save or cancel. */
function PersonForm(props: {
  record: SupporterRecord;
  token: string;
  errors: FieldErrors;
  title: string;
  action: string;
  submit: string;
  children: Child;
}) {
  const { person } = props.record;
  const base = `/admin/supporters/${person.id}`;
  return (
    <div class="narrow">
      <ErrorSummary errors={props.errors} title={errorTitle} />
      <BackLink href={base}>{fullName(person) || person.emailAsTyped}</BackLink>
      <h1>{props.title}</h1>
      <Form action={`${base}/${props.action}`} token={props.token}>
        {props.children}
        <button type="submit" class="button">
          {props.submit}
        </button>{' '}
        <a class="button secondary" href={base}>
          Cancel
        </a>
      </Form>
    </div>
  );
}

export function EditDetailsPage(props: {
  record: SupporterRecord;
  token: string;
  values: SupporterFormValues;
  errors: FieldErrors;
}) {
  return (
    <PersonForm {...props} title="Edit details" action="edit" submit="Save details">
      <p>
        A new email address keeps what they unsubscribed from, and the links in emails sent to the old address stop
        opening their preferences.
      </p>
      <DetailsFields values={props.values} errors={props.errors} />
    </PersonForm>
  );
}

/** Where each topic stands today, as a hint under its box. */
function standing(record: SupporterRecord, timeZone: string): Partial<Record<Topic, string>> {
  const hints: Partial<Record<Topic, string>> = {};
  for (const s of record.subscriptions) {
    const since = formatInZone(s.updatedAt, timeZone);
    if (s.status === 'subscribed') hints[s.topic] = `Subscribed since ${since}`;
    if (s.status === 'pending') hints[s.topic] = `Waiting for them to confirm by email since ${since}`;
    if (s.status === 'unsubscribed') hints[s.topic] = `Unsubscribed on ${since}: ticking it needs their new consent`;
  }
  return hints;
}

export function SubscriptionsPage(props: {
  record: SupporterRecord;
  token: string;
  values: SupporterFormValues;
  errors: FieldErrors;
  timeZone: string;
}) {
  const { suppression } = props.record;
  return (
    <PersonForm {...props} title="Change subscriptions" action="subscriptions" submit="Save subscriptions">
      <p>
        Untick what they asked to stop: it stops at once. Tick something they do not get only when they have just agreed
        to it, and tick the box below to say so.
      </p>
      {suppression ? (
        <p class="notice" role="note">
          No bulk email goes to this address whatever is ticked here:{' '}
          {suppressionLabel[suppression.reason] ?? suppression.reason}.
        </p>
      ) : null}
      <TopicChoices
        legend="What they receive"
        values={props.values}
        errors={props.errors}
        hints={standing(props.record, props.timeZone)}
      />
      <ConsentBox
        values={props.values}
        errors={props.errors}
        intro="Only for topics you tick that they do not get yet: their new consent is recorded with these words."
      />
    </PersonForm>
  );
}
