import { ErrorSummary, Field, Form, Select, TextArea, type FieldErrors } from '../../../../platform/web/forms.tsx';
import { topicLabels } from './labels.ts';

export type BroadcastValues = {
  name?: string;
  en?: { subject?: string; preheader?: string; body?: string };
  es?: { subject?: string; preheader?: string; body?: string };
  audience?: { topic?: string; tag?: string; county?: string; locale?: string; segment?: string };
};

function VersionFields(props: {
  lang: 'en' | 'es';
  values: BroadcastValues['en'];
  errors: FieldErrors;
  required: boolean;
}) {
  const p = props.lang;
  const v = props.values ?? {};
  // What each field of a version shares: its name under the language, what was typed, its message, the language.
  const part = (key: 'subject' | 'preheader' | 'body') => ({
    name: `${p}.${key}`,
    value: v[key],
    error: props.errors[`${p}.${key}`],
    lang: p,
  });
  return (
    // The legend is in English like the rest of the workspace; only what is typed is in the version's language.
    <fieldset>
      <legend>
        {p === 'en' ? 'English' : 'Spanish (optional: without it, Spanish readers get the English version)'}
      </legend>
      <Field {...part('subject')} label="Subject" required={props.required} maxlength={200} />
      <Field {...part('preheader')} label="Preheader" hint="The line inboxes show after the subject." maxlength={200} />
      <TextArea
        {...part('body')}
        label="Message"
        hint={
          'Markdown: **bold**, _italic_, [a link](https://…), lists with “- ”. ' +
          '{{givenName}} becomes the reader’s first name.'
        }
        required={props.required}
        rows={12}
      />
    </fieldset>
  );
}

/** The compose form, for a new broadcast or a draft. */
export function ComposeForm(props: {
  action: string;
  token: string;
  values: BroadcastValues;
  errors: FieldErrors;
  counties: string[];
  /** Saved segments to choose from; none when the draft's people were chosen elsewhere (an event's attendees). */
  segments?: readonly (readonly [value: string, label: string])[] | undefined;
  submitLabel: string;
}) {
  const a = props.values.audience ?? {};
  return (
    <Form action={props.action} token={props.token}>
      <ErrorSummary errors={props.errors} title="Please fix these and save again" />
      <Field
        name="name"
        label="Name (for staff only)"
        value={props.values.name}
        error={props.errors.name}
        required
        maxlength={120}
      />
      <fieldset>
        <legend>Audience</legend>
        <Select
          name="audience.topic"
          label="Send to"
          value={a.topic}
          error={props.errors['audience.topic']}
          options={Object.entries(topicLabels)}
        />
        {props.segments ? (
          <Select
            name="audience.segment"
            label="Only people in this saved segment (optional)"
            hint="Its people are written down when you save: save again to bring them up to date."
            value={a.segment ?? ''}
            error={props.errors['audience.segment']}
            options={[['', 'No segment'], ...props.segments]}
          />
        ) : null}
        <Field
          name="audience.tag"
          label="Only people with this tag (optional)"
          value={a.tag}
          error={props.errors['audience.tag']}
          maxlength={60}
        />
        <Select
          name="audience.county"
          label="Only people in this county (optional)"
          value={a.county ?? ''}
          error={props.errors['audience.county']}
          options={[['', 'Any county'], ...props.counties.map((c) => [c, c] as const)]}
        />
        <Select
          name="audience.locale"
          label="Only people who read (optional)"
          value={a.locale ?? ''}
          error={props.errors['audience.locale']}
          options={[
            ['', 'Either language'],
            ['en', 'English'],
            ['es', 'Spanish'],
          ]}
        />
      </fieldset>
      <VersionFields lang="en" values={props.values.en} errors={props.errors} required />
      <VersionFields lang="es" values={props.values.es} errors={props.errors} required={false} />
      <div class="form-actions">
        <button type="submit" class="button">
          {props.submitLabel}
        </button>
      </div>
    </Form>
  );
}
