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

/** Who the person is: the same fields when adding them and when correcting them. */
function DetailsFields(props: { values: SupporterFormValues; errors: FieldErrors }) {
  const { values: v, errors } = props;
  return (
    <>
      <Field name="givenName" label="First name" value={v.givenName} error={errors.givenName} maxlength={100} />
      <Field
        name="familyName"
        label="Last name (optional)"
        value={v.familyName}
        error={errors.familyName}
        maxlength={100}
      />
      <Field name="email" label="Email address" type="email" value={v.email} error={errors.email} maxlength={254} />
      <Field
        name="phone"
        label="Phone number (optional)"
        hint="With the area code, like 503-555-0143."
        value={v.phone}
        error={errors.phone}
        inputmode="text"
        maxlength={30}
      />
      <Field
        name="zip"
        label="ZIP code (optional)"
        hint="Finds their county, for events and legislators near them."
        value={v.zip}
        error={errors.zip}
        inputmode="numeric"
        maxlength={10}
      />
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

export function EditDetailsPage(props: {
  record: SupporterRecord;
  token: string;
  values: SupporterFormValues;
  errors: FieldErrors;
}) {
  const { person } = props.record;
  const base = `/admin/supporters/${person.id}`;
  return (
    <div class="narrow">
      <ErrorSummary errors={props.errors} title={errorTitle} />
      <BackLink href={base}>{fullName(person) || person.emailAsTyped}</BackLink>
      <h1>Edit details</h1>
      <p>
        A new email address keeps what they unsubscribed from, and the links in emails sent to the old address stop
        opening their preferences.
      </p>
      <Form action={`${base}/edit`} token={props.token}>
        <DetailsFields values={props.values} errors={props.errors} />
        <button type="submit" class="button">
          Save details
        </button>{' '}
        <a class="button secondary" href={base}>
          Cancel
        </a>
      </Form>
    </div>
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
  const { person, suppression } = props.record;
  const base = `/admin/supporters/${person.id}`;
  return (
    <div class="narrow">
      <ErrorSummary errors={props.errors} title={errorTitle} />
      <BackLink href={base}>{fullName(person) || person.emailAsTyped}</BackLink>
      <h1>Change subscriptions</h1>
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
      <Form action={`${base}/subscriptions`} token={props.token}>
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
        <button type="submit" class="button">
          Save subscriptions
        </button>{' '}
        <a class="button secondary" href={base}>
          Cancel
        </a>
      </Form>
    </div>
  );
}
